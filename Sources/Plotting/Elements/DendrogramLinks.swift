import Foundation

/// Where a dendrogram's root is (scipy's `orientation`): `.top` grows the tree upwards from leaves
/// along the bottom.
public enum DendrogramOrientation: String, Hashable, Sendable, CaseIterable {
    /// Root at the top, leaves along the x axis at the bottom (scipy's default).
    case top
    /// Root at the bottom (the height axis runs downwards), leaf labels above the axes.
    case bottom
    /// Root at the left (the height axis runs leftwards), leaf labels at the right.
    case left
    /// Root at the right, leaf labels at the left.
    case right

    /// Whether the leaves are along the x axis.
    public var leavesAlongX: Bool { self == .top || self == .bottom }
}

extension Axes {
    /// Draws a dendrogram from its link coordinates as scipy's `dendrogram(Z, orientation=…)` plots it
    /// (`_plot_dendrogram`), from plain numbers (scipy's `icoord`, `dcoord`, one colour per link and
    /// the leaf labels `ivl`):
    /// - each link is a ⊓ of four vertices: `icoord[i]` along the leaves (leaf k at 10k + 5),
    ///   `dcoord[i]` the heights; the links of one colour are one `LineCollection` (the style's line
    ///   width), in first-seen colour order with `aboveThresholdColor`'s links last;
    /// - the leaf axis is fixed to 0…10·leaves and labelled with `leafLabels` at 5, 15, … (category
    ///   ticks through `setCategories`), without tick marks; the height axis is fixed to
    ///   0…1.05·`maxHeight` (default: the highest `dcoord`) with the usual ticks; `.bottom` and `.left`
    ///   run the height axis backwards and put the leaf labels on the other side (top, right);
    /// - leaf label size and rotation follow scipy: size 12 pt up to 20 leaves, 10 to 30, 8 to 50,
    ///   6 to 85, then 5; rotation (leaves along x only) 0° up to 20 leaves, 45° to 40, then 90°;
    ///   `leafFontSize`/`leafRotation` override them (a rotation also applies to leaves along y, as in scipy);
    /// - `leafGrid: false` (default) draws no grid lines at the leaves. scipy itself leaves the
    ///   grid as the style has it (seaborn's whitegrid then draws a line at every leaf): pass `true`
    ///   for that. `showLeafLabels: false` is scipy's `no_labels=True` (no leaf ticks).
    ///
    /// It sets the axes' limits and the leaf axis' ticks, like scipy; titles and labels are yours.
    /// - Returns: the link collections in drawing order.
    @discardableResult
    public func dendrogram(icoord: [[Double]], dcoord: [[Double]], colors: [Color], leafLabels: [String],
                           orientation: DendrogramOrientation = .top, aboveThresholdColor: Color? = nil,
                           maxHeight: Double? = nil, leafFontSize: Double? = nil, leafRotation: Double? = nil,
                           lineWidth: Double? = nil, leafGrid: Bool = false, showLeafLabels: Bool = true) -> [LineCollection] {
        precondition(icoord.count == dcoord.count && colors.count == icoord.count,
                     "dendrogram: \(icoord.count) icoord, \(dcoord.count) dcoord and \(colors.count) colours")
        precondition(zip(icoord, dcoord).allSatisfy { $0.count == $1.count }, "dendrogram: each link needs as many icoord as dcoord values")
        let n = leafLabels.count
        let ivw = Double(n * 10)
        let mh = maxHeight ?? dcoord.joined().filter(\.isFinite).max() ?? 0
        let dvw = mh + mh * 0.05
        let ticks = (0..<n).map { Double(10 * $0 + 5) }

        var leaf = TickSettings()
        if showLeafLabels {
            leaf.setCategories(leafLabels, at: ticks)
            leaf.labelSize = leafFontSize ?? Self.dendrogramLeafFontSize(n)
            if orientation.leavesAlongX { leaf.labelRotation = leafRotation ?? Self.dendrogramLeafRotation(n) }
            else if let leafRotation { leaf.labelRotation = leafRotation }
        } else {
            leaf.locator = FixedLocator([])
        }
        leaf.showsTickMarks = false
        if !leafGrid { leaf.showsGrid = false }
        leaf.side = orientation == .bottom || orientation == .left ? .opposite : .standard
        var height = orientation.leavesAlongX ? yAxis : xAxis
        height.isInverted = orientation == .bottom || orientation == .left
        if orientation.leavesAlongX {
            xAxis = leaf; yAxis = height
            xLimits = 0...ivw; yLimits = 0...dvw
        } else {
            yAxis = leaf; xAxis = height
            yLimits = 0...ivw; xLimits = 0...dvw
        }

        // One collection per colour, first seen first; the above-threshold links last.
        var order: [Color] = []
        var segments: [Color: [[(x: Double, y: Double)]]] = [:]
        for i in icoord.indices {
            let c = colors[i]
            if segments[c] == nil { order.append(c); segments[c] = [] }
            let pts = orientation.leavesAlongX ? zip(icoord[i], dcoord[i]).map { (x: $0, y: $1) }
                                               : zip(dcoord[i], icoord[i]).map { (x: $0, y: $1) }
            segments[c]!.append(pts)
        }
        if let above = aboveThresholdColor, let k = order.firstIndex(of: above) { order.append(order.remove(at: k)) }
        return order.map { lineCollection(segments[$0]!, color: $0, lineWidth: lineWidth) }
    }

    /// scipy's leaf label size for `n` leaves (`_dtextsizes`: ≤ 20 → 12, ≤ 30 → 10, ≤ 50 → 8, ≤ 85 → 6, else 5).
    public static func dendrogramLeafFontSize(_ n: Int) -> Double {
        for (limit, size) in [(20, 12.0), (30, 10), (50, 8), (85, 6)] where n <= limit { return size }
        return 5
    }

    /// scipy's leaf label rotation for `n` leaves along x (`_drotation`: ≤ 20 → 0°, ≤ 40 → 45°, else 90°).
    public static func dendrogramLeafRotation(_ n: Int) -> Double {
        n <= 20 ? 0 : (n <= 40 ? 45 : 90)
    }
}
