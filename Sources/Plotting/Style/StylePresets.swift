import Foundation

/// seaborn's plotting contexts (`sns.set_context`): the notebook sizes scaled by 0.8 (`paper`),
/// 1 (`notebook`), 1.5 (`talk`) or 2 (`poster`).
public enum PlotContext: String, CaseIterable, Sendable, Hashable {
    /// Small figures in a paper (× 0.8).
    case paper
    /// seaborn's default (× 1).
    case notebook
    /// Slides and talks (× 1.5).
    case talk
    /// Posters (× 2).
    case poster

    /// seaborn 0.13.2's scaling factor.
    public var scale: Double {
        switch self {
        case .paper: return 0.8
        case .notebook: return 1
        case .talk: return 1.5
        case .poster: return 2
        }
    }
}

extension Style {
    /// seaborn's `whitegrid` theme in its default `notebook` context (`sns.set(style="whitegrid")`):
    /// white axes, light grey (#cccccc) 1.25 pt spines and a 1 pt grid behind the data, no tick marks,
    /// #262626 text in DejaVu Sans, 12 pt titles and labels, 11 pt tick labels and legend, and the
    /// seaborn `deep` colour cycle.
    public static let whitegrid = seaborn(grid: true, dark: false, edge: .grey(0.8), ticks: false)

    /// seaborn's `darkgrid`: #EAEAF2 axes with white spines and a white grid, no tick marks.
    public static let darkgrid = seaborn(grid: true, dark: true, edge: .white, ticks: false)

    /// seaborn's `dark`: `darkgrid` without the grid.
    public static let dark = seaborn(grid: false, dark: true, edge: .white, ticks: false)

    /// seaborn's `white`: white axes, dark grey (#262626) spines, no grid, no tick marks.
    public static let white = seaborn(grid: false, dark: false, edge: .grey(0.15), ticks: false)

    /// seaborn's `ticks`: `white` with outward tick marks on the bottom and left axes.
    public static let ticks = seaborn(grid: false, dark: false, edge: .grey(0.15), ticks: true)

    /// matplotlib's `dark_background` style sheet: black figure and axes, white text, spines, ticks
    /// and grid, and its ten pastel cycle colours; everything else is matplotlib's default.
    public static let darkBackground: Style = {
        var s = Style.classic
        s.textColor = .white; s.labelColor = .white; s.tickLabelColor = .white; s.tickColor = .white
        s.figureFaceColor = .black; s.axesFaceColor = .black; s.axesEdgeColor = .white; s.gridColor = .white
        s.colorCycle = ["#8dd3c7", "#feffb3", "#bfbbd9", "#fa8174", "#81b1d2",
                        "#fdb462", "#b3de69", "#bc82bd", "#ccebc4", "#ffed6f"].map { Color(hex: $0)! }
        return s
    }()

    /// seaborn 0.13.2's `axes_style` values (rcmod.py) in the `notebook` context.
    private static func seaborn(grid: Bool, dark: Bool, edge: Color, ticks: Bool) -> Style {
        var s = Style(textColor: .grey(0.15), labelColor: .grey(0.15), tickLabelColor: .grey(0.15),
                      axesFaceColor: dark ? Color(hex: "#EAEAF2")! : .white, axesEdgeColor: edge,
                      grid: grid, gridColor: dark ? .white : .grey(0.8), axisBelow: true,
                      tickMarks: ticks, tickColor: .grey(0.15), colorCycle: Colormap.deep.colors)
        s.apply(context: .notebook)
        return s
    }

    /// Whether the style is one of seaborn's (which start from the `notebook` context).
    private static let seabornNames: Set<String> = ["darkgrid", "whitegrid", "dark", "white", "ticks"]

    /// The names `named(_:)` accepts: seaborn's five styles, matplotlib's `dark_background` and `classic`.
    public static let names = ["darkgrid", "whitegrid", "dark", "white", "ticks", "dark_background", "classic"]

    /// A style by name (see `names`; also `default`/`matplotlib` for `classic` and `seaborn-whitegrid`).
    public static func named(_ name: String) -> Style? {
        switch name.lowercased() {
        case "whitegrid", "seaborn-whitegrid": return .whitegrid
        case "darkgrid": return .darkgrid
        case "dark": return .dark
        case "white": return .white
        case "ticks": return .ticks
        case "dark_background", "dark-background": return .darkBackground
        case "classic", "default", "matplotlib": return .classic
        default: return nil
        }
    }

    /// `sns.set_theme(style:context:font_scale:)`: the named style, then the context's sizes
    /// (absolute, as seaborn sets them), then `fontScale` on the text sizes. Without a context a
    /// seaborn style keeps `notebook` and a matplotlib style its own sizes, both times `fontScale`.
    public static func theme(style name: String, context: PlotContext? = nil, fontScale: Double = 1) -> Style? {
        guard var s = named(name) else { return nil }
        if let context { s.apply(context: context, fontScale: fontScale) }
        else if seabornNames.contains(name.lowercased()) { s.apply(context: .notebook, fontScale: fontScale) }
        else { s.scaleFonts(by: fontScale) }
        return s
    }

    /// seaborn's `plotting_context(context, font_scale)`: the notebook base values (font.size,
    /// axes.labelsize and axes.titlesize 12, tick labels and legend 11, axes.linewidth 1.25,
    /// grid.linewidth 1, lines.linewidth 1.5, lines.markersize 6, patch.linewidth 1, major tick width
    /// 1.25 and size 6) times the context's scale, the text sizes times `fontScale` again. The
    /// figure title follows matplotlib's `large` (1.2 × font.size) and the scatter default size
    /// matplotlib's `lines.markersize ** 2`.
    public mutating func apply(context: PlotContext, fontScale: Double = 1) {
        let k = context.scale, f = k * fontScale
        fontSize = 12 * f; labelSize = 12 * f; titleSize = 12 * f
        xTickLabelSize = 11 * f; yTickLabelSize = 11 * f; legendFontSize = 11 * f
        suptitleSize = fontSize * 6 / 5  // matplotlib's "large"
        axesLineWidth = 1.25 * k; gridLineWidth = 1 * k; lineWidth = 1.5 * k; markerSize = 6 * k
        scatterLineWidth = 1 * k; tickWidth = 1.25 * k; tickSize = 6 * k
        scatterSize = markerSize * markerSize
    }

    /// Multiplies every text size by `factor` (seaborn's `font_scale`), nothing else.
    public mutating func scaleFonts(by factor: Double) {
        guard factor != 1 else { return }
        fontSize *= factor; labelSize *= factor; titleSize *= factor
        xTickLabelSize *= factor; yTickLabelSize *= factor; legendFontSize *= factor; suptitleSize *= factor
    }

    /// The smallest text size of the style (tick labels, labels, titles, legend), in points.
    public var smallestFontSize: Double {
        [titleSize, labelSize, xTickLabelSize, yTickLabelSize, legendFontSize].min()!
    }
}
