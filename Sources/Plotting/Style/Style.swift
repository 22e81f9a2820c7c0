import Foundation

/// Which layout engine places the axes of a figure.
public enum LayoutMode: Hashable, Sendable {
    /// Measures every title, tick label, axis label and legend with the renderer's font metrics and
    /// solves the margins per grid row and column, so nothing is clipped or overlaps (matplotlib's
    /// `tight_layout` idea). `pad` is the space at the figure edge and between cells, in multiples of
    /// the style's base font size (matplotlib's default 1.08).
    case tight(pad: Double = 1.08)
    /// matplotlib's fixed subplot parameters (figure fractions), nothing measured. With
    /// `SubplotParams.matplotlib` this reproduces matplotlib's default placement exactly.
    case fixed(SubplotParams = .matplotlib)
}

/// matplotlib's `figure.subplot.*` parameters: figure fractions measured from the bottom-left,
/// `wspace`/`hspace` as fractions of the average axes width/height.
public struct SubplotParams: Hashable, Sendable {
    /// The left edge of the subplot grid (`figure.subplot.left`).
    public var left: Double
    /// The right edge of the subplot grid.
    public var right: Double
    /// The bottom edge of the subplot grid.
    public var bottom: Double
    /// The top edge of the subplot grid.
    public var top: Double
    /// The gap between columns, as a fraction of the average axes width.
    public var wspace: Double
    /// The gap between rows, as a fraction of the average axes height.
    public var hspace: Double

    /// Parameters as figure fractions; the defaults are matplotlib's.
    public init(left: Double = 0.125, right: Double = 0.9, bottom: Double = 0.11, top: Double = 0.88,
                wspace: Double = 0.2, hspace: Double = 0.2) {
        self.left = left; self.right = right; self.bottom = bottom; self.top = top
        self.wspace = wspace; self.hspace = hspace
    }

    /// matplotlib's defaults: left .125, right .9, bottom .11, top .88, wspace .2, hspace .2.
    public static let matplotlib = SubplotParams()
}

/// Legend placement inside the axes (matplotlib's location codes 0–10).
public enum LegendLocation: String, CaseIterable, Hashable, Sendable {
    /// The candidate (in matplotlib's order) that covers the fewest data points and lines.
    case best
    /// A corner inside the axes.
    case upperRight = "upper right", upperLeft = "upper left", lowerLeft = "lower left", lowerRight = "lower right"
    /// The middle of the right edge (matplotlib's `right`, like `center right`).
    case right
    /// The middle of an edge inside the axes.
    case centerLeft = "center left", centerRight = "center right", lowerCenter = "lower center", upperCenter = "upper center"
    /// The centre of the axes.
    case center
    /// Outside the axes, to the right of its top edge (matplotlib's `bbox_to_anchor=(1.02, 1),
    /// loc="upper left"` idiom, or a figure legend's `"outside right upper"`); the measured layout
    /// makes room for it.
    case outsideRight = "outside right"

    /// The location for a matplotlib string such as `"upper left"` (also `upper_left`, `upperLeft`,
    /// and `"outside right upper"` / `"outside upper right"` for `outside right`).
    public init?(matplotlibName s: String) {
        let key = s.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        if ["outside right upper", "outside upper right"].contains(key) { self = .outsideRight; return }
        if let l = LegendLocation(rawValue: key) { self = l; return }
        if let l = LegendLocation.allCases.first(where: { "\($0)".lowercased() == s.lowercased() }) { self = l; return }
        return nil
    }

    /// Whether the legend sits outside the axes (and so takes room in the layout).
    public var isOutside: Bool { self == .outsideRight }

    /// The candidates `best` tries, in matplotlib's order (codes 1…10).
    static let bestCandidates: [LegendLocation] = [.upperRight, .upperLeft, .lowerLeft, .lowerRight, .right,
                                                   .centerLeft, .centerRight, .lowerCenter, .upperCenter, .center]
}

/// Every visual default of a figure as named values, like matplotlib's rcParams: a figure has one,
/// an axes may override it, and each series may override colours, sizes and widths again.
/// All lengths are points, all sizes of text are points.
public struct Style: Hashable, Sendable {
    // Text
    /// `font.family`: the family of every text (DejaVu Sans; `monospace` is DejaVu Sans Mono).
    public var fontFamily: String
    /// `font.size`: the base size; tight-layout padding is measured in it.
    public var fontSize: Double
    /// `axes.titlesize`: axes title size.
    public var titleSize: Double
    /// `axes.titleweight`: axes title weight.
    public var titleWeight: FontWeight
    /// `axes.labelsize`: axis label size.
    public var labelSize: Double
    /// `xtick.labelsize`: x tick label size.
    public var xTickLabelSize: Double
    /// `ytick.labelsize`: y tick label size.
    public var yTickLabelSize: Double
    /// `legend.fontsize`: legend text size.
    public var legendFontSize: Double
    /// `figure.titlesize`: figure title size.
    public var suptitleSize: Double
    /// `text.color`: titles, legend and annotation text.
    public var textColor: Color
    /// `axes.labelcolor`: axis labels.
    public var labelColor: Color
    /// `xtick.color` / `ytick.color` for the tick labels.
    public var tickLabelColor: Color
    /// Distance between the axes top and the title baseline.
    public var titlePad: Double
    /// Distance between the tick labels and the axis label.
    public var labelPad: Double
    /// Use U+2212 for negative tick labels.
    public var unicodeMinus: Bool

    // Figure and axes
    /// `figure.facecolor`: the figure background.
    public var figureFaceColor: Color
    /// `axes.facecolor`: the data area background.
    public var axesFaceColor: Color
    /// `axes.edgecolor`: the spines (and colorbar frame).
    public var axesEdgeColor: Color
    /// `axes.linewidth`: the spine width in points.
    public var axesLineWidth: Double
    /// `axes.spines.top`: draw the top spine.
    public var spineTop: Bool
    /// `axes.spines.right`: draw the right spine.
    public var spineRight: Bool
    /// `axes.spines.bottom`: draw the bottom spine.
    public var spineBottom: Bool
    /// `axes.spines.left`: draw the left spine.
    public var spineLeft: Bool
    /// `axes.xmargin`: autoscale margin as a fraction of the x data range.
    public var xMargin: Double
    /// `axes.ymargin`: autoscale margin as a fraction of the y data range.
    public var yMargin: Double

    // Grid
    /// `axes.grid`: draw grid lines at the ticks.
    public var grid: Bool
    /// `grid.color`.
    public var gridColor: Color
    /// `grid.linewidth` in points.
    public var gridLineWidth: Double
    /// `grid.linestyle`.
    public var gridLineStyle: LineStyle
    /// Draw the grid below the data (matplotlib `axes.axisbelow`).
    public var axisBelow: Bool

    // Ticks
    /// Draw tick marks (matplotlib `xtick.bottom` / `ytick.left`).
    public var tickMarks: Bool
    /// `xtick.color` / `ytick.color` for the tick marks.
    public var tickColor: Color
    /// Tick length; the tick labels sit `tickSize + tickPad` from the spine even when marks are hidden.
    public var tickSize: Double
    /// `xtick.major.width`: tick mark width in points.
    public var tickWidth: Double
    /// `xtick.major.pad`: gap between a tick mark and its label.
    public var tickPad: Double
    /// Tick marks point out of the axes (true) or into it.
    public var ticksOutward: Bool

    // Series
    /// `axes.prop_cycle`: the colours series take in turn (`C0`, `C1`, …).
    public var colorCycle: [Color]
    /// `lines.linewidth`: line width in points.
    public var lineWidth: Double
    /// `lines.markersize`: line marker size in points.
    public var markerSize: Double
    /// `lines.markeredgewidth`: line marker edge width in points.
    public var markerEdgeWidth: Double
    /// Default scatter marker area in pt² (matplotlib: `lines.markersize ** 2`).
    public var scatterSize: Double
    /// Default scatter edge width in points (the edge takes the face colour).
    public var scatterLineWidth: Double
    /// `image.cmap`: the colour map for values without one.
    public var colormap: Colormap

    // Legend
    /// `legend.loc`: where `legend()` puts the legend by default.
    public var legendLocation: LegendLocation
    /// `legend.frameon`: draw the legend frame.
    public var legendFrame: Bool
    /// `legend.framealpha`: opacity of the legend frame.
    public var legendFrameAlpha: Double
    /// `legend.edgecolor`.
    public var legendEdgeColor: Color
    /// nil: the axes face colour (matplotlib's "inherit").
    public var legendFaceColor: Color?
    /// `legend.fancybox`: round the frame corners.
    public var legendFancyBox: Bool
    /// `legend.borderpad` in em: space inside the frame.
    public var legendBorderPad: Double
    /// `legend.labelspacing` in em: space between rows.
    public var legendLabelSpacing: Double
    /// `legend.handlelength` in em: width of a handle.
    public var legendHandleLength: Double
    /// `legend.handleheight` in em: height of a handle.
    public var legendHandleHeight: Double
    /// `legend.handletextpad` in em: space between handle and text.
    public var legendHandleTextPad: Double
    /// `legend.borderaxespad` in em: space between the frame and the axes.
    public var legendBorderAxesPad: Double

    // Layout
    /// `figure.layout`: tight (measured) or fixed subplot parameters.
    public var layout: LayoutMode

    /// A style; the defaults are matplotlib's (`.classic`).
    public init(fontFamily: String = "DejaVu Sans", fontSize: Double = 10, titleSize: Double = 12,
                titleWeight: FontWeight = .normal, labelSize: Double = 10, xTickLabelSize: Double = 10,
                yTickLabelSize: Double = 10, legendFontSize: Double = 10, suptitleSize: Double = 12,
                textColor: Color = .black, labelColor: Color = .black, tickLabelColor: Color = .black,
                titlePad: Double = 6, labelPad: Double = 4, unicodeMinus: Bool = true,
                figureFaceColor: Color = .white, axesFaceColor: Color = .white, axesEdgeColor: Color = .black,
                axesLineWidth: Double = 0.8, spineTop: Bool = true, spineRight: Bool = true,
                spineBottom: Bool = true, spineLeft: Bool = true, xMargin: Double = 0.05, yMargin: Double = 0.05,
                grid: Bool = false, gridColor: Color = Color(hex: "#b0b0b0")!, gridLineWidth: Double = 0.8,
                gridLineStyle: LineStyle = .solid, axisBelow: Bool = true,
                tickMarks: Bool = true, tickColor: Color = .black, tickSize: Double = 3.5, tickWidth: Double = 0.8,
                tickPad: Double = 3.5, ticksOutward: Bool = true,
                colorCycle: [Color] = Colormap.tab10.colors, lineWidth: Double = 1.5, markerSize: Double = 6,
                markerEdgeWidth: Double = 1, scatterSize: Double = 36, scatterLineWidth: Double = 1,
                colormap: Colormap = .viridis,
                legendLocation: LegendLocation = .best, legendFrame: Bool = true, legendFrameAlpha: Double = 0.8,
                legendEdgeColor: Color = .grey(0.8), legendFaceColor: Color? = nil, legendFancyBox: Bool = true,
                legendBorderPad: Double = 0.4, legendLabelSpacing: Double = 0.5, legendHandleLength: Double = 2,
                legendHandleHeight: Double = 0.7, legendHandleTextPad: Double = 0.8, legendBorderAxesPad: Double = 0.5,
                layout: LayoutMode = .tight()) {
        self.fontFamily = fontFamily; self.fontSize = fontSize; self.titleSize = titleSize
        self.titleWeight = titleWeight; self.labelSize = labelSize; self.xTickLabelSize = xTickLabelSize
        self.yTickLabelSize = yTickLabelSize; self.legendFontSize = legendFontSize; self.suptitleSize = suptitleSize
        self.textColor = textColor; self.labelColor = labelColor; self.tickLabelColor = tickLabelColor
        self.titlePad = titlePad; self.labelPad = labelPad; self.unicodeMinus = unicodeMinus
        self.figureFaceColor = figureFaceColor; self.axesFaceColor = axesFaceColor; self.axesEdgeColor = axesEdgeColor
        self.axesLineWidth = axesLineWidth; self.spineTop = spineTop; self.spineRight = spineRight
        self.spineBottom = spineBottom; self.spineLeft = spineLeft; self.xMargin = xMargin; self.yMargin = yMargin
        self.grid = grid; self.gridColor = gridColor; self.gridLineWidth = gridLineWidth
        self.gridLineStyle = gridLineStyle; self.axisBelow = axisBelow
        self.tickMarks = tickMarks; self.tickColor = tickColor; self.tickSize = tickSize; self.tickWidth = tickWidth
        self.tickPad = tickPad; self.ticksOutward = ticksOutward
        self.colorCycle = colorCycle; self.lineWidth = lineWidth; self.markerSize = markerSize
        self.markerEdgeWidth = markerEdgeWidth; self.scatterSize = scatterSize; self.scatterLineWidth = scatterLineWidth
        self.colormap = colormap
        self.legendLocation = legendLocation; self.legendFrame = legendFrame; self.legendFrameAlpha = legendFrameAlpha
        self.legendEdgeColor = legendEdgeColor; self.legendFaceColor = legendFaceColor
        self.legendFancyBox = legendFancyBox; self.legendBorderPad = legendBorderPad
        self.legendLabelSpacing = legendLabelSpacing; self.legendHandleLength = legendHandleLength
        self.legendHandleHeight = legendHandleHeight; self.legendHandleTextPad = legendHandleTextPad
        self.legendBorderAxesPad = legendBorderAxesPad; self.layout = layout
    }

    /// matplotlib's default look (rcParams defaults): black spines and tick marks, no grid,
    /// 10 pt text (titles 12 pt), tab10 colour cycle.
    public static let classic = Style()

    /// Resolves a colour string against this style (so `C0` is the style's cycle).
    public func color(_ spec: String) -> Color? { Color.parse(spec, cycle: colorCycle) }

    /// Sets every text size at once for a compact panel: titles and labels, tick labels, legend.
    public mutating func setFontSizes(title: Double? = nil, label: Double? = nil, tickLabel: Double? = nil, legend: Double? = nil) {
        if let title { titleSize = title }
        if let label { labelSize = label }
        if let tickLabel { xTickLabelSize = tickLabel; yTickLabelSize = tickLabel }
        if let legend { legendFontSize = legend }
    }
}
