import Clustering
import FigureConfig
import Plotting

/// `mark: dendrogram` — the agglomerative tree as scipy's `dendrogram(Z, truncate_mode, p,
/// color_threshold, orientation, count_sort/distance_sort)` draws it (scikit-learn's
/// `plot_agglomerative_dendrogram` example): U-shaped links in scipy's leaf order, links below the
/// colour threshold (default 0.7 × the highest merge) in C1, C2, … by subtree and the rest in C0,
/// truncated leaves labelled "(n)", and optionally a dashed cut line where the tree leaves k
/// clusters or at a height.
public struct DendrogramLayer: Layer {
    /// Where the horizontal (or, sideways, vertical) cut line goes.
    public enum Cut: Sendable, Equatable {
        /// Where the analysis cut its tree (its k or distance_threshold).
        case analysis
        /// Where the tree leaves k clusters (halfway between the two bracketing merges).
        case clusters(Int)
        /// At a height.
        case height(Double)
    }

    /// scipy's `truncate_mode` and `p`.
    public var truncation: Dendrogram.Truncation = .none
    /// scipy's `color_threshold`.
    public var colorThreshold: Dendrogram.ColorThreshold = .automatic
    /// scipy's `count_sort` / `distance_sort`.
    public var order: Dendrogram.ChildOrder = .tree
    /// Where the root is.
    public var orientation: DendrogramOrientation = .top
    /// The cut line, if any.
    public var cut: Cut?
    /// Link colours below the threshold (default scipy's C1…C9, of the style's cycle).
    public var colors: [ColorValue] = (1...9).map { ColorValue.cycle($0) }
    /// The colour of links at or above the threshold (default C0).
    public var aboveThresholdColor: ColorValue = .cycle(0)
    /// Label contracted clusters "(n)" (scipy's `show_leaf_counts`).
    public var showLeafCounts = true
    /// Link line width (default the style's).
    public var lineWidth: Double?
    /// Leaf label size in points (scipy's `leaf_font_size`; default scipy's by leaf count).
    public var leafFontSize: Double?
    /// Leaf label rotation in degrees (scipy's `leaf_rotation`; default scipy's by leaf count).
    public var leafRotation: Double?
    /// The cut line's legend label (`{height}` and `{k}` filled); nil: none.
    public var cutLabel: String?
    /// Where the layer was written.
    public var location: SourceLocation
    /// Where `cut` was written, and its key path (for its warning).
    public var cutSource: (location: SourceLocation, path: String)?

    /// A dendrogram of the agglomerative tree.
    public init(location: SourceLocation) { self.location = location }

    /// The links, the leaf ticks, the limits (unless the panel sets them) and the cut line.
    public func draw(on ax: Axes, in panel: PanelContext) throws -> Bool {
        guard let result = panel.results["agglomerative"] as? AgglomerativeResult else { return false }
        let tree = result.tree
        guard tree.leafCount >= 2 else { return false }
        let d = try Dendrogram(tree, truncation: truncation, colorThreshold: colorThreshold, childOrder: order,
                               showLeafCounts: showLeafCounts, paletteSize: colors.count)
        let above = panel.color(aboveThresholdColor)
        let linkColours = d.links.map { link -> Color in
            switch link.color {
            case .aboveThreshold: return above
            case let .cluster(i): return panel.color(colors[i % colors.count])
            }
        }
        let given = (ax.xLimits, ax.yLimits)
        ax.dendrogram(icoord: d.links.map(\.icoord), dcoord: d.links.map(\.dcoord), colors: linkColours, leafLabels: d.leafLabels,
                      orientation: orientation, aboveThresholdColor: above, maxHeight: d.maxHeight,
                      leafFontSize: leafFontSize, leafRotation: leafRotation, lineWidth: lineWidth)
        if let x = given.0 { ax.xLimits = x }
        if let y = given.1 { ax.yLimits = y }
        guard let cut else { return false }
        let height: Double, k: Int
        switch cut {
        case .analysis:
            k = result.clusterCount
            height = try tree.cutLine(clusters: k).height
        case let .clusters(n):
            guard n <= tree.leafCount else { return false }   // warned about (``warnings(_:)``)
            k = n
            height = try tree.cutLine(clusters: n).height
        case let .height(h):
            height = h
            k = tree.clusterCount(threshold: h)
        }
        let label = cutLabel.map {
            $0.replacingOccurrences(of: "{height}", with: String(format: "%.3g", height))
                .replacingOccurrences(of: "{k}", with: String(k))
        }
        let grey = Color(red: 0.2, green: 0.2, blue: 0.2)
        if orientation.leavesAlongX {
            ax.axhline(y: height, color: grey, lineStyle: .dashed, label: label)
        } else {
            ax.axvline(x: height, color: grey, lineStyle: .dashed, label: label)
        }
        return label != nil
    }

    /// A cut at more clusters than points draws no line; say so.
    public func warnings(_ results: AnalysisResults) -> [ConfigError] {
        guard case let .clusters(k)? = cut, let r = results["agglomerative"] as? AgglomerativeResult, k > r.tree.leafCount else { return [] }
        return [ConfigError("cut: k = \(k) is more than the \(r.tree.leafCount) data points, so no cut line is drawn", at: cutSource?.location ?? location, keyPath: cutSource?.path ?? "cut.k")]
    }
}

extension DendrogramOrientation: ConfigChoice {}

/// scipy's `count_sort` / `distance_sort` as one config choice.
enum DendrogramOrder: String, CaseIterable, ConfigChoice {
    case tree, countAscending = "count_ascending", countDescending = "count_descending"
    case distanceAscending = "distance_ascending", distanceDescending = "distance_descending"

    var childOrder: Dendrogram.ChildOrder {
        switch self {
        case .tree: return .tree
        case .countAscending: return .countAscending
        case .countDescending: return .countDescending
        case .distanceAscending: return .distanceAscending
        case .distanceDescending: return .distanceDescending
        }
    }
}

extension LayerKind {
    /// `mark: dendrogram`, from `agglomerative`.
    public static let dendrogram = LayerKind(
        mark: "dendrogram", sources: ["agglomerative"], summary: "the agglomerative tree as scipy's dendrogram",
        styleKeys: ["linewidth", "label"],
        keys: [
            ConfigKey("truncate_mode", .choice(["none", "lastp", "level"]), "scipy's truncate_mode (default none)"),
            ConfigKey("p", .integer(0...1_000_000), "lastp: the merges shown; level: the levels below the root"),
            ConfigKey("color_threshold", .number(min: 0, max: ConfigLimits.maxCoordinate, exclusiveMinimum: false),
                      "links below this height get cluster colours (default 0.7 × the highest merge; 0: none)"),
            ConfigKey("orientation", .choice(DendrogramOrientation.self), "where the root is: top (default), bottom, left, right"),
            ConfigKey("order", .choice(DendrogramOrder.self), "children order: tree (default), count_…/distance_… ascending/descending"),
            ConfigKey("cut", .anyOf([.boolean, .mapping([ConfigKey("k", .integer(1...1_000_000), "clusters left below the line"),
                                                         ConfigKey("height", .anyNumber, "the line's height")])]),
                      "a dashed cut line: true (the analysis's own cut), {k: N} or {height: H}"),
            ConfigKey("colors", .list(.text, count: nil), "link colours below the threshold (default C1…C9)"),
            ConfigKey("above_threshold_color", .text, "links at or above the threshold (default C0)"),
            ConfigKey("show_leaf_counts", .boolean, "label truncated leaves (n) (default true)"),
            ConfigKey("leaf_font_size", .number(min: 0, max: 200, exclusiveMinimum: true),
                      "leaf label size in points (default scipy's: 12 up to 20 leaves … 5 beyond 85)"),
            ConfigKey("leaf_rotation", .number(min: -360, max: 360, exclusiveMinimum: false),
                      "leaf label rotation in degrees (default scipy's: 0 up to 20 leaves, 45 to 40, then 90)"),
        ],
        defaultSource: { _ in "agglomerative" },
        decode: { m, _, style, _ in
            var layer = DendrogramLayer(location: m.location)
            layer.lineWidth = style.lineWidth
            layer.cutLabel = style.label
            let mode = m.choice("truncate_mode", ["none", "lastp", "level"]) ?? "none"
            if let pv = m["p"] {
                if mode == "none" { pv.fail("'p' needs truncate_mode: lastp or level") }
                else if let p = pv.int(min: 0, max: 1_000_000) { layer.truncation = mode == "lastp" ? .lastMerges(p) : .levels(p) }
            } else if mode != "none" {
                m.missing("truncate_mode: \(mode) needs 'p' (\(mode == "lastp" ? "the number of merges shown" : "the levels shown below the root"))")
            }
            if let t = m.double("color_threshold", min: 0, max: ConfigLimits.maxCoordinate) { layer.colorThreshold = .height(t) }
            if let o = m.choice("orientation", DendrogramOrientation.self) { layer.orientation = o }
            if let o = m.choice("order", DendrogramOrder.self) { layer.order = o.childOrder }
            if let c = m["cut"] {
                if c.isMapping {
                    if let cm = c.mapping(keys: ["k", "height"]) {
                        switch (cm["k"], cm["height"]) {
                        case (_?, _?): cm.fail("give 'k' or 'height', not both")
                        case (nil, nil): cm.missing("cut needs 'k' (clusters left) or 'height'")
                        case let (k?, nil):
                            if let v = k.int(min: 1, max: 1_000_000) { layer.cut = .clusters(v); layer.cutSource = (k.location, k.path) }
                        case let (nil, h?): if let v = h.double(min: 0, max: ConfigLimits.maxCoordinate) { layer.cut = .height(v) }
                        }
                    }
                } else if let b = c.bool(), b { layer.cut = .analysis }
            }
            if let list = m["colors"], let items = list.items(what: "a list of colours") {
                let cs = items.compactMap(ColorEncoding.parseColor)
                if items.isEmpty { list.fail("needs at least one colour") } else if cs.count == items.count { layer.colors = cs }
            }
            if let c = m["above_threshold_color"], let v = ColorEncoding.parseColor(c) { layer.aboveThresholdColor = v }
            if let v = m.bool("show_leaf_counts") { layer.showLeafCounts = v }
            if let v = m.double("leaf_font_size", above: 0, max: 200) { layer.leafFontSize = v }
            if let v = m.double("leaf_rotation", min: -360, max: 360) { layer.leafRotation = v }
            return layer
        })
}
