import Foundation

/// Walks a CSV file record by record from a byte offset, reading it in blocks (`pread`, so several
/// scanners can share one descriptor), keeping only the current block in memory. A record is the
/// state machine of RFC 4180 the reader always had: a quote opens a quoted field only at the start
/// of a field (possibly after spaces); a quoted field may hold delimiters, doubled quotes and line
/// breaks; blank records are skipped. Bytes are checked to be UTF-8 as they are read.
///
/// Field positions are offsets into ``buffer``; lines and columns are worked out only for messages.
/// A struct held in a local variable (exclusivity is checked when compiling, not at every field),
/// whose memory is given back by ``release()``.
struct CSVScanner {
    let fd: Int32
    let file: String
    let delimiter: UInt8
    let fileEnd: Int
    /// The block: bytes `bufferStart ..< bufferStart + filled` of the file.
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var bufferStart: Int
    private var filled = 0
    private var position = 0
    private var validated = 0
    private var atEnd = false
    /// The line the next record starts on.
    private(set) var line: Int
    /// The current record: where it starts (in the buffer) and on which line.
    private(set) var recordStart = 0
    private(set) var recordLine = 1
    /// The file offset just after the current record.
    var recordEnd: Int { bufferStart + position }
    /// The current record's fields: where each starts (before spaces and quotes) and its content.
    private(set) var rawStarts: UnsafeMutablePointer<Int>
    private(set) var starts: UnsafeMutablePointer<Int>
    private(set) var ends: UnsafeMutablePointer<Int>
    private(set) var escaped: UnsafeMutablePointer<Bool>
    private(set) var fieldCount = 0
    private var fieldCapacity = 64

    // Literals, so the hot loops see constants (not lazily initialised globals).
    static let quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20, tab: UInt8 = 0x09

    init(fd: Int32, file: String, delimiter: UInt8, from offset: Int, fileEnd: Int, line: Int, blockSize: Int = 1 << 20) {
        self.fd = fd; self.file = file; self.delimiter = delimiter; self.fileEnd = fileEnd; self.line = line
        capacity = max(64, min(blockSize, fileEnd - offset + 16))
        buffer = .allocate(capacity: capacity)
        bufferStart = offset
        validated = offset
        rawStarts = .allocate(capacity: fieldCapacity); starts = .allocate(capacity: fieldCapacity)
        ends = .allocate(capacity: fieldCapacity); escaped = .allocate(capacity: fieldCapacity)
    }

    /// Gives the buffers back (call once, when done).
    func release() {
        buffer.deallocate(); rawStarts.deallocate(); starts.deallocate(); ends.deallocate(); escaped.deallocate()
    }

    /// Bytes from the buffer's start that are read and checked (the quick path stays within them).
    var readable: Int { min(filled, validated - bufferStart) }
    /// Where the next record starts in the buffer.
    var cursor: Int { position }

    /// Takes `records` one-line records, the last starting at buffer offset `last` and ending at
    /// `end` (its line break included), read by the caller's quick path.
    mutating func skipQuick(records: Int, last: Int, to end: Int) {
        recordStart = last
        recordLine = line + records - 1
        position = end
        line += records
        fieldCount = 0
    }

    /// Moves to the next record that is not blank; false at the end of the file.
    mutating func next() throws(ConfigError) -> Bool {
        while true {
            if position >= filled {
                if atEnd { return false }
                try fill()
                continue
            }
            let lines = try parseRecord()
            guard lines >= 0 else { try fill(); continue }
            recordLine = line
            line += lines
            if fieldCount == 1 && isBlank(0) { continue }
            return true
        }
    }

    /// Keeps the unread bytes, reads the next block (growing the buffer for records longer than it)
    /// and checks the new bytes are UTF-8.
    private mutating func fill() throws(ConfigError) {
        if position > 0 {
            memmove(buffer, buffer + position, filled - position)
            bufferStart += position; filled -= position; recordStart -= position; position = 0
        }
        if filled == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: filled)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        while filled < capacity && bufferStart + filled < fileEnd {
            let want = min(capacity - filled, fileEnd - bufferStart - filled)
            let got = pread(fd, buffer + filled, want, off_t(bufferStart + filled))
            if got < 0 {
                if errno == EINTR { continue }
                throw ConfigError("cannot read the CSV file (\(String(cString: strerror(errno))))", at: SourceLocation(file: file, line: line, column: 1))
            }
            if got == 0 { break }
            filled += got
        }
        atEnd = bufferStart + filled >= fileEnd
        // Check up to the last byte that cannot be inside a sequence cut by the block's end.
        var upto = filled
        if !atEnd {
            var back = 0
            while upto > 0 && back < 4 && buffer[upto - 1] >= 0x80 {
                upto -= 1; back += 1
                if buffer[upto] >= 0xC0 { break }
            }
        }
        let from = validated - bufferStart
        if from < upto, let bad = UTF8Check.firstInvalid(buffer, from, upto) {
            throw ConfigError("the CSV file is not UTF-8 text", at: location(from: position, line: line, to: bad, breaksOnly: false))
        }
        validated = bufferStart + upto
    }

    @inline(__always) private mutating func addField(_ raw: Int, _ s: Int, _ e: Int, _ esc: Bool) {
        if fieldCount == fieldCapacity {
            let n = fieldCapacity * 2
            func grow<T>(_ p: inout UnsafeMutablePointer<T>) {
                let q = UnsafeMutablePointer<T>.allocate(capacity: n)
                q.moveInitialize(from: p, count: fieldCount)
                p.deallocate()
                p = q
            }
            grow(&rawStarts); grow(&starts); grow(&ends); grow(&escaped)
            fieldCapacity = n
        }
        rawStarts[fieldCount] = raw; starts[fieldCount] = s; ends[fieldCount] = e; escaped[fieldCount] = esc
        fieldCount += 1
    }

    /// Parses the record at ``position``: the number of lines it spans, or −1 when it runs past the
    /// block (more bytes are needed).
    private mutating func parseRecord() throws(ConfigError) -> Int {
        let b = buffer, n = filled, d = delimiter, final = atEnd
        var i = position
        var lines = 1
        fieldCount = 0
        recordStart = position
        while true {
            let raw = i
            var j = i
            while j < n && (b[j] == Self.space || b[j] == Self.tab) { j += 1 }
            if j < n && b[j] == Self.quote {
                var k = j + 1
                var esc = false
                var close = -1
                while k < n {
                    guard let q = memchr(b + k, Int32(Self.quote), n - k) else { break }
                    let at = UnsafeMutablePointer<UInt8>(q.assumingMemoryBound(to: UInt8.self)) - b
                    if at + 1 < n && b[at + 1] == Self.quote { esc = true; k = at + 2; continue }
                    if at + 1 >= n && !final { return -1 }
                    close = at
                    break
                }
                if close < 0 {
                    if !final { return -1 }
                    throw ConfigError("unterminated quoted field: the quote opened here is never closed",
                                      at: location(from: recordStart, line: line, to: j))
                }
                var p = j + 1
                while p < close { if b[p] == Self.lf { lines += 1 }; p += 1 }
                addField(raw, j + 1, close, esc)
                i = close + 1
                while i < n && (b[i] == Self.space || b[i] == Self.tab) { i += 1 }
                if i == n && !final { return -1 }
                if i < n && b[i] != d && b[i] != Self.lf && b[i] != Self.cr {
                    throw ConfigError("text after a closing quote (quote the whole field, doubling quotes inside it)",
                                      at: location(from: recordStart, line: line, to: i))
                }
            } else {
                let k = FieldStops(d).end(b, from: i, to: n)
                if k == n && !final { return -1 }
                addField(raw, i, k, false)
                i = k
            }
            if i < n && b[i] == d { i += 1; continue }
            if i < n && b[i] == Self.cr {
                i += 1
                if i < n && b[i] == Self.lf { i += 1 } else if i == n && !final { return -1 }
            } else if i < n {
                i += 1
            }
            position = i
            return lines
        }
    }

    private func isBlank(_ f: Int) -> Bool {
        var i = starts[f]
        while i < ends[f] { if buffer[i] != Self.space && buffer[i] != Self.tab { return false }; i += 1 }
        return true
    }

    /// Field `f` without surrounding spaces and tabs.
    @inline(__always) func trimmed(_ f: Int) -> (Int, Int) {
        var a = starts[f], e = ends[f]
        while a < e && (buffer[a] == Self.space || buffer[a] == Self.tab) { a += 1 }
        while e > a && (buffer[e - 1] == Self.space || buffer[e - 1] == Self.tab) { e -= 1 }
        return (a, e)
    }

    /// Field `f`'s text, trimmed of spaces and tabs, with doubled quotes undone.
    func text(_ f: Int) -> String {
        let (a, e) = trimmed(f)
        let s = String(decoding: UnsafeBufferPointer(start: buffer + a, count: e - a), as: UTF8.self)
        return escaped[f] ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
    }

    /// Field `f`'s bytes, trimmed, doubled quotes undone, passed to `body`.
    @inline(__always) func withUnescaped<R>(_ f: Int, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        let (a, e) = trimmed(f)
        guard escaped[f] else { return body(buffer + a, e - a) }
        var out = [UInt8]()
        out.reserveCapacity(e - a)
        var i = a
        while i < e { out.append(buffer[i]); i += buffer[i] == Self.quote && i + 1 < e && buffer[i + 1] == Self.quote ? 2 : 1 }
        return out.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
    }

    /// Where field `f` of the current record starts.
    func location(ofField f: Int) -> SourceLocation { location(from: recordStart, line: recordLine, to: rawStarts[f]) }

    /// The line and column (in Unicode scalars) of buffer offset `target`, counting from `start`,
    /// which is on `line`, column 1. Inside a record only LF breaks lines (quoted fields); with
    /// `breaksOnly` false CR and CRLF count too (bytes not yet parsed).
    func location(from start: Int, line: Int, to target: Int, breaksOnly: Bool = true) -> SourceLocation {
        var l = line, c = 1, i = start
        while i < target {
            let x = buffer[i]
            if x == Self.lf { l += 1; c = 1 }
            else if x == Self.cr && !breaksOnly { if i + 1 < target && buffer[i + 1] == Self.lf { i += 1 }; l += 1; c = 1 }
            else if x & 0xC0 != 0x80 { c += 1 }
            i += 1
        }
        return SourceLocation(file: file, line: l, column: c)
    }
}

/// Where an unquoted field ends: the first delimiter, LF or CR, found eight bytes at a time (the
/// lowest flagged byte of a word is exact), then byte by byte. Made once per record by the quick
/// path of ``CSVChunk`` (its masks hoisted out of the fields) and per field by the general parser.
struct FieldStops {
    let delimiter: UInt8
    private let dd: UInt64, ll: UInt64, rr: UInt64
    private static let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    init(_ delimiter: UInt8) {
        self.delimiter = delimiter
        dd = UInt64(delimiter) &* Self.ones; ll = 0x0A &* Self.ones; rr = 0x0D &* Self.ones
    }

    /// The first offset in `i..<n` holding the delimiter, LF or CR, else `n`.
    @inline(__always)
    func end(_ b: UnsafePointer<UInt8>, from i: Int, to n: Int) -> Int {
        let ones = Self.ones, highs = Self.highs
        var k = i
        while k + 8 <= n {
            let w = UInt64(littleEndian: UnsafeRawPointer(b + k).loadUnaligned(as: UInt64.self))
            let x = w ^ dd, y = w ^ ll, z = w ^ rr
            let hit = ((x &- ones) & ~x | (y &- ones) & ~y | (z &- ones) & ~z) & highs
            if hit != 0 { return k + hit.trailingZeroBitCount >> 3 }
            k += 8
        }
        while k < n && b[k] != delimiter && b[k] != 0x0A && b[k] != 0x0D { k += 1 }
        return k
    }
}
