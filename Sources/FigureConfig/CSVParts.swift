import Foundation
import LargeArrays

/// A file's data records read in parts on several threads and joined in file order, with the
/// same result as one pass on one thread.
///
/// The parts start at line breaks: a first part of some 40 % of the data (for two threads), then
/// parts of a sixth of what is left (two threads), shrinking to 1 MiB. The lead thread reads the first part, then appends each later part to it as
/// soon as that part is read (the copy of the numbers overlaps the reading of the rest) and reads
/// unclaimed parts itself while none is ready; the other threads read parts in order. A thread
/// that is done early takes the next part, so no thread waits for a slow half (two fixed halves
/// left one thread idle for 0–30 ms of a 150 ms read on a shared machine).
///
/// The parts write their rows straight into the table's matrix: each part gets a stretch of it
/// (its *region*, sized from the file's rows per byte with some room to spare) and the lead moves
/// each part's rows down next to the rows before it as it joins them, within memory already
/// written. So the only fresh memory a read touches is the matrix itself (a part's own matrix, as
/// before, put some 30 MB of fresh pages — zeroed by the kernel — on a 56 MB read). A part with
/// more rows than its region keeps the rest in its own array; should the rows ever outgrow the
/// room so that a move would reach a region still being written, the matrix is copied into an
/// array of its own and the remaining parts appended to that (the result is the same).
///
/// A part counts only if the part before it ended exactly at its start; a record running over a
/// start (a quoted line break at the cut) makes that part read on to the next start it ends at,
/// and the parts it ran over are not used. The first error, or column found to hold text, in file
/// order is the one reported.
final class CSVParts: @unchecked Sendable {
    /// How a read ended.
    enum Outcome {
        /// Every record was read.
        case table(CSVChunk)
        /// Further columns turned out to hold text: read again with them as text.
        case switched([Int])
        /// A record is wrong (located at its own line).
        case failed(ConfigError)
        /// The part at `part` (starting on file line `line`) goes past the row limit, with
        /// `remaining` rows left for it.
        case tooMany(part: Int, line: Int, remaining: Int)
    }

    let plan: CSVChunk.Plan
    let fd: Int32
    let starts: [Int]
    let fileEnd: Int
    let firstLine: Int
    let textColumns: [Bool]
    private let condition = NSCondition()
    /// The next part nobody reads yet (part 0 is the lead's).
    private var claimed = 1
    private var results: [Result<CSVChunk, ConfigError>?]
    private var finished = false
    /// The table's matrix while the parts are read (nil: every part keeps its own rows), and each
    /// part's region in it: the first row and the rows it holds.
    private var matrix: UnsafeMutablePointer<Double>?
    private var regionStarts: [Int] = []
    private var regionRows: [Int] = []
    /// The numbers the lead has put in place at the start of `matrix` (nil: it moved them to an
    /// array of their own), and the part they end with.
    private var packed: Int?
    private var placed = -1

    init(plan: CSVChunk.Plan, fd: Int32, starts: [Int], fileEnd: Int, firstLine: Int, textColumns: [Bool]) {
        self.plan = plan; self.fd = fd; self.starts = starts; self.fileEnd = fileEnd
        self.firstLine = firstLine; self.textColumns = textColumns
        results = Array(repeating: nil, count: starts.count)
    }

    /// The offsets where parts start: `start`, then line starts after it (one part for one worker
    /// or a file under 4 MiB). `partBytes` (tests) cuts every that many bytes instead, at any size.
    static func starts(_ fd: Int32, from start: Int, end: Int, workers: Int, partBytes: Int? = nil) -> [Int] {
        let size = end - start
        guard workers >= 2, size >= (partBytes == nil ? 4 << 20 : 1) else { return [start] }
        let first = partBytes ?? size * 4 / (5 * workers)
        var cuts = [start]
        var at = start + first
        while at < end, let cut = CSVFile.lineBreak(fd, after: at, end: end) {
            if cut > cuts.last! { cuts.append(cut) }
            // Parts shrink with what is left, to 1 MiB: the thread done first then waits for a
            // small part at most (parts of a fixed few MiB left it idle for up to 8 ms of 90).
            at = cut + (partBytes ?? max(1 << 20, (end - cut) / (3 * workers)))
        }
        return cuts
    }

    /// Reads every part on up to `workers` threads.
    func run(workers: Int) -> Outcome {
        guard workers >= 2 && starts.count >= 2 else { return lead() }
        let d = plan.request.numeric.count
        guard d > 0 else { return runParts(workers) }
        let rows = regions()
        guard rows <= Int.max / (8 * d) else { return runParts(workers) }
        var outcome: Outcome?
        let table = [Double](unsafeUninitializedCapacity: rows * d) { buffer, initialized in
            matrix = buffer.baseAddress
            if let base = buffer.baseAddress { LargeArray.adviseHugePages(base, byteCount: rows * d * 8) }
            packed = 0
            outcome = runParts(workers)
            initialized = packed ?? 0
            matrix = nil
        }
        if case .table(var head) = outcome!, packed != nil {
            head.values = table
            return .table(head)
        }
        return outcome!
    }

    /// The parts read on up to `workers` threads.
    private func runParts(_ workers: Int) -> Outcome {
        let outcome = Locked<Outcome?>(nil)
        DispatchQueue.concurrentPerform(iterations: min(workers, starts.count)) { w in
            if w == 0 { let o = lead(); outcome.withLock { $0 = o } } else { help() }
        }
        return outcome.withLock { $0! }
    }

    /// Sets out the parts' regions — each part's share of the rows at the density of the file's
    /// first 64 KiB, an eighth more and 256 rows besides — and returns the rows they hold in all.
    private func regions() -> Int {
        let sample = min(1 << 16, fileEnd - starts[0])
        var bytes = [UInt8](repeating: 0, count: sample)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, sample, off_t(starts[0])) }
        let breaks = got > 0 ? bytes[0..<got].reduce(0) { $0 + ($1 == CSVScanner.lf ? 1 : 0) } : 0
        let perByte = Double(max(breaks, 1)) / Double(max(got, 1))
        var total = 0
        regionStarts = []
        regionRows = []
        for k in starts.indices {
            let size = (k + 1 < starts.count ? starts[k + 1] : fileEnd) - starts[k]
            let rows = min(Int((Double(size) * perByte * 1.125).rounded(.up)) + 256, Int.max / 16)
            regionStarts.append(total)
            regionRows.append(rows)
            total = total > Int.max / 2 - rows ? Int.max / 2 : total + rows
        }
        return total
    }

    /// Part `k` read on its own. The row limit is the request's for part 0; a later part (at most a
    /// sixth of the rest) is read whole and the limit checked on the sum, so that going past it is
    /// reported at the right record (``readAgain(_:line:remaining:)``).
    private func read(_ k: Int, line: Int? = nil, maxRows: Int? = nil) -> Result<CSVChunk, ConfigError> {
        let d = plan.request.numeric.count
        let region = matrix.map { UnsafeMutableBufferPointer(start: $0 + regionStarts[k] * d, count: regionRows[k] * d) }
        do throws(ConfigError) {
            return .success(try CSVChunk.read(plan, fd: fd, from: starts[k], stops: starts[(k + 1)...], fileEnd: fileEnd,
                                              line: line ?? (k == 0 ? firstLine : 1), textColumns: textColumns,
                                              maxRows: maxRows ?? (k == 0 ? plan.request.maxRows : .max), wholeRest: k == 0,
                                              region: line == nil ? region : nil))
        } catch { return .failure(error) }
    }

    /// Reads part `k` again from file line `line` with `remaining` rows allowed, for the located
    /// error of a read that went past the limit.
    func readAgain(_ k: Int, line: Int, remaining: Int) throws(ConfigError) {
        _ = try read(k, line: line, maxRows: remaining).get()
    }

    /// A helper thread: reads unclaimed parts in order until none is left.
    private func help() {
        while true {
            condition.lock()
            guard !finished && claimed < starts.count else { condition.unlock(); return }
            let k = claimed
            claimed += 1
            condition.unlock()
            let r = read(k)
            condition.lock()
            results[k] = r
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The lead thread: part 0, then each part of the chain appended as it is ready.
    private func lead() -> Outcome {
        defer { condition.lock(); finished = true; condition.unlock() }
        var head: CSVChunk
        switch read(0) {
        case let .failure(e): return .failed(e)
        case let .success(c): head = c
        }
        if !head.switchedToText.isEmpty { return .switched(head.switchedToText) }
        place(&head, part: 0)
        var next = head.stoppedAt.map { $0 + 1 } ?? starts.count
        var lines = head.endLine - 1   // part `next` starts on file line lines + 1
        while next < starts.count {
            condition.lock()
            var ready: Result<CSVChunk, ConfigError>?
            var own: Int?
            while true {
                if let r = results[next] { ready = r; results[next] = nil; break }
                if claimed < starts.count { own = claimed; claimed += 1; break }
                condition.wait()   // `next` is being read by a helper
            }
            condition.unlock()
            if let k = own {
                let r = read(k)
                condition.lock(); results[k] = r; condition.unlock()
                continue
            }
            var part: CSVChunk
            switch CSVFile.shifted(ready!, lines: lines) {
            case let .failure(e): return .failed(e)
            case let .success(c): part = c
            }
            if !part.switchedToText.isEmpty { return .switched(part.switchedToText) }
            if head.records + part.records > plan.request.maxRows {
                return .tooMany(part: next, line: lines + 1, remaining: plan.request.maxRows - head.records)
            }
            place(&head, part: next, part)
            head.appendColumns(part, textColumns: textColumns)
            lines = part.endLine - 1
            next = part.stoppedAt.map { next + 1 + $0 } ?? starts.count
        }
        return .table(head)
    }

    /// Puts the rows of part `k` (`p`; the head itself for part 0) after those placed so far: moved
    /// down within the matrix while that stays clear of the regions still being written (the next
    /// part's region starts where this one's room ends; after parts left out — a record ran over
    /// their start — one of those may still be written), else appended to the head's own array,
    /// which then takes every row placed so far and all later ones. Without a matrix every part's
    /// rows are in its own array, appended to the head's.
    private func place(_ head: inout CSVChunk, part k: Int, _ p: CSVChunk? = nil) {
        guard let base = matrix else {
            if let p { head.values.append(contentsOf: p.values) }
            return
        }
        let part = p ?? head
        let d = plan.request.numeric.count
        let from = base + regionStarts[k] * d
        defer { placed = k }
        if let at = packed {
            let count = part.regionCount + part.values.count
            if k == placed + 1 && at + count <= (regionStarts[k] + regionRows[k]) * d {
                if at != regionStarts[k] * d { memmove(base + at, from, part.regionCount * 8) }
                part.values.withUnsafeBufferPointer { v in
                    if let o = v.baseAddress { (base + at + part.regionCount).initialize(from: o, count: v.count) }
                }
                packed = at + count   // (part 0 in place has no rows of its own: they fitted)
                return
            }
            // Out of room: the rows so far go to an array of their own (the head's values become it).
            var own = [Double]()
            own.reserveCapacity(max(2 * (at + count), (regionStarts.last! + regionRows.last!) * d))
            own.append(contentsOf: UnsafeBufferPointer(start: base, count: at))
            if p == nil { own.append(contentsOf: UnsafeBufferPointer(start: from, count: part.regionCount)); own += head.values }
            head.values = own
            packed = nil
            guard p != nil else { return }
        }
        head.values.append(contentsOf: UnsafeBufferPointer(start: from, count: part.regionCount))
        head.values.append(contentsOf: part.values)
    }
}
