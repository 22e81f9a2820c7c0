import LargeArrays
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The linkage criterion of agglomerative clustering (scikit-learn's `linkage`).
public enum Linkage: String, Sendable, CaseIterable {
    /// Minimise the increase of within-cluster variance (scipy's `ward`, Lance–Williams form).
    case ward
    /// The largest distance between members (`complete`).
    case complete
    /// The mean distance between members (`average`, UPGMA).
    case average
    /// The smallest distance between members (`single`), computed from a minimum spanning tree.
    case single

    /// Whether this linkage needs the condensed n(n−1)/2 distance matrix (all but single).
    public var needsDistanceMatrix: Bool { self != .single }
}

/// scikit-learn 1.9.1's `AgglomerativeClustering` without connectivity, reproduced bit for bit:
/// `AgglomerativeClustering(n_clusters=k | None, distance_threshold=t, linkage=…,
/// compute_distances=True)` with euclidean distances.
///
/// The full tree is always built (n − 1 merges, also with `k`), as scikit-learn does without
/// connectivity: ward, complete and average through scipy 1.17.1's `linkage` (condensed `pdist`
/// matrix, nearest-neighbour chain, Lance–Williams updates, stable sort by height, union-find
/// relabelling), single through scikit-learn's own Prim MST in O(n) memory. The labels are
/// `_hc_cut(n_clusters_, children_, n)`; with a threshold, `n_clusters_ = count(distances_ >= t) + 1`.
///
/// ```swift
/// let fit = try AgglomerativeClustering(k: 3, linkage: .average).fit(points)
/// fit.labels; fit.children; fit.distances; fit.tree
/// let cut = try AgglomerativeClustering(distanceThreshold: 1.5).fit(points)   // ward
/// cut.clusterCount
/// ```
public struct AgglomerativeClustering: Sendable, Equatable {
    /// The default limit, in bytes, on the condensed distance matrix of ward / complete / average:
    /// 2 GiB, i.e. up to 23,170 samples (n(n−1)/2 doubles). Single linkage has no such limit.
    public static let defaultMemoryBudget = 2 << 30

    /// The number of clusters (`n_clusters`); exactly one of it and `distanceThreshold` is set.
    public var clusterCount: Int?
    /// The height at or above which merges are undone (`distance_threshold`).
    public var distanceThreshold: Double?
    /// The linkage criterion (default ward).
    public var linkage: Linkage
    /// The largest distance matrix, in bytes, the matrix-based linkages may allocate.
    public var memoryBudget: Int
    /// Worker threads for the distance matrix; `nil` = active processors. Does not change results.
    public var threads: Int?

    /// Creates a configuration; arguments are checked by `fit`.
    /// - Parameters:
    ///   - k: `n_clusters` (at least 1 and at most the number of samples), or `nil`.
    ///   - distanceThreshold: `distance_threshold` (0 or more), or `nil`; exactly one must be set.
    ///   - linkage: `linkage` (default `.ward`).
    ///   - memoryBudget: the limit on the distance matrix in bytes (default 2 GiB).
    ///   - threads: worker threads for the distance matrix; results do not depend on it.
    public init(
        k: Int? = nil, distanceThreshold: Double? = nil, linkage: Linkage = .ward,
        memoryBudget: Int = AgglomerativeClustering.defaultMemoryBudget, threads: Int? = nil
    ) {
        self.clusterCount = k
        self.distanceThreshold = distanceThreshold
        self.linkage = linkage
        self.memoryBudget = memoryBudget
        self.threads = threads
    }

    /// The bytes of the condensed distance matrix for `samples` samples: n(n−1)/2 doubles.
    public static func distanceMatrixBytes(samples n: Int) -> Int {
        guard n > 1 else { return 0 }
        let (pairs, o1) = n.multipliedReportingOverflow(by: n - 1)
        let (bytes, o2) = (pairs / 2).multipliedReportingOverflow(by: MemoryLayout<Double>.stride)
        return o1 || o2 ? Int.max : bytes
    }

    /// Builds the tree over the rows of `data` and cuts it.
    /// - Throws: `ClusteringError.emptyData`, `.nonFiniteValue`, `.invalidArgument` for fewer than
    ///   2 samples, both or neither of `k` and `distanceThreshold`, a negative or NaN threshold, a
    ///   distance matrix over `memoryBudget` (checked before anything is allocated), non-positive
    ///   `threads` or distances that overflow; `.tooFewClusters` / `.tooManyClusters` for `k`
    ///   outside `1…n`.
    public func fit(_ data: DataMatrix) throws -> AgglomerativeResult {
        try data.validateNonEmptyFinite()
        let n = data.rows
        guard n >= 2 else {
            throw ClusteringError.invalidArgument(
                name: "data", reason: "agglomerative clustering needs at least 2 samples, got \(n)")
        }
        guard (clusterCount == nil) != (distanceThreshold == nil) else {
            throw ClusteringError.invalidArgument(
                name: "k", reason: "exactly one of k and distanceThreshold must be set, the other nil")
        }
        if let k = clusterCount {
            guard k >= 1 else { throw ClusteringError.tooFewClusters(k) }
            guard k <= n else { throw ClusteringError.tooManyClusters(clusters: k, samples: n) }
        }
        if let t = distanceThreshold, !(t >= 0) {
            throw ClusteringError.invalidArgument(name: "distanceThreshold", reason: "must be 0 or more, got \(t)")
        }
        let threadCount = try Parallelism.resolve(threads)
        let tree = try Self.tree(data, linkage: linkage, memoryBudget: memoryBudget, threads: threadCount)
        let k = clusterCount ?? tree.clusterCount(threshold: distanceThreshold!)
        return AgglomerativeResult(labels: try tree.labels(clusters: k), clusterCount: k, tree: tree)
    }

    /// The full merge tree (`children_`, `distances_`) for `linkage`.
    static func tree(_ x: DataMatrix, linkage: Linkage, memoryBudget: Int, threads: Int) throws -> LinkageTree {
        let n = x.rows
        let (children, heights): ([MergePair], [Double])
        if linkage == .single {
            (children, heights) = try SingleLinkage.linkage(x)
        } else {
            let bytes = distanceMatrixBytes(samples: n)
            guard bytes <= memoryBudget else {
                throw ClusteringError.invalidArgument(
                    name: "data",
                    reason: "\(linkage.rawValue) linkage of \(n) samples needs a condensed distance matrix of "
                        + "\(n) × \(n - 1) / 2 doubles = \(bytes) bytes (\(Self.formatBytes(bytes))), over the memory "
                        + "budget of \(memoryBudget) bytes (\(Self.formatBytes(memoryBudget)), "
                        + "AgglomerativeClustering.memoryBudget); use fewer samples, a larger budget, "
                        + "or single linkage (O(n) memory)")
            }
            // malloc rather than allocate(capacity:), which would trap when the memory is not there.
            guard let raw = malloc(bytes) else {
                throw ClusteringError.invalidArgument(
                    name: "data", reason: "could not allocate the \(Self.formatBytes(bytes)) distance matrix of \(n) samples")
            }
            defer { free(raw) }
            LargeArray.adviseHugePages(raw, byteCount: bytes)
            let matrix = raw.bindMemory(to: Double.self, capacity: bytes / MemoryLayout<Double>.stride)
            guard CondensedDistances.fill(x, into: matrix, threads: threads) else {
                throw ClusteringError.invalidArgument(
                    name: "data", reason: "a distance between two samples overflows to infinity (values too large)")
            }
            (children, heights) = try NearestNeighborChain.linkage(linkage, n: n, distances: matrix)
        }
        return LinkageTree(
            uncheckedLeafCount: n, children: children, distances: heights,
            counts: LinkageTree.counts(leafCount: n, children: children))
    }

    /// "2.00 GiB", "38.67 KiB", "300 bytes" (two decimals, rounded down).
    static func formatBytes(_ b: Int) -> String {
        let units: [(Int, String)] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (size, name) in units where b >= size {
            let hundredths = Int((Double(b) / Double(size) * 100).rounded(.down))
            let frac = hundredths % 100
            return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac) \(name)"
        }
        return "\(b) bytes"
    }
}

/// The result of `AgglomerativeClustering.fit`: scikit-learn's `labels_`, `n_clusters_`,
/// `children_` and `distances_`, and the tree they form.
public struct AgglomerativeResult: Sendable, Equatable {
    /// The cluster of each sample (`labels_`), numbered as `_hc_cut` numbers them.
    public let labels: [Int]
    /// The number of clusters (`n_clusters_`).
    public let clusterCount: Int
    /// The full merge tree: children, heights and counts (scipy's linkage matrix).
    public let tree: LinkageTree

    /// `children_`: the two nodes of merge `i` (node `n + i`).
    public var children: [MergePair] { tree.children }
    /// `distances_`: the height of merge `i`.
    public var distances: [Double] { tree.distances }
}
