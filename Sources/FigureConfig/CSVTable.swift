import Foundation

/// Numeric columns read from a CSV file with a header row.
public struct CSVTable: Sendable, Hashable {
    /// The selected column names, in the requested order.
    public var columns: [String]
    /// The rows, each with one value per selected column.
    public var rows: [[Double]]

    /// Creates a table.
    public init(columns: [String], rows: [[Double]]) {
        self.columns = columns
        self.rows = rows
    }

    /// Reads `spec.resolvedPath`, keeping `spec.columns` (or all columns). Errors point into the CSV
    /// (`customers.csv:12:7: 'n/a' is not a number (column 'age')`) or at the config key that names a
    /// missing file or column.
    public static func load(_ spec: CSVSpec, keyPath: String) throws -> CSVTable {
        guard let data = FileManager.default.contents(atPath: spec.resolvedPath) else {
            var isDir: ObjCBool = false
            let reason = FileManager.default.fileExists(atPath: spec.resolvedPath, isDirectory: &isDir)
                ? (isDir.boolValue ? "it is a folder" : "permission denied") : "no such file"
            throw ConfigError("cannot read CSV file '\(spec.path)' (\(reason))", at: spec.fileLocation, keyPath: keyPath + ".file")
        }
        let file = spec.path
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError("the CSV file is not UTF-8 text", at: SourceLocation(file: file, line: 1, column: 1))
        }
        let records = parse(text, delimiter: spec.delimiter)
        guard let header = records.first else {
            throw ConfigError("the CSV file is empty (expected a header row and data rows)",
                              at: SourceLocation(file: file, line: 1, column: 1))
        }
        let names = header.fields.map { $0.text.trimmingCharacters(in: .whitespaces) }
        var picks: [Int] = []
        let wanted = spec.columns ?? names
        for (i, name) in wanted.enumerated() {
            guard let j = names.firstIndex(of: name) else {
                let loc = i < spec.columnLocations.count ? spec.columnLocations[i] : spec.location
                throw ConfigError("CSV file '\(spec.path)' has no column '\(name)'\(Spelling.hint(for: name, among: names).isEmpty ? "; its columns are \(names.map { "'\($0)'" }.joined(separator: ", "))" : Spelling.hint(for: name, among: names))",
                                  at: loc, keyPath: keyPath + ".columns[\(i)]")
            }
            picks.append(j)
        }
        var rows: [[Double]] = []
        rows.reserveCapacity(records.count - 1)
        for rec in records.dropFirst() {
            guard rec.fields.count == names.count else {
                throw ConfigError("expected \(names.count) fields like the header, got \(rec.fields.count)",
                                  at: SourceLocation(file: file, line: rec.line, column: 1))
            }
            var row: [Double] = []
            row.reserveCapacity(picks.count)
            for j in picks {
                let f = rec.fields[j]
                let t = f.text.trimmingCharacters(in: .whitespaces)
                guard let v = number(t) else {
                    let shown = t.isEmpty ? "an empty cell" : "'\(t)'"
                    throw ConfigError("\(shown) is not a number (column '\(names[j])')",
                                      at: SourceLocation(file: file, line: f.line, column: f.column))
                }
                row.append(v)
            }
            rows.append(row)
        }
        guard !rows.isEmpty else {
            throw ConfigError("the CSV file has a header but no data rows", at: SourceLocation(file: file, line: 1, column: 1))
        }
        return CSVTable(columns: wanted, rows: rows)
    }

    static func number(_ s: String) -> Double? {
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let v = Double(s), v.isFinite else { return nil }
        return v
    }

    struct Field { var text: String; var line: Int; var column: Int }
    struct Record { var fields: [Field]; var line: Int }

    /// RFC 4180 records: quoted fields may hold delimiters, doubled quotes and newlines. Blank lines are skipped.
    static func parse(_ text: String, delimiter: Character) -> [Record] {
        var records: [Record] = []
        var fields: [Field] = []
        var cur = ""
        var line = 1, column = 1
        var fieldLine = 1, fieldColumn = 1, recordLine = 1
        var inQuotes = false
        var afterQuote = false
        var it = Array(text.unicodeScalars.map(Character.init))
        if it.first == "\u{FEFF}" { it.removeFirst() }
        var i = 0
        func endField() {
            fields.append(Field(text: cur, line: fieldLine, column: fieldColumn))
            cur = ""
        }
        func endRecord() {
            let blank = fields.count == 1 && fields[0].text.trimmingCharacters(in: .whitespaces).isEmpty
            if !blank { records.append(Record(fields: fields, line: recordLine)) }
            fields = []
        }
        var atFieldStart = true
        while i < it.count {
            let c = it[i]
            if atFieldStart { fieldLine = line; fieldColumn = column; if fields.isEmpty { recordLine = line }; atFieldStart = false }
            if inQuotes {
                if c == "\"" {
                    if i + 1 < it.count, it[i + 1] == "\"" { cur.append("\""); i += 1; column += 1 }
                    else { inQuotes = false; afterQuote = true }
                } else {
                    cur.append(c)
                }
                if c == "\n" { line += 1; column = 1 } else { column += 1 }
                i += 1
                continue
            }
            if c == "\r", i + 1 < it.count, it[i + 1] == "\n" { i += 1; continue }
            if c == "\"" && cur.trimmingCharacters(in: .whitespaces).isEmpty && !afterQuote {
                inQuotes = true
            } else if c == delimiter {
                endField(); afterQuote = false; atFieldStart = true
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                endField(); endRecord(); afterQuote = false; atFieldStart = true
                line += 1; column = 1; i += 1
                continue
            } else {
                cur.append(c)
            }
            column += 1
            i += 1
        }
        if !atFieldStart || !fields.isEmpty || !cur.isEmpty {
            if atFieldStart { fieldLine = line; fieldColumn = column }
            endField(); endRecord()
        }
        return records
    }
}
