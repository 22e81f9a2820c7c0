import Foundation

/// What a piece of text is, in `FigureGeometry`.
public enum TextRole: String, Hashable, Sendable {
    /// The figure title; an axes title.
    case suptitle, title
    /// An axis label.
    case xLabel, yLabel
    /// A tick label.
    case xTickLabel, yTickLabel
    /// An axis' offset or exponent text ("1e6", "+1e3").
    case xOffset, yOffset
    /// A legend entry; an annotation.
    case legend, annotation
    /// A colorbar's tick label; its label.
    case colorbarTickLabel, colorbarLabel
    /// A text element (`Axes.text`).
    case text
}

/// A laid-out text run: what, where, and its box in points.
public struct TextBox: Hashable, Sendable {
    /// What the text is.
    public var role: TextRole
    /// The text.
    public var text: String
    /// The box it covers, in points.
    public var rect: Rect
}

/// Tick locations and labels of one axis.
public struct AxisTicks: Hashable, Sendable {
    /// Every location the locator returned (matplotlib includes one beyond each end).
    public var locations: [Double]
    /// One label per location.
    public var labels: [String]
    /// The offset/exponent text at the axis end, "" when none.
    public var offsetText: String
    /// The locations inside the view with their labels, as drawn.
    public var visible: [(value: Double, label: String)] {
        zip(locations, labels).filter { visibleMask.contains($0.0) }.map { ($0.0, $0.1) }
    }
    var visibleMask: Set<Double>

    /// Equal locations, labels and offset text.
    public static func == (a: AxisTicks, b: AxisTicks) -> Bool {
        a.locations == b.locations && a.labels == b.labels && a.offsetText == b.offsetText
    }
    /// Hashes the locations and labels.
    public func hash(into h: inout Hasher) { h.combine(locations); h.combine(labels) }
}

/// The laid-out geometry of one axes.
public struct AxesGeometry: Sendable {
    /// The data area in points.
    public var rect: Rect
    /// The x view limits.
    public var xLimits: ClosedRange<Double>
    /// The y view limits.
    public var yLimits: ClosedRange<Double>
    /// The x ticks.
    public var xTicks: AxisTicks
    /// The y ticks.
    public var yTicks: AxisTicks
    /// Titles, labels, tick labels and offset texts (not the legend).
    public var texts: [TextBox]
    /// The legend frame, if any.
    public var legendRect: Rect?
    /// The location chosen (`best` resolved), nil without a legend.
    public var legendLocation: LegendLocation?
    /// The legend entries' texts.
    public var legendTexts: [TextBox]
    /// The colour bar, if any (its tick labels and label are in `texts`).
    public var colorbarRect: Rect? = nil

    /// The union of the data area, every text box, the colorbar and an outside legend.
    public var tightBounds: Rect {
        AxesGeometry.bounds(rect: rect, texts: texts.map { AxesGeometry.layoutRect($0.role, $0.rect, axes: rect) }, colorbar: colorbarRect,
                            outsideLegend: legendLocation?.isOutside == true ? legendRect : nil)
    }

    /// What the measured layout keeps on the canvas for one axes (shared with the layout itself).
    /// The part of a text box the measured layout makes room for. A y label (or a colour bar's
    /// label) centred on its axes but longer than them counts only over the axes' height: shrinking
    /// the axes would not make it fit, it would only shrink them again on every pass until nothing
    /// is left (the fit warnings still report it).
    static func layoutRect(_ role: TextRole, _ r: Rect, axes: Rect) -> Rect {
        guard role == .yLabel || role == .colorbarLabel, r.height > axes.height else { return r }
        return Rect(x: r.minX, y: axes.minY, width: r.width, height: axes.height)
    }

    static func bounds(rect: Rect, texts: [Rect], colorbar: Rect?, outsideLegend: Rect?) -> Rect {
        var t = texts.reduce(rect) { $0.union($1) }
        if let c = colorbar { t = t.union(c) }
        if let l = outsideLegend { t = t.union(l) }
        return t
    }
}

/// The laid-out geometry of a figure.
public struct FigureGeometry: Sendable {
    /// The canvas size in points.
    public var size: Size
    /// Every axes, row by row.
    public var axes: [AxesGeometry]
    /// The figure title, if any.
    public var suptitle: TextBox?
    /// Every text box of the figure.
    public var allTexts: [TextBox] {
        (suptitle.map { [$0] } ?? []) + axes.flatMap { $0.texts + $0.legendTexts }
    }
}
