import Foundation

/// Where a bar sits relative to its position (matplotlib's `align=`).
public enum BarAlignment: String, Hashable, Sendable {
    /// Centred on the position (matplotlib's default).
    case center
    /// The left (vertical bars) or bottom (horizontal bars) edge at the position.
    case edge
}

/// Bars, like the `BarContainer` of matplotlib's `Axes.bar` / `Axes.barh`: one rectangle per value,
/// from a baseline. Made by `Axes.bar`, `Axes.barh` and `Axes.hist`.
///
/// Vertical bars: `positions` are x, `values` heights, `thicknesses` widths, `baselines` bottoms.
/// Horizontal bars: `positions` are y, `values` widths, `thicknesses` heights, `baselines` lefts.
/// The baselines are sticky edges (the autoscale margin stops there, so bars from 0 start at 0).
/// All bars of one colour are drawn with one path (one renderer call per face colour).
public final class BarSeries: PlotElement {
    /// Vertical (`bar`) or horizontal (`barh`).
    public enum Orientation: String, Hashable, Sendable {
        /// Bars along x, growing in y.
        case vertical
        /// Bars along y, growing in x.
        case horizontal
    }

    /// Vertical or horizontal bars.
    public var orientation: Orientation
    /// Bar positions (x of vertical, y of horizontal bars).
    public var positions: [Double]
    /// Bar lengths from the baseline (heights of vertical bars, widths of horizontal ones); negative
    /// values grow the other way.
    public var values: [Double]
    /// Bar thickness across the bar: one for all bars or one per bar (matplotlib default 0.8).
    public var thicknesses: [Double]
    /// Where each bar starts: one for all bars or one per bar (matplotlib's `bottom` / `left`, default 0).
    public var baselines: [Double]
    /// How a bar sits on its position.
    public var align: BarAlignment
    /// Face colours: `.cycle`, `.uniform` or `.perPoint` (one per bar).
    public var color: SeriesColor
    /// Edge colour; nil = no edge (matplotlib's default `patch.force_edgecolor=False`).
    public var edgeColor: Color?
    /// Edge width in points; nil = 1 (matplotlib's `patch.linewidth`).
    public var edgeWidth: Double?
    /// Replaces the alpha of the face and edge colours.
    public var alpha: Double?
    /// Legend label (one entry for all bars, with a rectangle handle); nil or "_…" for none.
    public var label: String?

    /// Bars; see `Axes.bar` for the meaning of each value.
    public init(orientation: Orientation, positions: [Double], values: [Double], thicknesses: [Double] = [0.8],
                baselines: [Double] = [0], align: BarAlignment = .center, color: SeriesColor, edgeColor: Color? = nil,
                edgeWidth: Double? = nil, alpha: Double? = nil, label: String? = nil) {
        self.orientation = orientation; self.positions = positions; self.values = values
        self.thicknesses = thicknesses; self.baselines = baselines; self.align = align; self.color = color
        self.edgeColor = edgeColor; self.edgeWidth = edgeWidth; self.alpha = alpha; self.label = label
    }

    /// The number of bars.
    public var count: Int { min(positions.count, values.count) }

    /// Bar `i` as data corners: (from, to) across the bar and (from, to) along it, as matplotlib
    /// computes them (`left = x - width / 2`, `right = left + width`, `top = bottom + height`).
    public func extent(_ i: Int) -> (across: (Double, Double), along: (Double, Double)) {
        let t = thicknesses.count == 1 ? thicknesses[0] : thicknesses[i]
        let b = baselines.count == 1 ? baselines[0] : baselines[i]
        let start = align == .center ? positions[i] - t / 2 : positions[i]
        return ((start, start + t), (b, b + values[i]))
    }

    // MARK: PlotElement

    /// The corners of every bar with finite values (positive ones on a log axis); bars of zero
    /// width and zero height are left out, as matplotlib's `_update_patch_limits` does.
    public func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? {
        let vertical = orientation == .vertical
        let acrossLog = (vertical ? xScale : yScale) == .log, alongLog = (vertical ? yScale : xScale) == .log
        var a0 = Double.infinity, a1 = -Double.infinity, l0 = Double.infinity, l1 = -Double.infinity
        for i in 0..<count {
            let (across, along) = extent(i)
            guard across.0.isFinite, across.1.isFinite, along.0.isFinite, along.1.isFinite else { continue }
            if across.0 == across.1 && along.0 == along.1 { continue }
            if !(acrossLog && across.0 <= 0) { a0 = min(a0, across.0); a1 = max(a1, across.0) }
            if !(acrossLog && across.1 <= 0) { a0 = min(a0, across.1); a1 = max(a1, across.1) }
            if !(alongLog && along.0 <= 0) { l0 = min(l0, along.0); l1 = max(l1, along.0) }
            if !(alongLog && along.1 <= 0) { l0 = min(l0, along.1); l1 = max(l1, along.1) }
        }
        guard a0 <= a1, l0 <= l1 else { return nil }
        return vertical ? DataLimits(x: a0...a1, y: l0...l1) : DataLimits(x: l0...l1, y: a0...a1)
    }

    /// Each bar's baseline (matplotlib appends `bottom` to the y sticky edges of a vertical bar,
    /// `left` to the x ones of a horizontal bar).
    public var stickyEdges: StickyEdges {
        let s = baselines.count == 1 && count > 0 ? baselines : Array(baselines.prefix(count))
        return orientation == .vertical ? StickyEdges(y: s) : StickyEdges(x: s)
    }

    /// The bars, one path per face colour (first-seen order), snapped to pixels in raster output.
    public func draw(in context: AxesContext, with renderer: Renderer) {
        let faces = color.colors(in: context.style, count: count)
        let edge = PatchPaint.edge(edgeColor, width: edgeWidth, alpha: alpha, snaps: true)
        var order: [Color] = []
        var paths: [Color: Path] = [:]
        for i in 0..<count {
            guard let r = rect(i, context) else { continue }
            guard let last = faces.last else { return }
            let face = i < faces.count ? faces[i] : last
            if paths[face] == nil { order.append(face); paths[face] = Path() }
            paths[face]!.addRect(r)
        }
        for face in order {
            PatchPaint.draw(paths[face]!, face: PatchPaint.apply(alpha, to: face), edge: edge, rectilinear: true, with: renderer)
        }
    }

    /// A rectangle in the first bar's colours.
    public func drawLegendHandle(in area: LegendHandleArea, context: AxesContext, with renderer: Renderer) {
        let face = color.colors(in: context.style, count: max(count, 1)).first ?? .black
        PatchPaint.drawHandle(area, style: context.style, face: PatchPaint.apply(alpha, to: face),
                              edge: PatchPaint.edge(edgeColor, width: edgeWidth, alpha: alpha, snaps: true), with: renderer)
    }

    /// Every bar's box (matplotlib counts rectangles as boxes overlapping the legend).
    public func legendObstacles(in context: AxesContext) -> LegendObstacles {
        LegendObstacles(rects: (0..<count).compactMap { rect($0, context) })
    }

    /// Bar `i` in points; nil when a value is not finite. A corner at or below 0 on a log axis is
    /// put just beyond the data area (matplotlib clips it to a tiny positive value).
    func rect(_ i: Int, _ context: AxesContext) -> Rect? {
        let (across, along) = extent(i)
        guard across.0.isFinite, across.1.isFinite, along.0.isFinite, along.1.isFinite else { return nil }
        let a: Point, b: Point
        if orientation == .vertical {
            a = Self.position(context, x: across.0, y: along.0); b = Self.position(context, x: across.1, y: along.1)
        } else {
            a = Self.position(context, x: along.0, y: across.0); b = Self.position(context, x: along.1, y: across.1)
        }
        return PatchPaint.rect(a, b)
    }

    /// The position of (x, y), with coordinates that cannot be shown on a log axis moved just
    /// beyond the lower end of the axis.
    static func position(_ context: AxesContext, x: Double, y: Double) -> Point {
        var p = context.position(x: x, y: y)
        let r = context.dataArea
        if !p.x.isFinite { p.x = context.xInverted ? r.maxX + 1 : r.minX - 1 }
        if !p.y.isFinite { p.y = context.yInverted ? r.minY - 1 : r.maxY + 1 }
        return p
    }
}

extension Axes {
    /// Vertical bars, like matplotlib's `bar(x, height, width=0.8, bottom=0, align='center')`.
    /// - Parameters:
    ///   - width: one width for all bars; `widths`: one per bar.
    ///   - bottom: one baseline for all bars; `bottoms`: one per bar. The baselines are sticky edges.
    ///   - color: one face colour; `colors`: one per bar; neither = the next colour of the patches
    ///     cycle (`nextPatchColor()`, shared with scatter and fills as in matplotlib).
    ///   - edgeColor: nil = no edge; `edgeWidth`: in points (default 1).
    ///   - alpha: replaces the face and edge colours' alpha.
    ///   - tickLabels: labels the x axis at the bar positions (matplotlib's `tick_label`).
    ///   - label: one legend entry for all bars, with a rectangle handle.
    @discardableResult
    public func bar(x: [Double], height: [Double], width: Double = 0.8, widths: [Double]? = nil, bottom: Double = 0,
                    bottoms: [Double]? = nil, align: BarAlignment = .center, color: Color? = nil, colors: [Color]? = nil,
                    edgeColor: Color? = nil, edgeWidth: Double? = nil, alpha: Double? = nil, tickLabels: [String]? = nil,
                    label: String? = nil) -> BarSeries {
        let series = makeBars(.vertical, "bar", positions: x, values: height, thickness: width, thicknesses: widths,
                              baseline: bottom, baselines: bottoms, align: align, color: color, colors: colors,
                              edgeColor: edgeColor, edgeWidth: edgeWidth, alpha: alpha, label: label)
        if let tickLabels { xAxis.setCategories(tickLabels, at: Array(x.prefix(tickLabels.count))) }
        return add(series)
    }

    /// Horizontal bars, like matplotlib's `barh(y, width, height=0.8, left=0, align='center')`:
    /// `width` holds the bar lengths, `height`/`heights` their thickness, `left`/`lefts` the
    /// baselines (sticky edges). Colours, edges, alpha and label as in `bar`; `tickLabels` label the y axis.
    @discardableResult
    public func barh(y: [Double], width: [Double], height: Double = 0.8, heights: [Double]? = nil, left: Double = 0,
                     lefts: [Double]? = nil, align: BarAlignment = .center, color: Color? = nil, colors: [Color]? = nil,
                     edgeColor: Color? = nil, edgeWidth: Double? = nil, alpha: Double? = nil, tickLabels: [String]? = nil,
                     label: String? = nil) -> BarSeries {
        let series = makeBars(.horizontal, "barh", positions: y, values: width, thickness: height, thicknesses: heights,
                              baseline: left, baselines: lefts, align: align, color: color, colors: colors,
                              edgeColor: edgeColor, edgeWidth: edgeWidth, alpha: alpha, label: label)
        if let tickLabels { yAxis.setCategories(tickLabels, at: Array(y.prefix(tickLabels.count))) }
        return add(series)
    }

    private func makeBars(_ o: BarSeries.Orientation, _ name: String, positions: [Double], values: [Double], thickness: Double,
                          thicknesses: [Double]?, baseline: Double, baselines: [Double]?, align: BarAlignment, color: Color?,
                          colors: [Color]?, edgeColor: Color?, edgeWidth: Double?, alpha: Double?, label: String?) -> BarSeries {
        let n = positions.count
        precondition(values.count == n, "\(name): \(n) positions but \(values.count) values")
        precondition(thicknesses == nil || thicknesses!.count == n, "\(name): one thickness per bar")
        precondition(baselines == nil || baselines!.count == n, "\(name): one baseline per bar")
        precondition(colors == nil || colors!.count == n || colors!.count == 1, "\(name): colors must match the bars")
        let c: SeriesColor
        if let color { c = .uniform(color) }
        else if let colors { c = colors.count == 1 ? .uniform(colors[0]) : .perPoint(colors) }
        else { c = nextPatchColor() }
        return BarSeries(orientation: o, positions: positions, values: values, thicknesses: thicknesses ?? [thickness],
                         baselines: baselines ?? [baseline], align: align, color: c, edgeColor: edgeColor,
                         edgeWidth: edgeWidth, alpha: alpha, label: label)
    }
}
