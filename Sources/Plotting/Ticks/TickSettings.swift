import Foundation

/// How one axis of an axes places and labels its ticks (matplotlib's `ax.xaxis` with
/// `set_major_locator` / `set_major_formatter`). nil values follow the axis scale's defaults
/// (`AxisScale.defaultLocator`, `AxisScale.defaultFormatter(for:)`).
///
/// It also holds the axis' own look where matplotlib has one per axis: the tick labels' rotation,
/// size and side (`set_xticklabels(rotation=, size=)`, `set_ticks_position`), whether tick marks and
/// grid lines are drawn, and the direction (`invert_yaxis`). The defaults draw as before.
public struct TickSettings {
    /// Where the ticks go; nil = the scale's default (MaxNLocator on linear axes, LogLocator on log axes).
    public var locator: (any TickLocator)?
    /// How the ticks are labelled; nil = the scale's default for the locator.
    public var formatter: (any TickFormatter)?
    /// Tick label rotation in degrees counter-clockwise (matplotlib's `rotation=` of the tick labels,
    /// `rotation_mode='default'`: the rotated label's box is aligned to the tick — centred below an
    /// x tick, right of the label next to a y tick). Default 0.
    public var labelRotation: Double = 0
    /// Tick label size in points; nil = the style's tick label size.
    public var labelSize: Double?
    /// The side the ticks and their labels are on (matplotlib's `set_ticks_position`): x ticks at
    /// the bottom or top, y ticks at the left or right. The axis label stays where it is.
    public var side: TickSide = .standard
    /// Whether the tick marks are drawn (when the style draws tick marks at all). scipy's
    /// dendrogram hides those of the leaf axis.
    public var showsTickMarks = true
    /// Grid lines at this axis' ticks: nil follows the axes (`Axes.grid`, then the style).
    public var showsGrid: Bool?
    /// Whether the axis runs backwards (matplotlib's `invert_xaxis`/`invert_yaxis`, or limits given
    /// high to low): the lower limit is at the right (x) or the top (y). Limits stay low…high ranges.
    public var isInverted = false

    /// Settings with the given locator and formatter (nil = the scale's defaults).
    public init(locator: (any TickLocator)? = nil, formatter: (any TickFormatter)? = nil) {
        self.locator = locator; self.formatter = formatter
    }

    /// Category ticks: `labels[i]` at `locations[i]`, or at 0, 1, …, n − 1 without locations (as
    /// silhouette plots label clusters and dendrograms label leaves).
    public mutating func setCategories(_ labels: [String], at locations: [Double]? = nil) {
        precondition(locations == nil || locations!.count == labels.count, "setCategories: one location per label")
        locator = FixedLocator(locations ?? labels.indices.map(Double.init))
        formatter = FixedFormatter(labels)
    }

    /// The locator in effect on an axis of `scale`.
    func effectiveLocator(_ scale: AxisScale) -> any TickLocator { locator ?? scale.defaultLocator }

    /// The tick locations and labels for an axis (non-positive locations dropped on a log axis;
    /// labels padded or cut to one per location).
    func ticks(in context: TickContext) -> (locations: [Double], labels: Ticker.Labels) {
        let loc = effectiveLocator(context.scale)
        var locs = loc.tickLocations(in: context)
        if context.scale == .log { locs = locs.filter { $0 > 0 } }
        var f = (formatter ?? context.scale.defaultFormatter(for: loc)).tickLabels(for: locs, in: context)
        if f.labels.count != locs.count {
            f.labels = locs.indices.map { $0 < f.labels.count ? f.labels[$0] : "" }
        }
        return (locs, f)
    }
}

/// Which side of the data area an axis' ticks and tick labels are on.
public enum TickSide: String, Hashable, Sendable {
    /// Bottom (x) or left (y): matplotlib's default.
    case standard
    /// Top (x) or right (y).
    case opposite
}

extension AxisScale {
    /// The locator an axis of this scale uses unless told otherwise: `MaxNLocator()` (matplotlib's
    /// AutoLocator) for linear axes, `LogLocator()` for log axes.
    public var defaultLocator: any TickLocator {
        switch self {
        case .linear: return MaxNLocator()
        case .log: return LogLocator()
        }
    }

    /// The formatter an axis of this scale uses with `locator` unless told otherwise:
    /// `ScalarFormatter()` on linear axes; on log axes `LogFormatter()` for the `LogLocator`'s ticks,
    /// and every other locator's ticks written as plain numbers, each on its own.
    public func defaultFormatter(for locator: any TickLocator) -> any TickFormatter {
        switch self {
        case .linear: return ScalarFormatter()
        case .log: return locator is LogLocator ? LogFormatter() : ScalarFormatter(formatsEachValueAlone: true)
        }
    }

    /// Whether a tick at `value` is inside `view` and drawn: matplotlib's relative tolerance of
    /// 1e-10 of the span on linear axes, of the limits themselves on log axes.
    func viewContains(_ value: Double, _ view: ClosedRange<Double>) -> Bool {
        switch self {
        case .linear: return Ticker.inView(value, view.lowerBound, view.upperBound)
        case .log: return value >= view.lowerBound * (1 - 1e-10) && value <= view.upperBound * (1 + 1e-10)
        }
    }
}
