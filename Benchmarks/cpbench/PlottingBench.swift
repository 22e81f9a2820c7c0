import Plotting

/// Benchmarks of the Plotting module, by name; each gets the remaining command-line arguments.
let plottingBenchmarks: [String: @Sendable ([String]) throws -> Void] = [:]
