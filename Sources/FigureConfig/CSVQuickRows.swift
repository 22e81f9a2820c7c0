/// The quick path of ``CSVChunk/read(_:fd:from:stops:fileEnd:line:textColumns:maxRows:wholeRest:region:)``: plain
/// records — one line, no quotes, spaces or missing cells, numbers where numbers are read — read
/// where they are found (no field table), into blocks of `blockRows` rows that ``flush(into:)``
/// appends to the chunk's arrays (an append a row cost a uniqueness check and a copy call each); a
/// block's matrix rows are written straight into the chunk's region of the table's matrix when it
/// has room for them. The caller flushes before any record the general path reads, so the rows
/// stay in file order.
///
/// Texts of up to 8 bytes are numbered through a small direct-mapped cache keyed by their bytes as
/// one word (a text column of a few values costs one load, a multiplication and a compare a cell);
/// a miss, or a longer text, asks the column's ``TextInterner``, which alone hands out the numbers,
/// so they are the same, in first-seen order, as without the cache.
struct CSVQuickRows {
    /// Rows a block holds.
    static let blockRows = 512
    /// Entries of a text column's cache (a power of two).
    static let cacheSlots = 1024

    /// What a field is read as.
    enum Kind: UInt8 {
        /// A number of the matrix (its column is the field's slot).
        case matrix
        /// A number of the further column numbered by the slot.
        case number
        /// A text of the further column numbered by the slot.
        case text
        /// Not read (its bytes are only skipped).
        case skipped
    }

    let fields: Int
    let numeric: Int
    let further: Int
    let delimiter: UInt8
    private let kinds: UnsafeMutablePointer<Kind>
    private let slots: UnsafeMutablePointer<Int>
    /// Whether further column k holds texts.
    private let isText: UnsafeMutablePointer<Bool>
    /// The block: `blockRows × numeric` matrix numbers, row-major; further columns' numbers and
    /// codes column by column (`blockRows` each).
    private let values: UnsafeMutablePointer<Double>
    private let numbers: UnsafeMutablePointer<Double>
    private let codes: UnsafeMutablePointer<Int32>
    /// Each text column's cache: per slot the text's bytes as a word, then its length | code << 8
    /// (0: empty; a cached text is never empty).
    private let cache: UnsafeMutablePointer<UInt64>
    /// Each text column's start and end in the current record.
    private let spans: UnsafeMutablePointer<Int>
    /// Where the block's matrix rows go: `values`, or straight into the chunk's region when a whole
    /// block fits there (``begin(_:)``; ``flush(into:)`` then only counts them, no copy).
    private var rows: UnsafeMutablePointer<Double>
    /// Rows in the block.
    private(set) var pending = 0

    /// Sets up for records of `roles.count` fields, where `roles[j]` ≥ 0 is field j's column in the
    /// matrix, −2 − k makes it further column k (a text column when `textColumns[k]`), −1 skips it.
    init(roles: [Int], numeric: Int, textColumns: [Bool], delimiter: UInt8) {
        fields = roles.count
        self.numeric = numeric
        further = textColumns.count
        self.delimiter = delimiter
        kinds = .allocate(capacity: max(fields, 1))
        slots = .allocate(capacity: max(fields, 1))
        isText = .allocate(capacity: max(further, 1))
        for (k, t) in textColumns.enumerated() { isText[k] = t }
        for (j, role) in roles.enumerated() {
            if role >= 0 { kinds[j] = .matrix; slots[j] = role }
            else if role == -1 { kinds[j] = .skipped; slots[j] = 0 }
            else { kinds[j] = textColumns[-role - 2] ? .text : .number; slots[j] = -role - 2 }
        }
        values = .allocate(capacity: Self.blockRows * max(numeric, 1))
        rows = values
        numbers = .allocate(capacity: Self.blockRows * max(further, 1))
        codes = .allocate(capacity: Self.blockRows * max(further, 1))
        cache = .allocate(capacity: 2 * Self.cacheSlots * max(further, 1))
        cache.initialize(repeating: 0, count: 2 * Self.cacheSlots * max(further, 1))
        spans = .allocate(capacity: 2 * max(further, 1))
    }

    /// Gives the memory back (call once, when done).
    func release() {
        kinds.deallocate(); slots.deallocate(); isText.deallocate(); values.deallocate(); numbers.deallocate()
        codes.deallocate(); cache.deallocate(); spans.deallocate()
    }

    /// Reads records from the scanner's cursor into the block while they are plain — at most
    /// `limit`, ending after the one that ends at buffer offset `stop` — and moves the scanner past
    /// them; the number read. A record that is not plain is left (nothing taken, no text numbered)
    /// for the general path, which reads it the same way. Many records a call: the set-up, the
    /// scanner's bookkeeping and the caller's checks are paid once a batch, not once a record.
    @inline(__always)
    mutating func records(_ s: inout CSVScanner, limit: Int, stop: Int, interners: inout [TextInterner]) -> Int {
        let b = UnsafePointer(s.buffer), n = s.readable
        // Made here, not stored: its three words then stay in registers (a stored copy, read
        // through `self` at every text field, made the read 5 % slower).
        let stops = FieldStops(delimiter)
        var start = s.cursor, lastStart = start
        var taken = 0
        rows: while taken < limit && start < n {
            var i = start
            let row = rows + pending * numeric
            for j in 0..<fields {
                let kind = kinds[j]
                let terminator: UInt8 = j == fields - 1 ? 0x0A : delimiter
                if kind == .matrix || kind == .number {
                    var parsed = i + 40 <= n ? CSVNumber.quick(b, i) : nil
                    if parsed == nil { parsed = CSVNumber.prefix(b, i, n) }
                    guard let (v, t) = parsed, t < n else { break rows }
                    guard let next = Self.after(b, t, n, terminator) else { break rows }
                    if kind == .matrix { row[slots[j]] = v } else { numbers[slots[j] * Self.blockRows + pending] = v }
                    i = next
                } else {
                    guard b[i] != 0x22 && b[i] != 0x20 && b[i] != 0x09 else { break rows }
                    let k = stops.end(b, from: i, to: n)
                    guard k < n, let next = Self.after(b, k, n, terminator) else { break rows }
                    if kind == .text {
                        guard k > i, b[k - 1] != 0x20 && b[k - 1] != 0x09, !CSVNumber.isMissing(b, i, k) else { break rows }
                        spans[2 * slots[j]] = i
                        spans[2 * slots[j] + 1] = k
                    }
                    i = next
                }
            }
            // Texts are numbered only now that the whole record is known to be plain.
            for k in 0..<further where isText[k] {
                codes[k * Self.blockRows + pending] = code(b, spans[2 * k], spans[2 * k + 1], n, column: k, interners: &interners)
            }
            pending += 1
            taken += 1
            lastStart = start
            start = i
            if start == stop { break }
        }
        if taken > 0 { s.skipQuick(records: taken, last: lastStart, to: start) }
        return taken
    }

    /// The number of the text `b[a..<e]` of further column `k`: from the cache when it holds it, else
    /// from the column's interner (and then cached).
    @inline(__always)
    func code(_ b: UnsafePointer<UInt8>, _ a: Int, _ e: Int, _ n: Int, column k: Int,
                      interners: inout [TextInterner]) -> Int32 {
        let length = e - a
        guard length <= 8 && a + 8 <= n else { return interners[k].intern(b + a, length) }
        let word = UInt64(littleEndian: UnsafeRawPointer(b + a).loadUnaligned(as: UInt64.self)) & (~0 >> UInt64(64 - 8 * length))
        let slot = Int(truncatingIfNeeded: ((word ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15) >> 54)
        let entry = cache + 2 * (k * Self.cacheSlots + slot)
        if entry[0] == word && entry[1] & 0xFF == UInt64(length) { return Int32(truncatingIfNeeded: entry[1] >> 8) }
        let id = interners[k].intern(b + a, length)
        entry[0] = word
        entry[1] = UInt64(length) | UInt64(id) << 8
        return id
    }

    /// Starts a block (none pending): its matrix rows are written straight into `c`'s region when
    /// a whole block fits there after the rows it holds, else into the block's own buffer.
    mutating func begin(_ c: CSVChunk) {
        let fits = numeric > 0 && c.values.isEmpty && c.regionCapacity - c.regionCount >= Self.blockRows * numeric
        rows = fits ? c.regionBase.map { $0 + c.regionCount } ?? values : values
    }

    /// Appends the block's rows to the chunk's arrays and empties it.
    mutating func flush(into c: inout CSVChunk) {
        guard pending > 0 else { return }
        if rows != values { c.regionCount += pending * numeric } else { c.appendRows(values, count: pending * numeric) }
        for k in 0..<further {
            if isText[k] { c.codes[k].append(contentsOf: UnsafeBufferPointer(start: codes + k * Self.blockRows, count: pending)) }
            else { c.numbers[k].append(contentsOf: UnsafeBufferPointer(start: numbers + k * Self.blockRows, count: pending)) }
        }
        pending = 0
    }

    /// Where the next field (or record) starts when `b[k]` ends this field as `terminator` — the
    /// delimiter, or for the last field LF or CRLF; nil otherwise.
    @inline(__always)
    static func after(_ b: UnsafePointer<UInt8>, _ k: Int, _ n: Int, _ terminator: UInt8) -> Int? {
        if b[k] == terminator { return k + 1 }
        if terminator == 0x0A && b[k] == 0x0D && k + 1 < n && b[k + 1] == 0x0A { return k + 2 }
        return nil
    }
}
