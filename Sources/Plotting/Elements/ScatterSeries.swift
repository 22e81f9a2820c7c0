import Foundation

/// A scatter plot: markers at (x, y), like matplotlib's `PathCollection`. Made by `Axes.scatter`.
public final class ScatterSeries: PlotElement {
    /// The x coordinates.
    public var x: [Double]
    /// The y coordinates (one per x).
    public var y: [Double]
    /// The face colours: cycle, one, one per point, or values through a colour map.
    public var color: SeriesColor
    /// Marker areas in pt² (matplotlib's `s`): one for all points or one per point; nil = style default.
    public var sizes: [Double]?
    /// The marker shape.
    public var marker: Marker
    /// Replaces the alpha of every face and edge colour (matplotlib's `alpha=`).
    public var alpha: Double?
    /// One alpha per point (matplotlib's array `alpha=`), replacing `alpha` and the colours' own;
    /// the legend handle takes the largest.
    public var alphas: [Double]?
    /// Edge colour; nil = the face colour (matplotlib's `edgecolors='face'`), `.clear` = no edge.
    public var edgeColor: Color?
    /// Edge width in points (matplotlib's `linewidths`); nil = style default. For x and + it is the line width.
    public var edgeWidth: Double?
    /// Legend label; nil or a label starting with "_" is left out of the legend.
    public var label: String?

    /// A scatter of (x[i], y[i]); see `Axes.scatter` for the meaning of each value.
    public init(x: [Double], y: [Double], color: SeriesColor, sizes: [Double]? = nil, marker: Marker = .circle,
                alpha: Double? = nil, edgeColor: Color? = nil, edgeWidth: Double? = nil, label: String? = nil) {
        self.x = x; self.y = y; self.color = color; self.sizes = sizes; self.marker = marker
        self.alpha = alpha; self.edgeColor = edgeColor; self.edgeWidth = edgeWidth; self.label = label
    }

    // MARK: PlotElement

    /// The limits of the drawable points.
    public func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? {
        DataLimits(x: x, y: y, xScale: xScale, yScale: yScale)
    }

    /// For colours mapped from values: the map and the range (given, or the finite values' min and max).
    public var colorMapping: ColorMapping? {
        guard case let .mapped(values, map, vmin, vmax) = color else { return nil }
        let finite = values.filter(\.isFinite)
        guard let lo = vmin ?? finite.min(), let hi = vmax ?? finite.max() else { return nil }
        return ColorMapping(colormap: map, vmin: lo, vmax: hi)
    }

    /// Draws the markers, one batch per run of equal sizes.
    public func draw(in context: AxesContext, with renderer: Renderer) {
        for b in markerBatches(context) { renderer.drawMarkers(b) }
    }

    /// One marker in the first colour, of the one size or the mean of the smallest and largest.
    public func drawLegendHandle(in area: LegendHandleArea, context: AxesContext, with renderer: Renderer) {
        let sizes = self.sizes ?? [context.style.scatterSize]
        let size = sizes.count == 1 ? sizes[0] : 0.5 * ((sizes.max() ?? 0) + (sizes.min() ?? 0))
        for b in markerBatches(context, positions: [area.center], sizeOverride: size) { renderer.drawMarkers(b) }
    }

    /// Every drawable point.
    public func legendObstacles(in context: AxesContext) -> LegendObstacles {
        LegendObstacles(points: context.finitePositions(x: x, y: y))
    }

    /// The marker batches (one per run of equal sizes), at the data points or at `positions` in
    /// the first colour (legend handles).
    func markerBatches(_ context: AxesContext, positions: [Point]? = nil, sizeOverride: Double? = nil) -> [MarkerBatch] {
        let st = context.style
        let n = positions?.count ?? x.count
        var faces = color.colors(in: st, count: n)
        if let a = alpha { faces = faces.map { $0.withAlpha(a) } }
        let perPoint = alphas.flatMap { $0.count == x.count && !$0.isEmpty ? $0 : nil }
        if let al = perPoint, positions == nil {
            faces = (0..<n).map { (faces.count == 1 ? faces[0] : faces[$0]).withAlpha(al[$0]) }
        }
        if positions != nil {
            faces = [faces.first ?? .black]
            if let top = perPoint?.max() { faces = [faces[0].withAlpha(top)] }
        }
        let lw = edgeWidth ?? st.scatterLineWidth
        // The arrays stay shared (edges = faces) when the edge has the face colour: the raster
        // compositor recognises that by storage and skips comparing two colours per marker.
        var edges: [Color]
        if let e = edgeColor {
            if let al = perPoint, positions == nil, e.alpha > 0 { edges = al.map { e.withAlpha($0) } }
            else { edges = [(positions != nil ? perPoint?.max() : nil).map { e.withAlpha($0) } ?? alpha.map { e.withAlpha($0) } ?? e] }
        } else { edges = faces }
        if edges.count == 1 && edges[0].alpha == 0 { edges = [] }
        let fills = marker.isFilled ? faces : []
        if !marker.isFilled && edgeColor == nil { edges = faces }
        let pts = positions ?? (0..<n).map { Point(x: context.xPosition(x[$0]), y: context.yPosition(y[$0])) }
        let sizes = sizeOverride.map { [$0] } ?? self.sizes ?? [st.scatterSize]
        func batch(_ range: Range<Int>, area: Double) -> MarkerBatch {
            func sub(_ c: [Color]) -> [Color] { c.count <= 1 ? c : Array(c[range]) }
            let whole = range.count == pts.count
            return MarkerBatch(shape: marker.path(area: area), positions: whole ? pts : Array(pts[range]),
                               fillColors: whole ? fills : sub(fills), edgeColors: whole ? edges : sub(edges),
                               edgeWidth: edges.isEmpty ? 0 : lw, edgeCap: .butt, edgeJoin: .miter)
        }
        if sizes.count == 1 { return [batch(0..<pts.count, area: sizes[0])] }
        var out: [MarkerBatch] = []
        var start = 0
        while start < pts.count {
            var end = start + 1
            while end < pts.count && sizes[end] == sizes[start] { end += 1 }
            out.append(batch(start..<end, area: sizes[start]))
            start = end
        }
        return out
    }
}

extension Axes {
    /// A scatter plot, like matplotlib's `scatter`.
    /// - Parameters:
    ///   - color: one colour for all points; `colors`: one per point; `values`: numbers mapped through
    ///     `colormap` (default: the style's) between `vmin` and `vmax` (default: data min and max).
    ///     With none of them, the next colour of the style's cycle.
    ///   - size: marker area in pt² (matplotlib's `s`, default 36); `sizes`: one per point.
    ///   - alpha: replaces the colours' alpha; `alphas`: one per point (0…1), replacing it.
    ///   - edgeColor: nil = the face colour; `.clear` = no edge. `edgeWidth`: in points (default 1).
    @discardableResult
    public func scatter(x: [Double], y: [Double], color: Color? = nil, colors: [Color]? = nil,
                        values: [Double]? = nil, colormap: Colormap? = nil, vmin: Double? = nil, vmax: Double? = nil,
                        size: Double? = nil, sizes: [Double]? = nil, marker: Marker = .circle, alpha: Double? = nil,
                        alphas: [Double]? = nil, edgeColor: Color? = nil, edgeWidth: Double? = nil, label: String? = nil) -> ScatterSeries {
        precondition(x.count == y.count, "scatter: x has \(x.count) values, y has \(y.count)")
        let c: SeriesColor
        if let color { c = .uniform(color) }
        else if let colors { precondition(colors.count == x.count || colors.count == 1, "scatter: colors must match the points"); c = colors.count == 1 ? .uniform(colors[0]) : .perPoint(colors) }
        else if let values { precondition(values.count == x.count, "scatter: values must match the points"); c = .mapped(values: values, colormap: colormap, vmin: vmin, vmax: vmax) }
        else { c = nextCycleColor(for: ScatterSeries.self) }
        var sz: [Double]? = nil
        if let sizes { precondition(sizes.count == x.count || sizes.count == 1, "scatter: sizes must match the points"); sz = sizes }
        else if let size { sz = [size] }
        if let alphas { precondition(alphas.count == x.count, "scatter: alphas must match the points") }
        let series = ScatterSeries(x: x, y: y, color: c, sizes: sz, marker: marker, alpha: alpha, edgeColor: edgeColor,
                                   edgeWidth: edgeWidth, label: label)
        series.alphas = alphas
        return add(series)
    }
}
