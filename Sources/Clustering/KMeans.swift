#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// scikit-learn's `KMeans` (Lloyd's algorithm) reproduced bit for bit.
///
/// Defaults are scikit-learn 1.9's: k-means++ initialisation with `2 + ⌊ln k⌋` local trials,
/// `n_init="auto"` (one run for k-means++ or given centres, ten for random), `max_iter=300`,
/// `tol=1e-4` scaled by the mean feature variance. The data is centred first, Lloyd iterations sum
/// in scikit-learn's 256-sample chunks split over two OpenMP threads, centres are divided by
/// multiplying with the reciprocal count, empty clusters are relocated, and a final E-step and the
/// inertia follow; see docs/clustering.md and the reference specification.
///
/// The arithmetic always follows the reference machine's two-thread order, whatever `threads` is:
/// the bits of every result are the same for 1, 2 or 64 threads.
///
/// ```swift
/// let blobs = try makeBlobs(samples: 300, centers: 4, seed: 42)
/// let fit = try KMeans(k: 4, seed: 42).fit(blobs.points)
/// fit.labels; fit.centers; fit.inertia; fit.iterations; fit.initialIndices
/// ```
public struct KMeans: Sendable, Equatable {
    /// How the initial centres are chosen.
    public enum Initialization: Sendable, Equatable {
        /// scikit-learn's greedy k-means++ (`init="k-means++"`).
        case kMeansPlusPlus
        /// `k` distinct samples drawn with `choice(n, k, replace=False)` (`init="random"`).
        case random
        /// These centres (k rows, in data coordinates).
        case centers(DataMatrix)
    }

    /// The number of clusters `k`.
    public var clusterCount: Int
    /// The `random_state` seed, 0…2³²−1.
    public var seed: Int
    /// The initialisation method.
    public var initialization: Initialization
    /// The number of runs (`n_init`); `nil` means scikit-learn's `"auto"`.
    public var initCount: Int?
    /// The maximum number of Lloyd iterations per run (`max_iter`).
    public var maxIterations: Int
    /// The relative tolerance (`tol`), multiplied by the mean feature variance.
    public var tolerance: Double
    /// The number of threads; `nil` means the number of active processors. Does not change results.
    public var threads: Int?
    /// Whether the result keeps the centres after every iteration (`centerHistory`).
    public var recordsHistory: Bool

    /// Creates a configuration with scikit-learn's defaults.
    /// - Parameters:
    ///   - k: the number of clusters (`n_clusters`).
    ///   - seed: the `random_state`.
    ///   - initialization: `init` (default k-means++).
    ///   - nInit: `n_init`; `nil` = `"auto"`.
    ///   - maxIter: `max_iter` (default 300).
    ///   - tol: `tol` (default 1e-4).
    ///   - threads: worker threads (default: active processors); results do not depend on it.
    ///   - recordHistory: keep the centres after each iteration.
    public init(
        k: Int, seed: Int, init initialization: Initialization = .kMeansPlusPlus, nInit: Int? = nil,
        maxIter: Int = 300, tol: Double = 1e-4, threads: Int? = nil, recordHistory: Bool = false
    ) {
        self.clusterCount = k
        self.seed = seed
        self.initialization = initialization
        self.initCount = nInit
        self.maxIterations = maxIter
        self.tolerance = tol
        self.threads = threads
        self.recordsHistory = recordHistory
    }

    /// Clusters the rows of `data`.
    /// - Throws: `ClusteringError` for empty or non-finite data, `k < 1`, `k > rows`, a seed out of
    ///   range, non-positive `maxIter`/`nInit`/`threads`, a negative or non-finite `tol`, or given
    ///   centres of the wrong shape.
    public func fit(_ data: DataMatrix) throws -> KMeansResult {
        guard seed >= 0, seed <= RandomState.maximumSeed else { throw ClusteringError.seedOutOfRange(seed) }
        var rs = RandomState(seed: UInt32(seed))
        return try fit(data, randomState: &rs)
    }

    /// Clusters the rows of `data`, drawing from the caller's generator instead of a fresh
    /// `RandomState(seed)` (`seed` is ignored): scikit-learn's `KMeans(random_state=rs)` with a
    /// `RandomState` *instance*, whose stream the fit advances — as `GaussianMixture` does with its
    /// own generator for the initial responsibilities.
    /// - Throws: as `fit(_:)`, except for the seed.
    public func fit(_ data: DataMatrix, randomState rs: inout RandomState) throws -> KMeansResult {
        try data.validateNonEmptyFinite()
        let n = data.rows, d = data.columns, k = clusterCount
        guard k >= 1 else { throw ClusteringError.tooFewClusters(k) }
        guard k <= n else { throw ClusteringError.tooManyClusters(clusters: k, samples: n) }
        guard maxIterations >= 1 else {
            throw ClusteringError.invalidArgument(name: "maxIter", reason: "must be at least 1, got \(maxIterations)")
        }
        guard tolerance >= 0, tolerance.isFinite else {
            throw ClusteringError.invalidArgument(name: "tol", reason: "must be finite and not negative, got \(tolerance)")
        }
        if let m = initCount, m < 1 {
            throw ClusteringError.invalidArgument(name: "nInit", reason: "must be at least 1, got \(m)")
        }
        let threadCount = try Parallelism.resolve(threads)
        var runs: Int
        switch initialization {
        case .kMeansPlusPlus: runs = initCount ?? 1
        case .random: runs = initCount ?? 10
        case let .centers(c):
            guard c.rows == k, c.columns == d else {
                throw ClusteringError.invalidArgument(
                    name: "init", reason: "given centres are \(c.rows) × \(c.columns), expected \(k) × \(d)")
            }
            try c.validateNonEmptyFinite()
            runs = 1  // scikit-learn warns and uses one run for explicit centres
        }

        // Set-up (section 5.1): tolerance on the uncentred data, then centre.
        let mean = NumpyMath.columnMeans(data)
        let absoluteTolerance: Double
        if tolerance == 0 {
            absoluteTolerance = 0
        } else {
            let variances = NumpyMath.columnVariances(data, means: mean)
            absoluteTolerance = (NumpyMath.pairwiseSum(variances) / Double(d)) * tolerance
        }
        var centred = data.values
        centred.withUnsafeMutableBufferPointer { v in
            for i in 0..<n { for f in 0..<d { v[i * d + f] = v[i * d + f] - mean[f] } }
        }
        let engine = KMeansEngine(x: centred, n: n, d: d, k: k, threads: threadCount)

        var best: KMeansEngine.Run?
        for _ in 0..<runs {
            let initial: [Double]
            let indices: [Int]
            switch initialization {
            case .kMeansPlusPlus:
                indices = engine.kMeansPlusPlus(&rs)
                initial = engine.rows(indices)
            case .random:
                indices = try engine.randomIndices(&rs)
                initial = engine.rows(indices)
            case let .centers(c):
                indices = []
                var v = c.values
                for j in 0..<k { for f in 0..<d { v[j * d + f] = v[j * d + f] - mean[f] } }
                initial = v
            }
            let run = engine.lloyd(
                initial: initial, indices: indices, maxIterations: maxIterations,
                tolerance: absoluteTolerance, recordHistory: recordsHistory)
            if let b = best {
                if run.inertia < b.inertia && !KMeansEngine.sameClustering(run.labels, b.labels, k) { best = run }
            } else {
                best = run
            }
        }
        guard let run = best else { throw ClusteringError.emptyData }
        func uncentre(_ c: [Double]) -> DataMatrix {
            var v = c
            for j in 0..<(v.count / d) { for f in 0..<d { v[j * d + f] = v[j * d + f] + mean[f] } }
            return DataMatrix(uncheckedRows: v.count / d, columns: d, values: v)
        }
        return KMeansResult(
            labels: run.labels,
            centers: uncentre(run.centers),
            inertia: run.inertia,
            iterations: run.iterations,
            initialIndices: run.indices,
            initialCenters: uncentre(run.initial),
            centerHistory: run.history.map(uncentre),
            mean: mean,
            absoluteTolerance: absoluteTolerance,
            convergedStrictly: run.strict)
    }
}

/// The result of `KMeans.fit`: scikit-learn's fitted attributes plus the initialisation details.
public struct KMeansResult: Sendable, Equatable {
    /// The cluster of each sample (`labels_`).
    public var labels: [Int]
    /// The cluster centres, k rows (`cluster_centers_`).
    public var centers: DataMatrix
    /// The sum of squared distances of samples to their centre (`inertia_`).
    public var inertia: Double
    /// The number of Lloyd iterations run (`n_iter_`).
    public var iterations: Int
    /// The sample indices the initialisation picked (k-means++ or random), in pick order; empty
    /// for given centres.
    public var initialIndices: [Int]
    /// The initial centres in data coordinates: the centred initial centres plus `mean`, as
    /// scikit-learn reports them (this can differ from `X[initialIndices]` in the last bit).
    public var initialCenters: DataMatrix
    /// The centres after each iteration (data coordinates); empty unless `recordHistory` was set.
    public var centerHistory: [DataMatrix]
    /// The column means subtracted before clustering.
    public var mean: [Double]
    /// The absolute tolerance the run used (`tol × mean(var(X, axis=0))`).
    public var absoluteTolerance: Double
    /// Whether the labels stopped changing (scikit-learn's "strict convergence").
    public var convergedStrictly: Bool
}

/// scikit-learn's public `kmeans_plusplus(X, n_clusters, random_state=seed)`: the greedy
/// k-means++ picks on the data as given (unlike `KMeans.fit`, which centres the data first, so the
/// picks can differ in near ties).
/// - Returns: the chosen centres (`X[indices]`) and the sample indices, in pick order.
/// - Throws: `ClusteringError` for empty or non-finite data, `k < 1`, `k > rows`, or a bad seed.
public func kMeansPlusPlus(
    _ data: DataMatrix, k: Int, seed: Int, threads: Int? = nil
) throws -> (centers: DataMatrix, indices: [Int]) {
    try data.validateNonEmptyFinite()
    guard k >= 1 else { throw ClusteringError.tooFewClusters(k) }
    guard k <= data.rows else { throw ClusteringError.tooManyClusters(clusters: k, samples: data.rows) }
    var rs = try RandomState(seed: seed)
    let engine = KMeansEngine(x: data.values, n: data.rows, d: data.columns, k: k, threads: try Parallelism.resolve(threads))
    let indices = engine.kMeansPlusPlus(&rs)
    return (data.selectingRows(indices), indices)
}
