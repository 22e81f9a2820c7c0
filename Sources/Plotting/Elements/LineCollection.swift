import Foundation

/// Many separate polylines with one style, like matplotlib's `LineCollection` (scipy's dendrogram
/// draws its links as one per colour). Made by `Axes.lineCollection`.
///
/// The segments of each colour are one path, stroked with one renderer call (first-seen colour
/// order, so overlapping segments of different colours stack by colour rather than by index).
/// Butt caps and round joins (matplotlib's collection defaults). A colour whose segments are all
/// horizontal or vertical is snapped to the pixel grid in raster output, as matplotlib's Agg snaps
/// rectilinear paths.
public final class LineCollection: PlotElement {
    /// The polylines in data coordinates, each of at least two vertices to be drawn.
    public var segments: [[(x: Double, y: Double)]]
    /// `.cycle(n)`, `.uniform`, or `.perPoint` with one colour per segment.
    public var color: SeriesColor
    /// Line width in points; nil = the style's line width (matplotlib's `lines.linewidth`).
    public var lineWidth: Double?
    /// The dash pattern (restarting at every segment).
    public var lineStyle: LineStyle
    /// Replaces the colours' alpha.
    public var alpha: Double?
    /// Legend label (a line handle in the first colour); nil or "_…" for none.
    public var label: String?

    /// A collection of `segments`; see `Axes.lineCollection`.
    public init(segments: [[(x: Double, y: Double)]], color: SeriesColor, lineWidth: Double? = nil,
                lineStyle: LineStyle = .solid, alpha: Double? = nil, label: String? = nil) {
        self.segments = segments; self.color = color; self.lineWidth = lineWidth; self.lineStyle = lineStyle
        self.alpha = alpha; self.label = label
    }

    // MARK: PlotElement

    /// The finite vertices of every segment (positive ones on a log axis).
    public func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? {
        var xs: [Double] = [], ys: [Double] = []
        xs.reserveCapacity(segments.count * 4); ys.reserveCapacity(segments.count * 4)
        for s in segments { for v in s { xs.append(v.x); ys.append(v.y) } }
        return DataLimits(x: xs, y: ys, xScale: xScale, yScale: yScale)
    }

    /// One stroked path per colour.
    public func draw(in context: AxesContext, with renderer: Renderer) {
        let colors = color.colors(in: context.style, count: segments.count)
        var order: [Color] = []
        var paths: [Color: (path: Path, rectilinear: Bool)] = [:]
        for (i, s) in segments.enumerated() {
            let c = colors.count == 1 ? colors[0] : (i < colors.count ? colors[i] : .black)
            if paths[c] == nil { order.append(c); paths[c] = (Path(), true) }
            var pen = false
            var last: Point?
            for v in s {
                let q = context.position(x: v.x, y: v.y)
                guard q.x.isFinite, q.y.isFinite else { pen = false; last = nil; continue }
                if pen { paths[c]!.path.line(to: q) } else { paths[c]!.path.move(to: q); pen = true }
                if let l = last, l.x != q.x, l.y != q.y { paths[c]!.rectilinear = false }
                last = q
            }
        }
        for c in order {
            let entry = paths[c]!
            renderer.drawPath(entry.path, fill: nil, stroke: stroke(c, context.style, snaps: entry.rectilinear))
        }
    }

    /// A stretch of line across the handle in the first colour (matplotlib's `HandlerLineCollection`).
    public func drawLegendHandle(in area: LegendHandleArea, context: AxesContext, with renderer: Renderer) {
        let c = color.colors(in: context.style, count: max(segments.count, 1)).first ?? .black
        var p = Path()
        p.move(to: Point(x: area.center.x - area.width / 2, y: area.center.y))
        p.line(to: Point(x: area.center.x + area.width / 2, y: area.center.y))
        renderer.drawPath(p, fill: nil, stroke: stroke(c, context.style, snaps: false))
    }

    // No legend obstacles: matplotlib's `best` location looks at a LineCollection's offsets only,
    // and a LineCollection has none (dendrogram links do not push the legend away).

    func stroke(_ c: Color, _ style: Style, snaps: Bool) -> StrokeStyle {
        let lw = lineWidth ?? style.lineWidth
        return StrokeStyle(color: PatchPaint.apply(alpha, to: c), width: lw, dash: lineStyle.dashes(lineWidth: lw),
                           cap: .butt, join: .round, snapsToPixels: snaps)
    }
}

extension Axes {
    /// Separate polylines in one style, like matplotlib's `ax.add_collection(LineCollection(segments,
    /// colors=…, linewidths=…, linestyles=…))`: the data limits cover every vertex.
    /// - Parameters:
    ///   - segments: polylines of (x, y) vertices.
    ///   - color: one colour; `colors`: one per segment (or one); neither = C0 of the style's cycle
    ///     (matplotlib's `lines.color`; the cycle does not advance).
    ///   - lineWidth: in points, default the style's line width; `lineStyle`: dashes (per segment).
    ///   - alpha: replaces the colours' alpha. `label`: a legend entry with a line handle.
    @discardableResult
    public func lineCollection(_ segments: [[(x: Double, y: Double)]], color: Color? = nil, colors: [Color]? = nil,
                               lineWidth: Double? = nil, lineStyle: LineStyle = .solid, alpha: Double? = nil,
                               label: String? = nil) -> LineCollection {
        precondition(colors == nil || colors!.count == segments.count || colors!.count == 1,
                     "lineCollection: colors must have one colour per segment or one colour")
        let c: SeriesColor
        if let color { c = .uniform(color) }
        else if let colors { c = colors.count == 1 ? .uniform(colors[0]) : .perPoint(colors) }
        else { c = .cycle(0) }
        return add(LineCollection(segments: segments, color: c, lineWidth: lineWidth, lineStyle: lineStyle, alpha: alpha,
                                  label: label))
    }
}
