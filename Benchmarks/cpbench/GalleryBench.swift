import Gallery

/// Benchmarks of the Gallery module, by name; each gets the remaining command-line arguments.
let galleryBenchmarks: [String: @Sendable ([String]) throws -> Void] = [:]
