import Foundation

/// What one thread of ``CSVFile/read(_:threads:)`` read: the records from an offset to a stop (the
/// other thread's start) or to the end of the file.
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
    var values: [Double] = []
    var dropped: [CSVDroppedRecord] = []
    var numbers: [[Double]]
    var codes: [[Int32]]
    var interners: [TextInterner]
    /// Further columns found to hold text while read as numbers (the read is repeated).
    var switchedToText: [Int] = []
    /// The last record ended past `stop`: this chunk read on to the end of the file.
    var crossedStop = false
    /// The line after the last record.
    var endLine = 1

    /// Reads records from `offset` (on `line`) until one ends exactly at `stop` (or the end of the file).
    static func read(_ plan: Plan, fd: Int32, from offset: Int, stop: Int?, fileEnd: Int, line: Int,
                     textColumns: [Bool], maxRows: Int) throws(ConfigError) -> CSVChunk {
        let r = plan.request
        let others = r.others
        var c = CSVChunk(numbers: others.map { _ in [] }, codes: others.map { _ in [] }, interners: others.map { _ in TextInterner() })
        var s = CSVScanner(fd: fd, file: plan.file, delimiter: plan.delimiter, from: offset, fileEnd: fileEnd, line: line)
        defer { s.release() }
        let d = r.numeric.count, fields = plan.header.count
        var limit = stop ?? fileEnd
        var reserved = false
        while try s.next() {
            guard s.fieldCount == fields else {
                throw ConfigError("expected \(fields) fields like the header, got \(s.fieldCount)",
                                  at: SourceLocation(file: plan.file, line: s.recordLine, column: 1))
            }
            guard c.records < maxRows else {
                throw ConfigError("the CSV file has more than \(r.maxRows) data rows (the limit)",
                                  at: SourceLocation(file: plan.file, line: s.recordLine, column: 1))
            }
            let b = UnsafePointer(s.buffer)
            var keep = true
            for (k, j) in r.numeric.enumerated() {
                let (a, e) = s.trimmed(j)
                if !s.escaped[j], let v = CSVNumber.parse(b, a, e) { c.values.append(v); continue }
                if !s.escaped[j] && CSVNumber.isMissing(b, a, e) {
                    if r.dropMissing {
                        c.values.removeLast(k)
                        c.dropped.append(CSVDroppedRecord(record: c.records, line: s.recordLine, column: j))
                        keep = false
                        break
                    }
                    let shown = a == e ? "an empty cell" : "'\(s.text(j))'"
                    throw ConfigError("\(shown) is not a number (column '\(plan.header[j])')\(r.missingHint ?? "")", at: s.location(ofField: j))
                }
                let t = s.text(j)
                throw ConfigError("'\(t)' is not a number (column '\(plan.header[j])')\(r.textHint ?? "")", at: s.location(ofField: j))
            }
            c.records += 1
            guard keep else { continue }
            c.rows += 1
            for (k, j) in others.enumerated() {
                let (a, e) = s.trimmed(j)
                let plain = !s.escaped[j]
                if textColumns[k] {
                    if plain && CSVNumber.isMissing(b, a, e) { c.codes[k].append(-1); continue }
                    c.codes[k].append(s.withUnescaped(j) { p, n in c.interners[k].intern(p, n) })
                } else if plain, let v = CSVNumber.parse(b, a, e) {
                    c.numbers[k].append(v)
                } else if plain && CSVNumber.isMissing(b, a, e) {
                    c.numbers[k].append(.nan)
                } else {
                    c.switchedToText.append(k)
                    return c
                }
            }
            if !reserved && c.records == 2048 {
                // Room for the rest at the density seen so far (no growth copies for big files).
                reserved = true
                let done = Double(s.recordEnd - offset), total = Double(fileEnd - offset)
                let expected = Int(Double(c.records) * total / max(done, 1) * 1.08) + 64
                c.values.reserveCapacity(expected * d)
                for k in others.indices {
                    if textColumns[k] { c.codes[k].reserveCapacity(expected) } else { c.numbers[k].reserveCapacity(expected) }
                }
            }
            let end = s.recordEnd
            if end == limit && stop != nil && !c.crossedStop { break }
            if end > limit && !c.crossedStop { c.crossedStop = true; limit = fileEnd }
        }
        c.endLine = s.line
        return c
    }

    /// The chunks joined in file order: rows appended, texts renumbered in the order first seen.
    /// `parts` is emptied: the first chunk's arrays, then held by nothing else, grow in place (within
    /// the capacity reserved for the whole file) instead of being copied.
    static func merge(_ parts: inout [CSVChunk], plan: Plan, textColumns: [Bool]) -> CSVTable {
        var first = parts.removeFirst()
        var t = CSVTable()
        for p in parts {
            for var drop in p.dropped { drop.record += first.records; first.dropped.append(drop) }
            first.values.append(contentsOf: p.values)
            for k in plan.request.others.indices {
                if textColumns[k] {
                    let map: [Int32] = (0..<p.interners[k].count).map { i in
                        p.interners[k].bytes.withUnsafeBufferPointer { buf in
                            let a = p.interners[k].starts[i], e = p.interners[k].starts[i + 1]
                            return first.interners[k].intern(buf.baseAddress! + a, e - a)
                        }
                    }
                    first.codes[k].append(contentsOf: p.codes[k].lazy.map { $0 < 0 ? -1 : map[Int($0)] })
                } else {
                    first.numbers[k].append(contentsOf: p.numbers[k])
                }
            }
            first.records += p.records
            first.rows += p.rows
        }
        t.records = first.records
        t.rows = first.rows
        t.values = first.values
        t.dropped = first.dropped
        t.others = plan.request.others.indices.map { k in
            textColumns[k] ? .text(codes: first.codes[k], levels: first.interners[k].texts) : .numbers(first.numbers[k])
        }
        return t
    }
}
