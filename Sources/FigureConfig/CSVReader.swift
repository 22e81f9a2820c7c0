import Foundation

/// Reads CSV files (RFC 4180: quoted fields may hold delimiters, doubled quotes and newlines; blank
/// lines are skipped) straight from their UTF-8 bytes, column by column, keeping the line and column
/// of every field for messages such as `customers.csv:12:7: 'n/a' is not a number (column 'age')`.
///
/// The file is held once as bytes and only the requested columns are converted, so reading needs
/// about the file's size plus the numbers it returns.
public struct CSVFile: Sendable {
    /// The path as the user should see it in messages.
    public let displayPath: String
    /// The header names, trimmed.
    public let header: [String]
    /// The field separator.
    public let delimiter: UInt8
    private let bytes: [UInt8]
    /// Where the first data record starts (after the header).
    private let dataStart: Int
    private let dataStartLine: Int

    /// Opens `path` and reads its header row. Problems inside the file are reported at the file's own
    /// line and column; `unreadable` turns the reason a file cannot be read into the error to throw
    /// (located at the config key that names the file).
    public init(path: String, displayPath: String, delimiter: Character = ",",
                unreadable: (String) -> ConfigError) throws(ConfigError) {
        let start = SourceLocation(file: displayPath, line: 1, column: 1)
        var b: [UInt8]
        switch FileBytes.read(path) {
        case let .success(bytes): b = bytes
        case let .failure(f): throw unreadable(f.reason)
        }
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b.removeFirst(3) }
        guard FileBytes.isValidUTF8(b) else { throw ConfigError("the CSV file is not UTF-8 text", at: start) }
        self.displayPath = displayPath
        self.bytes = b
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
        var cursor = Cursor(bytes: b, delimiter: self.delimiter, file: displayPath)
        guard let first = try cursor.nextRecord() else {
            throw ConfigError("the CSV file is empty (expected a header row and data rows)", at: start)
        }
        header = first.fields.map { cursor.text($0) }
        dataStart = cursor.offset
        dataStartLine = cursor.line
    }

    /// The numbers of the columns at `indices` (into ``header``), one array per column, and the number
    /// of data rows. Every record must have as many fields as the header; `maxRows` bounds the rows.
    public func numericColumns(_ indices: [Int], maxRows: Int = .max) throws(ConfigError) -> (columns: [[Double]], rows: Int) {
        var cursor = Cursor(bytes: bytes, delimiter: delimiter, file: displayPath, offset: dataStart, line: dataStartLine)
        var out = indices.map { _ in [Double]() }
        var rows = 0
        while let rec = try cursor.nextRecord() {
            guard rec.fields.count == header.count else {
                throw ConfigError("expected \(header.count) fields like the header, got \(rec.fields.count)",
                                  at: SourceLocation(file: displayPath, line: rec.line, column: 1))
            }
            guard rows < maxRows else {
                throw ConfigError("the CSV file has more than \(maxRows) data rows (the limit)",
                                  at: SourceLocation(file: displayPath, line: rec.line, column: 1))
            }
            for (k, j) in indices.enumerated() {
                let f = rec.fields[j]
                guard let v = cursor.number(f) else {
                    let t = cursor.text(f)
                    let shown = t.isEmpty ? "an empty cell" : Echo.quoted(t)
                    throw ConfigError("\(shown) is not a number (column '\(header[j])')",
                                      at: SourceLocation(file: displayPath, line: f.line, column: f.column))
                }
                out[k].append(v)
            }
            rows += 1
        }
        guard rows > 0 else {
            throw ConfigError("the CSV file has a header but no data rows", at: SourceLocation(file: displayPath, line: 1, column: 1))
        }
        return (out, rows)
    }
}

/// One field of a record: its bytes (without surrounding quotes) and where it starts.
struct CSVField {
    var start: Int
    var end: Int
    /// The field was quoted and contains doubled quotes to undo.
    var hasEscapes: Bool
    var line: Int
    var column: Int
}

/// A record: its fields and the line it starts on.
struct CSVRecord {
    var fields: [CSVField]
    var line: Int
}

/// Walks the bytes record by record (the state machine of RFC 4180 as the earlier reader had it:
/// a quote opens a quoted field only at the start of a field, possibly after spaces).
struct Cursor {
    let bytes: [UInt8]
    let delimiter: UInt8
    let file: String
    var offset: Int
    var line: Int

    init(bytes: [UInt8], delimiter: UInt8, file: String, offset: Int = 0, line: Int = 1) {
        self.bytes = bytes; self.delimiter = delimiter; self.file = file; self.offset = offset; self.line = line
    }

    static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    /// The next non-blank record, nil at the end of the file.
    mutating func nextRecord() throws(ConfigError) -> CSVRecord? {
        while offset < bytes.count {
            let rec = try readRecord()
            let blank = rec.fields.count == 1 && isBlank(rec.fields[0])
            if !blank { return rec }
        }
        return nil
    }

    private func isBlank(_ f: CSVField) -> Bool {
        var i = f.start
        while i < f.end { if bytes[i] != Cursor.space && bytes[i] != Cursor.tab { return false }; i += 1 }
        return true
    }

    private mutating func readRecord() throws(ConfigError) -> CSVRecord {
        var fields: [CSVField] = []
        let recordLine = line
        var column = 1
        let n = bytes.count
        while true {
            // One field.
            let fieldLine = line, fieldColumn = column
            var i = offset
            // Leading spaces, then maybe an opening quote.
            var j = i
            while j < n && (bytes[j] == Cursor.space || bytes[j] == Cursor.tab) { j += 1 }
            if j < n && bytes[j] == Cursor.quote {
                let quoteLine = line, quoteColumn = column + (j - i)
                column += j - i + 1
                i = j + 1
                let start = i
                var escapes = false
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == Cursor.quote {
                        if i + 1 < n && bytes[i + 1] == Cursor.quote { escapes = true; i += 2; column += 2; continue }
                        closed = true
                        break
                    }
                    if c == Cursor.lf { line += 1; column = 1 } else if c & 0xC0 != 0x80 { column += 1 }
                    i += 1
                }
                guard closed else {
                    throw ConfigError("unterminated quoted field: the quote opened here is never closed",
                                      at: SourceLocation(file: file, line: quoteLine, column: quoteColumn))
                }
                let end = i
                i += 1; column += 1
                // Text after the closing quote up to the delimiter is kept (as the earlier reader did).
                var trailEnd = i
                while trailEnd < n && bytes[trailEnd] != delimiter && bytes[trailEnd] != Cursor.lf && bytes[trailEnd] != Cursor.cr {
                    trailEnd += 1
                }
                if let k = bytes[i..<trailEnd].firstIndex(where: { $0 != Cursor.space && $0 != Cursor.tab }) {
                    throw ConfigError("text after a closing quote (quote the whole field, doubling quotes inside it)",
                                      at: SourceLocation(file: file, line: line, column: column + countScalars(i, k)))
                }
                fields.append(CSVField(start: start, end: end, hasEscapes: escapes, line: fieldLine, column: fieldColumn))
                column += countScalars(i, trailEnd)
                i = trailEnd
            } else {
                let start = i
                while i < n {
                    let c = bytes[i]
                    if c == delimiter || c == Cursor.lf || c == Cursor.cr { break }
                    i += 1
                }
                column += countScalars(start, i)
                fields.append(CSVField(start: start, end: i, hasEscapes: false, line: fieldLine, column: fieldColumn))
            }
            // Field end: delimiter, end of line, or end of file.
            if i < n && bytes[i] == delimiter {
                i += 1; column += 1
                offset = i
                continue
            }
            if i < n && bytes[i] == Cursor.cr { i += 1; if i < n && bytes[i] == Cursor.lf { i += 1 } } else if i < n { i += 1 }
            line += 1
            offset = i
            return CSVRecord(fields: fields, line: recordLine)
        }
    }

    private func countScalars(_ a: Int, _ b: Int) -> Int {
        var c = 0, i = a
        while i < b { if bytes[i] & 0xC0 != 0x80 { c += 1 }; i += 1 }
        return c
    }

    /// The field's text, trimmed of spaces and tabs, with doubled quotes undone.
    func text(_ f: CSVField) -> String {
        var a = f.start, b = f.end
        while a < b && (bytes[a] == Cursor.space || bytes[a] == Cursor.tab) { a += 1 }
        while b > a && (bytes[b - 1] == Cursor.space || bytes[b - 1] == Cursor.tab) { b -= 1 }
        let s = String(decoding: bytes[a..<b], as: UTF8.self)
        return f.hasEscapes ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
    }

    /// The field as a finite number, or nil (digits, signs, `.`, `e`/`E` only, like the earlier reader).
    func number(_ f: CSVField) -> Double? {
        var a = f.start, b = f.end
        while a < b && (bytes[a] == Cursor.space || bytes[a] == Cursor.tab) { a += 1 }
        while b > a && (bytes[b - 1] == Cursor.space || bytes[b - 1] == Cursor.tab) { b -= 1 }
        guard a < b, b - a < 64, !f.hasEscapes else { return nil }
        for i in a..<b {
            let c = bytes[i]
            guard (c >= 0x30 && c <= 0x39) || c == 0x2B || c == 0x2D || c == 0x2E || c == 0x45 || c == 0x65 else { return nil }
        }
        guard let v = Double(String(decoding: bytes[a..<b], as: UTF8.self)), v.isFinite else { return nil }
        return v
    }
}
