import Clustering
import FigureConfig
import Foundation

/// `data.csv` — numeric columns of a CSV file with a header row. The config is validated against the
/// header (read when the config is decoded); the rows are read by ``load()``.
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
    /// No generator labels.
    public var hasGeneratorLabels: Bool { false }

    /// Reads the rows (every used column must hold numbers).
    public func load() throws -> SourceTable {
        let file = try open()
        let (cols, rows) = try file.numericColumns(columnIndices, maxRows: ConfigLimits.maxSamples)
        let d = cols.count
        guard rows.multipliedReportingOverflow(by: d).partialValue <= ConfigLimits.maxValues else {
            throw ConfigError("\(rows) rows × \(d) columns is more than \(ConfigLimits.maxValues) values", at: location, keyPath: keyPath)
        }
        var values = [Double](repeating: 0, count: rows * d)
        for j in 0..<d {
            let c = cols[j]
            for i in 0..<rows { values[i * d + j] = c[i] }
        }
        return SourceTable(points: try DataMatrix(rows: rows, columns: d, values: values), labels: nil)
    }

    func open() throws(ConfigError) -> CSVFile {
        let (display, loc, key) = (path, fileLocation, keyPath)
        return try CSVFile(path: resolvedPath, displayPath: display, delimiter: delimiter) { reason in
            ConfigError("cannot read CSV file '\(display)' (\(reason))", at: loc, keyPath: key + ".file")
        }
    }
}

extension DataSourceKind {
    /// `data.csv`.
    public static let csv = DataSourceKind(
        key: "csv", summary: "numeric columns of a CSV file",
        keys: [
            ConfigKey("file", .text, "the CSV path, relative to the config"),
            ConfigKey("columns", .list(.text, count: nil), "the numeric columns to use, in order"),
            ConfigKey("delimiter", .text, "field separator (one character)"),
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
        return spec
    }

    /// The CSV path as the user should see it: relative to the config's folder joined onto the config path.
    static func displayPath(_ p: String, file: String) -> String {
        if p.hasPrefix("/") { return p }
        let dir = (file as NSString).deletingLastPathComponent
        return dir.isEmpty ? p : (dir as NSString).appendingPathComponent(p)
    }
}
