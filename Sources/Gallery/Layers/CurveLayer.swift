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
    /// The curve's legend label when an analysis offers several (one per covariance type).
    public var label: String?

    /// Creates a curve.
    public init(x: [Double], y: [Double], knee: NamedPoint?, kneeLabel: String, guide: GuideLine = .vertical, label: String? = nil) {
        self.x = x; self.y = y; self.knee = knee; self.kneeLabel = kneeLabel; self.guide = guide; self.label = label
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
    /// Which of the analysis's curves (an elbow metric); nil: its main one.
    public var curveName: String?
    /// Where the layer was written.
    public var location: SourceLocation
    /// The key path of `mark_knee` (for its warning).
    public var markKneePath = "mark_knee"

    /// The curve of `source`.
    public init(source: String, location: SourceLocation) { self.source = source; self.location = location }

    /// The curve (or each of a family of curves, in the cycle's colours), and the knee when asked.
    public func draw(on ax: Axes, in panel: PanelContext) throws -> Bool {
        guard let result = panel.results[source] else { return false }
        let family = result.curves(named: curveName)
        if family.count > 1 || family.first?.label != nil {
            for c in family {
                let line = ax.plot(x: c.x, y: c.y, color: nil, lineWidth: style.lineWidth, lineStyle: .solid, marker: style.marker.marker,
                                   markerSize: style.size, alpha: style.alpha, label: c.label)
                if markKnee, let knee = c.knee {
                    // A ring in the curve's own colour marks each curve's point.
                    var colour = Self.kneeRingColor
                    if case let .cycle(n) = line.color, !panel.style.colorCycle.isEmpty { colour = panel.style.colorCycle[n % panel.style.colorCycle.count] }
                    ax.scatter(x: [knee.x], y: [knee.y], color: .clear, size: 220, marker: .circle, edgeColor: colour, edgeWidth: 2)
                }
            }
            return !family.isEmpty
        }
        guard let curve = family.first else { return false }
        ax.plot(x: curve.x, y: curve.y, color: style.color.fixedColor.map(panel.color), lineWidth: style.lineWidth,
                lineStyle: .solid, marker: style.marker.marker, markerSize: style.size, alpha: style.alpha, label: style.label)
        var labelled = style.label != nil
        if markKnee, let knee = curve.knee {
            // Across the whole axes, as yellowbrick's elbow line (matplotlib's axvline/axhline).
            switch curve.guide {
            case .vertical:
                ax.axvline(x: knee.x, color: Self.kneeLineColor, lineWidth: 1, lineStyle: .dashed, label: curve.kneeLabel)
            case .horizontal:
                ax.axhline(y: knee.y, color: Self.kneeLineColor, lineWidth: 1, lineStyle: .dashed, label: curve.kneeLabel)
            }
            ax.scatter(x: [knee.x], y: [knee.y], color: Self.kneeRingColor, size: 120, marker: .circle, alpha: 0.9)
            labelled = true
        }
        return labelled
    }

    /// `mark_knee` on a curve without a knee draws nothing; say so.
    public func warnings(_ results: AnalysisResults) -> [ConfigError] {
        guard markKnee, let result = results[source] else { return [] }
        let family = result.curves(named: curveName)
        let missing = family.filter { $0.knee == nil }
        guard !missing.isEmpty else { return [] }
        let which = family.count > 1 ? " (\(missing.compactMap(\.label).joined(separator: ", ")))" : ""
        return [ConfigError("mark_knee: the '\(source)' curve\(which) has no knee, so none is marked", at: location, keyPath: markKneePath)]
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
        keys: [ConfigKey("mark_knee", .boolean, "a dashed line and ring at the detected knee"),
               ConfigKey("metric", .text, "which curve: an elbow sweep's metric, or bic/aic of a mixture selection (default: the first)")],
        defaultSource: { ctx in AnalysisKind.registry.first { $0.offersCurve && ctx.present.contains($0.key) }?.key },
        decode: { m, source, style, ctx in
            var layer = CurveLayer(source: source, location: m.location)
            layer.style = style
            if let v = m.bool("mark_knee") { layer.markKnee = v; layer.markKneePath = m.path("mark_knee") }
            if let mv = m["metric"] {
                let names = ctx.analyses.first { $0.kind.key == source }?.curveNames ?? []
                if names.isEmpty { mv.fail("'metric' picks one of an analysis's curves; '\(source)' has only one") }
                else if let name = mv.choice(names) { layer.curveName = name }
            }
            return layer
        })
}
