import Foundation

/// A colour scale beside an axes for the values its scatter maps through a colormap, like
/// matplotlib's `fig.colorbar(mappable, ax=ax, label=…)`: a bar as tall as the data area, to the
/// right of it (width 1/20 of its height, matplotlib's aspect), ticks by the usual locator.
public struct Colorbar: Hashable, Sendable {
    /// Text beside the bar (rotated), nil for none.
    public var label: String?

    /// A colorbar with an optional label.
    public init(label: String? = nil) { self.label = label }
}

/// A colorbar as laid out.
struct ColorbarPlan {
    var bar: Rect
    var colormap: Colormap
    var vmin: Double
    var vmax: Double
    var ticks: [(value: Double, y: Double)]
    var texts: [PlacedText]

    /// The bar and its texts.
    var bounds: Rect { texts.reduce(bar) { $0.union($1.rect) } }
}

extension Axes {
    /// Shows a colorbar for the last element mapping values through a colormap (a scatter coloured by
    /// `values:`; see `PlotElement.colorMapping`).
    public func colorbar(label: String? = nil) {
        colorbarSpec = Colorbar(label: label)
    }

    /// The colour mapping of the last element that has one (a scatter coloured by `values:`), nil
    /// when there is none.
    func mappedScale() -> ColorMapping? {
        for e in elements.reversed() {
            if let m = e.colorMapping { return m }
        }
        return nil
    }
}

extension FigurePainter {
    /// Lays out the colorbar of `p`'s axes to the right of its data area, nil without one.
    func colorbarPlan(_ p: AxesPlan) -> ColorbarPlan? {
        guard let spec = p.axes.colorbarSpec, let scale = p.axes.mappedScale() else { return nil }
        let st = p.style, r = p.rect
        let width = min(max(r.height / 20, 6), 18)
        let bar = Rect(x: r.maxX + max(8, 0.025 * r.width), y: r.minY, width: width, height: r.height)
        var lo = scale.vmin, hi = scale.vmax
        if hi <= lo { (lo, hi) = Ticker.nonsingular(lo, hi, expander: 0.05) }
        guard lo <= hi else { return nil }  // a NaN bound: no scale to show
        func y(_ v: Double) -> Double { bar.maxY - (v - lo) / (hi - lo) * bar.height }
        // The linear axis defaults, on the ticks inside the value range.
        let ticks = TickContext(view: lo...hi, axisLength: bar.height, tickLabelSize: st.yTickLabelSize, isXAxis: false,
                                unicodeMinus: st.unicodeMinus)
        let locs = MaxNLocator().tickLocations(in: ticks).filter { Ticker.inView($0, lo, hi) }
        let labels = ScalarFormatter().tickLabels(for: locs, in: ticks).labels
        let ts = textStyle(st, size: st.yTickLabelSize, color: st.tickLabelColor)
        let gap = (st.tickMarks && st.ticksOutward ? st.tickSize : 0) + st.tickPad
        var texts: [PlacedText] = []
        var right = bar.maxX
        for (v, label) in zip(locs, labels) {
            let t = place(.colorbarTickLabel, label, at: Point(x: bar.maxX + gap, y: y(v)), style: ts, .left, .center)
            texts.append(t)
            right = max(right, t.rect.maxX)
        }
        if let label = spec.label, !label.isEmpty {
            let ls = textStyle(st, size: st.labelSize, color: st.labelColor)
            texts.append(place(.colorbarLabel, label, at: Point(x: right + st.labelPad, y: bar.midY), style: ls, .center, .top,
                               rotation: 90))
        }
        return ColorbarPlan(bar: bar, colormap: scale.colormap ?? st.colormap, vmin: lo, vmax: hi,
                            ticks: locs.map { ($0, y($0)) }, texts: texts)
    }

    /// The colour bands (each overlapping the next by a point, so no seams show between them),
    /// the frame, tick marks when the style draws them, and the texts.
    func paintColorbar(_ c: ColorbarPlan, _ p: AxesPlan) {
        let st = p.style, bar = c.bar
        let n = c.colormap.colors.count
        let step = bar.height / Double(max(n, 1))
        for (i, color) in c.colormap.colors.enumerated() {
            let top = bar.maxY - Double(i + 1) * step
            var band = Path()
            band.addRect(Rect(x: bar.minX, y: i == n - 1 ? top : top - 1, width: bar.width, height: step + (i == n - 1 ? 0 : 1)))
            renderer.drawPath(band, fill: color.withAlpha(1), stroke: nil)
        }
        var frame = Path(); frame.addRect(bar)
        renderer.drawPath(frame, fill: nil, stroke: StrokeStyle(color: st.axesEdgeColor, width: st.axesLineWidth, join: .miter,
                                                                 snapsToPixels: true))
        if st.tickMarks {
            var ticks = Path()
            let len = st.ticksOutward ? st.tickSize : -st.tickSize
            for t in c.ticks { ticks.move(to: Point(x: bar.maxX, y: t.y)); ticks.line(to: Point(x: bar.maxX + len, y: t.y)) }
            renderer.drawPath(ticks, fill: nil, stroke: StrokeStyle(color: st.tickColor, width: st.tickWidth, snapsToPixels: true))
        }
        for t in c.texts { drawText(t) }
    }
}
