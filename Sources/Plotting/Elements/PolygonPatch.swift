import Foundation

/// A closed polygon, like `matplotlib.patches.Polygon(xy, closed=True)` added with `add_patch`
/// (a convex hull around a cluster, a decision region). Made by `Axes.polygon`.
public final class PolygonPatch: PlotElement {
    /// The corners in data coordinates, in order (the polygon closes back to the first).
    public var points: [(x: Double, y: Double)]
    /// The face colour: `.cycle(n)` or `.uniform` (matplotlib's `patch.facecolor`, C0).
    public var faceColor: SeriesColor
    /// Whether the face is painted (matplotlib's `fill`).
    public var fill: Bool
    /// Edge colour; nil = none when filled, black when not (matplotlib's defaults).
    public var edgeColor: Color?
    /// Edge width in points; nil = 1.
    public var lineWidth: Double?
    /// The edge's dash pattern.
    public var lineStyle: LineStyle
    /// Replaces the alpha of the face and edge colours.
    public var alpha: Double?
    /// Whether the polygon counts for the autoscale: true like `add_patch`, false like `add_artist`.
    public var autoscale: Bool
    /// Legend label (a rectangle handle); nil or "_…" for none.
    public var label: String?

    /// A polygon; see `Axes.polygon`.
    public init(points: [(x: Double, y: Double)], faceColor: SeriesColor = .cycle(0), fill: Bool = true,
                edgeColor: Color? = nil, lineWidth: Double? = nil, lineStyle: LineStyle = .solid, alpha: Double? = nil,
                autoscale: Bool = true, label: String? = nil) {
        self.points = points; self.faceColor = faceColor; self.fill = fill; self.edgeColor = edgeColor
        self.lineWidth = lineWidth; self.lineStyle = lineStyle; self.alpha = alpha; self.autoscale = autoscale; self.label = label
    }

    // MARK: PlotElement

    /// The finite corners (positive ones on a log axis), nil when `autoscale` is off.
    public func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? {
        guard autoscale else { return nil }
        return DataLimits(x: points.map(\.x), y: points.map(\.y), xScale: xScale, yScale: yScale)
    }

    /// The filled and/or stroked polygon (axis-parallel outlines, such as rectangles, are snapped to
    /// pixels in raster output).
    public func draw(in context: AxesContext, with renderer: Renderer) {
        let pts = corners(context)
        guard pts.count > 1 else { return }
        var p = Path()
        p.addPolyline(pts)
        p.close()
        let rectilinear = PatchPaint.isRectilinear(pts + [pts[0]])
        PatchPaint.draw(p, face: face(context.style), edge: edge(snaps: rectilinear), rectilinear: rectilinear, with: renderer)
    }

    /// A rectangle in the polygon's colours.
    public func drawLegendHandle(in area: LegendHandleArea, context: AxesContext, with renderer: Renderer) {
        PatchPaint.drawHandle(area, style: context.style, face: face(context.style), edge: edge(snaps: true), with: renderer)
    }

    /// The corners and the closed outline (matplotlib counts a patch's path as a line).
    public func legendObstacles(in context: AxesContext) -> LegendObstacles {
        let pts = corners(context)
        guard let first = pts.first else { return LegendObstacles() }
        return LegendObstacles(points: pts + [first], polylines: [pts + [first]])
    }

    func face(_ style: Style) -> Color? {
        fill ? PatchPaint.apply(alpha, to: faceColor.colors(in: style, count: 1).first ?? .black) : nil
    }

    func edge(snaps: Bool) -> StrokeStyle? {
        PatchPaint.edge(edgeColor ?? (fill ? nil : .black), width: lineWidth, alpha: alpha, lineStyle: lineStyle, snaps: snaps)
    }

    /// The corners in points that can be drawn (not ≤ 0 on a log axis).
    func corners(_ context: AxesContext) -> [Point] {
        points.compactMap { v in
            let p = context.position(x: v.x, y: v.y)
            return p.x.isFinite && p.y.isFinite ? p : nil
        }
    }
}

extension Axes {
    /// A closed polygon, like `ax.add_patch(Polygon(points, closed=True))` (e.g. a cluster's convex
    /// hull with `alpha: 0.2`). Colours, `fill`, `lineWidth`, `alpha`, `autoscale` and `label` as in
    /// `ellipse`; `lineStyle` dashes the edge.
    @discardableResult
    public func polygon(_ points: [(x: Double, y: Double)], color: Color? = nil, fill: Bool = true, edgeColor: Color? = nil,
                        lineWidth: Double? = nil, lineStyle: LineStyle = .solid, alpha: Double? = nil,
                        autoscale: Bool = true, label: String? = nil) -> PolygonPatch {
        add(PolygonPatch(points: points, faceColor: color.map { .uniform($0) } ?? .cycle(0), fill: fill, edgeColor: edgeColor ?? color,
                         lineWidth: lineWidth, lineStyle: lineStyle, alpha: alpha, autoscale: autoscale, label: label))
    }
}
