import Foundation
import LargeArrays

/// One part of a ``CSVFile/read(_:threads:)``: the records from an offset (a line start) until one
/// ends exactly where a later part starts, or to the end of the file (``CSVParts`` joins them).
struct CSVChunk {
    /// The settings every chunk shares.
    struct Plan {
        let file: String
        let delimiter: UInt8
        let header: [String]
        let request: CSVReadRequest
    }

    var records = 0
    var rows = 0
    /// Where the rows go first, when set: this chunk's stretch of the table's matrix (``CSVParts``
    /// sets one aside for every part), `regionCapacity` numbers long, `regionCount` of them written.
    /// Rows past it, and all rows of a chunk without one, go to `values`.
    var regionBase: UnsafeMutablePointer<Double>?
    var regionCapacity = 0
    var regionCount = 0
    var values: [Double] = []
    /// One record's numbers, read the general way, before they are known to be kept.
    private var scratch: [Double] = []
    var dropped: [CSVDroppedRecord] = []
    var numbers: [[Double]]
    var codes: [[Int32]]
    var interners: [TextInterner]
    /// Further columns found to hold text while read as numbers (the read is repeated).
    var switchedToText: [Int] = []
    /// The index into `stops` of the later part's start at which the last record ended; nil when
    /// this chunk read to the end of the file (or stopped early: an error, a column switched).
    var stoppedAt: Int?
    /// The line after the last record.
    var endLine = 1

    /// Reads records from `offset` (on `line`) until one ends exactly at one of `stops` (the later
    /// parts' starts, increasing) or the end of the file. The matrix is reserved for the rest of
    /// the file when `wholeRest` (the part the others are appended to), else for its own range;
    /// given a `region` (whole rows of the table's matrix set aside for this part), the rows are
    /// written there first and only those past it go to `values`.
    static func read(_ plan: Plan, fd: Int32, from offset: Int, stops: ArraySlice<Int>, fileEnd: Int, line: Int,
                     textColumns: [Bool], maxRows: Int, wholeRest: Bool,
                     region: UnsafeMutableBufferPointer<Double>? = nil) throws(ConfigError) -> CSVChunk {
        let r = plan.request
        let others = r.others
        var c = CSVChunk(numbers: others.map { _ in [] }, codes: others.map { _ in [] }, interners: others.map { _ in TextInterner() })
        if let region { c.regionBase = region.baseAddress; c.regionCapacity = region.count }
        var s = CSVScanner(fd: fd, file: plan.file, delimiter: plan.delimiter, from: offset, fileEnd: fileEnd, line: line)
        defer { s.release() }
        let d = r.numeric.count, fields = plan.header.count
        var reserved = false
        var nextStop = stops.startIndex
        let rangeEnd = wholeRest ? fileEnd : stops.first ?? fileEnd
        // The quick path: field roles by position (≥ 0 a numeric column, ≤ −2 another column, −1 skipped).
        var roles = [Int](repeating: -1, count: fields)
        for (k, j) in r.numeric.enumerated() { roles[j] = k }
        for (k, j) in others.enumerated() { roles[j] = -(k + 2) }
        let quick = !(plan.delimiter &- 0x30 < 10 || [0x2B, 0x2D, 0x2E, 0x45, 0x65, 0x20, 0x09, 0x22].contains(plan.delimiter))
        var rows = CSVQuickRows(roles: roles, numeric: d, textColumns: textColumns, delimiter: plan.delimiter)
        defer { rows.release() }
        while true {
            var taken = 0
            if quick {
                if rows.pending == CSVQuickRows.blockRows { rows.flush(into: &c) }
                if rows.pending == 0 { rows.begin(c) }
                // The next later part's start, in the buffer: the batch ends with the record ending there.
                let stop = nextStop < stops.endIndex ? stops[nextStop] - s.bufferStart : .max
                taken = rows.records(&s, limit: min(maxRows - c.records, CSVQuickRows.blockRows - rows.pending),
                                     stop: stop, interners: &c.interners)
                c.records += taken
                c.rows += taken
            }
            if taken == 0 {
                rows.flush(into: &c)
                guard try s.next() else { break }
                if try c.generalRecord(s, plan: plan, fields: fields, textColumns: textColumns, maxRows: maxRows) { return c }
            }
            if !reserved && c.records >= 2048 {
                // Room for the rest at the density seen so far (no growth copies for big files).
                reserved = true
                let done = Double(s.recordEnd - offset), total = Double(rangeEnd - offset)
                let expected = Int(Double(c.records) * total / max(done, 1) * 1.08) + 64
                if region == nil {
                    c.values.reserveCapacity(expected * d)
                    // Huge pages for the whole reserve (its capacity: only a few rows are counted yet).
                    let bytes = c.values.capacity * 8
                    c.values.withUnsafeMutableBufferPointer { buf in
                        if let base = buf.baseAddress { LargeArray.adviseHugePages(base, byteCount: bytes) }
                    }
                }
                for k in others.indices {
                    if textColumns[k] { c.codes[k].reserveCapacity(expected) } else { c.numbers[k].reserveCapacity(expected) }
                }
            }
            // A record that ends past a later part's start (a quoted line break at the cut) reads on
            // to the next start it ends exactly at.
            let end = s.recordEnd
            while nextStop < stops.endIndex && end > stops[nextStop] { nextStop += 1 }
            if nextStop < stops.endIndex && end == stops[nextStop] { c.stoppedAt = nextStop - stops.startIndex; break }
        }
        rows.flush(into: &c)
        c.endLine = s.line
        return c
    }

    /// One record the general way (the scanner has parsed it); true when a further column turned out
    /// to hold text (the chunk stops there and the read is repeated).
    mutating func generalRecord(_ s: CSVScanner, plan: Plan, fields: Int, textColumns: [Bool], maxRows: Int) throws(ConfigError) -> Bool {
        let r = plan.request
        guard s.fieldCount == fields else {
            throw ConfigError("expected \(fields) fields like the header, got \(s.fieldCount)",
                              at: SourceLocation(file: plan.file, line: s.recordLine, column: 1))
        }
        guard records < maxRows else {
            throw ConfigError("the CSV file has more than \(r.maxRows) data rows (the limit)",
                              at: SourceLocation(file: plan.file, line: s.recordLine, column: 1))
        }
        let b = UnsafePointer(s.buffer)
        scratch.removeAll(keepingCapacity: true)
        for j in r.numeric {
            let (a, e) = s.trimmed(j)
            if !s.escaped[j], let v = CSVNumber.parse(b, a, e) { scratch.append(v); continue }
            if !s.escaped[j] && CSVNumber.isMissing(b, a, e) {
                if r.dropMissing {
                    dropped.append(CSVDroppedRecord(record: records, line: s.recordLine, column: j))
                    records += 1
                    return false
                }
                let shown = a == e ? "an empty cell" : Echo.quoted(s.text(j))
                throw ConfigError("\(shown) is not a number (column '\(plan.header[j])')\(r.missingHint ?? "")", at: s.location(ofField: j))
            }
            throw ConfigError("\(Echo.quoted(s.text(j))) is not a number (column '\(plan.header[j])')\(r.textHint ?? "")", at: s.location(ofField: j))
        }
        if !scratch.isEmpty { scratch.withUnsafeBufferPointer { appendRows($0.baseAddress!, count: $0.count) } }
        records += 1
        rows += 1
        for (k, j) in r.others.enumerated() {
            let (a, e) = s.trimmed(j)
            let plain = !s.escaped[j]
            if textColumns[k] {
                if plain && CSVNumber.isMissing(b, a, e) { codes[k].append(-1); continue }
                let id = s.withUnescaped(j) { p, n in interners[k].intern(p, n) }
                codes[k].append(id)
            } else if plain, let v = CSVNumber.parse(b, a, e) {
                numbers[k].append(v)
            } else if plain && CSVNumber.isMissing(b, a, e) {
                numbers[k].append(.nan)
            } else {
                switchedToText.append(k)
                return true
            }
        }
        return false
    }

    /// Appends `m` numbers (whole rows) to the matrix: to the region while they fit, then to `values`.
    @inline(__always)
    mutating func appendRows(_ p: UnsafePointer<Double>, count m: Int) {
        if let base = regionBase, values.isEmpty {
            let k = min(m, regionCapacity - regionCount)   // whole rows: the capacity is whole rows
            (base + regionCount).initialize(from: p, count: k)
            regionCount += k
            if k == m { return }
            values.append(contentsOf: UnsafeBufferPointer(start: p + k, count: m - k))
        } else {
            values.append(contentsOf: UnsafeBufferPointer(start: p, count: m))
        }
    }

    /// Appends the records of `p`, the part read after this one — dropped records (renumbered),
    /// further columns, their texts renumbered in the order first seen — but not its matrix rows,
    /// which ``CSVParts`` moves.
    mutating func appendColumns(_ p: CSVChunk, textColumns: [Bool]) {
        for var drop in p.dropped { drop.record += records; dropped.append(drop) }
        for k in textColumns.indices {
            if textColumns[k] {
                let map: [Int32] = (0..<p.interners[k].count).map { i in
                    p.interners[k].bytes.withUnsafeBufferPointer { buf in
                        let a = p.interners[k].starts[i], e = p.interners[k].starts[i + 1]
                        return interners[k].intern(buf.baseAddress! + a, e - a)
                    }
                }
                // Parts nearly always see their texts in the same order: then the codes are copied.
                if map.enumerated().allSatisfy({ $0.offset == Int($0.element) }) { codes[k].append(contentsOf: p.codes[k]) }
                else { codes[k].append(contentsOf: p.codes[k].lazy.map { $0 < 0 ? -1 : map[Int($0)] }) }
            } else {
                numbers[k].append(contentsOf: p.numbers[k])
            }
        }
        records += p.records
        rows += p.rows
    }

    /// The table of everything appended.
    func table(header: [String], textColumns: [Bool]) -> CSVTable {
        var t = CSVTable()
        t.header = header
        t.records = records
        t.rows = rows
        t.values = values
        t.dropped = dropped
        t.others = textColumns.indices.map { k in
            textColumns[k] ? .text(codes: codes[k], levels: interners[k].texts) : .numbers(numbers[k])
        }
        return t
    }
}
