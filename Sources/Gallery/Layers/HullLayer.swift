import FigureConfig
import Plotting

/// `mark: hull` — each cluster's convex hull, filled with alpha and outlined (factoextra's
/// `fviz_cluster(ellipse.type = "convex")`), in the colour its points get from the same field.
///
/// Groups come from `split` (default: the first analysis's clusters: `kmeans`, `agglomerative`,
/// `dbscan`, `gmm`); noise (−1) gets no hull. A group of one point has no area and draws nothing; two
/// points, or points on one line, draw the segment between the extreme points (stroked only).
public struct HullLayer: Layer {
    /// Colour (default: the split field through tab10, as a scatter `color: {by: cluster}`), where,
    /// split, alpha (of the fill, default 0.2), line width (of the outline, default 1), label, columns.
    public var style = LayerStyle()
    /// Where the layer was written.
    public var location: SourceLocation

    /// One filled polygon and one outline per group.
    public func draw(on ax: Axes, in panel: PanelContext) throws -> Bool {
        guard let series = PointGroups.series(style, panel) else { return false }
        let categories = style.split.flatMap { panel.values($0)?.categories }
        for s in series {
            // Points in no group (noise, missing values) get no hull.
            guard case let .one(colour) = s.colors, let first = s.rows.first, (categories?[first] ?? 0) >= 0 else { continue }
            let (xs, ys) = PointGroups.coordinates(s.rows, style, panel.dataset)
            let hull = HullLayer.convexHull(zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }.map { (x: $0.0, y: $0.1) })
            guard hull.count >= 2 else { continue }
            if hull.count >= 3 {
                ax.polygon(hull, color: colour, edgeColor: .clear, lineWidth: 0, alpha: style.alpha ?? 0.2, label: s.label)
            }
            ax.polygon(hull, color: colour, fill: false, edgeColor: colour, lineWidth: style.lineWidth ?? 1,
                       label: hull.count >= 3 ? nil : s.label)
        }
        return style.label != nil
    }

    /// The convex hull of `points`, counter-clockwise from the lowest-x (then lowest-y) point, without
    /// collinear points (Andrew's monotone chain); one point, or the two extremes of collinear points.
    static func convexHull(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        let p = points.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
        var unique: [(x: Double, y: Double)] = []
        for q in p where unique.last.map({ $0.x != q.x || $0.y != q.y }) ?? true { unique.append(q) }
        guard unique.count > 2 else { return unique }
        func cross(_ o: (x: Double, y: Double), _ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> Double {
            (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x)
        }
        var lower: [(x: Double, y: Double)] = [], upper: [(x: Double, y: Double)] = []
        for q in unique {
            while lower.count >= 2 && cross(lower[lower.count - 2], lower[lower.count - 1], q) <= 0 { lower.removeLast() }
            lower.append(q)
        }
        for q in unique.reversed() {
            while upper.count >= 2 && cross(upper[upper.count - 2], upper[upper.count - 1], q) <= 0 { upper.removeLast() }
            upper.append(q)
        }
        let hull = Array(lower.dropLast()) + Array(upper.dropLast())
        return hull.count == 2 && hull[0].x == hull[1].x && hull[0].y == hull[1].y ? [hull[0]] : hull
    }
}

extension LayerKind {
    /// `mark: hull` (from the points).
    public static let hull = LayerKind(
        mark: "hull", sources: ["points"], summary: "each cluster's convex hull, filled with alpha",
        styleKeys: ["x", "y", "color", "where", "split", "alpha", "linewidth", "label"],
        defaultSource: { _ in "points" },
        decode: { m, _, style, ctx in
            var layer = HullLayer(location: m.location)
            layer.style = style
            if layer.style.split == nil {
                if case let .field(ref, _) = style.color { layer.style.split = ref }
                else if let key = AnalysisKind.clusterAnalyses.first(where: { ctx.present.contains($0) }) {
                    layer.style.split = FieldRef(owner: key, name: "cluster")
                } else {
                    m.fail("a hull layer needs groups: 'split' (or color: {by: …}) naming a field, or a clustering analysis")
                    return nil
                }
            }
            if case .automatic = layer.style.color, let split = layer.style.split {
                layer.style.color = .field(split, Palette(colormap: "tab10")!)
            }
            return layer
        })
}
