/// The two nodes one merge of a hierarchical clustering joins (a row of scikit-learn's `children_`).
///
/// Node ids below the leaf count are samples; id `leafCount + i` is the cluster formed by merge `i`.
public struct MergePair: Sendable, Hashable, CustomStringConvertible {
    /// The first child (`children_[i][0]`).
    public let first: Int
    /// The second child (`children_[i][1]`).
    public let second: Int

    /// Creates a pair.
    public init(_ first: Int, _ second: Int) {
        self.first = first
        self.second = second
    }

    /// `(first, second)`, as numpy prints a row of `children_`.
    public var description: String { "(\(first), \(second))" }
}

/// A complete binary merge tree over `leafCount` samples: scikit-learn's `children_` and
/// `distances_`, plus the cluster sizes, i.e. scipy's linkage matrix
/// `Z = [children, distances, counts]` (the conversion scikit-learn's dendrogram example uses).
///
/// Merges are in the order they happened, which for the trees built here is non-decreasing height
/// (both scipy's and scikit-learn's paths sort the merges stably by height).
public struct LinkageTree: Sendable, Equatable {
    /// The number of samples (leaves).
    public let leafCount: Int
    /// The children of merge `i` (node `leafCount + i`).
    public let children: [MergePair]
    /// The height (linkage distance) of merge `i`.
    public let distances: [Double]
    /// The number of samples under node `leafCount + i` (scipy's `Z[i, 3]`).
    public let counts: [Int]

    /// Creates a tree from children and heights, computing the counts.
    /// - Throws: `ClusteringError.invalidArgument` unless there are `leafCount − 1 ≥ 1` merges,
    ///   every child is a leaf or an earlier merge, no node is used twice, and the heights are
    ///   finite and not negative (scipy's `is_valid_linkage` rules).
    public init(leafCount: Int, children: [MergePair], distances: [Double]) throws {
        guard leafCount >= 2 else {
            throw ClusteringError.invalidArgument(name: "leafCount", reason: "a merge tree needs at least 2 leaves, got \(leafCount)")
        }
        guard children.count == leafCount - 1, distances.count == leafCount - 1 else {
            throw ClusteringError.invalidArgument(
                name: "children",
                reason: "\(leafCount) leaves need \(leafCount - 1) merges and heights, got \(children.count) and \(distances.count)")
        }
        var used = [Bool](repeating: false, count: 2 * leafCount - 1)
        var counts = [Int](repeating: 0, count: leafCount - 1)
        for (i, pair) in children.enumerated() {
            var c = 0
            for node in [pair.first, pair.second] {
                guard node >= 0, node < leafCount + i else {
                    throw ClusteringError.invalidArgument(
                        name: "children", reason: "merge \(i) uses node \(node) before it is formed")
                }
                guard !used[node] else {
                    throw ClusteringError.invalidArgument(name: "children", reason: "node \(node) is merged twice")
                }
                used[node] = true
                c += node < leafCount ? 1 : counts[node - leafCount]
            }
            counts[i] = c
            guard distances[i].isFinite, distances[i] >= 0 else {
                throw ClusteringError.invalidArgument(
                    name: "distances", reason: "height \(i) must be finite and not negative, got \(distances[i])")
            }
        }
        self.leafCount = leafCount
        self.children = children
        self.distances = distances
        self.counts = counts
    }

    /// Unchecked initialiser for trees built inside the module.
    init(uncheckedLeafCount n: Int, children: [MergePair], distances: [Double], counts: [Int]) {
        self.leafCount = n
        self.children = children
        self.distances = distances
        self.counts = counts
    }

    /// Counts for a tree known to be valid (children of merge i are leaves or earlier merges).
    static func counts(leafCount n: Int, children: [MergePair]) -> [Int] {
        var counts = [Int](repeating: 0, count: children.count)
        for (i, p) in children.enumerated() {
            counts[i] = (p.first < n ? 1 : counts[p.first - n]) + (p.second < n ? 1 : counts[p.second - n])
        }
        return counts
    }

    /// The id of the root node, `2·leafCount − 2`.
    public var root: Int { 2 * leafCount - 2 }

    /// The number of clusters a distance threshold gives: scikit-learn's
    /// `count_nonzero(distances_ >= threshold) + 1`.
    public func clusterCount(threshold: Double) -> Int {
        var c = 1
        for d in distances where d >= threshold { c += 1 }
        return c
    }

    /// Flat labels for `k` clusters, exactly scikit-learn's `_hc_cut(k, children_, n_leaves)`:
    /// the `k − 1` highest nodes are split (a heap of negated node ids, CPython `heapq` order), and
    /// cluster `c` is the `c`-th entry of the final heap array — so the numbering depends only on
    /// `children`.
    /// - Throws: `ClusteringError.tooFewClusters` for `k < 1`, `.tooManyClusters` for `k > leafCount`.
    public func labels(clusters k: Int) throws -> [Int] {
        guard k >= 1 else { throw ClusteringError.tooFewClusters(k) }
        guard k <= leafCount else { throw ClusteringError.tooManyClusters(clusters: k, samples: leafCount) }
        let n = leafCount
        var heap = MinHeapOfInts()
        heap.items.reserveCapacity(k)
        let last = children[n - 2]
        heap.items.append(-(max(last.first, last.second) + 1))
        for _ in 0..<(k - 1) {
            let split = children[-heap.items[0] - n]
            heap.push(-split.first)
            _ = heap.pushPop(-split.second)
        }
        var labels = [Int](repeating: 0, count: n)
        var stack: [Int] = []
        for (c, negated) in heap.items.enumerated() {
            stack.append(-negated)
            while let node = stack.popLast() {
                if node < n {
                    labels[node] = c
                } else {
                    let p = children[node - n]
                    stack.append(p.first)
                    stack.append(p.second)
                }
            }
        }
        return labels
    }

    /// Flat labels for a cut at `height`: `labels(clusters: clusterCount(threshold: height))`,
    /// scikit-learn's `distance_threshold` rule (merges at exactly `height` stay split).
    /// - Throws: `ClusteringError.invalidArgument` for a negative or NaN height.
    public func labels(height: Double) throws -> [Int] {
        guard height >= 0 else {
            throw ClusteringError.invalidArgument(name: "height", reason: "must be 0 or more, got \(height)")
        }
        return try labels(clusters: clusterCount(threshold: height))
    }

    /// Where to draw a horizontal cut line that leaves `k` clusters (see `CutLine`): halfway
    /// between the last merge kept below it and the first merge above it (the rule of factoextra's
    /// `fviz_dend`, `mean(rev(height)[k − 1 : k])`), halfway between 0 and the lowest merge for
    /// `k = n`, and at the root's height for `k = 1` (nothing lies above the root).
    /// - Throws: `ClusteringError.tooFewClusters` / `.tooManyClusters` outside `1…leafCount`.
    public func cutLine(clusters k: Int) throws -> CutLine {
        guard k >= 1 else { throw ClusteringError.tooFewClusters(k) }
        guard k <= leafCount else { throw ClusteringError.tooManyClusters(clusters: k, samples: leafCount) }
        let n = leafCount
        if k == 1 { return CutLine(height: distances[n - 2], lower: distances[n - 2], upper: nil) }
        let upper = distances[n - k]
        let lower = k == n ? 0.0 : distances[n - k - 1]
        return CutLine(height: (lower + upper) / 2, lower: lower, upper: upper)
    }
}

/// A horizontal cut of a dendrogram that leaves a given number of clusters.
public struct CutLine: Sendable, Equatable {
    /// The height to draw the line at.
    public let height: Double
    /// The height of the highest merge that stays below the line (0 when none does).
    public let lower: Double
    /// The height of the lowest merge above the line; `nil` for one cluster (the root is below).
    public let upper: Double?

    /// Whether `labels(height: height)` gives exactly the requested clusters: the two bracketing
    /// heights differ (no tie at the cut) and there is a merge above the line. When false, no
    /// horizontal line does, and `labels(clusters:)` splits the tie the way the merge order does.
    public var separatesExactly: Bool { upper.map { lower < $0 } ?? false }
}

/// A binary min-heap of distinct `Int`s with CPython `heapq`'s exact sift order (`heappush`,
/// `heappushpop`), so the array layout — which `_hc_cut` turns into label numbers — matches.
struct MinHeapOfInts {
    var items: [Int] = []

    /// `heapq.heappush`.
    mutating func push(_ item: Int) {
        items.append(item)
        siftDown(start: 0, pos: items.count - 1)
    }

    /// `heapq.heappushpop`: push then pop the smallest, as one operation.
    mutating func pushPop(_ item: Int) -> Int {
        guard let top = items.first, top < item else { return item }
        items[0] = item
        siftUp(0)
        return top
    }

    /// CPython's `_siftdown(heap, startpos, pos)`: move `items[pos]` up towards the root.
    private mutating func siftDown(start: Int, pos p: Int) {
        var pos = p
        let newItem = items[pos]
        while pos > start {
            let parentPos = (pos - 1) >> 1
            let parent = items[parentPos]
            if newItem < parent {
                items[pos] = parent
                pos = parentPos
                continue
            }
            break
        }
        items[pos] = newItem
    }

    /// CPython's `_siftup(heap, pos)`: sink to a leaf along smaller children, then sift down.
    private mutating func siftUp(_ p: Int) {
        var pos = p
        let end = items.count
        let start = pos
        let newItem = items[pos]
        var child = 2 * pos + 1
        while child < end {
            let right = child + 1
            if right < end && !(items[child] < items[right]) { child = right }
            items[pos] = items[child]
            pos = child
            child = 2 * pos + 1
        }
        items[pos] = newItem
        siftDown(start: start, pos: pos)
    }
}
