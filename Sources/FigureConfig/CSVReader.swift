import Foundation

/// Reads CSV files (RFC 4180: quoted fields may hold delimiters, doubled quotes and newlines; blank
/// lines are skipped) straight from their UTF-8 bytes, keeping the line and column of every field
/// for messages such as `customers.csv:12:7: 'n/a' is not a number (column 'age')`.
///
/// Opening reads the header only. ``read(_:)`` streams the rest in 1 MiB blocks (the file is never
/// held whole), parses numbers with a correctly rounded fast path (`CSVNumber`), numbers the texts of
/// text columns as they come (`TextInterner`), and reads a large file in parts cut at line breaks
/// on every core (`CSVParts`): a part counts only if the part before it ended exactly at its start
/// (a quoted field spanning a cut sends that part on to the next start it ends at), so the result
/// is the same on any number of cores.
public struct CSVFile: Sendable {
    /// The path as the user should see it in messages.
    public let displayPath: String
    /// The header names, trimmed.
    public let header: [String]
    /// The field separator.
    public let delimiter: UInt8
    let path: String
    let unreadableReason: @Sendable (String) -> ConfigError
    /// Where the first data record starts (after the header) and its line.
    let dataStart: Int
    let dataStartLine: Int

    /// Opens `path` and reads its header row. Problems inside the file are reported at the file's own
    /// line and column; `unreadable` turns the reason a file cannot be read into the error to throw
    /// (located at the config key that names the file).
    public init(path: String, displayPath: String, delimiter: Character = ",",
                unreadable: @escaping @Sendable (String) -> ConfigError) throws(ConfigError) {
        self.path = path
        self.displayPath = displayPath
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
        self.unreadableReason = unreadable
        let (fd, size) = try Self.openFile(path, unreadable)
        defer { close(fd) }
        var bom = [UInt8](repeating: 0, count: 3)
        let start = pread(fd, &bom, 3, 0) == 3 && bom == [0xEF, 0xBB, 0xBF] ? 3 : 0
        var scanner = CSVScanner(fd: fd, file: displayPath, delimiter: self.delimiter, from: start, fileEnd: size, line: 1, blockSize: 1 << 16)
        defer { scanner.release() }
        guard try scanner.next() else {
            throw ConfigError("the CSV file is empty (expected a header row and data rows)", at: SourceLocation(file: displayPath, line: 1, column: 1))
        }
        header = (0..<scanner.fieldCount).map(scanner.text)
        dataStart = scanner.recordEnd
        dataStartLine = scanner.line
    }

    /// Opens a regular file for reading: its descriptor and size, or the reason it cannot be read.
    static func openFile(_ path: String, _ unreadable: (String) -> ConfigError) throws(ConfigError) -> (Int32, Int) {
        var st = stat()
        guard stat(path, &st) == 0 else { throw unreadable(errno == ENOENT || errno == ENOTDIR ? "no such file" : String(cString: strerror(errno))) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw unreadable("it is a folder") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw unreadable("not a regular file") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw unreadable(errno == EACCES ? "permission denied" : String(cString: strerror(errno))) }
        return (fd, Int(st.st_size))
    }

    /// The numbers of the columns at `indices` (into ``header``), one array per column, and the number
    /// of data rows. Every record must have as many fields as the header; `maxRows` bounds the rows.
    public func numericColumns(_ indices: [Int], maxRows: Int = .max) throws(ConfigError) -> (columns: [[Double]], rows: Int) {
        let t = try read(CSVReadRequest(numeric: indices, maxRows: maxRows))
        let d = indices.count
        return ((0..<d).map { j in (0..<t.rows).map { t.values[$0 * d + j] } }, t.rows)
    }

    /// Reads every data record: the `numeric` columns as one row-major matrix, the `others` typed by
    /// their cells (numbers when every cell that is not missing is one, else texts), rows with a
    /// missing numeric cell left out when the request says so.
    public func read(_ request: CSVReadRequest, threads: Int? = nil) throws(ConfigError) -> CSVTable {
        try read(request, threads: threads, partBytes: nil)
    }

    /// ``read(_:threads:)`` with parts of `partBytes` bytes when given (tests: many cuts in a small file).
    func read(_ request: CSVReadRequest, threads: Int?, partBytes: Int?) throws(ConfigError) -> CSVTable {
        let (fd, size) = try Self.openFile(path, unreadableReason)
        defer { close(fd) }
        let plan = CSVChunk.Plan(file: displayPath, delimiter: delimiter, header: header, request: request)
        let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let starts = CSVParts.starts(fd, from: dataStart, end: size, workers: workers, partBytes: partBytes)
        var textColumns = textInFirstRecord(request, fd: fd, size: size)
        while true {
            let parts = CSVParts(plan: plan, fd: fd, starts: starts, fileEnd: size, firstLine: dataStartLine, textColumns: textColumns)
            switch parts.run(workers: workers) {
            case let .switched(columns):
                for k in columns { textColumns[k] = true }
                continue
            case let .failed(e):
                throw e
            case let .tooMany(part, line, remaining):
                try parts.readAgain(part, line: line, remaining: remaining)
                throw ConfigError("the CSV file has more than \(request.maxRows) data rows (the limit)",
                                  at: SourceLocation(file: displayPath, line: line, column: 1))
            case let .table(all):
                if all.records == 0 {
                    throw ConfigError("the CSV file has a header but no data rows", at: SourceLocation(file: displayPath, line: 1, column: 1))
                }
                return all.table(header: header, textColumns: textColumns)
            }
        }
    }

    /// Which further columns are text by the first data record alone: its numeric cells are
    /// numbers (so the record is kept and its other cells looked at, as the read does) and the
    /// column's cell is neither a number nor missing (or holds a doubled quote), the test the read
    /// applies to every cell. Such a column is text whatever the
    /// rest of the file holds, so the read starts with it as text instead of finding out on its first
    /// record and starting again (a millisecond of a large read). All false when the record is not
    /// plain enough to tell; the read then decides as always.
    func textInFirstRecord(_ request: CSVReadRequest, fd: Int32, size: Int) -> [Bool] {
        let none = [Bool](repeating: false, count: request.others.count)
        guard !request.others.isEmpty else { return none }
        var s = CSVScanner(fd: fd, file: displayPath, delimiter: delimiter, from: dataStart, fileEnd: size, line: dataStartLine, blockSize: 1 << 16)
        defer { s.release() }
        guard (try? s.next()) == true, s.fieldCount == header.count else { return none }
        let b = UnsafePointer(s.buffer)
        for j in request.numeric {
            let (a, e) = s.trimmed(j)
            guard !s.escaped[j], CSVNumber.parse(b, a, e) != nil else { return none }
        }
        return request.others.map { j in
            let (a, e) = s.trimmed(j)
            return s.escaped[j] || (CSVNumber.parse(b, a, e) == nil && !CSVNumber.isMissing(b, a, e))
        }
    }

    /// A chunk's result with its lines moved down by `lines` (the second half counts from 1).
    static func shifted(_ r: Result<CSVChunk, ConfigError>, lines: Int) -> Result<CSVChunk, ConfigError> {
        switch r {
        case var .success(c):
            for i in c.dropped.indices { c.dropped[i].line += lines }
            c.endLine += lines
            return .success(c)
        case var .failure(e):
            e.location.line += lines
            return .failure(e)
        }
    }

    /// The offset just after the first LF at or after `offset`, nil when there is none.
    static func lineBreak(_ fd: Int32, after offset: Int, end: Int) -> Int? {
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var at = offset
        while at < end {
            let got = block.withUnsafeMutableBytes { pread(fd, $0.baseAddress, min($0.count, end - at), off_t(at)) }
            guard got > 0 else { return nil }
            if let i = block[0..<got].firstIndex(of: CSVScanner.lf) { return at + i + 1 < end ? at + i + 1 : nil }
            at += got
        }
        return nil
    }

    /// Calls `body` with the text of every field of every data record, in order (for exports that
    /// copy the rows of the file), and the record's line.
    public func forEachRecord(_ body: (_ fields: [String], _ line: Int) throws -> Void) throws {
        let (fd, size) = try Self.openFile(path, unreadableReason)
        defer { close(fd) }
        var s = CSVScanner(fd: fd, file: displayPath, delimiter: delimiter, from: dataStart, fileEnd: size, line: dataStartLine)
        defer { s.release() }
        while try s.next() { try body((0..<s.fieldCount).map(s.text), s.recordLine) }
    }
}

/// What to read from a CSV file.
public struct CSVReadRequest: Sendable {
    /// Header indices of the columns that must hold numbers, read into one row-major matrix.
    public var numeric: [Int]
    /// Leave out records with an empty or missing-marker cell in a numeric column (else: an error).
    public var dropMissing = false
    /// Added to the message for a numeric column's cell that is text.
    public var textHint: String?
    /// Added to the message for a numeric column's missing cell (when not dropped).
    public var missingHint: String?
    /// Header indices of further columns, numbers or texts as their cells are.
    public var others: [Int] = []
    /// The most data records.
    public var maxRows = Int.max

    /// A request for `numeric` columns and nothing else.
    public init(numeric: [Int], dropMissing: Bool = false, others: [Int] = [], maxRows: Int = .max) {
        self.numeric = numeric; self.dropMissing = dropMissing; self.others = others; self.maxRows = maxRows
    }
}

/// A record left out for a missing numeric cell.
public struct CSVDroppedRecord: Sendable, Hashable {
    /// Its 0-based index among the data records.
    public var record: Int
    /// The line it starts on.
    public var line: Int
    /// The header index of its first missing numeric cell.
    public var column: Int
}

/// The values of one further column, for the rows kept.
public enum CSVColumnValues: Sendable {
    /// Every cell that is not missing is a number; missing cells are NaN.
    case numbers([Double])
    /// Texts, numbered in the order first seen (`levels`); −1 for a missing cell.
    case text(codes: [Int32], levels: [String])
}

/// What ``CSVFile/read(_:threads:)`` returns.
public struct CSVTable: Sendable {
    /// The header names.
    public var header: [String] = []
    /// Data records in the file.
    public var records = 0
    /// Rows kept (records less those dropped).
    public var rows = 0
    /// The numeric columns, `rows × numeric.count`, row-major.
    public var values: [Double] = []
    /// The records left out, in order.
    public var dropped: [CSVDroppedRecord] = []
    /// The further columns, in the request's order.
    public var others: [CSVColumnValues] = []

    /// An empty table.
    public init() {}
}

