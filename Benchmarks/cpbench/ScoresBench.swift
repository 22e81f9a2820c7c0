import Clustering
#if canImport(Glibc)
import Glibc
#endif

/// Benchmarks of the cluster scores, by name. Workloads (the same as parts/scores.sh times for
/// scikit-learn; our makeBlobs and KMeans give scikit-learn's points and labels bit for bit):
/// - `silhouette-20k`: `silhouette_samples` on make_blobs(20000, centers=8, random_state=0) with the
///   labels of KMeans(8, n_init=1, random_state=0);
/// - `elbow-silhouette-10k`: for k = 2…10, KMeans(k, random_state=0) + silhouette_score on
///   make_blobs(10000, centers=8, random_state=0) (k = 1 has no silhouette);
/// - `silhouette-check N`: prints the score and a hash of the samples for N points (no timing).
/// Optional arguments: timed runs (default 5), thread count (default: all processors).
let scoresBenchmarks: [String: @Sendable ([String]) throws -> Void] = [
    "silhouette-20k": { args in
        let runs = scoresRuns(args), threads = scoresThreads(args)
        let (x, labels) = try silhouetteWorkload(20_000)
        var s: [Double] = []
        let t = try scoresMedianMs(runs: runs) { s = try silhouetteSamples(x, labels: labels, threads: threads) }
        print("silhouette_samples 20000x2 k=8: \(scoresFormat(t)) ms score=\(NumpyMath.pairwiseSum(s) / Double(s.count)) hash=\(samplesHash(s))")
    },
    "elbow-silhouette-10k": { args in
        let runs = scoresRuns(args), threads = scoresThreads(args)
        let x = try makeBlobs(samples: 10_000, centers: 8, features: 2, seed: 0).points
        var curve: ElbowScoreCurve?
        let t = try scoresMedianMs(runs: runs) {
            curve = try elbowScores(points: x, clusterCounts: Array(2...10), metric: .silhouette, seed: 0, threads: threads)
        }
        guard let curve else { return }
        print("elbow k=2..10 silhouette 10000x2: \(scoresFormat(t)) ms knee=\(curve.kneeClusterCount.map(String.init) ?? "none") values=\(curve.values.map { "\($0)" }.joined(separator: ","))")
    },
    "silhouette-check": { args in
        let n = args.first.flatMap { Int($0) } ?? 20_000
        let (x, labels) = try silhouetteWorkload(n)
        let s = try silhouetteSamples(x, labels: labels)
        print("score=\(NumpyMath.pairwiseSum(s) / Double(s.count)) hash=\(samplesHash(s))")
    },
]

private func silhouetteWorkload(_ n: Int) throws -> (DataMatrix, [Int]) {
    let x = try makeBlobs(samples: n, centers: 8, features: 2, seed: 0).points
    return (x, try KMeans(k: 8, seed: 0, nInit: 1).fit(x).labels)
}

/// `sum(bits[i] * (2 i + 1)) mod 2^64`, as parts/scores.sh computes it with numpy.
private func samplesHash(_ s: [Double]) -> UInt64 {
    var h: UInt64 = 0
    for (i, v) in s.enumerated() { h = h &+ v.bitPattern &* (2 &* UInt64(i) &+ 1) }
    return h
}

private func scoresRuns(_ args: [String]) -> Int { args.first.flatMap { Int($0) }.map { max($0, 1) } ?? 5 }

private func scoresThreads(_ args: [String]) -> Int? { args.count > 1 ? Int(args[1]) : nil }

private func scoresMedianMs(runs: Int, _ body: () throws -> Void) throws -> Double {
    try body()
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<runs {
        let d = try clock.measure { try body() }
        times.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
    }
    times.sort()
    let m = times.count
    return m % 2 == 1 ? times[m / 2] : (times[m / 2 - 1] + times[m / 2]) / 2
}

private func scoresFormat(_ ms: Double) -> String {
    let r = (ms * 10).rounded() / 10
    return "\(r)"
}
