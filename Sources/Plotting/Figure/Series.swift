import Foundation

/// How a series picks its colours.
public enum SeriesColor: Hashable, Sendable {
    /// The n-th colour of the active style's colour cycle (resolved when drawing).
    case cycle(Int)
    /// One colour for every point.
    case uniform(Color)
    /// One colour per point.
    case perPoint([Color])
    /// Values mapped through a colour map, normalised between vmin and vmax (default: data min/max);
    /// a nil map is the style's default colour map.
    case mapped(values: [Double], colormap: Colormap?, vmin: Double?, vmax: Double?)
}

/// A scatter plot: markers at (x, y), like matplotlib's `PathCollection`.
public final class ScatterSeries {
    public var x: [Double]
    public var y: [Double]
    public var color: SeriesColor
    /// Marker areas in pt² (matplotlib's `s`): one for all points or one per point; nil = style default.
    public var sizes: [Double]?
    public var marker: Marker
    /// Replaces the alpha of every face and edge colour (matplotlib's `alpha=`).
    public var alpha: Double?
    /// Edge colour; nil = the face colour (matplotlib's `edgecolors='face'`), `.clear` = no edge.
    public var edgeColor: Color?
    /// Edge width in points (matplotlib's `linewidths`); nil = style default. For x and + it is the line width.
    public var edgeWidth: Double?
    /// Legend label; nil or a label starting with "_" is left out of the legend.
    public var label: String?

    public init(x: [Double], y: [Double], color: SeriesColor, sizes: [Double]? = nil, marker: Marker = .circle,
                alpha: Double? = nil, edgeColor: Color? = nil, edgeWidth: Double? = nil, label: String? = nil) {
        self.x = x; self.y = y; self.color = color; self.sizes = sizes; self.marker = marker
        self.alpha = alpha; self.edgeColor = edgeColor; self.edgeWidth = edgeWidth; self.label = label
    }
}

/// A line (optionally with markers at its vertices), like matplotlib's `Line2D`.
public final class LineSeries {
    public var x: [Double]
    public var y: [Double]
    /// `.cycle` or `.uniform`.
    public var color: SeriesColor
    /// Line width in points; nil = style default.
    public var lineWidth: Double?
    /// nil draws no line (markers only).
    public var lineStyle: LineStyle?
    public var marker: Marker?
    /// Marker size in points (diameter for a circle); nil = style default.
    public var markerSize: Double?
    public var markerFaceColor: Color?
    public var markerEdgeColor: Color?
    public var markerEdgeWidth: Double?
    public var alpha: Double?
    public var label: String?

    public init(x: [Double], y: [Double], color: SeriesColor, lineWidth: Double? = nil, lineStyle: LineStyle? = .solid,
                marker: Marker? = nil, markerSize: Double? = nil, markerFaceColor: Color? = nil,
                markerEdgeColor: Color? = nil, markerEdgeWidth: Double? = nil, alpha: Double? = nil, label: String? = nil) {
        self.x = x; self.y = y; self.color = color; self.lineWidth = lineWidth; self.lineStyle = lineStyle
        self.marker = marker; self.markerSize = markerSize; self.markerFaceColor = markerFaceColor
        self.markerEdgeColor = markerEdgeColor; self.markerEdgeWidth = markerEdgeWidth; self.alpha = alpha; self.label = label
    }
}

/// One drawable series of an axes, in drawing order.
public enum Series {
    case scatter(ScatterSeries)
    case line(LineSeries)

    var label: String? {
        switch self {
        case .scatter(let s): return s.label
        case .line(let l): return l.label
        }
    }
}

extension SeriesColor {
    /// The colours to draw with: one colour, or one per point.
    func resolve(_ style: Style, count: Int) -> [Color] {
        switch self {
        case .cycle(let n):
            let c = style.colorCycle.isEmpty ? Color.black : style.colorCycle[n % style.colorCycle.count]
            return [c]
        case .uniform(let c): return [c]
        case .perPoint(let cs): return cs
        case .mapped(let values, let map, let vmin, let vmax):
            let m = map ?? style.colormap
            let idx = m.indices(for: values, vmin: vmin, vmax: vmax)
            return idx.map { $0 < 0 ? Color.clear : m.colors[$0] }
        }
    }
}
