import Clustering
import FigureConfig
import Plotting

/// One analysis a config can ask for under `clustering:` — its key, its keys, what it needs, the
/// fields it offers to layers and how its section is decoded. Every analysis is one file that
/// defines one of these (plus its spec and result types) and one line in ``registry``.
///
/// The descriptor is data, so the unknown-key check, the "needs clustering.kmeans" messages, the
/// documentation test and the editor schema all read the same declaration.
public struct AnalysisKind: Sendable {
    /// The key under `clustering:` (`kmeans`).
    public let key: String
    /// One line for listings (`clusterplot data --help`, docs).
    public let summary: String
    /// The keys of its mapping.
    public let keys: [ConfigKey]
    /// Other analyses it needs, each with the reason shown when missing.
    public let requires: [Requirement]
    /// The per-point fields it offers to layers (`kmeans.cluster`).
    public let fields: [FieldDeclaration]
    /// Whether it offers per-cluster points (centres) to `centers` layers.
    public let offersCentres: Bool
    /// Whether it offers a curve (``AnalysisCurve``) to `line` layers.
    public let offersCurve: Bool
    /// Named data points it offers to annotations (`knee`).
    public let namedPoints: [String]
    /// Values titles and labels may show as `{key.name}` (`{dbscan.clusters}`).
    public let templateValues: [String]
    /// Decodes the mapping (already checked against ``keys``) into a spec, reporting problems.
    public let decode: @Sendable (ConfigMapping, AnalysisDecodeContext) -> (any AnalysisSpec)?
    /// The panels drawn when a config has no `panels` and this analysis is the most telling one
    /// present (the first kind in ``defaultPanelOrder`` with an answer wins).
    public let defaultPanels: (@Sendable (DefaultPanelContext) -> [PanelSpec]?)?

    /// Another analysis this one needs.
    public struct Requirement: Sendable {
        /// Its key (`kmeans`).
        public let key: String
        /// Why (shown in the message), e.g. "distances are measured to the k-means centres".
        public let reason: String?

        /// Declares a requirement.
        public init(_ key: String, because reason: String? = nil) { self.key = key; self.reason = reason }
    }

    /// Declares an analysis.
    public init(key: String, summary: String, keys: [ConfigKey], requires: [Requirement] = [], fields: [FieldDeclaration] = [],
                offersCentres: Bool = false, offersCurve: Bool = false, namedPoints: [String] = [], templateValues: [String] = [],
                decode: @escaping @Sendable (ConfigMapping, AnalysisDecodeContext) -> (any AnalysisSpec)?,
                defaultPanels: (@Sendable (DefaultPanelContext) -> [PanelSpec]?)? = nil) {
        self.key = key; self.summary = summary; self.keys = keys; self.requires = requires; self.fields = fields
        self.offersCentres = offersCentres; self.offersCurve = offersCurve; self.namedPoints = namedPoints; self.templateValues = templateValues
        self.decode = decode
        self.defaultPanels = defaultPanels
    }

    /// The field called `name`, if this analysis offers one.
    public func field(_ name: String) -> FieldDeclaration? { fields.first { $0.name == name } }
}

extension AnalysisKind {
    /// Every analysis, in the order they run (an analysis comes after those it requires) and the
    /// order of their objects in `clusterplot data`. Adding an analysis adds one line here.
    public static let registry: [AnalysisKind] = [.kmeans, .distanceThreshold, .lloydTrace, .elbow, .dbscan, .kDistance,
                                                  .agglomerative, .gmm, .gmmSelection, .silhouette, .scores, .knee, .profiles]

    /// The order in which analyses are asked for default panels: the most specific view first.
    static let defaultPanelOrder: [String] = ["lloyd_trace", "distance_threshold", "kmeans", "dbscan", "agglomerative", "elbow",
                                              "k_distance", "gmm", "gmm_selection", "knee"]

    /// The analysis with this config key.
    public static func named(_ key: String) -> AnalysisKind? { registry.first { $0.key == key } }
}

/// A decoded analysis: its settings, and how to run it on a dataset.
public protocol AnalysisSpec: Sendable {
    /// The kind this spec belongs to.
    var kind: AnalysisKind { get }
    /// Where the analysis (or its most telling key) was written, for errors found while running.
    var location: SourceLocation { get }
    /// Problems that can only be seen once the data is known (a CSV's row count), reported to
    /// `reader` at the spec's own locations. Checked before anything runs.
    func check(rows: Int, columns: Int, _ reader: ConfigReader)
    /// Runs the analysis on the dataset; `earlier` holds the results of the analyses before it.
    func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult
    /// How many categories a field will have, when the config alone tells (k-means' `cluster`: k).
    func categoryCount(of field: String) -> Int?
    /// The names of the curves a line layer may pick with `metric:` (empty: one curve).
    var curveNames: [String] { get }
    /// The most work the analysis can do on data of this size (checked against the work budget before
    /// anything runs); nil when it is too small to matter.
    func workEstimate(rows: Int, columns: Int) -> WorkEstimate?
    /// The clusters this analysis gives with `k` of them instead (silhouette sweeps over k); `result`
    /// is its own result; nil when it has no k to change.
    func refit(k: Int, on dataset: Dataset, result: any AnalysisResult, threads: Int?) throws -> ClusterFit?
}

/// Clusters of a refit: a label per point and, when the method has them, centres.
public struct ClusterFit: Sendable {
    /// A label per point.
    public var labels: [Int]
    /// The centres (k × columns), nil when the method has none.
    public var centres: DataMatrix?

    /// Creates a fit.
    public init(labels: [Int], centres: DataMatrix?) { self.labels = labels; self.centres = centres }
}

/// An upper bound on an analysis's work, in elementary operations (multiply-adds), and the keys that
/// drive it, for the message when it is over the budget.
public struct WorkEstimate: Sendable {
    /// Operations, at worst.
    public var operations: Double
    /// The keys and sizes behind it (`k 100, n_init 10, max_iter 300 on 1000000 points × 2 columns`).
    public var keys: String

    /// Creates an estimate.
    public init(operations: Double, keys: String) { self.operations = operations; self.keys = keys }
}

extension AnalysisSpec {
    /// No data-dependent checks by default.
    public func check(rows: Int, columns: Int, _ reader: ConfigReader) {}
    /// No k to change, by default.
    public func refit(k: Int, on dataset: Dataset, result: any AnalysisResult, threads: Int?) throws -> ClusterFit? { nil }
    /// One curve, by default.
    public var curveNames: [String] { [] }
    /// Unknown until the analysis runs, by default.
    public func categoryCount(of field: String) -> Int? { nil }
    /// No estimate by default (cheap analyses).
    public func workEstimate(rows: Int, columns: Int) -> WorkEstimate? { nil }
    /// The key path of the analysis (`clustering.kmeans`).
    public var keyPath: String { "clustering.\(kind.key)" }
}

/// What an analysis computed: its `clusterplot data` object and the values it offers to layers.
public protocol AnalysisResult: Sendable {
    /// The object under the analysis's key in `clusterplot data`.
    func json(_ context: JSONContext) -> JSONValue
    /// A per-point field (``FieldDeclaration/name``), for the panel's iteration when it matters.
    func values(of field: String, in context: FieldContext) -> FieldValues?
    /// Per-cluster points (k × columns) for `centers` layers, for the panel's iteration.
    func centres(in context: FieldContext) -> DataMatrix?
    /// A named point (`knee`) for annotations: its position and the text `{name}` becomes.
    func namedPoint(_ name: String) -> NamedPoint?
    /// The text `{key.name}` becomes in titles and labels (``AnalysisKind/templateValues``).
    func templateValue(_ name: String) -> String?
    /// The same for a panel of a facet (`{silhouette.score}` of the panel's k); by default the
    /// facet does not matter.
    func templateValue(_ name: String, in context: FieldContext) -> String?
    /// The curve it offers to `line` layers (``AnalysisKind/offersCurve``).
    func curve() -> AnalysisCurve?
    /// One of several curves it offers, by name (an elbow sweep's metric); nil: the main one.
    func curve(named name: String?) -> AnalysisCurve?
    /// A family of curves drawn together (one per covariance type), by name; by default the one curve.
    func curves(named name: String?) -> [AnalysisCurve]
    /// Things worth knowing about the result that do not stop the figure (an empty cluster).
    func warnings(_ spec: any AnalysisSpec) -> [ConfigError]
}

extension AnalysisResult {
    /// No fields by default.
    public func values(of field: String, in context: FieldContext) -> FieldValues? { nil }
    /// No centres by default.
    public func centres(in context: FieldContext) -> DataMatrix? { nil }
    /// No named points by default.
    public func namedPoint(_ name: String) -> NamedPoint? { nil }
    /// No template values by default.
    public func templateValue(_ name: String) -> String? { nil }
    /// The facet does not matter by default.
    public func templateValue(_ name: String, in context: FieldContext) -> String? { templateValue(name) }
    /// No curve by default.
    public func curve() -> AnalysisCurve? { nil }
    /// Only the main curve, by default.
    public func curve(named name: String?) -> AnalysisCurve? { name == nil ? curve() : nil }
    /// The named curve alone, by default.
    public func curves(named name: String?) -> [AnalysisCurve] { curve(named: name).map { [$0] } ?? [] }
    /// No warnings by default.
    public func warnings(_ spec: any AnalysisSpec) -> [ConfigError] { [] }
}

/// Where field values are asked for: the dataset and the panel's iteration (facets).
public struct FieldContext {
    /// The points.
    public let dataset: Dataset
    /// The 0-based Lloyd iteration of a facet panel, nil elsewhere.
    public let iteration: Int?
    /// The 0-based position in a silhouette sweep of a `facet: k` panel, nil elsewhere.
    public var sweepIndex: Int?

    /// Creates a context.
    public init(dataset: Dataset, iteration: Int?, sweepIndex: Int? = nil) {
        self.dataset = dataset; self.iteration = iteration; self.sweepIndex = sweepIndex
    }
}

/// A point an analysis names for annotations.
public struct NamedPoint: Sendable, Hashable {
    /// Data coordinates.
    public var x: Double
    /// Data coordinates.
    public var y: Double
    /// What `{name}` in an annotation's text becomes (the knee's k).
    public var text: String

    /// Creates a named point.
    public init(x: Double, y: Double, text: String) { self.x = x; self.y = y; self.text = text }
}

/// The results of a figure's analyses, by key, in the order they ran.
public struct AnalysisResults: Sendable {
    /// `(key, result)` pairs in run order.
    public private(set) var entries: [(key: String, result: any AnalysisResult)] = []

    /// No results.
    public init() {}

    /// Adds the result of the analysis `key`.
    public mutating func append(_ key: String, _ result: any AnalysisResult) { entries.append((key, result)) }

    /// The result of the analysis `key`.
    public subscript(key: String) -> (any AnalysisResult)? { entries.first { $0.key == key }?.result }

    /// The first result of type `R`.
    public func first<R: AnalysisResult>(_ type: R.Type) -> R? { entries.lazy.compactMap { $0.result as? R }.first }
}

/// What an analysis's decoder may know: the reader, the data's shape when it is known without
/// reading files, and which other analyses the config has.
public struct AnalysisDecodeContext {
    /// Where problems are reported.
    public let reader: ConfigReader
    /// Rows, when known before any file is read (nil for CSV data).
    public let rows: Int?
    /// Columns, when known.
    public let columns: Int?
    /// The column names.
    public var columnNames: [String] = []
    /// Columns that are not clustered but can be drawn or described (components, a CSV's others).
    public var otherColumnNames: [String] = []
    /// The keys of every analysis present in the config.
    public let present: Set<String>
    /// The analyses decoded so far (those before this one in the registry).
    public var decoded: [any AnalysisSpec] = []
}

/// What the default-panel rules may look at.
public struct DefaultPanelContext {
    /// The configured analyses.
    public let analyses: [any AnalysisSpec]
    /// The data section.
    public let data: DataSpec
    /// A panel with the default axis labels (the first two columns), at the config's top.
    public let template: PanelSpec
    /// The y column of default layers (the second, or the first for one-column data).
    public let y: ColumnRef

    /// The configured analysis of type `A`.
    public func analysis<A: AnalysisSpec>(_ type: A.Type) -> A? { analyses.lazy.compactMap { $0 as? A }.first }
}

/// What JSON writers may use besides their own result.
public struct JSONContext {
    /// The dataset the analysis ran on.
    public let dataset: Dataset
    /// The spec of the analysis being written.
    public let spec: any AnalysisSpec
}
