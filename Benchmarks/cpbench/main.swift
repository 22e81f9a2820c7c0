import Foundation

// cpbench NAME [ARGS...] runs one in-process benchmark and prints its result lines.
// Whole-process timings are taken by Benchmarks/run.sh around the clusterplot binary itself.
let registry = clusteringBenchmarks
    .merging(plottingBenchmarks) { a, _ in a }
    .merging(galleryBenchmarks) { a, _ in a }
    .merging(visualdiffBenchmarks) { a, _ in a }
    .merging(dbscanBenchmarks) { a, _ in a }
    .merging(hierarchyBenchmarks) { a, _ in a }
    .merging(mixtureBenchmarks) { a, _ in a }
    .merging(scoresBenchmarks) { a, _ in a }
    .merging(dataBenchmarks) { a, _ in a }

let args = Array(CommandLine.arguments.dropFirst())
guard let name = args.first, let bench = registry[name] else {
    FileHandle.standardError.write(Data("usage: cpbench NAME [ARGS...]; names: \(registry.keys.sorted().joined(separator: ", "))\n".utf8))
    exit(2)
}
do {
    try bench(Array(args.dropFirst()))
} catch {
    FileHandle.standardError.write(Data("cpbench \(name): \(error)\n".utf8))
    exit(1)
}
