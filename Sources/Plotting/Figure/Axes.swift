import Foundation

/// One plot panel of a figure: series, labels, limits, grid, legend. Create it with
/// `Figure.subplots(rows:columns:)`.
public final class Axes {
    /// Grid position in the figure (row 0 is the top row).
    public let row: Int
    public let column: Int
    weak var figure: Figure?

    /// Style override for this axes; nil uses the figure's style. See `updateStyle(_:)`.
    public var style: Style?
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    /// Fixed view limits; nil autoscales to the data with the style's margins (matplotlib's rule).
    public var xLimits: ClosedRange<Double>?
    public var yLimits: ClosedRange<Double>?
    /// Fixed tick locations; nil places them with matplotlib's AutoLocator.
    public var xTicks: [Double]?
    public var yTicks: [Double]?
    /// How each axis maps data to position (default linear). On a log axis, values ≤ 0 are not
    /// drawn and fixed limits must be positive.
    public var xScale: AxisScale = .linear
    public var yScale: AxisScale = .linear
    /// Show the grid; nil follows the style.
    public var grid: Bool?
    /// Where the legend goes; nil draws no legend. Set by `legend(location:fontSize:)`.
    public var legendLocation: LegendLocation?
    /// Legend text size; nil follows the style.
    public var legendFontSize: Double?
    public private(set) var series: [Series] = []
    /// The colorbar to draw beside the axes (see `colorbar(label:)`), nil for none.
    public var colorbarSpec: Colorbar?
    /// Notes on data points, drawn over the data (see `annotate`).
    public var annotations: [Annotation] = []

    private var lineCycle = 0
    private var scatterCycle = 0

    init(row: Int, column: Int, figure: Figure) {
        self.row = row; self.column = column; self.figure = figure
    }

    /// The style this axes draws with.
    public var effectiveStyle: Style { style ?? figure?.style ?? .whitegrid }

    /// Changes individual style values for this axes only (starting from the figure's style).
    public func updateStyle(_ change: (inout Style) -> Void) {
        var s = effectiveStyle
        change(&s)
        style = s
    }

    /// Per-axes text sizes, e.g. `setFontSizes(title: 8, label: 8, tickLabel: 6, legend: 6)` for a grid.
    public func setFontSizes(title: Double? = nil, label: Double? = nil, tickLabel: Double? = nil, legend: Double? = nil) {
        updateStyle { $0.setFontSizes(title: title, label: label, tickLabel: tickLabel, legend: legend) }
    }

    /// A scatter plot, like matplotlib's `scatter`.
    /// - Parameters:
    ///   - color: one colour for all points; `colors`: one per point; `values`: numbers mapped through
    ///     `colormap` (default: the style's) between `vmin` and `vmax` (default: data min and max).
    ///     With none of them, the next colour of the style's cycle.
    ///   - size: marker area in pt² (matplotlib's `s`, default 36); `sizes`: one per point.
    ///   - alpha: replaces the colours' alpha.
    ///   - edgeColor: nil = the face colour; `.clear` = no edge. `edgeWidth`: in points (default 1).
    @discardableResult
    public func scatter(x: [Double], y: [Double], color: Color? = nil, colors: [Color]? = nil,
                        values: [Double]? = nil, colormap: Colormap? = nil, vmin: Double? = nil, vmax: Double? = nil,
                        size: Double? = nil, sizes: [Double]? = nil, marker: Marker = .circle, alpha: Double? = nil,
                        edgeColor: Color? = nil, edgeWidth: Double? = nil, label: String? = nil) -> ScatterSeries {
        precondition(x.count == y.count, "scatter: x has \(x.count) values, y has \(y.count)")
        let c: SeriesColor
        if let color { c = .uniform(color) }
        else if let colors { precondition(colors.count == x.count || colors.count == 1, "scatter: colors must match the points"); c = colors.count == 1 ? .uniform(colors[0]) : .perPoint(colors) }
        else if let values { precondition(values.count == x.count, "scatter: values must match the points"); c = .mapped(values: values, colormap: colormap, vmin: vmin, vmax: vmax) }
        else { c = .cycle(scatterCycle); scatterCycle += 1 }
        var sz: [Double]? = nil
        if let sizes { precondition(sizes.count == x.count || sizes.count == 1, "scatter: sizes must match the points"); sz = sizes }
        else if let size { sz = [size] }
        let s = ScatterSeries(x: x, y: y, color: c, sizes: sz, marker: marker, alpha: alpha, edgeColor: edgeColor,
                              edgeWidth: edgeWidth, label: label)
        series.append(.scatter(s))
        return s
    }

    /// A line through (x, y), like matplotlib's `plot`; `lineStyle: nil` draws markers only.
    @discardableResult
    public func plot(x: [Double], y: [Double], color: Color? = nil, lineWidth: Double? = nil,
                     lineStyle: LineStyle? = .solid, marker: Marker? = nil, markerSize: Double? = nil,
                     markerFaceColor: Color? = nil, markerEdgeColor: Color? = nil, markerEdgeWidth: Double? = nil,
                     alpha: Double? = nil, label: String? = nil) -> LineSeries {
        precondition(x.count == y.count, "plot: x has \(x.count) values, y has \(y.count)")
        let c: SeriesColor
        if let color { c = .uniform(color) } else { c = .cycle(lineCycle); lineCycle += 1 }
        let l = LineSeries(x: x, y: y, color: c, lineWidth: lineWidth, lineStyle: lineStyle, marker: marker,
                           markerSize: markerSize, markerFaceColor: markerFaceColor, markerEdgeColor: markerEdgeColor,
                           markerEdgeWidth: markerEdgeWidth, alpha: alpha, label: label)
        series.append(.line(l))
        return l
    }

    /// `plot(y:)` against 0, 1, 2, … like matplotlib.
    @discardableResult
    public func plot(y: [Double], color: Color? = nil, lineWidth: Double? = nil, lineStyle: LineStyle? = .solid,
                     marker: Marker? = nil, label: String? = nil) -> LineSeries {
        plot(x: y.indices.map(Double.init), y: y, color: color, lineWidth: lineWidth, lineStyle: lineStyle, marker: marker, label: label)
    }

    /// Shows a legend of the labelled series.
    public func legend(location: LegendLocation = .best, fontSize: Double? = nil) {
        legendLocation = location
        legendFontSize = fontSize
    }

    /// Adds a note at data point (x, y), like matplotlib's `annotate` with `textcoords="offset
    /// points"`: the text `offset` points away (right, up), with an arrow to the point if asked.
    public func annotate(_ text: String, x: Double, y: Double, offset: (x: Double, y: Double) = (0, 0),
                         arrow: Bool = false, color: Color? = nil, fontSize: Double? = nil) {
        annotations.append(Annotation(text, x: x, y: y, offsetX: offset.x, offsetY: offset.y, arrow: arrow,
                                      color: color, fontSize: fontSize))
    }

    /// Removes every series.
    public func clear() { series.removeAll(); lineCycle = 0; scatterCycle = 0 }

    /// The data limits (finite points only; on a log axis positive values only), nil for an axes
    /// without such data.
    public func dataLimits() -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        var x0 = Double.infinity, x1 = -Double.infinity, y0 = Double.infinity, y1 = -Double.infinity
        let xLog = xScale == .log, yLog = yScale == .log
        func add(_ xs: [Double], _ ys: [Double]) {
            for i in 0..<min(xs.count, ys.count) {
                let a = xs[i], b = ys[i]
                guard a.isFinite, b.isFinite, !(xLog && a <= 0), !(yLog && b <= 0) else { continue }
                if a < x0 { x0 = a }; if a > x1 { x1 = a }
                if b < y0 { y0 = b }; if b > y1 { y1 = b }
            }
        }
        for s in series {
            switch s {
            case .scatter(let sc): add(sc.x, sc.y)
            case .line(let l): add(l.x, l.y)
            }
        }
        guard x0 <= x1, y0 <= y1 else { return nil }
        return (x0...x1, y0...y1)
    }

    /// The view limits the axes shows: fixed limits, or matplotlib's autoscale of the data
    /// (nonsingular + margins), or 0…1 without data.
    public func viewLimits() -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let st = effectiveStyle
        let data = dataLimits()
        func axis(_ fixed: ClosedRange<Double>?, _ d: ClosedRange<Double>?, _ margin: Double,
                  _ scale: AxisScale) -> ClosedRange<Double> {
            if scale == .log {
                if let fixed, fixed.lowerBound > 0 {
                    return fixed.lowerBound < fixed.upperBound ? fixed : fixed.lowerBound / 10...fixed.upperBound * 10
                }
                guard let d else { return 1...10 }
                let (a, b) = Ticker.logAutoscale(dataMin: d.lowerBound, dataMax: d.upperBound, margin: margin)
                return a...b
            }
            if let fixed {
                // An empty range would divide by zero: widen it like matplotlib's set_xlim does.
                let (a, b) = Ticker.nonsingular(fixed.lowerBound, fixed.upperBound, expander: 0.05)
                return a...b
            }
            guard let d else { return 0...1 }
            let (a, b) = Ticker.autoscale(dataMin: d.lowerBound, dataMax: d.upperBound, margin: margin)
            return a...b
        }
        return (axis(xLimits, data?.x, st.xMargin, xScale), axis(yLimits, data?.y, st.yMargin, yScale))
    }
}
