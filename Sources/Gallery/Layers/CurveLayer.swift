import Clustering
import FigureConfig
import Plotting

/// A curve an analysis offers to `line` layers: the elbow sweep (k against inertia), the sorted
/// k-distances (rank against distance), with its knee.
public struct AnalysisCurve: Sendable {
    /// Which way the knee's guide line runs.
    public enum GuideLine: Sendable {
        /// At the knee's x (the elbow's k), across the curve's values.
        case vertical
        /// At the knee's y (the suggested eps), across the curve's positions.
        case horizontal
    }
    /// Positions.
    public var x: [Double]
    /// Values.
    public var y: [Double]
    /// The knee, if the curve has one.
    public var knee: NamedPoint?
    /// The knee's legend label ("knee: k = 3").
    public var kneeLabel: String
    /// The knee's guide line.
    public var guide: GuideLine = .vertical

    /// Creates a curve.
    public init(x: [Double], y: [Double], knee: NamedPoint?, kneeLabel: String, guide: GuideLine = .vertical) {
        self.x = x; self.y = y; self.knee = knee; self.kneeLabel = kneeLabel; self.guide = guide
    }
}

/// `mark: line` from an analysis's curve (`elbow`, `k_distance`), optionally with the knee marked.
public struct CurveLayer: Layer {
    /// The analysis the curve comes from.
    public var source: String
    /// Colour (fixed or the cycle's), marker, size, alpha, line width, label.
    public var style = LayerStyle()
    /// Mark the detected knee with a dashed guide line and a ring.
    public var markKnee = false
    /// Where the layer was written.
    public var location: SourceLocation

    /// The curve of `source`.
    public init(source: String, location: SourceLocation) { self.source = source; self.location = location }

    /// The curve, and the knee when asked.
    public func draw(on ax: Axes, in panel: PanelContext) throws -> Bool {
        guard let curve = panel.results[source]?.curve() else { return false }
        ax.plot(x: curve.x, y: curve.y, color: style.color.fixedColor.map(panel.color), lineWidth: style.lineWidth,
                lineStyle: .solid, marker: style.marker.marker, markerSize: style.size, alpha: style.alpha, label: style.label)
        var labelled = style.label != nil
        if markKnee, let knee = curve.knee, let lo = curve.y.min(), let hi = curve.y.max() {
            switch curve.guide {
            case .vertical:
                ax.plot(x: [knee.x, knee.x], y: [lo, hi], color: Self.kneeLineColor, lineWidth: 1, lineStyle: .dashed, label: curve.kneeLabel)
            case .horizontal:
                let x0 = curve.x.min() ?? 0, x1 = curve.x.max() ?? 1
                ax.plot(x: [x0, x1], y: [knee.y, knee.y], color: Self.kneeLineColor, lineWidth: 1, lineStyle: .dashed, label: curve.kneeLabel)
            }
            ax.scatter(x: [knee.x], y: [knee.y], color: Self.kneeRingColor, size: 120, marker: .circle, alpha: 0.9)
            labelled = true
        }
        return labelled
    }

    /// The knee's dashed line: mid grey.
    static let kneeLineColor = Color(red: 0.5, green: 0.5, blue: 0.5)
    /// The knee's ring: seaborn deep's red.
    static let kneeRingColor = Color(red: 0.77, green: 0.31, blue: 0.32)
}

extension LayerKind {
    /// `mark: line` from an analysis's curve (the default line when the config has one).
    public static let curve = LayerKind(
        mark: "line", sources: AnalysisKind.registry.filter(\.offersCurve).map(\.key), summary: "an analysis's curve (elbow, k-distance)",
        styleKeys: ["color", "marker", "size", "alpha", "linewidth", "label"],
        keys: [ConfigKey("mark_knee", .boolean, "a dashed line and ring at the detected knee")],
        defaultSource: { ctx in AnalysisKind.registry.first { $0.offersCurve && ctx.present.contains($0.key) }?.key },
        decode: { m, source, style, _ in
            var layer = CurveLayer(source: source, location: m.location)
            layer.style = style
            if let v = m.bool("mark_knee") { layer.markKnee = v }
            return layer
        })
}
