import Clustering
#if canImport(Glibc)
import Glibc
#endif

/// Benchmarks of agglomerative clustering, by name. The data is
/// `make_blobs(n, 2, centers=8, random_state=0)` (our `makeBlobs` gives scikit-learn's points bit
/// for bit), fitted with `AgglomerativeClustering(n_clusters=8, linkage=…, compute_distances=True)`.
/// Each line ends with `tree=<FNV-1a of children_ and distances_ bits> labels=<FNV-1a of labels_>`,
/// which `Benchmarks/parts/hierarchy.sh` compares with scikit-learn's.
/// Optional arguments: the number of timed runs (default 5), the thread count (default: all).
let hierarchyBenchmarks: [String: @Sendable ([String]) throws -> Void] = [
    "agglo-ward-5k": { args in try benchAgglomerative(samples: 5_000, linkage: .ward, args: args) },
    "agglo-average-5k": { args in try benchAgglomerative(samples: 5_000, linkage: .average, args: args) },
    "agglo-single-20k": { args in try benchAgglomerative(samples: 20_000, linkage: .single, args: args) },
    // Any size and linkage: cpbench agglo N LINKAGE [RUNS] [THREADS]
    "agglo": { args in
        guard args.count >= 2, let n = Int(args[0]), let linkage = Linkage(rawValue: args[1]) else {
            throw ClusteringError.invalidArgument(name: "arguments", reason: "usage: agglo N ward|complete|average|single [RUNS] [THREADS]")
        }
        try benchAgglomerative(samples: n, linkage: linkage, args: Array(args.dropFirst(2)))
    },
]

private func benchAgglomerative(samples: Int, linkage: Linkage, args: [String]) throws {
    let runs = args.first.flatMap { Int($0) }.map { max($0, 1) } ?? 5
    let threads = args.count > 1 ? Int(args[1]) : nil
    let data = try makeBlobs(samples: samples, centers: 8, features: 2, seed: 0).points
    let model = AgglomerativeClustering(k: 8, linkage: linkage, threads: threads)
    var fit: AgglomerativeResult?
    let clock = ContinuousClock()
    var times: [Double] = []
    fit = try model.fit(data)  // warm-up
    for _ in 0..<runs {
        let start = clock.now
        fit = try model.fit(data)
        let (s, atto) = (clock.now - start).components
        times.append(Double(s) * 1e3 + Double(atto) / 1e15)
    }
    times.sort()
    let median = runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2
    guard let fit else { return }
    var tree = FNV1a()
    for c in fit.children { tree.add(UInt64(c.first)); tree.add(UInt64(c.second)) }
    for d in fit.distances { tree.add(d.bitPattern) }
    var labels = FNV1a()
    for l in fit.labels { labels.add(UInt64(l)) }
    print(
        "agglomerative \(linkage.rawValue) \(samples)x2 k=8: \(String(format1: median)) ms"
            + " (min \(String(format1: times[0])) ms) tree=\(tree.hex) labels=\(labels.hex)")
}

/// 64-bit FNV-1a over the 8 little-endian bytes of each value (the bench script's Python twin).
private struct FNV1a {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ v: UInt64) {
        for b in 0..<8 {
            h ^= (v >> (8 * UInt64(b))) & 0xff
            h = h &* 0x100_0000_01b3
        }
    }
    var hex: String {
        let s = String(h, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

private extension String {
    init(format1 ms: Double) { self = String(describing: (ms * 10).rounded() / 10) }
}
