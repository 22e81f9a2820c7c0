/// scikit-learn 1.9.1's `DBSCAN(eps, min_samples)` (Euclidean metric, `algorithm='auto'`),
/// reproduced exactly: the same labels and core samples.
///
/// ```swift
/// let fit = try DBSCAN(eps: 0.3, minSamples: 10).fit(points)
/// fit.labels               // cluster per point, −1 for noise
/// fit.coreSampleIndices    // ascending
/// ```
///
/// What decides the answer, and how it is reproduced:
/// - **Neighbourhoods** include the point itself; a point is core when its neighbourhood has at
///   least `minSamples` points. Whether `j` is in `i`'s neighbourhood is decided by the arithmetic
///   of the algorithm scikit-learn's `auto` picks (`NeighborAlgorithm`): the kd-tree's
///   `Σ(xᵢ − yᵢ)² ≤ eps · eps` (summed over the features in order), or, with more than 15
///   features or fewer than 12 samples (`n_neighbors = 5 ≥ n // 2`), brute force's
///   `max(0, (‖x‖² − 2x·y) + ‖y‖²) ≤ eps · eps`. The two disagree when a distance is (nearly)
///   exactly `eps`, which lattice data hits all the time.
/// - **Clusters** grow as in `_dbscan_inner.pyx`: from each unlabelled core point in index order,
///   through the neighbourhoods of core points. So cluster numbers follow the lowest core index
///   and a border point joins the first cluster that reaches it; the order of neighbours inside a
///   neighbourhood cannot change the result.
///
/// Neighbourhoods are never stored: a uniform grid (cells at least `eps` wide, the exact test on
/// every candidate) counts them in parallel and lists a core point's neighbours when the cluster
/// growth reaches it, so memory is O(n) for any `eps`.
public struct DBSCAN: Sendable {
    /// The neighbourhood radius, `eps > 0`.
    public var eps: Double
    /// The neighbourhood size (the point itself included) that makes a point core, at least 1.
    public var minSamples: Int
    /// Which of scikit-learn's distance arithmetics to follow (default: what `auto` picks).
    public var algorithm: NeighborAlgorithm
    /// The number of threads (default: all processors); the result is the same for any.
    public var threads: Int?

    /// Creates a DBSCAN configuration (scikit-learn's default `min_samples` is 5).
    public init(eps: Double, minSamples: Int = 5, algorithm: NeighborAlgorithm = .auto, threads: Int? = nil) {
        self.eps = eps
        self.minSamples = minSamples
        self.algorithm = algorithm
        self.threads = threads
    }

    /// Clusters `x` (`DBSCAN(...).fit(X)`).
    /// - Throws: `ClusteringError.emptyData`, `.nonFiniteValue`; `.invalidArgument` for
    ///   `eps` not finite and positive, `minSamples < 1`, `threads < 1`.
    public func fit(_ x: DataMatrix) throws -> DBSCANResult {
        guard eps > 0, eps.isFinite else {
            throw ClusteringError.invalidArgument(name: "eps", reason: "must be a finite number greater than 0, got \(eps)")
        }
        guard minSamples >= 1 else {
            throw ClusteringError.invalidArgument(name: "minSamples", reason: "must be at least 1, got \(minSamples)")
        }
        let threads = try Parallelism.resolve(threads)
        try x.validateNonEmptyFinite()
        let n = x.rows
        // DBSCAN's NearestNeighbors keeps the default n_neighbors = 5, which only matters for `auto`.
        let rule = NeighborAlgorithm.resolved(algorithm, samples: n, features: x.columns, neighbors: 5)
        let search = RadiusNeighbors(points: x, radius: eps, algorithm: rule)
        let counts = search.counts(threads: threads)
        let isCore = counts.map { $0 >= minSamples }

        // `dbscan_inner`: a depth-first search from every unlabelled core point in index order.
        // A point reached from a core point takes the current label at once (scikit-learn labels
        // it when popped, but nothing else can label it in between) and only core points are
        // expanded, so the stack holds core points only.
        var labels = [Int](repeating: -1, count: n)
        var stack: [Int] = []
        var cluster = 0
        for seed in 0..<n where labels[seed] == -1 && isCore[seed] {
            labels[seed] = cluster
            stack.append(seed)
            while let p = stack.popLast() {
                search.forEachNeighbor(of: p) { v in
                    if labels[v] == -1 {
                        labels[v] = cluster
                        if isCore[v] { stack.append(v) }
                    }
                }
            }
            cluster += 1
        }
        let core = (0..<n).filter { isCore[$0] }
        return DBSCANResult(
            labels: labels, coreSampleIndices: core, neighborCounts: counts, clusterCount: cluster, algorithm: rule)
    }
}

/// The result of `DBSCAN.fit`.
public struct DBSCANResult: Sendable, Equatable {
    /// The cluster of each point, numbered from 0 in the order clusters were grown; −1 for noise
    /// (`labels_`).
    public var labels: [Int]
    /// The core points, ascending (`core_sample_indices_`).
    public var coreSampleIndices: [Int]
    /// The size of each point's ε-neighbourhood, the point itself included.
    public var neighborCounts: [Int]
    /// The number of clusters (noise not counted).
    public var clusterCount: Int
    /// The distance arithmetic that was followed (`auto` resolved to `.kdTree` or `.brute`).
    public var algorithm: NeighborAlgorithm

    /// Whether each point is a core point.
    public var isCore: [Bool] {
        var mask = [Bool](repeating: false, count: labels.count)
        for i in coreSampleIndices { mask[i] = true }
        return mask
    }

    /// The number of noise points (label −1).
    public var noiseCount: Int { labels.reduce(0) { $0 + ($1 == -1 ? 1 : 0) } }
}
