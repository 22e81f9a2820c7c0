import Foundation

/// One plot panel of a figure: plot elements, labels, limits, ticks, grid, legend. Create it with
/// `Figure.subplots(rows:columns:)`.
public final class Axes {
    /// Grid row in the figure (row 0 is the top row).
    public let row: Int
    /// Grid column in the figure (column 0 is the leftmost).
    public let column: Int
    weak var figure: Figure?

    /// Style override for this axes; nil uses the figure's style. See `updateStyle(_:)`.
    public var style: Style?
    /// The title above the data area; nil or "" for none.
    public var title: String?
    /// The x-axis label; nil or "" for none.
    public var xLabel: String?
    /// The y-axis label; nil or "" for none.
    public var yLabel: String?
    /// Fixed x view limits; nil autoscales to the data with the style's margins (matplotlib's rule).
    public var xLimits: ClosedRange<Double>?
    /// Fixed y view limits; nil autoscales to the data with the style's margins.
    public var yLimits: ClosedRange<Double>?
    /// How the x axis places and labels its ticks (locator and formatter; nil = the scale's defaults).
    public var xAxis = TickSettings()
    /// How the y axis places and labels its ticks (locator and formatter; nil = the scale's defaults).
    public var yAxis = TickSettings()
    /// Fixed x tick locations (a `FixedLocator` in `xAxis`); nil places them with the scale's locator.
    public var xTicks: [Double]? {
        get { (xAxis.locator as? FixedLocator)?.locations }
        set { xAxis.locator = newValue.map(FixedLocator.init) }
    }
    /// Fixed y tick locations (a `FixedLocator` in `yAxis`); nil places them with the scale's locator.
    public var yTicks: [Double]? {
        get { (yAxis.locator as? FixedLocator)?.locations }
        set { yAxis.locator = newValue.map(FixedLocator.init) }
    }
    /// How the x axis maps data to position (default linear). On a log axis, values ≤ 0 are not
    /// drawn and fixed limits must be positive.
    public var xScale: AxisScale = .linear
    /// How the y axis maps data to position (default linear).
    public var yScale: AxisScale = .linear
    /// Show the grid; nil follows the style.
    public var grid: Bool?
    /// Where the legend goes; nil draws no legend. Set by `legend(location:fontSize:)`.
    public var legendLocation: LegendLocation?
    /// Legend text size; nil follows the style.
    public var legendFontSize: Double?
    /// The plot elements, in drawing order (later ones on top). See `add(_:)`.
    public private(set) var elements: [any PlotElement] = []
    /// The colorbar to draw beside the axes (see `colorbar(label:)`), nil for none.
    public var colorbarSpec: Colorbar?
    /// Notes on data points, drawn over the data (see `annotate`).
    public var annotations: [Annotation] = []
    /// Whether the axes is drawn; a hidden axes (an unused grid cell, matplotlib's
    /// `ax.set_visible(False)`) keeps its place in the grid but draws nothing and takes no room.
    public var isVisible = true

    /// How many colours of the style's cycle each kind of element has taken.
    private var cycleCounts: [ObjectIdentifier: Int] = [:]

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

    /// Shows a legend of the labelled elements.
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

    /// Adds a plot element (drawn after, so above, the ones already there) and returns it.
    @discardableResult
    public func add<Element: PlotElement>(_ element: Element) -> Element {
        elements.append(element)
        return element
    }

    /// The next colour of the style's colour cycle for an element of this kind: each kind counts on
    /// its own (as matplotlib's lines and patches do), so the first scatter and the first line both
    /// start at C0.
    public func nextCycleColor<Element: PlotElement>(for kind: Element.Type) -> SeriesColor {
        let key = ObjectIdentifier(kind)
        let n = cycleCounts[key, default: 0]
        cycleCounts[key] = n + 1
        return .cycle(n)
    }

    /// Removes every element (and restarts the colour cycles).
    public func clear() { elements.removeAll(); cycleCounts.removeAll() }

    /// The data limits (finite points only; on a log axis positive values only), nil for an axes
    /// without such data.
    public func dataLimits() -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        let limits = axisDataLimits()
        guard let x = limits.x, let y = limits.y else { return nil }
        return (x, y)
    }

    /// The data limits of each axis on its own: an element counts only for the axes in its
    /// `dataLimitAxes` (an `axhline` gives y limits and no x limits). nil for an axis without data.
    public func axisDataLimits() -> (x: ClosedRange<Double>?, y: ClosedRange<Double>?) {
        // The union of DataLimits, per axis (on ties the earlier bounds are kept).
        func union(_ a: ClosedRange<Double>?, _ b: ClosedRange<Double>) -> ClosedRange<Double> {
            guard let a else { return b }
            let lo = b.lowerBound < a.lowerBound ? b.lowerBound : a.lowerBound
            let hi = b.upperBound > a.upperBound ? b.upperBound : a.upperBound
            return lo...hi
        }
        var x: ClosedRange<Double>?, y: ClosedRange<Double>?
        for e in elements {
            guard let d = e.dataLimits(xScale: xScale, yScale: yScale) else { continue }
            let axes = e.dataLimitAxes
            if axes.contains(.x) { x = union(x, d.x) }
            if axes.contains(.y) { y = union(y, d.y) }
        }
        return (x, y)
    }

    /// The sticky edges of every element (matplotlib's `sticky_edges`), per axis.
    func stickyEdges() -> StickyEdges {
        var s = StickyEdges()
        for e in elements {
            let edges = e.stickyEdges
            s.x += edges.x; s.y += edges.y
        }
        return s
    }

    /// The view limits the axes shows: fixed limits, or matplotlib's autoscale of the data
    /// (nonsingular + margins, not past the elements' sticky edges), or 0…1 without data.
    public func viewLimits() -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let st = effectiveStyle
        let data = axisDataLimits()
        let sticky = stickyEdges()
        func axis(_ fixed: ClosedRange<Double>?, _ d: ClosedRange<Double>?, _ margin: Double,
                  _ scale: AxisScale, _ stickies: [Double]) -> ClosedRange<Double> {
            if scale == .log {
                if let fixed, fixed.lowerBound > 0 {
                    return fixed.lowerBound < fixed.upperBound ? fixed : fixed.lowerBound / 10...fixed.upperBound * 10
                }
                guard let d else { return 1...10 }
                let (a, b) = Ticker.logAutoscale(dataMin: d.lowerBound, dataMax: d.upperBound, margin: margin,
                                                 stickyEdges: stickies)
                return a...b
            }
            if let fixed {
                // An empty range would divide by zero: widen it like matplotlib's set_xlim does.
                let (a, b) = Ticker.nonsingular(fixed.lowerBound, fixed.upperBound, expander: 0.05)
                return a...b
            }
            guard let d else { return 0...1 }
            let (a, b) = Ticker.autoscale(dataMin: d.lowerBound, dataMax: d.upperBound, margin: margin, stickyEdges: stickies)
            return a...b
        }
        return (axis(xLimits, data.x, st.xMargin, xScale, sticky.x), axis(yLimits, data.y, st.yMargin, yScale, sticky.y))
    }

    /// Gives every axes in `group` the same view limits, as matplotlib's `sharex`/`sharey` do: the
    /// elements' data limits of the whole group united, then one autoscale (margins, sticky edges)
    /// — so a flip-through or an animation of the axes does not jump. Axes with fixed limits keep
    /// them and do not count; all axes must have the same scales.
    public static func shareLimits(_ group: [Axes], x: Bool = true, y: Bool = true) {
        guard let first = group.first, group.count > 1, x || y else { return }
        var data: DataLimits?
        var sticky = StickyEdges()
        for a in group {
            for e in a.elements {
                guard let d = e.dataLimits(xScale: a.xScale, yScale: a.yScale) else { continue }
                data = data.map { $0.union(d) } ?? d
            }
            let s = a.stickyEdges()
            sticky.x += s.x; sticky.y += s.y
        }
        guard let data else { return }
        let st = first.effectiveStyle
        func autoscale(_ d: ClosedRange<Double>, _ margin: Double, _ scale: AxisScale, _ stickies: [Double]) -> ClosedRange<Double> {
            let (a, b) = scale == .log
                ? Ticker.logAutoscale(dataMin: d.lowerBound, dataMax: d.upperBound, margin: margin, stickyEdges: stickies)
                : Ticker.autoscale(dataMin: d.lowerBound, dataMax: d.upperBound, margin: margin, stickyEdges: stickies)
            return a...b
        }
        let xl = autoscale(data.x, st.xMargin, first.xScale, sticky.x), yl = autoscale(data.y, st.yMargin, first.yScale, sticky.y)
        for a in group {
            if x, a.xLimits == nil { a.xLimits = xl }
            if y, a.yLimits == nil { a.yLimits = yl }
        }
    }
}
