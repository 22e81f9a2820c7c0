import Foundation

/// How the ticks of an axis are labelled, like matplotlib's `Formatter` (set per axis with
/// `axes.xAxis.formatter = …`, as `set_major_formatter` does).
public protocol TickFormatter {
    /// One label per location (in the same order), plus the offset/exponent text shown at the end of
    /// the axis ("" for none). Locations outside the view are passed too.
    func tickLabels(for locations: [Double], in context: TickContext) -> Ticker.Labels
}

/// matplotlib's `ScalarFormatter` (see `Ticker.format`): the fewest decimals that show every tick
/// exactly, an offset when it saves digits, scientific notation outside 1e−5…1e6. The default of a
/// linear axis.
public struct ScalarFormatter: TickFormatter, Hashable, Sendable {
    /// Label every location on its own (its own decimals, no shared offset or exponent), as log axes
    /// label ticks that do not come from the `LogLocator`.
    public var formatsEachValueAlone: Bool

    /// The formatter; `formatsEachValueAlone` labels each location on its own.
    public init(formatsEachValueAlone: Bool = false) { self.formatsEachValueAlone = formatsEachValueAlone }

    /// The labels for `locations` (see the type).
    public func tickLabels(for locations: [Double], in context: TickContext) -> Ticker.Labels {
        if formatsEachValueAlone {
            return Ticker.Labels(labels: locations.map { Self.label($0, unicodeMinus: context.unicodeMinus) }, offsetText: "")
        }
        return Ticker.format(locations, viewMin: context.view.lowerBound, viewMax: context.view.upperBound,
                             unicodeMinus: context.unicodeMinus)
    }

    /// One value written as ScalarFormatter writes a single tick (its offset/exponent text dropped).
    static func label(_ value: Double, unicodeMinus: Bool) -> String {
        Ticker.format([value], viewMin: value, viewMax: value, unicodeMinus: unicodeMinus).labels[0]
    }
}

/// Log-axis labels in the look of matplotlib's `LogFormatterSciNotation` without mathtext: decades
/// as `10ⁿ`, the `LogLocator`'s 2…9 multiples as `2×10ⁿ`; any other value as a plain number. The
/// default of a log axis with its `LogLocator`.
public struct LogFormatter: TickFormatter, Hashable, Sendable {
    /// The default log formatter.
    public init() {}

    /// The labels for `locations` (see the type).
    public func tickLabels(for locations: [Double], in context: TickContext) -> Ticker.Labels {
        Ticker.Labels(labels: locations.map { Self.label($0) ?? ScalarFormatter.label($0, unicodeMinus: context.unicodeMinus) },
                      offsetText: "")
    }

    /// The label `Ticker.logTicks` gives `value` — it is exactly `10ⁿ` or `m × 10ⁿ` (m = 2…9) as that
    /// function computes them — or nil.
    static func label(_ value: Double) -> String? {
        guard value > 0, value.isFinite else { return nil }
        let e0 = Int(log10(value).rounded(.down))
        for e in (e0 - 1)...(e0 + 1) {
            let decade = pow(10, Double(e))
            if decade == value { return "10" + Ticker.superscript(e) }
            for m in 2...9 where Double(m) * decade == value { return "\(m)×10" + Ticker.superscript(e) }
        }
        return nil
    }
}

/// Fixed label texts, like matplotlib's `FixedFormatter`: the i-th location gets `labels[i]` (""
/// beyond the end). With a `FixedLocator` this labels categories (see `TickSettings.setCategories`).
public struct FixedFormatter: TickFormatter, Hashable, Sendable {
    /// The label texts, one per location.
    public var labels: [String]

    /// A formatter writing `labels` in order.
    public init(_ labels: [String]) { self.labels = labels }

    /// The labels for `locations` (see the type).
    public func tickLabels(for locations: [Double], in context: TickContext) -> Ticker.Labels {
        Ticker.Labels(labels: locations.indices.map { $0 < labels.count ? labels[$0] : "" }, offsetText: "")
    }
}

/// Labels from a function of the value and its index, like matplotlib's `FuncFormatter`.
public struct FunctionFormatter: TickFormatter {
    /// Makes the label of a tick from its value and its index among the locations.
    public var format: (_ value: Double, _ index: Int) -> String

    /// A formatter calling `format(value, index)` for each tick.
    public init(_ format: @escaping (_ value: Double, _ index: Int) -> String) { self.format = format }

    /// The labels for `locations` (see the type).
    public func tickLabels(for locations: [Double], in context: TickContext) -> Ticker.Labels {
        Ticker.Labels(labels: locations.enumerated().map { format($0.element, $0.offset) }, offsetText: "")
    }
}
