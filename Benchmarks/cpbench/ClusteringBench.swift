import Clustering

/// Benchmarks of the Clustering module, by name; each gets the remaining command-line arguments.
let clusteringBenchmarks: [String: @Sendable ([String]) throws -> Void] = [:]
