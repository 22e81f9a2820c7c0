import Foundation

/// A file's data records read in parts on several threads and joined in file order, with the
/// same result as one pass on one thread.
///
/// The parts start at line breaks: a first part of some 40 % of the data (for two threads), then
/// parts of a few MiB. The lead thread reads the first part, then appends each later part to it as
/// soon as that part is read (the copy of the numbers overlaps the reading of the rest) and reads
/// unclaimed parts itself while none is ready; the other threads read parts in order. A thread
/// that is done early takes the next part, so no thread waits for a slow half (two fixed halves
/// left one thread idle for 0–30 ms of a 150 ms read on a shared machine).
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
    /// Matrices of parts already appended, emptied with their capacity kept, for the next parts.
    private var spare: [[Double]] = []

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
        let step = partBytes ?? max(1 << 20, (size - first) / (6 * workers))
        var cuts = [start]
        var at = start + first
        while at < end, let cut = CSVFile.lineBreak(fd, after: at, end: end) {
            if cut > cuts.last! { cuts.append(cut) }
            at = cut + step
        }
        return cuts
    }

    /// Reads every part on up to `workers` threads.
    func run(workers: Int) -> Outcome {
        guard workers >= 2 && starts.count >= 2 else { return lead() }
        let outcome = Locked<Outcome?>(nil)
        DispatchQueue.concurrentPerform(iterations: min(workers, starts.count)) { w in
            if w == 0 { let o = lead(); outcome.withLock { $0 = o } } else { help() }
        }
        return outcome.withLock { $0! }
    }

    /// Part `k` read on its own. The row limit is the request's for part 0; a later part (a few MiB)
    /// is read whole and the limit checked on the sum, so that going past it is reported at the
    /// right record (``readAgain(_:line:remaining:)``).
    private func read(_ k: Int, line: Int? = nil, maxRows: Int? = nil) -> Result<CSVChunk, ConfigError> {
        var storage: [Double] = []
        if k > 0 { condition.lock(); storage = spare.popLast() ?? []; condition.unlock() }
        do throws(ConfigError) {
            return .success(try CSVChunk.read(plan, fd: fd, from: starts[k], stops: starts[(k + 1)...], fileEnd: fileEnd,
                                              line: line ?? (k == 0 ? firstLine : 1), textColumns: textColumns,
                                              maxRows: maxRows ?? (k == 0 ? plan.request.maxRows : .max), wholeRest: k == 0,
                                              storage: storage))
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
            head.append(part, textColumns: textColumns)
            var matrix = part.values
            part.values = []
            matrix.removeAll(keepingCapacity: true)
            condition.lock(); spare.append(matrix); condition.unlock()
            lines = part.endLine - 1
            next = part.stoppedAt.map { next + 1 + $0 } ?? starts.count
        }
        return .table(head)
    }
}
