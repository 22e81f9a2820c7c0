import Clustering
import FigureConfig
import Plotting

/// `mark: line` from the elbow sweep — k against inertia, optionally with the knee marked.
public struct ElbowLineLayer: Layer {
    /// Colour (fixed or the cycle's), marker, size, alpha, line width, label.
    public var style = LayerStyle()
    /// Mark the detected knee with a dashed line and a ring.
    public var markKnee = false
    /// Where the layer was written.
    public var location: SourceLocation

    /// The elbow curve.
    public init(location: SourceLocation) { self.location = location }

    /// The curve, and the knee when asked.
    public func draw(on ax: Axes, in panel: PanelContext) throws -> Bool {
        guard let elbow = panel.results["elbow"] as? ElbowCurve else { return false }
        let ks = elbow.clusterCounts.map(Double.init)
        ax.plot(x: ks, y: elbow.inertias, color: style.color.fixedColor.map(panel.color), lineWidth: style.lineWidth,
                lineStyle: .solid, marker: style.marker.marker, markerSize: style.size, alpha: style.alpha, label: style.label)
        var labelled = style.label != nil
        if markKnee, let knee = elbow.namedPoint("knee"), let lo = elbow.inertias.min(), let hi = elbow.inertias.max() {
            ax.plot(x: [knee.x, knee.x], y: [lo, hi], color: Self.kneeLineColor, lineWidth: 1, lineStyle: .dashed,
                    label: "knee: k = \(knee.text)")
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
    /// `mark: line` from `elbow` (the default line when the config has an elbow sweep).
    public static let elbowLine = LayerKind(
        mark: "line", sources: ["elbow"], summary: "k against the sweep's values",
        styleKeys: ["color", "marker", "size", "alpha", "linewidth", "label"],
        keys: [ConfigKey("mark_knee", .boolean, "a dashed line and ring at the detected knee")],
        defaultSource: { ctx in ctx.present.contains("elbow") ? "elbow" : nil },
        decode: { m, _, style, _ in
            var layer = ElbowLineLayer(location: m.location)
            layer.style = style
            if let v = m.bool("mark_knee") { layer.markKnee = v }
            return layer
        })
}
