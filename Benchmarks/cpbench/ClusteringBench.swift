import Clustering
#if canImport(Glibc)
import Glibc
#endif

/// Benchmarks of the Clustering module, by name; each gets the remaining command-line arguments.
///
/// The workloads are the ones `../shared/bench/kmeans_bench.py` times for scikit-learn:
/// `make_blobs(n, n_features, centers=8, random_state=0)` and
/// `KMeans(8, init="k-means++", n_init=1, max_iter=300, random_state=0)` (our `makeBlobs` gives the
/// same points bit for bit). Optional first argument: the number of timed runs (default 7);
/// second: the thread count (default: all processors).
let clusteringBenchmarks: [String: @Sendable ([String]) throws -> Void] = [
    "blobs-1m": { args in
        let runs = benchRuns(args)
        let t = try medianMilliseconds(runs: runs) {
            _ = try makeBlobs(samples: 1_000_000, centers: 8, features: 2, seed: 0)
        }
        print("make_blobs 1000000x2 centers=8: \(format(t)) ms (min \(format(benchMinimum.value)) ms, cpu \(format(benchCPU.value)) ms)")
    },
    "kmeanspp-1m": { args in
        let runs = benchRuns(args), threads = benchThreads(args)
        let data = try makeBlobs(samples: 1_000_000, centers: 8, features: 2, seed: 0).points
        let t = try medianMilliseconds(runs: runs) { _ = try kMeansPlusPlus(data, k: 8, seed: 0, threads: threads) }
        print("kmeans++ 1000000x2 k=8: \(format(t)) ms (min \(format(benchMinimum.value)) ms)")
    },
    "kmeans-1m": { args in try benchKMeans(samples: 1_000_000, features: 2, args: args) },
    "kmeans-100k": { args in try benchKMeans(samples: 100_000, features: 2, args: args) },
    "kmeans-100k16": { args in try benchKMeans(samples: 100_000, features: 16, args: args) },
    // Not a timing: prints a fit's centres and a label checksum, to compare with scikit-learn.
    "kmeans-check": { args in
        let n = args.first.flatMap { Int($0) } ?? 1_000_000
        let f = args.count > 1 ? Int(args[1]) ?? 2 : 2
        let data = try makeBlobs(samples: n, centers: 8, features: f, seed: 0).points
        let fit = try KMeans(k: 8, seed: 0, nInit: 1).fit(data)
        var checksum = 0
        for (i, l) in fit.labels.enumerated() { checksum += (l * i) % 1_000_003 }
        print("n_iter=\(fit.iterations) inertia=\(fit.inertia) labels_checksum=\(checksum)")
        print("centers=" + fit.centers.values.map { "\($0)" }.joined(separator: ","))
    },
]

private func benchRuns(_ args: [String]) -> Int { args.first.flatMap { Int($0) }.map { max($0, 1) } ?? 7 }

private func benchThreads(_ args: [String]) -> Int? { args.count > 1 ? Int(args[1]) : nil }

private func benchKMeans(samples: Int, features: Int, args: [String]) throws {
    let runs = benchRuns(args), threads = benchThreads(args)
    let data = try makeBlobs(samples: samples, centers: 8, features: features, seed: 0).points
    var fit: KMeansResult?
    let model = KMeans(k: 8, seed: 0, nInit: 1, threads: threads)
    let total = try medianMilliseconds(runs: runs) { fit = try model.fit(data) }
    let totalCPU = benchCPU.value
    let initTime = try medianMilliseconds(runs: runs) { _ = try kMeansPlusPlus(data, k: 8, seed: 0, threads: threads) }
    let initCPU = benchCPU.value
    guard let fit else { return }
    print(
        "kmeans \(samples)x\(features) k=8: \(format(total)) ms (kmeans++ \(format(initTime)) ms)"
            + " n_iter=\(fit.iterations) inertia=\(fit.inertia) cpu=\(format(totalCPU))/\(format(initCPU)) ms")
}

/// Runs `body` once to warm up, then `runs` times; returns the median wall time in milliseconds
/// (monotonic clock).
private func medianMilliseconds(runs: Int, _ body: () throws -> Void) throws -> Double {
    try body()
    let clock = ContinuousClock()
    var times: [Double] = []
    var cpu: [Double] = []
    for _ in 0..<runs {
        let cpuStart = processCPUMilliseconds()
        let start = clock.now
        try body()
        let elapsed = clock.now - start
        cpu.append(processCPUMilliseconds() - cpuStart)
        let (seconds, attoseconds) = elapsed.components
        times.append(Double(seconds) * 1e3 + Double(attoseconds) / 1e15)
    }
    cpu.sort()
    benchCPU.set(cpu[cpu.count / 2])
    times.sort()
    benchMinimum.set(times[0])
    let m = times.count
    return m % 2 == 1 ? times[m / 2] : (times[m / 2 - 1] + times[m / 2]) / 2
}

private func format(_ ms: Double) -> String {
    let tenths = (ms * 10).rounded() / 10
    return String(describing: tenths)
}

/// The fastest run of the last `medianMilliseconds` call (printed by `CP_BENCH_MIN=1`).
private final class MinimumBox: @unchecked Sendable {
    var value = 0.0
    func set(_ v: Double) { value = v }
}
private let benchMinimum = MinimumBox()
/// The median process CPU time (all threads) of the last `medianMilliseconds` call.
private let benchCPU = MinimumBox()

private func processCPUMilliseconds() -> Double {
    #if canImport(Glibc)
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) / 1e6
    #else
    return 0
    #endif
}
