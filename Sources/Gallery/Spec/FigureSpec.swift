import FigureConfig
import Plotting

/// A validated figure config: what to compute (``data``, ``analyses``) and how to draw it
/// (``figure``, ``panels``, ``output``). Produced by ``FigureLoader``; holds no drawing state.
///
/// The smallest valid config is a data source and an analysis:
/// ```yaml
/// data:
///   blobs: {samples: 1000, centers: 5, features: 3, std: 0.5, seed: 7}
/// clustering:
///   kmeans: {k: 5, seed: 7}
/// ```
/// When `panels` is omitted a default panel is derived from the analyses.
public struct FigureSpec: Sendable {
    /// The config file as named by the user (used in messages).
    public var file: String
    /// The folder that relative paths in the config (CSV files) are resolved against.
    public var baseDirectory: String
    /// Output file stem: `output.name`, else the config file's stem.
    public var name: String
    /// Figure-wide settings (size, dpi, style, layout, grid, suptitle).
    public var figure: FigureSettings
    /// Where the points come from.
    public var data: DataSpec
    /// The analyses run on the points, in the registry's order (``AnalysisKind/registry``), which is
    /// also the order they run in and the order of their objects in `clusterplot data`.
    public var analyses: [any AnalysisSpec]
    /// The panels (subplots) to draw, facets already expanded into one panel per iteration.
    public var panels: [PanelSpec]
    /// Output names, formats and dpi.
    public var output: OutputSpec
    /// True when the config had no `panels` key and the panels were derived.
    public var panelsAreDefault: Bool
    /// The most work the analyses may do, in operations (`clustering.budget`).
    public var workBudget = WorkBudget.defaultOperations
    /// Problems that do not stop the figure (printed as warnings).
    public var warnings: [ConfigError] = []
    /// `names:` of the analyses that have them, by analysis key: the name of each 0-based label.
    public var clusterNames: [String: [Int: String]] = [:]
    /// A comparison grid (datasets × methods), when the config has one.
    public var comparison: ComparisonSpec?

    /// Creates a spec; normally done by ``FigureLoader``.
    public init(file: String, baseDirectory: String, name: String, figure: FigureSettings, data: DataSpec,
                analyses: [any AnalysisSpec], panels: [PanelSpec], output: OutputSpec, panelsAreDefault: Bool) {
        self.file = file; self.baseDirectory = baseDirectory; self.name = name; self.figure = figure; self.data = data
        self.analyses = analyses; self.panels = panels; self.output = output; self.panelsAreDefault = panelsAreDefault
    }

    /// The configured analysis of type `A`, if any.
    public func analysis<A: AnalysisSpec>(_ type: A.Type) -> A? {
        analyses.lazy.compactMap { $0 as? A }.first
    }

    /// Whether an analysis with this config key (`kmeans`) is configured.
    public func hasAnalysis(_ key: String) -> Bool { analyses.contains { $0.kind.key == key } }
}

// MARK: - Figure and output

/// Figure-wide settings (`figure:`).
public struct FigureSettings: Sendable {
    /// Width in inches (default 6.4).
    public var width: Double = 6.4
    /// Height in inches (default 4.8).
    public var height: Double = 4.8
    /// Dots per inch for raster output (default 100).
    public var dpi: Double = 100
    /// The style the figure draws with: ``styleName`` in ``context`` at ``fontScale``, then ``rc``.
    public var style: Style = .whitegrid
    /// `figure.style`: one of `Style.names` (default `whitegrid`).
    public var styleName = "whitegrid"
    /// `figure.context`: seaborn's plotting context; nil keeps the style's sizes (`notebook` for
    /// seaborn's styles).
    public var context: PlotContext?
    /// `figure.font_scale`: multiplies the text sizes; nil is 1.
    public var fontScale: Double?
    /// `figure.rc`: rcParams-style settings applied in order after the style and context.
    public var rc: [RCSetting] = []
    /// `figure.share_limits`: whether iteration facets (grid cells, iteration slides, animation
    /// frames) share their x and y limits; default both.
    public var shareLimits = (x: true, y: true)
    /// `figure.hide_empty`: grid cells without a panel are not drawn (default true).
    public var hideEmpty = true
    /// Panel placement: measured (`tight`, the default) or matplotlib's fixed subplot parameters (`none`).
    public var layout: LayoutMode = .tight()
    /// A title over the whole figure.
    public var suptitle: String?
    /// Subplot grid rows (default: enough for the panels).
    public var rows: Int = 1
    /// Subplot grid columns.
    public var columns: Int = 1
    /// Background colour (default white; nil is transparent).
    public var background: ColorValue? = .rgba(red: 1, green: 1, blue: 1, alpha: 1)

    /// Default settings.
    public init() {}
}

/// One `figure.rc` entry: an rcParams-style key `Style.set` accepts and its value as text.
public struct RCSetting: Sendable, Hashable {
    /// The key (`text.color`).
    public var key: String
    /// The value (`white`).
    public var value: String

    /// An entry.
    public init(key: String, value: String) { self.key = key; self.value = value }
}

extension FigureSettings {
    /// The style for these settings, with a document theme's choices put first when given: the
    /// named style in its context at its font scale (seaborn's `set_theme`), then `rc` in order.
    public func resolvedStyle(style name: String? = nil, context ctx: PlotContext? = nil, fontScale scale: Double? = nil) -> Style {
        var s = Style.theme(style: name ?? styleName, context: ctx ?? context, fontScale: scale ?? fontScale ?? 1) ?? .whitegrid
        for r in rc { try? s.set(r.key, r.value) }  // checked at decode
        return s
    }
}

/// Output names, formats and dpi (`output:`).
public struct OutputSpec: Sendable {
    /// Formats to write, in order; default `[png]`.
    public var formats: [OutputFormat] = [.png]
    /// Raster dpi override; nil uses `figure.dpi`.
    public var dpi: Double?
    /// True when `formats` was given in the config.
    public var formatsGiven = false
    /// zlib level of PNG output, 0…9 (default 1: fastest; 6 gives files a few per cent smaller).
    public var pngCompression = 1

    /// Default output.
    public init() {}
}

// MARK: - Panels

/// One subplot (`panels:` entry).
public struct PanelSpec: Sendable {
    /// Grid row (0-based).
    public var row = 0
    /// Grid column (0-based).
    public var column = 0
    /// For a facet panel, the 0-based iteration of the Lloyd trace it shows.
    public var iteration: Int?
    /// For a `facet: k` panel, the 0-based position in the silhouette sweep it shows.
    public var sweepIndex: Int?
    /// For a comparison grid's panel, the cell (row × columns + column) whose data it draws.
    public var cell: Int?
    /// Draw no ticks (and so no grid lines or tick labels).
    public var hidesTicks = false
    /// A small note in the lower right corner (the comparison grid's cluster count).
    public var note: String?
    /// Title (facets: `{iteration}` is replaced by the 1-based iteration number).
    public var title: String?
    /// X-axis label.
    public var xLabel: String?
    /// Y-axis label.
    public var yLabel: String?
    /// Fixed x range `[min, max]`, else automatic.
    public var xLimits: ClosedRange<Double>?
    /// Fixed y range `[min, max]`, else automatic.
    public var yLimits: ClosedRange<Double>?
    /// X-axis scale (default linear).
    public var xScale: AxisScale = .linear
    /// Y-axis scale (default linear).
    public var yScale: AxisScale = .linear
    /// Legend settings.
    public var legend = LegendSpec()
    /// Notes on data points (`annotations:`).
    public var annotations: [AnnotationSpec] = []
    /// `colorbar:` — nil for none; the label (nil: named after the value) when shown.
    public var colorbar: ColorbarSpec?
    /// Font sizes in points (nil: the style's).
    public var fontSizes = FontSizes()
    /// What is drawn, bottom to top.
    public var layers: [any Layer] = []
    /// Where the panel was written.
    public var location: SourceLocation

    /// Creates an empty panel.
    public init(location: SourceLocation) { self.location = location }
}

/// Font sizes of a panel, in points; nil keeps the style's size.
public struct FontSizes: Sendable, Hashable {
    /// Panel title.
    public var title: Double?
    /// Axis labels.
    public var labels: Double?
    /// Tick labels.
    public var ticks: Double?
    /// Legend entries.
    public var legend: Double?

    /// Style defaults.
    public init() {}

    /// True when no size is set.
    public var isEmpty: Bool { title == nil && labels == nil && ticks == nil && legend == nil }
}

/// A panel's colorbar (`colorbar: true` or `{label: …}`) for its continuously coloured layer.
public struct ColorbarSpec: Sendable, Hashable {
    /// The text beside the bar; nil names it after the value ("Distance to centre", the column).
    public var label: String?

    /// Creates a colorbar.
    public init(label: String? = nil) { self.label = label }
}

/// One `annotations:` entry: a text at a data point, optionally offset with an arrow.
public struct AnnotationSpec: Sendable, Hashable {
    /// Where the note points.
    public enum Target: Sendable, Hashable {
        /// A data point `[x, y]`.
        case point(Double, Double)
        /// A point an analysis names (`knee`: the elbow sweep's detected knee).
        case named(String)
    }
    /// The note (`{knee}` is replaced by the named point's value).
    public var text: String
    /// The annotated point.
    public var target: Target
    /// Text offset in points `[right, up]` (default `[0, 0]`: the text is centred on the point).
    public var offset: [Double] = [0, 0]
    /// Arrow from the text to the point (default: when offset).
    public var arrow: Bool?
    /// Text and arrow colour (default: the style's text colour).
    public var color: ColorValue?
    /// Text size in points (default: the tick label size).
    public var fontSize: Double?
    /// Where the entry was written.
    public var location: SourceLocation

    /// Creates an annotation.
    public init(text: String, target: Target, location: SourceLocation) {
        self.text = text; self.target = target; self.location = location
    }
}

/// A panel's legend (`legend:`): `true`, `false`, or a mapping.
public struct LegendSpec: Sendable, Hashable {
    /// Whether a legend is drawn (default: when some layer has a label).
    public var show: Bool?
    /// Where it goes (default `best`).
    public var location: LegendLocation = .best

    /// Default legend.
    public init() {}
}
