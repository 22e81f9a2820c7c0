import Foundation

/// A line across the axes at a data value, like matplotlib's `axhline(y)` and `axvline(x)`: along
/// the line it is in axes coordinates (from `from` to `to`, fractions of the data area, default the
/// whole width or height), across it in data coordinates. It counts for the data limits only
/// across (matplotlib's blended transform: `axhline` extends the y limits, never the x limits).
/// Made by `Axes.axhline` and `Axes.axvline`.
public final class ReferenceLine: PlotElement {
    /// Which way the line runs.
    public enum Orientation: String, Hashable, Sendable {
        /// `axhline`: at a y value, across the width.
        case horizontal
        /// `axvline`: at an x value, across the height.
        case vertical
    }

    /// Horizontal (`axhline`) or vertical (`axvline`).
    public var orientation: Orientation
    /// The y (horizontal) or x (vertical) data value.
    public var value: Double
    /// Where the line starts, as a fraction of the data area (matplotlib's `xmin`/`ymin`, default 0).
    public var from: Double
    /// Where the line ends, as a fraction of the data area (`xmax`/`ymax`, default 1).
    public var to: Double
    /// `.cycle(n)` or `.uniform`; default C0 (matplotlib's `lines.color`; the cycle does not advance).
    public var color: SeriesColor
    /// Line width in points; nil = the style's line width.
    public var lineWidth: Double?
    /// The dash pattern.
    public var lineStyle: LineStyle
    /// Replaces the colour's alpha.
    public var alpha: Double?
    /// Legend label (a line handle); nil or "_…" for none.
    public var label: String?

    /// A reference line; see `Axes.axhline`.
    public init(orientation: Orientation, value: Double, from: Double = 0, to: Double = 1, color: SeriesColor = .cycle(0),
                lineWidth: Double? = nil, lineStyle: LineStyle = .solid, alpha: Double? = nil, label: String? = nil) {
        self.orientation = orientation; self.value = value; self.from = from; self.to = to; self.color = color
        self.lineWidth = lineWidth; self.lineStyle = lineStyle; self.alpha = alpha; self.label = label
    }

    // MARK: PlotElement

    /// The value on the axis across the line (nil when it cannot be shown: not finite, or ≤ 0 on a
    /// log axis); the other axis' range in `DataLimits` is not used (`dataLimitAxes`).
    public func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? {
        let scale = orientation == .horizontal ? yScale : xScale
        guard value.isFinite, !(scale == .log && value <= 0) else { return nil }
        return DataLimits(x: value...value, y: value...value)
    }

    /// y for a horizontal line, x for a vertical one.
    public var dataLimitAxes: DataLimitAxes { orientation == .horizontal ? .y : .x }

    /// The line (snapped to the pixel grid in raster output, as matplotlib snaps it).
    public func draw(in context: AxesContext, with renderer: Renderer) {
        guard let ends = ends(context) else { return }
        var p = Path()
        p.move(to: ends.0)
        p.line(to: ends.1)
        renderer.drawPath(p, fill: nil, stroke: stroke(context.style, snaps: true))
    }

    /// A stretch of line across the handle.
    public func drawLegendHandle(in area: LegendHandleArea, context: AxesContext, with renderer: Renderer) {
        var p = Path()
        p.move(to: Point(x: area.center.x - area.width / 2, y: area.center.y))
        p.line(to: Point(x: area.center.x + area.width / 2, y: area.center.y))
        renderer.drawPath(p, fill: nil, stroke: stroke(context.style, snaps: false))
    }

    /// Its two ends and the line between them (matplotlib counts a Line2D's vertices and path).
    public func legendObstacles(in context: AxesContext) -> LegendObstacles {
        guard let ends = ends(context) else { return LegendObstacles() }
        return LegendObstacles(points: [ends.0, ends.1], polylines: [[ends.0, ends.1]])
    }

    /// The ends in points, nil when the value cannot be drawn.
    func ends(_ context: AxesContext) -> (Point, Point)? {
        switch orientation {
        case .horizontal:
            let y = context.yPosition(value)
            guard y.isFinite else { return nil }
            return (Point(x: context.position(axesFraction: from, 0).x, y: y), Point(x: context.position(axesFraction: to, 0).x, y: y))
        case .vertical:
            let x = context.xPosition(value)
            guard x.isFinite else { return nil }
            return (Point(x: x, y: context.position(axesFraction: 0, from).y), Point(x: x, y: context.position(axesFraction: 0, to).y))
        }
    }

    func stroke(_ style: Style, snaps: Bool) -> StrokeStyle {
        let lw = lineWidth ?? style.lineWidth
        let c = PatchPaint.apply(alpha, to: color.colors(in: style, count: 1).first ?? .black)
        let dashes = lineStyle.dashes(lineWidth: lw)
        return StrokeStyle(color: c, width: lw, dash: dashes, cap: dashes.isEmpty ? .round : .butt, join: .round, snapsToPixels: snaps)
    }
}

extension Axes {
    /// A horizontal line at `y` across the axes, like matplotlib's `axhline(y, xmin=0, xmax=1)`
    /// (`xmin`/`xmax` are fractions of the width). It extends the y data limits only. Default colour
    /// C0 of the style's cycle (the cycle does not advance), width the style's line width.
    @discardableResult
    public func axhline(y: Double, xmin: Double = 0, xmax: Double = 1, color: Color? = nil, lineWidth: Double? = nil,
                        lineStyle: LineStyle = .solid, alpha: Double? = nil, label: String? = nil) -> ReferenceLine {
        add(ReferenceLine(orientation: .horizontal, value: y, from: xmin, to: xmax, color: color.map { .uniform($0) } ?? .cycle(0),
                          lineWidth: lineWidth, lineStyle: lineStyle, alpha: alpha, label: label))
    }

    /// A vertical line at `x` across the axes, like matplotlib's `axvline(x, ymin=0, ymax=1)`
    /// (fractions of the height, from the bottom). It extends the x data limits only.
    @discardableResult
    public func axvline(x: Double, ymin: Double = 0, ymax: Double = 1, color: Color? = nil, lineWidth: Double? = nil,
                        lineStyle: LineStyle = .solid, alpha: Double? = nil, label: String? = nil) -> ReferenceLine {
        add(ReferenceLine(orientation: .vertical, value: x, from: ymin, to: ymax, color: color.map { .uniform($0) } ?? .cycle(0),
                          lineWidth: lineWidth, lineStyle: lineStyle, alpha: alpha, label: label))
    }
}
