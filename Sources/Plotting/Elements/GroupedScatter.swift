import Foundation

/// The order groups are drawn in (and listed in the legend) by `Axes.scatter(x:y:groups:…)`.
public enum GroupOrder<Group: Hashable & Comparable>: Hashable {
    /// Ascending (cluster 0, 1, 2 …; strings in Unicode order). The default.
    case sorted
    /// In the order each group first appears in the data (seaborn's order for string hues).
    case firstSeen
    /// These groups in this order; groups of the data that are not listed are not drawn.
    case given([Group])

    /// The groups of `values` in this order.
    public func groups(of values: [Group]) -> [Group] {
        switch self {
        case .sorted: return Array(Set(values)).sorted()
        case .firstSeen:
            var seen = Set<Group>(), out: [Group] = []
            for v in values where seen.insert(v).inserted { out.append(v) }
            return out
        case .given(let g): return g
        }
    }
}

extension Axes {
    /// A scatter coloured by category with one legend entry per category — seaborn's
    /// `scatterplot(x=, y=, hue=groups, palette=)` for a categorical hue. One `ScatterSeries` is added
    /// per group (so later groups are drawn over earlier ones), labelled `label(group)` (default the
    /// group's description, e.g. "0", "setosa").
    /// - Parameters:
    ///   - groups: one category per point (`Int`, `String`, or any `Hashable & Comparable` type).
    ///   - order: `.sorted` (default), `.firstSeen`, or `.given([...])`.
    ///   - palette: the i-th group in `order` gets `palette[i % count]`; nil = the style's colour
    ///     cycle C0, C1, … (resolved when drawing; the axes' cycles do not advance).
    ///   - groupColors: colours for particular groups, over the palette (e.g. DBSCAN's noise `-1: .black`).
    ///   - size, marker, alpha, edgeColor, edgeWidth: as in `scatter`, for every group.
    /// - Returns: the series in drawing order, one per group that has points.
    @discardableResult
    public func scatter<Group: Hashable & Comparable & CustomStringConvertible>(
        x: [Double], y: [Double], groups: [Group], order: GroupOrder<Group> = .sorted, palette: [Color]? = nil,
        groupColors: [Group: Color] = [:], size: Double? = nil, marker: Marker = .circle, alpha: Double? = nil,
        edgeColor: Color? = nil, edgeWidth: Double? = nil, label: ((Group) -> String)? = nil
    ) -> [ScatterSeries] {
        precondition(x.count == y.count && groups.count == x.count,
                     "scatter: x has \(x.count) values, y \(y.count), groups \(groups.count)")
        var members: [Group: [Int]] = [:]
        for (i, g) in groups.enumerated() { members[g, default: []].append(i) }
        var out: [ScatterSeries] = []
        for (k, g) in order.groups(of: groups).enumerated() {
            guard let idx = members[g], !idx.isEmpty else { continue }
            let c: SeriesColor
            if let fixed = groupColors[g] { c = .uniform(fixed) }
            else if let palette, !palette.isEmpty { c = .uniform(palette[k % palette.count]) }
            else { c = .cycle(k) }
            out.append(add(ScatterSeries(x: idx.map { x[$0] }, y: idx.map { y[$0] }, color: c, sizes: size.map { [$0] },
                                         marker: marker, alpha: alpha, edgeColor: edgeColor, edgeWidth: edgeWidth,
                                         label: label?(g) ?? g.description)))
        }
        return out
    }
}
