/// How scores treat DBSCAN's noise label −1.
public enum NoiseHandling: Sendable, Equatable {
    /// As scikit-learn does: −1 is one more cluster label like any other.
    case asCluster
    /// Rows labelled −1 are dropped first; the score is computed on the remaining rows.
    case excluded
}

/// The silhouette of a clustering: scikit-learn 1.9.1's `silhouette_samples` and
/// `silhouette_score`, bit for bit.
public struct SilhouetteAnalysis: Sendable, Equatable {
    /// The silhouette coefficient of every row used (`silhouette_samples`), in row order.
    public var samples: [Double]
    /// The mean of `samples` (`silhouette_score`: numpy's pairwise sum, divided by the count).
    public var score: Double
    /// The input rows the samples belong to: `0..<n`, or the non-noise rows with `.excluded`.
    public var rows: [Int]
    /// The labels of those rows (as given).
    public var labels: [Int]
    /// The distinct labels in increasing order (scikit-learn's `LabelEncoder` classes).
    public var clusters: [Int]
}

/// scikit-learn's `silhouette_samples(X, labels)` and `silhouette_score(X, labels)`.
///
/// For each row: `a` = the mean distance to the other members of its cluster (the sum over the
/// cluster divided by `n_c − 1`), `b` = the smallest mean distance to another cluster, and
/// `s = (b − a) / max(a, b)`; a row alone in its cluster gets 0 (`nan_to_num`). Distances are
/// scikit-learn's Euclidean distances (see `PairwiseDistances`), summed per cluster in column order
/// as `np.bincount` does. Rows are processed in blocks over `threads` workers; each row's sums are
/// independent, so the bits never depend on the thread count. Memory: a few KB per block, never
/// an `n × n` matrix.
/// - Parameters:
///   - x: the samples, one per row.
///   - labels: one label per row (any integers; −1 is treated according to `noise`).
///   - noise: `.asCluster` (scikit-learn) or `.excluded` (drop rows labelled −1 first).
///   - threads: worker threads (default: all active processors); the result does not depend on it.
/// - Throws: `ClusteringError` for empty or non-finite data, a label count different from the row
///   count, or fewer than 2 or more than n − 1 distinct labels (scikit-learn's
///   `check_number_of_labels`).
public func silhouette(
    _ x: DataMatrix, labels: [Int], noise: NoiseHandling = .asCluster, threads: Int? = nil
) throws -> SilhouetteAnalysis {
    try silhouette(x, labels: labels, noise: noise, threads: threads, workingMemoryMiB: PairwiseDistances.workingMemoryMiB)
}

/// `silhouette` under scikit-learn's `config_context(working_memory=…)` (tests of the chunked path).
func silhouette(
    _ x: DataMatrix, labels: [Int], noise: NoiseHandling, threads: Int?, workingMemoryMiB: Double
) throws -> SilhouetteAnalysis {
    let input = try ScoreInput(x, labels: labels, noise: noise)
    let threadCount = try Parallelism.resolve(threads)
    let samples = SilhouetteKernel.samples(input, threads: threadCount, workingMemoryMiB: workingMemoryMiB)
    let score = NumpyMath.pairwiseSum(samples) / Double(samples.count)
    return SilhouetteAnalysis(samples: samples, score: score, rows: input.rows, labels: input.originalLabels, clusters: input.clusters)
}

/// `silhouette_samples(X, labels)`; see `silhouette(_:labels:noise:threads:)`.
public func silhouetteSamples(_ x: DataMatrix, labels: [Int], noise: NoiseHandling = .asCluster, threads: Int? = nil) throws -> [Double] {
    try silhouette(x, labels: labels, noise: noise, threads: threads).samples
}

/// `silhouette_score(X, labels)`; see `silhouette(_:labels:noise:threads:)`.
public func silhouetteScore(_ x: DataMatrix, labels: [Int], noise: NoiseHandling = .asCluster, threads: Int? = nil) throws -> Double {
    try silhouette(x, labels: labels, noise: noise, threads: threads).score
}

/// Validated input of a cluster score: the rows used, their encoded labels and the cluster sizes.
struct ScoreInput {
    let x: DataMatrix
    /// Indices of the input rows kept.
    let rows: [Int]
    let originalLabels: [Int]
    /// Labels encoded 0..<k in the order of `clusters` (`LabelEncoder.fit_transform`).
    let encoded: [Int32]
    let clusters: [Int]
    let counts: [Int]

    init(_ data: DataMatrix, labels: [Int], noise: NoiseHandling) throws {
        try data.validateNonEmptyFinite()
        guard labels.count == data.rows else {
            throw ClusteringError.invalidArgument(
                name: "labels", reason: "there are \(labels.count) labels for \(data.rows) samples")
        }
        var keep = Array(0..<data.rows)
        var x = data
        var kept = labels
        if noise == .excluded, labels.contains(-1) {
            keep = keep.filter { labels[$0] != -1 }
            guard !keep.isEmpty else {
                throw ClusteringError.invalidArgument(name: "labels", reason: "every sample is noise (−1)")
            }
            x = data.selectingRows(keep)
            kept = keep.map { labels[$0] }
        }
        let clusters = Array(Set(kept)).sorted()
        let n = kept.count
        // check_number_of_labels: 1 < n_labels < n_samples.
        guard clusters.count > 1, clusters.count < n else {
            throw ClusteringError.invalidArgument(
                name: "labels",
                reason: "the number of labels is \(clusters.count); valid values are 2 to n_samples - 1 (\(n - 1)) inclusive")
        }
        var index: [Int: Int32] = [:]
        for (c, l) in clusters.enumerated() { index[l] = Int32(c) }
        let encoded = kept.map { index[$0]! }
        var counts = [Int](repeating: 0, count: clusters.count)
        for e in encoded { counts[Int(e)] += 1 }
        self.x = x
        self.rows = keep
        self.originalLabels = kept
        self.encoded = encoded
        self.clusters = clusters
        self.counts = counts
    }
}
