import Foundation

/// Something drawn in the data area of an axes — a scatter, a line, bars, links — like matplotlib's
/// `Artist` children of an `Axes`. Add one with `Axes.add(_:)`; `scatter(...)` and `plot(...)` are
/// sugar for adding a `ScatterSeries` or `LineSeries`.
///
/// An element tells the axes what it covers (data limits for autoscaling, sticky edges), draws
/// itself through the renderer in the axes' coordinates, draws its legend handle, and tells the
/// `best` legend location what it would hide. Everything but `dataLimits` and `draw` has a default.
///
/// Elements are classes, so their properties can be changed after they were added; they are
/// drawn in the order they were added (later ones on top), clipped to the data area.
public protocol PlotElement: AnyObject {
    /// The legend entry's text; nil or a label starting with "_" leaves the element out of the
    /// legend (as in matplotlib). Default nil.
    var label: String? { get }

    /// The extent of the element's data for axes of the given scales — positive values only on a log
    /// axis — or nil when it has nothing to show there. The axes' autoscale unites them.
    func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits?

    /// The axes whose autoscale `dataLimits` counts for: both by default; one for an element that
    /// spans the other axis in axes coordinates (matplotlib's blended transforms: `axhline` counts
    /// for y only, `axvline` for x only).
    var dataLimitAxes: DataLimitAxes { get }

    /// Values the autoscale margins must not cross (matplotlib's `sticky_edges`): bars from 0 stick
    /// to 0, so the view starts at 0 instead of 5 % below it. Default none.
    var stickyEdges: StickyEdges { get }

    /// The colour map and value range the element maps values through, for `Axes.colorbar(label:)`
    /// (the last element with one is shown). Default nil.
    var colorMapping: ColorMapping? { get }

    /// Draws the element through `renderer`, mapping data to points with `context`; the drawing is
    /// clipped to the data area.
    func draw(in context: AxesContext, with renderer: Renderer)

    /// Draws the element's legend handle in `area` (a box `style.legendHandleLength` em wide, one
    /// legend row high). Default: nothing.
    func drawLegendHandle(in area: LegendHandleArea, context: AxesContext, with renderer: Renderer)

    /// What a legend at the `best` location should not cover, in points: matplotlib's
    /// `_find_best_position` counts the points inside a candidate box and the polylines crossing it.
    /// Default none.
    func legendObstacles(in context: AxesContext) -> LegendObstacles

    /// Texts the element places around its data (matplotlib's `Axes.text`), in points: drawn after
    /// the elements and the spines, outside the data-area clip; the measured layout keeps them on the
    /// canvas and a `best` legend avoids them. Default none.
    func texts(in context: AxesContext) -> [ElementText]
}

extension PlotElement {
    /// No label: not in the legend.
    public var label: String? { nil }
    /// Data limits on both axes.
    public var dataLimitAxes: DataLimitAxes { .both }
    /// No sticky edges.
    public var stickyEdges: StickyEdges { .none }
    /// No colour mapping.
    public var colorMapping: ColorMapping? { nil }
    /// No legend handle.
    public func drawLegendHandle(in area: LegendHandleArea, context: AxesContext, with renderer: Renderer) {}
    /// Nothing for the `best` legend location to avoid.
    public func legendObstacles(in context: AxesContext) -> LegendObstacles { LegendObstacles() }
    /// No texts.
    public func texts(in context: AxesContext) -> [ElementText] { [] }

    /// Whether the element has a legend entry: a label that is not empty and does not start with "_".
    var showsInLegend: Bool {
        guard let l = label, !l.isEmpty, !l.hasPrefix("_") else { return false }
        return true
    }
}

/// The extent of an element's data: a closed range per axis.
public struct DataLimits: Hashable, Sendable {
    /// The x range.
    public var x: ClosedRange<Double>
    /// The y range.
    public var y: ClosedRange<Double>

    /// Limits of the given ranges.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>) { self.x = x; self.y = y }

    /// The limits of the points (`xs[i]`, `ys[i]`) that can be drawn: both coordinates finite and, on
    /// a log axis, positive. Nil when there is none.
    public init?(x xs: [Double], y ys: [Double], xScale: AxisScale, yScale: AxisScale) {
        var x0 = Double.infinity, x1 = -Double.infinity, y0 = Double.infinity, y1 = -Double.infinity
        let xLog = xScale == .log, yLog = yScale == .log
        for i in 0..<min(xs.count, ys.count) {
            let a = xs[i], b = ys[i]
            guard a.isFinite, b.isFinite, !(xLog && a <= 0), !(yLog && b <= 0) else { continue }
            if a < x0 { x0 = a }; if a > x1 { x1 = a }
            if b < y0 { y0 = b }; if b > y1 { y1 = b }
        }
        guard x0 <= x1, y0 <= y1 else { return nil }
        self.init(x: x0...x1, y: y0...y1)
    }

    /// The smallest limits holding both (on ties the receiver's bounds are kept).
    public func union(_ other: DataLimits) -> DataLimits {
        func lo(_ a: Double, _ b: Double) -> Double { b < a ? b : a }
        func hi(_ a: Double, _ b: Double) -> Double { b > a ? b : a }
        return DataLimits(x: lo(x.lowerBound, other.x.lowerBound)...hi(x.upperBound, other.x.upperBound),
                          y: lo(y.lowerBound, other.y.lowerBound)...hi(y.upperBound, other.y.upperBound))
    }
}

/// Which axes an element's data limits count for (see `PlotElement.dataLimitAxes`).
public struct DataLimitAxes: OptionSet, Hashable, Sendable {
    /// The raw bits.
    public let rawValue: Int
    /// A set of the given bits.
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// The x axis.
    public static let x = DataLimitAxes(rawValue: 1)
    /// The y axis.
    public static let y = DataLimitAxes(rawValue: 2)
    /// Both axes (the default).
    public static let both: DataLimitAxes = [.x, .y]
}

/// Values the autoscale margins of each axis must not cross (matplotlib's `Artist.sticky_edges`).
public struct StickyEdges: Hashable, Sendable {
    /// Sticky x values.
    public var x: [Double]
    /// Sticky y values.
    public var y: [Double]

    /// Sticky values per axis.
    public init(x: [Double] = [], y: [Double] = []) { self.x = x; self.y = y }

    /// No sticky values.
    public static let none = StickyEdges()
}

/// The colour map and value range an element maps numbers through (what a colorbar shows).
public struct ColorMapping: Hashable, Sendable {
    /// The colour map; nil = the style's default.
    public var colormap: Colormap?
    /// The value shown with the map's first colour.
    public var vmin: Double
    /// The value shown with the map's last colour.
    public var vmax: Double

    /// A mapping of `vmin…vmax` through `colormap` (nil = the style's).
    public init(colormap: Colormap?, vmin: Double, vmax: Double) {
        self.colormap = colormap; self.vmin = vmin; self.vmax = vmax
    }
}

/// Where a legend handle is drawn: a box centred on `center`, `width` × `height` points.
public struct LegendHandleArea: Hashable, Sendable {
    /// The centre of the handle.
    public var center: Point
    /// The handle length (`style.legendHandleLength` em).
    public var width: Double
    /// The handle height (`style.legendHandleHeight` em, matplotlib's `handleheight`).
    public var height: Double

    /// A handle area around `center`.
    public init(center: Point, width: Double, height: Double) {
        self.center = center; self.width = width; self.height = height
    }

    /// The box of the area.
    public var rect: Rect { Rect(x: center.x - width / 2, y: center.y - height / 2, width: width, height: height) }
}

/// What an element would hide under a legend, in points (see `PlotElement.legendObstacles(in:)`).
public struct LegendObstacles: Sendable {
    /// Points, each counting once when inside a candidate legend box.
    public var points: [Point]
    /// Polylines, each counting once when it crosses a candidate legend box.
    public var polylines: [[Point]]
    /// Boxes, each counting once when it overlaps a candidate legend box (matplotlib's
    /// `count_overlaps` of the bounding boxes of rectangles, such as bars, and of texts).
    public var rects: [Rect]

    /// Obstacles of the given points, polylines and boxes.
    public init(points: [Point] = [], polylines: [[Point]] = [], rects: [Rect] = []) {
        self.points = points; self.polylines = polylines; self.rects = rects
    }
}
