import Clustering
import FigureConfig

/// The points of a figure, ready for the analyses: the clustered columns as one flat row-major
/// matrix (after `transform` and `scale`), and beside them what is drawn, coloured, filtered and
/// summarised but not clustered — the clustered columns in their original units, the other columns
/// of a CSV (numbers or texts), the principal components (`data.pca`) and which rows of the source
/// were kept (`missing: drop`).
public struct Dataset: Sendable {
    /// Clustered column names.
    public var columns: [String]
    /// The clustered points, one row each (scaled when `data.scale` is set).
    public var points: DataMatrix
    /// The generating blob of each row; −1 for rows from other sources; nil without blobs.
    public var blobLabels: [Int]?
    /// The clustered columns before `scale`; nil when they are not scaled (``points`` are in the
    /// original units then).
    public var unscaled: DataMatrix?
    /// Columns of the source that are not clustered (those the config names), for the rows kept.
    public var others: [DataColumn] = []
    /// `data.pca`: the principal components of the clustered (scaled) points.
    public var projection: Projection?
    /// The source's records and which were left out; nil when every record is a row.
    public var records: RecordMap?
    /// Notes for stderr (rows dropped for missing values).
    public var notes: [ConfigError] = []

    /// Creates a dataset of clustered points only.
    public init(columns: [String], points: DataMatrix, blobLabels: [Int]?) {
        self.columns = columns
        self.points = points
        self.blobLabels = blobLabels
    }

    /// The clustered points in their original units.
    public var originalPoints: DataMatrix { unscaled ?? points }

    /// The index of a clustered column (names resolve against ``columns``; other names give 0).
    public func columnIndex(_ ref: ColumnRef) -> Int {
        switch ref {
        case let .index(i): return i
        case let .name(n): return columns.firstIndex(of: n) ?? 0
        }
    }

    /// Where a column of any kind is.
    public enum Place: Sendable, Hashable {
        /// A clustered column (index into ``points``).
        case clustered(Int)
        /// A principal component (0-based).
        case component(Int)
        /// One of ``others``.
        case other(Int)
    }

    /// Where the column `ref` is, nil when the dataset has no such column.
    public func place(_ ref: ColumnRef) -> Place? {
        switch ref {
        case let .index(i): return i < columns.count ? .clustered(i) : nil
        case let .name(n):
            if let i = columns.firstIndex(of: n) { return .clustered(i) }
            if let p = projection, let i = p.names.firstIndex(of: n) { return .component(i) }
            if let i = others.firstIndex(where: { $0.name == n }) { return .other(i) }
            return nil
        }
    }

    /// The column's name as shown (the header name, `pc1`).
    public func name(_ ref: ColumnRef) -> String {
        switch place(ref) {
        case let .clustered(i)?: return columns[i]
        case let .component(i)?: return projection!.names[i]
        case let .other(i)?: return others[i].name
        case nil: return ref.description
        }
    }

    /// The numbers of a column, one per row: clustered columns as clustered (scaled), components,
    /// other numeric columns (NaN where missing); nil for a text column or an unknown name.
    public func numbers(_ ref: ColumnRef) -> [Double]? {
        switch place(ref) {
        case let .clustered(i)?: return (0..<points.rows).map { points[$0, i] }
        case let .component(i)?:
            let p = projection!.result.projected
            return (0..<p.rows).map { p[$0, i] }
        case let .other(i)?:
            if case let .numbers(v) = others[i].values { return v }
            return nil
        case nil: return nil
        }
    }

    /// The numbers of a column in the original units (clustered columns before `scale`).
    public func originalNumbers(_ ref: ColumnRef) -> [Double]? {
        if case let .clustered(i)? = place(ref) {
            let m = originalPoints
            return (0..<m.rows).map { m[$0, i] }
        }
        return numbers(ref)
    }

    /// Whether the column holds texts.
    public func isText(_ ref: ColumnRef) -> Bool {
        if case let .other(i)? = place(ref), case .text = others[i].values { return true }
        return false
    }

    /// A column as categories: a text column's texts in the order first seen; a numeric column's
    /// distinct values in increasing order (original units). Rows with a missing value get −1.
    public func categories(_ ref: ColumnRef) -> (codes: [Int], names: [String])? {
        if case let .other(i)? = place(ref), case let .text(codes, levels) = others[i].values {
            return (codes.map(Int.init), levels)
        }
        guard let v = originalNumbers(ref) else { return nil }
        let distinct = Array(Set(v.filter { !$0.isNaN })).sorted()
        var index: [Double: Int] = [:]
        for (k, x) in distinct.enumerated() { index[x] = k }
        return (v.map { $0.isNaN ? -1 : index[$0]! }, distinct.map(Dataset.format))
    }

    /// A number as a category name: whole numbers without a decimal point.
    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }

    /// The coordinates of per-cluster points (k × clustered columns, e.g. centres) in the column
    /// `ref`: the clustered column itself, or the centres projected onto a component; nil for other
    /// columns, which centres have no value in.
    public func centreCoordinates(_ centres: DataMatrix, _ ref: ColumnRef) -> [Double]? {
        switch place(ref) {
        case let .clustered(i)?: return i < centres.columns ? (0..<centres.rows).map { centres[$0, i] } : nil
        case let .component(i)?:
            guard let p = projection, centres.columns == p.result.components.columns, centres.rows > 0 else { return nil }
            let finite = (0..<centres.rows).filter { r in (0..<centres.columns).allSatisfy { centres[r, $0].isFinite } }
            var out = [Double](repeating: .nan, count: centres.rows)
            guard !finite.isEmpty, let rows = try? DataMatrix(finite.map { r in (0..<centres.columns).map { centres[r, $0] } }),
                  let projected = try? p.result.transform(rows) else { return out }
            for (k, r) in finite.enumerated() { out[r] = projected[k, i] }
            return out
        case .other?, nil: return nil
        }
    }
}

/// A column of the source that is not clustered.
public struct DataColumn: Sendable {
    /// Its header name.
    public var name: String
    /// Its values, one per row kept.
    public var values: CSVColumnValues

    /// Creates a column.
    public init(name: String, values: CSVColumnValues) { self.name = name; self.values = values }
}

/// `data.pca`: the fitted PCA of the clustered points and the names of its components.
public struct Projection: Sendable {
    /// scikit-learn's fitted attributes and the projected rows.
    public var result: PCAResult
    /// `pc1`, `pc2`, …
    public var names: [String]

    /// "PC1 (72.8 %)": the component and its share of the variance, one decimal.
    public func label(_ i: Int) -> String {
        "PC\(i + 1) (\(percent(i)))"
    }

    /// "72.8 %".
    public func percent(_ i: Int) -> String {
        let r = result.explainedVarianceRatio[i] * 100
        return "\((r * 10).rounded() / 10) %"
    }
}

/// Which records of the source became rows (`missing: drop` leaves some out).
public struct RecordMap: Sendable {
    /// Data records in the source.
    public var records: Int
    /// For each row, its record (0-based), increasing.
    public var kept: [Int]
    /// The records left out, with the line and the first missing column.
    public var dropped: [(record: Int, line: Int, column: String)]
}

extension RecordMap {
    /// `{policy: drop, records, rows, dropped: [{record, line, column}]}` (records 0-based).
    public var json: JSONValue {
        .object([
            ("policy", .string(MissingPolicy.drop.rawValue)),
            ("records", .int(records)),
            ("rows", .int(kept.count)),
            ("dropped", .array(dropped.map { .object([("record", .int($0.record)), ("line", .int($0.line)), ("column", .string($0.column))]) })),
        ])
    }
}
