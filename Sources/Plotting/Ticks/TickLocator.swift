import Foundation

/// What a tick locator or formatter knows about the axis it works for.
public struct TickContext: Hashable, Sendable {
    /// The view limits of the axis.
    public var view: ClosedRange<Double>
    /// How the axis maps values to positions.
    public var scale: AxisScale
    /// The length of the axis in points.
    public var axisLength: Double
    /// The size of the tick labels in points.
    public var tickLabelSize: Double
    /// Whether the axis is horizontal (x): its labels need more room per tick than y labels.
    public var isXAxis: Bool
    /// Whether negative numbers are written with U+2212 (the style's `unicodeMinus`).
    public var unicodeMinus: Bool

    /// A context for an axis of `axisLength` points showing `view`.
    public init(view: ClosedRange<Double>, scale: AxisScale = .linear, axisLength: Double, tickLabelSize: Double,
                isXAxis: Bool, unicodeMinus: Bool = true) {
        self.view = view; self.scale = scale; self.axisLength = axisLength; self.tickLabelSize = tickLabelSize
        self.isXAxis = isXAxis; self.unicodeMinus = unicodeMinus
    }

    /// matplotlib's `nbins='auto'` for this axis (see `Ticker.autoBins`).
    public var autoBins: Int { Ticker.autoBins(axisLength: axisLength, tickLabelSize: tickLabelSize, isXAxis: isXAxis) }
}

/// Where the ticks of an axis go, like matplotlib's `Locator` (set per axis with
/// `axes.xAxis.locator = …`, as `set_major_locator` does). The axis draws the ticks inside its view
/// (and, on a log axis, only positive ones); locations outside the view may be returned.
public protocol TickLocator {
    /// The tick locations for an axis, in increasing order.
    func tickLocations(in context: TickContext) -> [Double]
}

/// matplotlib's `MaxNLocator`: at most `maxBins` intervals between nice numbers (a step from
/// `steps` times a power of ten), plus one tick beyond each end. With the defaults it is matplotlib's
/// `AutoLocator`, the default of a linear axis.
public struct MaxNLocator: TickLocator, Hashable, Sendable {
    /// The most intervals; nil = matplotlib's `nbins='auto'`, from the axis length and label size.
    public var maxBins: Int?
    /// The allowed steps between 1 and 10.
    public var steps: [Double]

    /// A locator with at most `maxBins` intervals (nil = automatic) and the given steps.
    public init(maxBins: Int? = nil, steps: [Double] = Ticker.autoSteps) {
        self.maxBins = maxBins; self.steps = steps
    }

    /// The locations for the context's view (see the type).
    public func tickLocations(in context: TickContext) -> [Double] {
        Ticker.tickValues(context.view.lowerBound, context.view.upperBound, nbins: maxBins ?? context.autoBins, steps: steps)
    }
}

/// matplotlib's `LogLocator` (see `Ticker.logTicks`): decades, every `stride`-th one so that about
/// `nbins='auto'` are in view, and 2×/5× (or all of 2×…9×) within narrow views. The default of a log
/// axis, paired with `LogFormatter`.
public struct LogLocator: TickLocator, Hashable, Sendable {
    /// The default log locator.
    public init() {}

    /// The locations for the context's view (see the type).
    public func tickLocations(in context: TickContext) -> [Double] {
        Ticker.logTicks(context.view.lowerBound, context.view.upperBound, maxTicks: context.autoBins).locations
    }
}

/// Ticks at fixed locations, like matplotlib's `FixedLocator` (what `Axes.xTicks` sets).
public struct FixedLocator: TickLocator, Hashable, Sendable {
    /// The tick locations.
    public var locations: [Double]

    /// Ticks at `locations`.
    public init(_ locations: [Double]) { self.locations = locations }

    /// The locations for the context's view (see the type).
    public func tickLocations(in context: TickContext) -> [Double] { locations }
}
