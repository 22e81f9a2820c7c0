import Clustering
#if canImport(Glibc)
import Glibc
#endif

/// Benchmarks of the Gaussian mixture and PCA, by name; each gets the remaining arguments.
///
/// `gmm-100k [RUNS] [THREADS]`: `make_blobs(100000, n_features=2, centers=4, random_state=0)` and
/// `GaussianMixture(4, covariance_type="full", random_state=0).fit(X)` (scikit-learn defaults
/// otherwise), the workload `Benchmarks/parts/mixture.sh` times for scikit-learn in the same run.
/// `gmm-check N COVARIANCE`: one fit's n_iter, lower bound and means, to compare with scikit-learn.
/// `pca-100k [RUNS]`: `PCA(2).fit_transform` of make_blobs(100000, n_features=8, centers=5, random_state=0).
let mixtureBenchmarks: [String: @Sendable ([String]) throws -> Void] = [
    "gmm-100k": { args in
        let runs = mixtureRuns(args), threads = args.count > 1 ? Int(args[1]) : nil
        let data = try makeBlobs(samples: 100_000, centers: 4, features: 2, seed: 0).points
        let model = GaussianMixture(k: 4, covariance: .full, seed: 0, threads: threads)
        var fit: GaussianMixtureModel?
        let t = try mixtureMedian(runs: runs) { fit = try model.fit(data) }
        let cpu = mixtureCPU.value
        let initTime = try mixtureMedian(runs: runs) { _ = try KMeans(k: 4, seed: 0, nInit: 1, threads: threads).fit(data) }
        guard let fit else { return }
        print("gmm 100000x2 k=4 full: \(mixtureFormat(t)) ms (kmeans init \(mixtureFormat(initTime)) ms, cpu \(mixtureFormat(cpu)) ms) n_iter=\(fit.iterations) lower_bound=\(fit.lowerBound)")
    },
    "gmm-check": { args in
        let n = args.first.flatMap { Int($0) } ?? 100_000
        let type = args.count > 1 ? GaussianMixture.CovarianceType(rawValue: args[1]) ?? .full : .full
        let data = try makeBlobs(samples: n, centers: 4, features: 2, seed: 0).points
        let fit = try GaussianMixture(k: 4, covariance: type, seed: 0).fit(data)
        print("n_iter=\(fit.iterations) converged=\(fit.converged) lower_bound=\(fit.lowerBound)")
        print("means=" + fit.means.values.map { "\($0)" }.joined(separator: ","))
    },
    "pca-100k": { args in
        let runs = mixtureRuns(args)
        let data = try makeBlobs(samples: 100_000, centers: 5, features: 8, seed: 0).points
        var fit: PCAResult?
        let t = try mixtureMedian(runs: runs) { fit = try PCA(components: 2).fit(data) }
        guard let fit else { return }
        print("pca 100000x8 components=2: \(mixtureFormat(t)) ms solver=\(fit.solver.rawValue) ratio=\(fit.explainedVarianceRatio)")
    },
]

private func mixtureRuns(_ args: [String]) -> Int { args.first.flatMap { Int($0) }.map { max($0, 1) } ?? 7 }

/// Runs `body` once to warm up, then `runs` times; the median wall time in milliseconds.
private func mixtureMedian(runs: Int, _ body: () throws -> Void) throws -> Double {
    try body()
    let clock = ContinuousClock()
    var times: [Double] = [], cpu: [Double] = []
    for _ in 0..<runs {
        let c0 = mixtureProcessCPU()
        let start = clock.now
        try body()
        let (s, atto) = (clock.now - start).components
        cpu.append(mixtureProcessCPU() - c0)
        times.append(Double(s) * 1e3 + Double(atto) / 1e15)
    }
    cpu.sort()
    mixtureCPU.value = cpu[cpu.count / 2]
    times.sort()
    let m = times.count
    return m % 2 == 1 ? times[m / 2] : (times[m / 2 - 1] + times[m / 2]) / 2
}

private func mixtureFormat(_ ms: Double) -> String { String(describing: (ms * 10).rounded() / 10) }

private final class MixtureBox: @unchecked Sendable { var value = 0.0 }
private let mixtureCPU = MixtureBox()

private func mixtureProcessCPU() -> Double {
    #if canImport(Glibc)
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) / 1e6
    #else
    return 0
    #endif
}
