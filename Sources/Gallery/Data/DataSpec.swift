import Clustering
import FigureConfig

/// The `data:` section: where the points come from and what is done to them before any analysis
/// (`transform`, then `scale`). Decoding reads no data (a CSV's header only, to check column names);
/// ``DataSpec/load()`` is the data step that yields the ``Dataset``.
public struct DataSpec: Sendable {
    /// The one source (`blobs`, `uniform`, `csv`, `concat`, `moons`, `circles`).
    public var source: any DataSource
    /// `X @ T` (numpy's `np.dot`), applied first; nil for none.
    public var transform: DataMatrix?
    /// Feature scaling of the clustered columns, applied after the transform; nil for none.
    public var scale: FeatureScaling?
    /// `data.pca`: principal components of the clustered (scaled) columns; nil for none.
    public var pca: PCASpec?
    /// Where `data:` was written.
    public var location: SourceLocation

    /// Creates a data section.
    public init(source: any DataSource, location: SourceLocation) {
        self.source = source
        self.location = location
    }

    /// Column names (`x1`, `x2`, … or the CSV header names; a transform to another number of columns
    /// names them `x1`, `x2`, … again).
    public var columnNames: [String] {
        guard let t = transform, t.columns != source.columnNames.count else { return source.columnNames }
        return (1...max(1, t.columns)).map { "x\($0)" }
    }
    /// Rows, when known without reading files.
    public var rowCount: Int? { source.rowCount }
    /// Whether the rows carry generator labels (blobs, moons, circles).
    public var hasBlobs: Bool { source.hasGeneratorLabels }
    /// The names of the principal components (`pc1`, `pc2`, …), empty without `pca`.
    public var componentNames: [String] { pca.map { p in (1...p.components).map { "pc\($0)" } } ?? [] }
    /// Columns that can be drawn besides the clustered ones: the components, then the source's other
    /// columns (a CSV's header names that are not clustered).
    public var otherColumnNames: [String] { componentNames + ((source as? CSVSource)?.otherNames ?? []) }

    /// Generates or reads the points, then transforms and scales them. Problems in a CSV are reported
    /// at its own line and column.
    public func load() throws -> Dataset {
        // A generated source's size is known up front: its points, the generator's own copy and the
        // transformed / scaled copies must fit before anything is made (a CSV's bytes are probed as
        // they are read).
        if let rows = rowCount {
            let copies = 3 + (transform == nil ? 0 : 1) + (scale == nil ? 0 : 1)
            let columns = max(source.columnNames.count, transform?.columns ?? 0)
            try MemoryProbe.require(MemoryProbe.bytes(values: rows.multipliedReportingOverflow(by: max(1, columns)).partialValue, copies: copies),
                                    for: "the data (\(rows) rows × \(columns) columns)", at: location, keyPath: "data")
        }
        let table = try source.load()
        var points = table.points
        if let t = transform {
            points = try runClustering("data.transform", at: location) { try linearTransform(points, by: t) }
        }
        var unscaled: DataMatrix?
        if let scale, points.rows > 0 {
            unscaled = points
            points = try runClustering("data.scale", at: location) { try scale.apply(points) }
        }
        let names = columnNames.count == points.columns ? columnNames : (1...max(1, points.columns)).map { "x\($0)" }
        var dataset = Dataset(columns: names, points: points, blobLabels: table.labels)
        dataset.unscaled = unscaled
        dataset.others = table.others
        dataset.records = table.records
        dataset.notes = table.notes
        if let pca, points.rows >= 2, pca.components <= points.rows {
            let fit = try runClustering("data.pca", at: pca.location) { try PCA(components: pca.components).fit(points) }
            dataset.projection = Projection(result: fit, names: componentNames)
        }
        return dataset
    }

    /// The keys of `data:`: the source kinds, then the steps applied to the points.
    static var keys: [ConfigKey] {
        DataSourceKind.registry.map { ConfigKey($0.key, $0.keys.isEmpty ? .list(.mapping([]), count: nil) : .mapping($0.keys), $0.summary) } + [
            ConfigKey("transform", .list(.numbers(), count: nil), "X @ T for a matrix T (one row per column of the data)"),
            ConfigKey("scale", .choice(FeatureScaling.self), "feature scaling of the clustered columns after the transform"),
            ConfigKey("pca", .mapping(PCASpec.keys), "principal components of the clustered columns, drawn as pc1, pc2, …"),
        ]
    }

    /// Decodes `data:` — exactly one source, then `transform` and `scale`.
    static func decode(_ value: ConfigValue, _ ctx: DataDecodeContext) -> DataSpec? {
        guard let m = value.mapping(keys, what: "a data source") else { return nil }
        let sources = DataSourceKind.names.filter { m.has($0) }
        if sources.isEmpty {
            m.fail("needs one source: \(value.reader.list(DataSourceKind.names))")
            return nil
        }
        if sources.count > 1 {
            m.fail("has \(sources.count) sources (\(value.reader.list(sources))); give one, or stack them with 'concat'")
            return nil
        }
        guard let kind = DataSourceKind.registry.first(where: { $0.key == sources[0] }),
              let source = kind.decode(m[kind.key]!, ctx) else { return nil }
        var spec = DataSpec(source: source, location: source.location)
        if let t = m["transform"] { spec.transform = transform(t, columns: source.columnNames.count) }
        if let v = m.choice("scale", FeatureScaling.self) { spec.scale = v }
        if let p = m["pca"] { spec.pca = PCASpec.decode(p, data: spec) }
        return spec
    }

    /// `transform: [[a, b], [c, d]]`: one row per column of the data, each row as long.
    static func transform(_ v: ConfigValue, columns: Int) -> DataMatrix? {
        guard let rows = v.items(what: "a matrix [[a, b], [c, d]] with one row per column of the data") else { return nil }
        var values: [[Double]] = []
        for row in rows {
            guard let r = row.doubles(what: "a row of numbers") else { return nil }
            values.append(r)
        }
        guard let width = values.first?.count, width >= 1, values.allSatisfy({ $0.count == width }) else {
            v.fail("every row of the transform needs the same number of values (at least one)")
            return nil
        }
        guard values.count == columns else {
            v.fail("the transform has \(values.count) row\(values.count == 1 ? "" : "s") but the data has \(columns) column\(columns == 1 ? "" : "s") (X @ T needs one row per column)")
            return nil
        }
        return try? DataMatrix(values)
    }
}

/// How the points are scaled before any analysis (`data.scale`).
public enum FeatureScaling: String, Sendable, Hashable, CaseIterable, ConfigChoice {
    /// scikit-learn's `StandardScaler().fit_transform`: zero mean, unit variance per column
    /// (constant columns are kept at 0, as scikit-learn does).
    case standard
    /// scikit-learn's `MinMaxScaler().fit_transform`: each column mapped onto 0…1.
    case minmax

    /// Scales `x`.
    func apply(_ x: DataMatrix) throws -> DataMatrix {
        switch self {
        case .standard: return try StandardScaler().fitTransform(x).points
        case .minmax: return try MinMaxScaler().fitTransform(x).points
        }
    }
}

/// A column of the points: by 0-based index or by name.
public enum ColumnRef: Sendable, Hashable, CustomStringConvertible {
    /// 0-based column index.
    case index(Int)
    /// Column name (CSV header, or `x1`, `x2`, … for generated data).
    case name(String)

    /// The index or name as written.
    public var description: String {
        switch self {
        case let .index(i): return "\(i)"
        case let .name(n): return n
        }
    }
}

/// One source of points (`data.blobs`, `data.csv`, …).
public protocol DataSource: Sendable {
    /// Where the source was written.
    var location: SourceLocation { get }
    /// Its key path (`data.blobs`, `data.concat[1].uniform`).
    var keyPath: String { get }
    /// Rows, when known without reading files.
    var rowCount: Int? { get }
    /// Column names, known when the config is decoded (a CSV's header is read for them).
    var columnNames: [String] { get }
    /// Whether the rows carry generator labels (blobs).
    var hasGeneratorLabels: Bool { get }
    /// Generates or reads the points (and generator labels).
    func load() throws -> SourceTable
    /// How many distinct generator labels the rows will carry, when known (blobs: the centres).
    var generatorLabelCount: Int? { get }
}

extension DataSource {
    /// Unknown by default.
    public var generatorLabelCount: Int? { nil }
}

/// What a source yields.
public struct SourceTable: Sendable {
    /// The points.
    public var points: DataMatrix
    /// Generator labels, nil when the source has none.
    public var labels: [Int]?
    /// Columns read but not clustered (a CSV's other columns the config names).
    public var others: [DataColumn] = []
    /// Which records became rows, when some were left out.
    public var records: RecordMap?
    /// Notes for stderr (rows left out).
    public var notes: [ConfigError] = []

    /// Creates a table.
    public init(points: DataMatrix, labels: [Int]?) { self.points = points; self.labels = labels }
}

/// A kind of data source: its key, keys and decoder. One file each, one line in ``registry``.
public struct DataSourceKind: Sendable {
    /// The key under `data:` (`blobs`).
    public let key: String
    /// One line for listings.
    public let summary: String
    /// Its keys.
    public let keys: [ConfigKey]
    /// Decodes the source's value (for most kinds a mapping to check against ``keys``).
    public let decode: @Sendable (ConfigValue, DataDecodeContext) -> (any DataSource)?

    /// Declares a source kind.
    public init(key: String, summary: String, keys: [ConfigKey],
                decode: @escaping @Sendable (ConfigValue, DataDecodeContext) -> (any DataSource)?) {
        self.key = key; self.summary = summary; self.keys = keys; self.decode = decode
    }

    /// Every source kind. Adding a source adds one line here.
    public static let registry: [DataSourceKind] = [.blobs, .uniform, .csv, .concat, .moons, .circles]

    /// The names, for messages.
    static var names: [String] { registry.map(\.key) }

    /// Decodes a value holding exactly one source (`{blobs: {…}}`).
    static func decodeSource(_ value: ConfigValue, _ ctx: DataDecodeContext) -> (any DataSource)? {
        guard let m = value.mapping(keys: names, what: "a data source") else { return nil }
        if m.isEmpty {
            m.fail("needs one source: \(value.reader.list(names))")
            return nil
        }
        if m.count > 1 {
            let kinds = names.filter { m.has($0) }
            m.fail("has \(kinds.count) sources (\(value.reader.list(kinds))); give one, or stack them with 'concat'")
            return nil
        }
        for kind in registry {
            if let v = m[kind.key] { return kind.decode(v, ctx) }
        }
        return nil
    }
}

/// What a data source's decoder may use.
public struct DataDecodeContext {
    /// Where problems are reported.
    public let reader: ConfigReader
    /// The config file as named by the user (CSV paths are shown relative to it).
    public let file: String
    /// The folder relative paths resolve against.
    public let baseDirectory: String
}
