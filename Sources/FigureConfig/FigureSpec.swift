/// A validated figure config: what to compute (``data``, ``clustering``) and how to draw it
/// (``figure``, ``panels``, ``output``). Produced by ``ConfigLoader``; contains no drawing code.
///
/// The smallest valid config is a data source and an analysis:
/// ```yaml
/// data:
///   blobs: {samples: 1000, centers: 5, features: 3, std: 0.5, seed: 7}
/// clustering:
///   kmeans: {k: 5, seed: 7}
/// ```
/// When `panels` is omitted a default scatter panel is derived from the analyses.
public struct FigureSpec: Sendable, Hashable {
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
    /// The analyses run on the points.
    public var clustering: ClusteringSpec
    /// The panels (subplots) to draw, facets already expanded into one panel per iteration.
    public var panels: [PanelSpec]
    /// Output names, formats and dpi.
    public var output: OutputSpec
    /// True when the config had no `panels` key and the panels were derived.
    public var panelsAreDefault: Bool

    /// Creates a spec; normally done by ``ConfigLoader``.
    public init(file: String, baseDirectory: String, name: String, figure: FigureSettings, data: DataSpec,
                clustering: ClusteringSpec, panels: [PanelSpec], output: OutputSpec, panelsAreDefault: Bool) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.name = name
        self.figure = figure
        self.data = data
        self.clustering = clustering
        self.panels = panels
        self.output = output
        self.panelsAreDefault = panelsAreDefault
    }
}

// MARK: - Figure

/// How panels are placed on the page.
public enum LayoutMode: String, Sendable, Hashable, CaseIterable {
    /// Margins grow to fit every title, label and tick label (no clipped or overlapping text).
    case tight
    /// matplotlib's default subplot parameters (text may be clipped, as in the original app).
    case none
}

/// Figure-wide settings (`figure:`).
public struct FigureSettings: Sendable, Hashable {
    /// Width in inches (default 6.4).
    public var width: Double = 6.4
    /// Height in inches (default 4.8).
    public var height: Double = 4.8
    /// Dots per inch for raster output (default 100).
    public var dpi: Double = 100
    /// Style preset: `whitegrid` (seaborn's, the default) or `classic` (matplotlib's defaults).
    public var style: String = "whitegrid"
    /// Panel placement (default `tight`).
    public var layout: LayoutMode = .tight
    /// A title over the whole figure.
    public var suptitle: String?
    /// Subplot grid rows (default: enough for the panels).
    public var rows: Int = 1
    /// Subplot grid columns.
    public var columns: Int = 1
    /// Background colour (default white).
    public var background: ColorValue? = .rgba(red: 1, green: 1, blue: 1, alpha: 1)

    /// Default settings.
    public init() {}

    /// The built-in style names.
    public static let styles = ["whitegrid", "classic"]
}

/// Output names, formats and dpi (`output:`).
public struct OutputSpec: Sendable, Hashable {
    /// Formats to write, by extension (`png`, `pdf`, `svg`); default `[png]`.
    public var formats: [String] = ["png"]
    /// Raster dpi override; nil uses `figure.dpi`.
    public var dpi: Double?
    /// True when `formats` was given in the config.
    public var formatsGiven = false
    /// zlib level of PNG output, 0…9 (default 1: fastest; 6 gives files a few per cent smaller).
    public var pngCompression = 1

    /// Default output.
    public init() {}

    /// Accepted format names.
    public static let formatNames = ["png", "pdf", "svg"]
}

// MARK: - Data

/// Where the points come from (`data:`); exactly one source kind per mapping.
public indirect enum DataSpec: Sendable, Hashable {
    /// scikit-learn `make_blobs`.
    case blobs(BlobsSpec)
    /// numpy `RandomState(seed).uniform(low, high, size=(samples, features))`.
    case uniform(UniformSpec)
    /// Numeric columns of a CSV file.
    case csv(CSVSpec)
    /// Rows of several sources stacked in order (`np.vstack`).
    case concat([DataSpec])

    /// Number of rows when known without reading files (nil when a CSV is involved).
    public var rowCount: Int? {
        switch self {
        case let .blobs(b): return b.samples
        case let .uniform(u): return u.samples
        case .csv: return nil
        case let .concat(parts):
            var n = 0
            for p in parts { guard let c = p.rowCount else { return nil }; n += c }
            return n
        }
    }

    /// Number of columns when known without reading files.
    public var featureCount: Int? {
        switch self {
        case let .blobs(b): return b.features
        case let .uniform(u): return u.features
        case let .csv(c): return c.columns?.count
        case let .concat(parts): return parts.first?.featureCount
        }
    }

    /// Column names: CSV header names, else `x1`, `x2`, … (nil when a CSV's columns are not listed).
    public var columnNames: [String]? {
        switch self {
        case let .csv(c): return c.columns
        case let .concat(parts): return parts.first?.columnNames
        default: return featureCount.map { (1...max(1, $0)).map { "x\($0)" } }
        }
    }

    /// Where the source was written.
    public var location: SourceLocation {
        switch self {
        case let .blobs(b): return b.location
        case let .uniform(u): return u.location
        case let .csv(c): return c.location
        case let .concat(parts): return parts.first?.location ?? SourceLocation(file: "", line: 1, column: 1)
        }
    }
}

/// `blobs:` — isotropic Gaussian blobs exactly like `sklearn.datasets.make_blobs`.
public struct BlobsSpec: Sendable, Hashable {
    /// Total number of points (`samples`, or `points_per_cluster × centers`).
    public var samples: Int
    /// Number of blob centres.
    public var centers: Int
    /// Explicit centres (`centers: [[x, y], …]`), else random in `center_box`.
    public var centerPoints: [[Double]]?
    /// Dimensions per point (default 2).
    public var features: Int = 2
    /// Standard deviation of each blob (`std`, or the seed app's `separation`; default 1).
    public var std: Double = 1
    /// Bounds of the random centres (default −10…10).
    public var centerBox: [Double] = [-10, 10]
    /// `random_state` (default 0).
    public var seed: UInt32 = 0
    /// Shuffle the rows like `make_blobs(shuffle=True)` (default true).
    public var shuffle = true
    /// Where `blobs:` was written.
    public var location: SourceLocation

    /// Creates a blobs source.
    public init(samples: Int, centers: Int, location: SourceLocation) {
        self.samples = samples
        self.centers = centers
        self.location = location
    }
}

/// `uniform:` — uniformly distributed points.
public struct UniformSpec: Sendable, Hashable {
    /// How draws fill the table.
    public enum Fill: String, Sendable, Hashable, CaseIterable {
        /// Row after row, like `uniform(low, high, size=(n, d))`.
        case rows
        /// Column after column, like `np.column_stack([uniform(low[j], high[j], n) for j in …])`.
        case columns
    }

    /// Number of points.
    public var samples: Int
    /// Dimensions per point (default 2, or the length of `low`/`high` lists).
    public var features: Int = 2
    /// Lower bound per column.
    public var low: [Double]
    /// Upper bound per column.
    public var high: [Double]
    /// Seed of numpy's legacy `RandomState` (default 0).
    public var seed: UInt32 = 0
    /// Draw order (default `rows`).
    public var fill: Fill = .rows
    /// Where `uniform:` was written.
    public var location: SourceLocation

    /// Creates a uniform source.
    public init(samples: Int, low: [Double], high: [Double], location: SourceLocation) {
        self.samples = samples
        self.low = low
        self.high = high
        self.location = location
    }
}

/// `csv:` — numeric columns of a CSV file with a header row.
public struct CSVSpec: Sendable, Hashable {
    /// The path as written in the config.
    public var path: String
    /// The path resolved against the config's folder.
    public var resolvedPath: String
    /// The columns to use, by header name (nil: every column).
    public var columns: [String]?
    /// Where each listed column name was written.
    public var columnLocations: [SourceLocation] = []
    /// Field separator (default `,`).
    public var delimiter: Character = ","
    /// Where `csv:` was written.
    public var location: SourceLocation
    /// Where the `file` value was written.
    public var fileLocation: SourceLocation
    /// The file's contents, read while the config is validated.
    public var table: CSVTable?

    /// Creates a CSV source.
    public init(path: String, resolvedPath: String, location: SourceLocation, fileLocation: SourceLocation) {
        self.path = path
        self.resolvedPath = resolvedPath
        self.location = location
        self.fileLocation = fileLocation
    }
}

// MARK: - Clustering

/// The analyses (`clustering:`); any combination.
public struct ClusteringSpec: Sendable, Hashable {
    /// scikit-learn `KMeans`.
    public var kmeans: KMeansSpec?
    /// The seed app's hand-written Lloyd loop, recorded per iteration.
    public var lloydTrace: LloydTraceSpec?
    /// Anomalies: points farther from their centre than a percentile of all distances (needs `kmeans`).
    public var distanceThreshold: ThresholdSpec?
    /// Inertia for a range of k (the elbow method).
    public var elbow: ElbowSpec?

    /// No analyses.
    public init() {}
}

/// `kmeans:` — `KMeans(n_clusters=k, random_state=seed, n_init=…, max_iter=…, tol=…)`.
public struct KMeansSpec: Sendable, Hashable {
    /// Number of clusters.
    public var k: Int
    /// `random_state` (default 0).
    public var seed: UInt32 = 0
    /// Number of k-means++ initialisations (default 1, scikit-learn's `n_init="auto"`).
    public var initializations = 1
    /// Maximum Lloyd iterations (default 300).
    public var maxIterations = 300
    /// Relative tolerance (default 1e-4).
    public var tolerance = 1e-4
    /// Where `k` was written.
    public var kLocation: SourceLocation

    /// Creates a k-means analysis.
    public init(k: Int, kLocation: SourceLocation) {
        self.k = k
        self.kLocation = kLocation
    }
}

/// `lloyd_trace:` — the seed's loop: assign each point to the nearest centre, draw, move the centres.
public struct LloydTraceSpec: Sendable, Hashable {
    /// Starting centres.
    public enum InitialCenters: Sendable, Hashable {
        /// Drawn uniformly (the seed: `seed 42`, columns `−10…10` and `−10…5`, column fill).
        case uniform(UniformSpec)
        /// Given explicitly.
        case points([[Double]])
    }

    /// Number of iterations drawn (default 12).
    public var iterations = 12
    /// Starting centres.
    public var initialCenters: InitialCenters
    /// Seconds per frame in the app's animation (slider `frame_delay`, 0.1…2; default 0.5). Static
    /// output ignores it; it is reported by `clusterplot data`.
    public var frameDelay = 0.5
    /// The app's "Show cluster table" checkbox: `clusterplot data` adds the last iteration's table.
    public var showTable = false
    /// Where `lloyd_trace:` was written.
    public var location: SourceLocation

    /// The number of centres.
    public var k: Int {
        switch initialCenters {
        case let .uniform(u): return u.samples
        case let .points(p): return p.count
        }
    }

    /// Creates a trace analysis.
    public init(initialCenters: InitialCenters, location: SourceLocation) {
        self.initialCenters = initialCenters
        self.location = location
    }
}

/// `distance_threshold:` — flags points whose distance to their k-means centre exceeds the given
/// percentile (numpy `percentile`, linear) of all distances.
public struct ThresholdSpec: Sendable, Hashable {
    /// Percentile in 0…100 (default 95).
    public var percentile: Double = 95
    /// Where `distance_threshold:` was written.
    public var location: SourceLocation

    /// Creates a threshold analysis.
    public init(location: SourceLocation) { self.location = location }
}

/// `elbow:` — `KMeans(n_clusters=k, random_state=seed)` for every k in a range, keeping the inertias.
public struct ElbowSpec: Sendable, Hashable {
    /// The k values, ascending.
    public var ks: [Int]
    /// `random_state` of every fit (default 0).
    public var seed: UInt32 = 0
    /// Initialisations per fit (default 1).
    public var initializations = 1
    /// Maximum Lloyd iterations (default 300).
    public var maxIterations = 300
    /// Relative tolerance (default 1e-4).
    public var tolerance = 1e-4
    /// Where `elbow:` was written.
    public var location: SourceLocation

    /// Creates an elbow sweep.
    public init(ks: [Int], location: SourceLocation) {
        self.ks = ks
        self.location = location
    }
}

// MARK: - Panels and layers

/// One subplot (`panels:` entry).
public struct PanelSpec: Sendable, Hashable {
    /// Grid row (0-based).
    public var row = 0
    /// Grid column (0-based).
    public var column = 0
    /// For a facet panel, the 0-based iteration of the Lloyd trace it shows.
    public var iteration: Int?
    /// Title (facets: `{iteration}` is replaced by the 1-based iteration number).
    public var title: String?
    /// X-axis label.
    public var xLabel: String?
    /// Y-axis label.
    public var yLabel: String?
    /// Fixed x range `[min, max]`, else automatic.
    public var xLimits: [Double]?
    /// Fixed y range `[min, max]`, else automatic.
    public var yLimits: [Double]?
    /// X-axis scale: `linear` (default) or `log`.
    public var xScale = "linear"
    /// Y-axis scale: `linear` (default) or `log`.
    public var yScale = "linear"
    /// Legend settings.
    public var legend = LegendSpec()
    /// Notes on data points (`annotations:`).
    public var annotations: [AnnotationSpec] = []
    /// `colorbar:` — nil for none; the label (nil: named after the value) when shown.
    public var colorbar: ColorbarSpec?
    /// Font sizes in points (nil: the style's).
    public var fontSizes = FontSizes()
    /// What is drawn, bottom to top.
    public var layers: [LayerSpec] = []
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
        /// The knee the elbow sweep detects (an elbow panel's curve at that k).
        case knee
    }
    /// The note (`{knee}` is replaced by the knee's k).
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
    /// matplotlib location name (default `best`).
    public var location = "best"

    /// Default legend.
    public init() {}

    /// matplotlib's location names.
    public static let locations = ["best", "upper right", "upper left", "lower left", "lower right", "right",
                                   "center left", "center right", "lower center", "upper center", "center",
                                   "outside right"]
}

/// A column of the points: by 0-based index or by name.
public enum ColumnRef: Sendable, Hashable, CustomStringConvertible {
    /// 0-based column index.
    case index(Int)
    /// Column name (CSV header, or `x1`, `x2`, … for generated data).
    case name(String)

    public var description: String {
        switch self {
        case let .index(i): return "\(i)"
        case let .name(n): return n
        }
    }
}

/// A per-point value that can drive colour, filtering and splitting.
public enum PointField: String, Sendable, Hashable, CaseIterable {
    /// The k-means label (in an iteration facet: the trace's nearest centre at that iteration).
    case cluster
    /// The generating blob of `blobs` data.
    case blob
    /// The `distance_threshold` flag (0 normal, 1 anomaly).
    case outlier
}

/// How a layer is coloured (`color:`).
public enum ColorEncoding: Sendable, Hashable {
    /// The next colour of the panel's colour cycle, like matplotlib's default (`C0`, then `C1`, …).
    case automatic
    /// One colour for every mark.
    case fixed(ColorValue)
    /// By a per-point field through a palette.
    case field(PointField, Palette)
    /// By a per-point number mapped through a colormap between vmin and vmax (default: the data's
    /// range), as matplotlib's `scatter(c=values, cmap=…)`.
    case continuous(ContinuousValue, colormap: String, vmin: Double?, vmax: Double?)
}

/// A per-point number a layer can be coloured by.
public enum ContinuousValue: Sendable, Hashable {
    /// The distance of each point to its k-means centre.
    case distance
    /// A column of the data.
    case column(ColumnRef)
}

/// What a layer draws.
public enum MarkKind: String, Sendable, Hashable, CaseIterable {
    /// One marker per point.
    case scatter
    /// A polyline with optional markers (the elbow curve, or points in order).
    case line
    /// One marker per cluster centre (k-means centres, or the trace's centres in an iteration facet).
    case centers
}

/// What a layer's values come from (`from:`).
public enum LayerSource: String, Sendable, Hashable, CaseIterable {
    /// The data points.
    case points
    /// k against inertia from the elbow sweep.
    case elbow
    /// Final k-means centres.
    case kmeans
    /// The Lloyd trace centres of the panel's iteration.
    case lloydTrace = "lloyd_trace"
}

/// One drawn layer of a panel (`layers:` entry).
public struct LayerSpec: Sendable, Hashable {
    /// Mark type.
    public var mark: MarkKind
    /// Data the layer draws.
    public var source: LayerSource
    /// X column (points only; default first column).
    public var x: ColumnRef = .index(0)
    /// Y column (points only; default second column).
    public var y: ColumnRef = .index(1)
    /// Colour.
    public var color: ColorEncoding = .automatic
    /// Keep only points whose field has this value (`where: {outlier: true}`).
    public var filters: [(field: PointField, value: Int)] = []
    /// Draw one series per value of this field, each with its own legend entry.
    public var split: PointField?
    /// Marker name (`o`, `x`, `+`, `s`, `^`, `v`, `D`, `.`, `*`, `none`).
    public var marker: String = "o"
    /// Marker area in pt² for scatter/centers (matplotlib `s`), marker size in pt for lines.
    public var size: Double?
    /// Opacity 0…1.
    public var alpha: Double?
    /// Line width (lines) or marker edge width (line-art markers), in points.
    public var lineWidth: Double?
    /// Legend label (with `split`, `{cluster}`/`{blob}` is replaced by the 1-based value).
    public var label: String?
    /// Elbow lines: mark the detected knee.
    public var markKnee = false
    /// Where the layer was written.
    public var location: SourceLocation
    /// Where `x` was written (for column errors found later, e.g. in CSV headers).
    public var xLocation: SourceLocation
    /// Where `y` was written.
    public var yLocation: SourceLocation

    /// Creates a layer.
    public init(mark: MarkKind, source: LayerSource, location: SourceLocation) {
        self.mark = mark
        self.source = source
        self.location = location
        self.xLocation = location
        self.yLocation = location
    }

    public static func == (a: LayerSpec, b: LayerSpec) -> Bool {
        a.mark == b.mark && a.source == b.source && a.x == b.x && a.y == b.y && a.color == b.color
            && a.filters.map(\.field) == b.filters.map(\.field) && a.filters.map(\.value) == b.filters.map(\.value)
            && a.split == b.split && a.marker == b.marker && a.size == b.size && a.alpha == b.alpha
            && a.lineWidth == b.lineWidth && a.label == b.label && a.markKnee == b.markKnee && a.location == b.location
    }

    public func hash(into h: inout Hasher) {
        h.combine(mark); h.combine(source); h.combine(x); h.combine(y); h.combine(label); h.combine(location)
    }

    /// Accepted marker names.
    public static let markers = ["o", "x", "+", "s", "^", "v", "D", "d", ".", "*", "none"]
}
