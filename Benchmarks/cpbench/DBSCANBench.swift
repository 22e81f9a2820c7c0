import Clustering
#if canImport(Glibc)
import Glibc
#endif

/// DBSCAN and k-distance benchmarks (`Benchmarks/parts/dbscan.sh` times scikit-learn on the same
/// data in the same run). Data: `make_blobs(n, 2, centers=8, random_state=0)`, which our
/// `makeBlobs` reproduces bit for bit. Arguments: `[runs] [threads]`.
let dbscanBenchmarks: [String: @Sendable ([String]) throws -> Void] = [
    // eps 0.09 gives about 29 neighbours per point on this data (min_samples 10).
    "dbscan-100k": { args in
        let runs = dbscanBenchRuns(args), threads = args.count > 1 ? Int(args[1]) : nil
        let data = try makeBlobs(samples: 100_000, centers: 8, features: 2, seed: 0).points
        var fit: DBSCANResult?
        let model = DBSCAN(eps: 0.09, minSamples: 10, threads: threads)
        let (t, cpu) = try dbscanMedian(runs: runs) { fit = try model.fit(data) }
        guard let fit else { return }
        let neighbours = Double(fit.neighborCounts.reduce(0, +)) / Double(data.rows)
        print(
            "dbscan 100000x2 eps=0.09 min_samples=10: \(dbscanFormat(t)) ms (cpu \(dbscanFormat(cpu)) ms)"
                + " clusters=\(fit.clusterCount) noise=\(fit.noiseCount) core=\(fit.coreSampleIndices.count)"
                + " checksum=\(dbscanChecksum(fit.labels)) mean_neighbours=\(dbscanFormat(neighbours))")
    },
    "kdistance-100k": { args in
        let runs = dbscanBenchRuns(args), threads = args.count > 1 ? Int(args[1]) : nil
        let data = try makeBlobs(samples: 100_000, centers: 8, features: 2, seed: 0).points
        var d: [Double] = []
        let (t, cpu) = try dbscanMedian(runs: runs) { d = try kDistances(data, k: 10, threads: threads) }
        print("k-distance 100000x2 k=10: \(dbscanFormat(t)) ms (cpu \(dbscanFormat(cpu)) ms) median=\(d[d.count / 2]) max=\(d[d.count - 1])")
    },
]

/// Label checksum shared with the Python side of parts/dbscan.sh: Σ (label + 1) · (i % 1009).
private func dbscanChecksum(_ labels: [Int]) -> Int {
    labels.enumerated().reduce(0) { $0 + ($1.element + 1) * ($1.offset % 1009) }
}

private func dbscanBenchRuns(_ args: [String]) -> Int { args.first.flatMap { Int($0) }.map { max($0, 1) } ?? 7 }

/// Median wall time and median process CPU time (ms) of `runs` timed runs after one warm-up.
private func dbscanMedian(runs: Int, _ body: () throws -> Void) throws -> (Double, Double) {
    try body()
    let clock = ContinuousClock()
    var wall: [Double] = [], cpu: [Double] = []
    for _ in 0..<runs {
        let c0 = dbscanCPU()
        let d = try clock.measure { try body() }
        cpu.append(dbscanCPU() - c0)
        wall.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
    }
    wall.sort(); cpu.sort()
    return (wall[wall.count / 2], cpu[cpu.count / 2])
}

private func dbscanCPU() -> Double {
    #if canImport(Glibc)
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) * 1e-6
    #else
    return 0
    #endif
}

private func dbscanFormat(_ ms: Double) -> String { String(describing: (ms * 10).rounded() / 10) }
