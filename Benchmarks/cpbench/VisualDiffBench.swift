import VisualDiff

/// Benchmarks of the VisualDiff module, by name; each gets the remaining command-line arguments.
let visualdiffBenchmarks: [String: @Sendable ([String]) throws -> Void] = [:]
