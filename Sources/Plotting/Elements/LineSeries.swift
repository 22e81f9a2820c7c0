import Foundation

/// A line (optionally with markers at its vertices), like matplotlib's `Line2D`. Made by `Axes.plot`.
public final class LineSeries: PlotElement {
    /// The x coordinates of the vertices.
    public var x: [Double]
    /// The y coordinates of the vertices (one per x).
    public var y: [Double]
    /// `.cycle` or `.uniform`.
    public var color: SeriesColor
    /// Line width in points; nil = style default.
    public var lineWidth: Double?
    /// nil draws no line (markers only).
    public var lineStyle: LineStyle?
    /// The marker at each vertex; nil = none.
    public var marker: Marker?
    /// Marker size in points (diameter for a circle); nil = style default.
    public var markerSize: Double?
    /// Marker fill; nil = the line colour.
    public var markerFaceColor: Color?
    /// Marker edge; nil = the line colour.
    public var markerEdgeColor: Color?
    /// Marker edge width in points; nil = style default.
    public var markerEdgeWidth: Double?
    /// Replaces the alpha of the line and marker colours.
    public var alpha: Double?
    /// Legend label; nil or a label starting with "_" is left out of the legend.
    public var label: String?

    /// A line through (x[i], y[i]); see `Axes.plot` for the meaning of each value.
    public init(x: [Double], y: [Double], color: SeriesColor, lineWidth: Double? = nil, lineStyle: LineStyle? = .solid,
                marker: Marker? = nil, markerSize: Double? = nil, markerFaceColor: Color? = nil,
                markerEdgeColor: Color? = nil, markerEdgeWidth: Double? = nil, alpha: Double? = nil, label: String? = nil) {
        self.x = x; self.y = y; self.color = color; self.lineWidth = lineWidth; self.lineStyle = lineStyle
        self.marker = marker; self.markerSize = markerSize; self.markerFaceColor = markerFaceColor
        self.markerEdgeColor = markerEdgeColor; self.markerEdgeWidth = markerEdgeWidth; self.alpha = alpha; self.label = label
    }

    // MARK: PlotElement

    /// The limits of the drawable vertices.
    public func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? {
        DataLimits(x: x, y: y, xScale: xScale, yScale: yScale)
    }

    /// The line, broken at vertices that cannot be drawn (non-finite, or ≤ 0 on a log axis, which
    /// matplotlib masks), then the markers.
    public func draw(in context: AxesContext, with renderer: Renderer) {
        var pts: [Point] = []
        var path = Path()
        var pen = false
        for i in 0..<min(x.count, y.count) {
            let q = Point(x: context.xPosition(x[i]), y: context.yPosition(y[i]))
            guard q.x.isFinite, q.y.isFinite else { pen = false; continue }
            pts.append(q)
            if pen { path.line(to: q) } else { path.move(to: q); pen = true }
        }
        if let stroke = stroke(context.style) { renderer.drawPath(path, fill: nil, stroke: stroke) }
        if let b = markers(context.style, positions: pts) { renderer.drawMarkers(b) }
    }

    /// A stretch of the line across the handle, with one marker in its middle.
    public func drawLegendHandle(in area: LegendHandleArea, context: AxesContext, with renderer: Renderer) {
        let c = area.center
        if let stroke = stroke(context.style) {
            var p = Path()
            p.move(to: Point(x: c.x - area.width / 2, y: c.y))
            p.line(to: Point(x: c.x + area.width / 2, y: c.y))
            renderer.drawPath(p, fill: nil, stroke: stroke)
        }
        if let b = markers(context.style, positions: [c]) { renderer.drawMarkers(b) }
    }

    /// The drawn vertices: as one polyline, or as points when only markers are drawn.
    public func legendObstacles(in context: AxesContext) -> LegendObstacles {
        let v = context.finitePositions(x: x, y: y)
        return lineStyle == nil ? LegendObstacles(points: v) : LegendObstacles(polylines: [v])
    }

    func lineColor(_ st: Style) -> Color {
        let c = color.colors(in: st, count: 1).first ?? .black
        return alpha.map { c.withAlpha($0) } ?? c
    }

    func stroke(_ st: Style) -> StrokeStyle? {
        guard let ls = lineStyle else { return nil }
        let lw = lineWidth ?? st.lineWidth
        let dashes = ls.dashes(lineWidth: lw)
        return StrokeStyle(color: lineColor(st), width: lw, dash: dashes, cap: dashes.isEmpty ? .round : .butt, join: .round)
    }

    func markers(_ st: Style, positions: [Point]) -> MarkerBatch? {
        guard let m = marker else { return nil }
        let c = lineColor(st)
        var face = markerFaceColor ?? c
        var edge = markerEdgeColor ?? c
        if let a = alpha { face = face.withAlpha(a); edge = edge.withAlpha(a) }
        let ew = markerEdgeWidth ?? st.markerEdgeWidth
        return MarkerBatch(shape: m.path(size: markerSize ?? st.markerSize), positions: positions,
                           fillColors: m.isFilled ? [face] : [], edgeColors: [edge], edgeWidth: ew,
                           edgeCap: .butt, edgeJoin: .miter)
    }
}

extension Axes {
    /// A line through (x, y), like matplotlib's `plot`; `lineStyle: nil` draws markers only.
    @discardableResult
    public func plot(x: [Double], y: [Double], color: Color? = nil, lineWidth: Double? = nil,
                     lineStyle: LineStyle? = .solid, marker: Marker? = nil, markerSize: Double? = nil,
                     markerFaceColor: Color? = nil, markerEdgeColor: Color? = nil, markerEdgeWidth: Double? = nil,
                     alpha: Double? = nil, label: String? = nil) -> LineSeries {
        precondition(x.count == y.count, "plot: x has \(x.count) values, y has \(y.count)")
        let c: SeriesColor
        if let color { c = .uniform(color) } else { c = nextCycleColor(for: LineSeries.self) }
        return add(LineSeries(x: x, y: y, color: c, lineWidth: lineWidth, lineStyle: lineStyle, marker: marker,
                              markerSize: markerSize, markerFaceColor: markerFaceColor, markerEdgeColor: markerEdgeColor,
                              markerEdgeWidth: markerEdgeWidth, alpha: alpha, label: label))
    }

    /// `plot(y:)` against 0, 1, 2, … like matplotlib.
    @discardableResult
    public func plot(y: [Double], color: Color? = nil, lineWidth: Double? = nil, lineStyle: LineStyle? = .solid,
                     marker: Marker? = nil, label: String? = nil) -> LineSeries {
        plot(x: y.indices.map(Double.init), y: y, color: color, lineWidth: lineWidth, lineStyle: lineStyle, marker: marker, label: label)
    }
}
