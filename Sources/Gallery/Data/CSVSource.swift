import Clustering
import FigureConfig
import Foundation

/// `data.csv` — a CSV file with a header row. `columns` are clustered (numbers); every other column
/// — numbers or text — can be drawn, coloured, split or filtered by, and summarised in profiles (those
/// the config names are read, ``others``). The config is validated against the header (read when
/// the config is decoded); the rows are read by ``load()``.
public struct CSVSource: DataSource {
    /// The path as the user should see it (relative to the config's folder joined onto the config path).
    public var path: String
    /// The path resolved against the config's folder.
    public var resolvedPath: String
    /// The columns used, by header name, in order.
    public var columns: [String]
    /// Their indices in the header.
    public var columnIndices: [Int]
    /// Field separator (default `,`).
    public var delimiter: Character = ","
    /// Every header name.
    public var header: [String] = []
    /// The other (not clustered) columns read with the rows, in header order.
    public var others: [String] = []
    /// What a missing cell in a clustered column does (`missing:`).
    public var missing: MissingPolicy = .error
    /// Where `missing` was written (the config's `csv:` when not).
    public var missingLocation: SourceLocation?
    /// Whether `columns` was given (messages differ).
    public var columnsGiven = false
    /// Where `csv:` was written.
    public var location: SourceLocation
    /// Where the `file` value was written.
    public var fileLocation: SourceLocation
    /// Its key path.
    public var keyPath: String

    /// Rows are known only once the file is read.
    public var rowCount: Int? { nil }
    /// The header names used.
    public var columnNames: [String] { columns }
    /// The header names that are not clustered.
    public var otherNames: [String] { header.filter { !columns.contains($0) } }
    /// No generator labels.
    public var hasGeneratorLabels: Bool { false }

    /// Reads the rows: the clustered columns must hold numbers (rows with a missing one are left out
    /// with `missing: drop`); the other columns named by the config are typed by their cells.
    public func load() throws -> SourceTable {
        let file = try open()
        var request = CSVReadRequest(numeric: columnIndices, dropMissing: missing == .drop,
                                     others: others.compactMap { header.firstIndex(of: $0) }, maxRows: ConfigLimits.maxSamples)
        request.textHint = columnsGiven
            ? "; a clustered column must hold numbers (text columns can be drawn, coloured, split or filtered by: remove it from \(keyPath).columns)"
            : "; list the numeric columns to cluster in \(keyPath).columns (text columns can be drawn, coloured, split or filtered by)"
        request.missingHint = "; set \(keyPath).missing: drop to leave out rows with missing values"
        let t = try file.read(request)
        let d = columnIndices.count
        guard t.rows.multipliedReportingOverflow(by: d).partialValue <= ConfigLimits.maxValues else {
            throw ConfigError("\(t.rows) rows × \(d) columns is more than \(ConfigLimits.maxValues) values", at: location, keyPath: keyPath)
        }
        var table = SourceTable(points: try DataMatrix(rows: t.rows, columns: d, values: t.values), labels: nil)
        table.others = zip(others, t.others).map { DataColumn(name: $0, values: $1) }
        if !t.dropped.isEmpty {
            var kept: [Int] = []
            kept.reserveCapacity(t.rows)
            var next = 0
            for r in 0..<t.records {
                if next < t.dropped.count && t.dropped[next].record == r { next += 1 } else { kept.append(r) }
            }
            table.records = RecordMap(records: t.records, kept: kept, dropped: t.dropped.map { ($0.record, $0.line, header[$0.column]) })
            let first = t.dropped[0]
            let n = t.dropped.count
            table.notes = [ConfigError("\(n) of \(t.records) rows left out for a missing value in a clustered column (first: \(path):\(first.line), column '\(header[first.column])')",
                                       at: missingLocation ?? location, keyPath: keyPath + ".missing")]
        }
        return table
    }

    func open() throws(ConfigError) -> CSVFile {
        let (display, loc, key) = (path, fileLocation, keyPath)
        return try CSVFile(path: resolvedPath, displayPath: display, delimiter: delimiter) { @Sendable reason in
            ConfigError("cannot read CSV file '\(display)' (\(reason))", at: loc, keyPath: key + ".file")
        }
    }
}

extension DataSourceKind {
    /// `data.csv`.
    public static let csv = DataSourceKind(
        key: "csv", summary: "a CSV file: clustered columns and others to draw",
        keys: [
            ConfigKey("file", .text, "the CSV path, relative to the config"),
            ConfigKey("columns", .list(.text, count: nil), "the columns clustered (numbers), in order; other columns can still be drawn"),
            ConfigKey("delimiter", .text, "field separator (one character)"),
            ConfigKey("missing", .choice(MissingPolicy.self), "a missing cell in a clustered column: error, or drop the row"),
        ],
        decode: { value, ctx in CSVSource.decode(value, ctx) })
}

extension CSVSource {
    static func decode(_ value: ConfigValue, _ ctx: DataDecodeContext) -> CSVSource? {
        guard let m = value.mapping(DataSourceKind.csv.keys) else { return nil }
        guard let fileValue = m["file"] else { m.missing("needs 'file' (the CSV path, relative to the config)"); return nil }
        guard let p = fileValue.string() else { return nil }
        if p.isEmpty { fileValue.fail("the file name is empty"); return nil }
        let resolved = p.hasPrefix("/") ? p : URL(fileURLWithPath: ctx.baseDirectory).appendingPathComponent(p).standardized.path
        var wanted: [(name: String, value: ConfigValue)]?
        if let c = m["columns"] {
            guard let items = c.items(what: "a list of column names") else { return nil }
            if items.isEmpty { c.fail("needs at least one column"); return nil }
            var cols: [(String, ConfigValue)] = []
            for item in items {
                guard let s = item.string() else { return nil }
                if let j = cols.firstIndex(where: { $0.0 == s }) {
                    item.fail("column '\(s)' is listed twice (also \(c.path)[\(j)]); a column is clustered once")
                    return nil
                }
                cols.append((s, item))
            }
            wanted = cols
        }
        var delimiter: Character = ","
        if let d = m["delimiter"], let s = d.string() {
            let t = s == "\\t" ? "\t" : s
            if t.count != 1 || t == "\"" || t == "\n" { d.fail("must be a single character such as ',' or ';', got '\(s)'") }
            else { delimiter = t.first! }
        }
        var spec = CSVSource(path: displayPath(p, file: ctx.file), resolvedPath: resolved, columns: [], columnIndices: [],
                             location: value.location, fileLocation: fileValue.location, keyPath: value.path)
        spec.delimiter = delimiter
        spec.columnsGiven = wanted != nil
        if let mv = m["missing"], let policy = mv.choice(MissingPolicy.self) { spec.missing = policy; spec.missingLocation = mv.location }
        let header: [String]
        do { header = try spec.open().header } catch {
            ctx.reader.fail(error.message, at: error.location, error.keyPath)
            return nil
        }
        for (i, name) in (wanted?.map(\.name) ?? header).enumerated() {
            let at = wanted?[i].value.location ?? value.location
            if name.isEmpty {
                ctx.reader.fail("column \(i + 1) of the CSV header of '\(spec.path)' has no name; name it, or list the columns to use in 'columns'",
                                at: at, value.path + (wanted == nil ? "" : ".columns[\(i)]"))
                return nil
            }
            let same = header.indices.filter { header[$0] == name }
            if same.count > 1 {
                ctx.reader.fail("the CSV header of '\(spec.path)' names \(same.count) columns '\(name)' (columns \(same.map { String($0 + 1) }.joined(separator: ", "))); header names must be unique",
                                at: at, value.path + (wanted == nil ? "" : ".columns[\(i)]"))
                return nil
            }
            guard let j = header.firstIndex(of: name) else {
                let hint = Spelling.hint(for: name, among: header)
                ctx.reader.fail("CSV file '\(spec.path)' has no column '\(name)'\(hint.isEmpty ? "; its columns are \(header.map { "'\($0)'" }.joined(separator: ", "))" : hint)",
                                at: wanted?[i].value.location ?? value.location, value.path + ".columns[\(i)]")
                return nil
            }
            spec.columns.append(name)
            spec.columnIndices.append(j)
        }
        spec.header = header
        return spec
    }

    /// The CSV path as the user should see it: relative to the config's folder joined onto the config path.
    static func displayPath(_ p: String, file: String) -> String {
        if p.hasPrefix("/") { return p }
        let dir = (file as NSString).deletingLastPathComponent
        return dir.isEmpty ? p : (dir as NSString).appendingPathComponent(p)
    }
}

/// What a missing cell (empty, or one of pandas' markers such as `NA`, `NaN`, `n/a`) in a clustered
/// column does (`data.csv.missing`).
public enum MissingPolicy: String, Sendable, Hashable, CaseIterable, ConfigChoice {
    /// A located error (the default).
    case error
    /// The row is left out of the analyses and the figure, counted on stderr and in the JSON, and kept
    /// (marked) in exported assignments.
    case drop
}
