/// The geometry of a dendrogram, equal to scipy 1.17.1's
/// `dendrogram(Z, p, truncate_mode, color_threshold, count_sort, distance_sort, labels,
/// show_leaf_counts, no_plot=True)` for the linkage matrix `Z = [children, distances, counts]` of a
/// `LinkageTree`: the leaf order (`leaves`), the leaf labels (`ivl`), every U-shaped link's
/// `icoord` / `dcoord`, each link's colour (`color_list`, as palette indices) and each leaf's
/// (`leaves_color_list`). Nothing is drawn; coordinates are in scipy's units (leaves at
/// 5, 15, 25, … along the leaf axis, heights along the other), for any orientation.
///
/// Links are in scipy's order (post-order: a link follows the links below it). The walk is
/// iterative, so deep trees (long single-linkage chains) cannot overflow the stack.
public struct Dendrogram: Sendable, Equatable {
    /// scipy's `truncate_mode`.
    public enum Truncation: Sendable, Equatable {
        /// No truncation (`truncate_mode=None`).
        case none
        /// Only the last `p` merges are shown (`'lastp'`); the clusters below them become leaves.
        /// `p > n` or `p == 0` means all (scipy's rule).
        case lastMerges(Int)
        /// No more than `p` levels below the root (`'level'`); `p <= 0` means no limit. As in
        /// scipy, node `n` (the first merge) is never contracted (`i > n` in scipy's test).
        case levels(Int)
    }

    /// scipy's `color_threshold`.
    public enum ColorThreshold: Sendable, Equatable {
        /// `0.7 · max(heights)` (`color_threshold=None`, the default).
        case automatic
        /// Links strictly below this height get a cluster colour; `<= 0` colours every link as
        /// above the threshold.
        case height(Double)
    }

    /// The order of the two children under each link (`count_sort`, `distance_sort`).
    public enum ChildOrder: Sendable, Equatable {
        /// As in the tree: first child left (the default).
        case tree
        /// `count_sort='ascending'`: the child with fewer samples left (ties: tree order).
        case countAscending
        /// `count_sort='descending'`: the child with more samples left (ties: second child left).
        case countDescending
        /// `distance_sort='ascending'`: the child with the lower merge height left (ties: tree order).
        case distanceAscending
        /// `distance_sort='descending'`: the child with the higher merge height left (ties: second
        /// child left).
        case distanceDescending
    }

    /// The colour of a link (or of a leaf, through its link).
    public enum LinkColor: Sendable, Hashable {
        /// At or above the threshold: scipy's `above_threshold_color` (default `"C0"`).
        case aboveThreshold
        /// Below the threshold: index `i` into the link colour palette (default
        /// `defaultPalette[i]`, `"C1"`…`"C9"`). Consecutive below-threshold subtrees separated by
        /// an above-threshold link get consecutive indices, modulo the palette size.
        case cluster(Int)
    }

    /// One U-shaped link: `icoord` = `[xl, xl, xr, xr]` and `dcoord` = `[hl, h, h, hr]`.
    public struct Link: Sendable, Equatable {
        /// The merge node drawn (`n + i` for merge `i`).
        public let node: Int
        /// The four leaf-axis coordinates (scipy's `icoord` row).
        public let icoord: [Double]
        /// The four height coordinates (scipy's `dcoord` row).
        public let dcoord: [Double]
        /// Its colour (scipy's `color_list` entry).
        public let color: LinkColor
    }

    /// scipy's default link palette (`set_link_color_palette(None)`), matplotlib's cycle names.
    public static let defaultPalette = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9"]
    /// scipy's default `above_threshold_color`.
    public static let defaultAboveThresholdColor = "C0"

    /// The links, in scipy's order.
    public let links: [Link]
    /// The node shown at each leaf position, left to right (`leaves`): a sample id, or a merge
    /// id for a contracted cluster under truncation.
    public let leaves: [Int]
    /// The leaf labels (`ivl`): the sample id (or the given label), `"(count)"` for a
    /// contracted cluster (or `""` without leaf counts).
    public let leafLabels: [String]
    /// Each leaf's colour (`leaves_color_list`): the colour of the link whose leg ends on it;
    /// `nil` for a lone leaf (no link at all).
    public let leafColors: [LinkColor?]
    /// The colour threshold used (the automatic one resolved).
    public let colorThreshold: Double
    /// The largest merge height (scipy's `mh`, the top of the height axis).
    public let maxHeight: Double

    /// The leaf-axis position of leaf `i`: `5 + 10·i` (scipy's `iv_ticks`).
    public static func leafPosition(_ i: Int) -> Double { Double(10 * i + 5) }

    /// Computes the dendrogram of `tree`.
    /// - Parameters:
    ///   - truncation: `truncate_mode` and `p` (default none).
    ///   - colorThreshold: `color_threshold` (default 0.7 · the largest height).
    ///   - childOrder: `count_sort` / `distance_sort` (default tree order).
    ///   - labels: one label per sample (`labels`), or `nil` for the sample ids.
    ///   - showLeafCounts: label contracted clusters `"(count)"` (default) or `""`.
    ///   - paletteSize: the number of link colours the indices cycle through (default 9).
    /// - Throws: `ClusteringError.invalidArgument` for a label count other than the sample count,
    ///   a palette size below 1 or a NaN threshold.
    public init(
        _ tree: LinkageTree, truncation: Truncation = .none, colorThreshold: ColorThreshold = .automatic,
        childOrder: ChildOrder = .tree, labels: [String]? = nil, showLeafCounts: Bool = true,
        paletteSize: Int = Dendrogram.defaultPalette.count
    ) throws {
        let n = tree.leafCount
        if let labels, labels.count != n {
            throw ClusteringError.invalidArgument(
                name: "labels", reason: "\(n) samples need \(n) labels, got \(labels.count)")
        }
        guard paletteSize >= 1 else {
            throw ClusteringError.invalidArgument(name: "paletteSize", reason: "must be at least 1, got \(paletteSize)")
        }
        // xp.max(Z[:, 2]) (NaN cannot occur: a LinkageTree's heights are finite).
        var mh = tree.distances[0]
        for d in tree.distances where d > mh { mh = d }
        let threshold: Double
        switch colorThreshold {
        case .automatic: threshold = mh * 0.7
        case let .height(t):
            guard !t.isNaN else { throw ClusteringError.invalidArgument(name: "colorThreshold", reason: "must not be NaN") }
            threshold = t
        }
        var walk = DendrogramWalk(
            tree: tree, truncation: truncation, threshold: threshold, childOrder: childOrder,
            labels: labels, showLeafCounts: showLeafCounts, paletteSize: paletteSize)
        walk.run()
        self.links = walk.links
        self.leaves = walk.leaves
        self.leafLabels = walk.labelsOut
        self.colorThreshold = threshold
        self.maxHeight = mh
        self.leafColors = Self.leafColors(links: walk.links, leafCount: walk.leaves.count)
    }

    /// scipy's `_get_leaves_color_list`: every link point at height 0.0 whose position is an odd
    /// multiple of 5 marks leaf `(x − 5) / 10` with the link's colour; later links win.
    static func leafColors(links: [Link], leafCount: Int) -> [LinkColor?] {
        var out = [LinkColor?](repeating: nil, count: leafCount)
        for link in links {
            for (x, y) in zip(link.icoord, link.dcoord) where y == 0.0 {
                // Python's float `x % 5 == 0 and x % 2 == 1` (x > 0 here).
                guard x.truncatingRemainder(dividingBy: 5) == 0, x.truncatingRemainder(dividingBy: 2) == 1 else { continue }
                let index = (Int(x) - 5) / 10
                if index >= 0 && index < leafCount { out[index] = link.color }
            }
        }
        return out
    }
}
