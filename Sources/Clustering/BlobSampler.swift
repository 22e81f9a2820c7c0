#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import LargeArrays

/// Draws `makeBlobs`' samples and applies its row shuffle — scikit-learn's stream, bit for bit,
/// with the work that does not depend on the stream order done in parallel.
///
/// The stream is inherently sequential, but most of the cost is not:
/// 1. One pass over the MT19937 stream finds every accepted polar-method point (`x1`, `x2`) —
///    no logarithms yet (`drawPolarPoints`).
/// 2. In parallel: one task runs numpy's Fisher–Yates shuffle of the row indices (it continues the
///    stream where the samples ended, on a copy of the state), while the others turn the stored
///    points into `centre + std · f·x` with `f = sqrt(−2 log r² / r²)`, chunk by chunk.
/// 3. In parallel: rows are gathered into shuffled order, labels derived from the source rows.
///
/// Every value is computed by the same operations as the one-at-a-time path, independently of the
/// chunking, so the bits are the same for any number of threads.
struct BlobSampler {
    let centers: DataMatrix
    let counts: [Int]
    let stds: [Double]
    let shuffle: Bool
    let threads: Int

    /// Pairs per transform task, rows per gather task.
    static let pairChunk = 1 << 15
    static let rowChunk = 1 << 16

    /// The samples in row-major order and their labels; consumes `state` (its cached Gaussian must
    /// be empty, as after seeding and the uniform centre draws).
    func draw(_ state: inout RandomState) -> (values: [Double], labels: [Int]) {
        let d = centers.columns, k = counts.count
        let n = counts.reduce(0, +)
        let total = n * d
        let pairs = (total + 1) / 2
        var starts = [Int](repeating: 0, count: k + 1)
        for c in 0..<k { starts[c + 1] = starts[c] + counts[c] }

        // 1. The accepted polar points (every slot of 2·pairs is written).
        var z: [Double] = LargeArray.make(count: 2 * pairs) { buffer in
            state.drawPolarPoints(pairs: pairs, into: buffer.baseAddress!)
        }
        let shuffling = shuffle && n > 1
        let compact = n <= Int(UInt32.max)
        var order: [UInt32] = LargeArray.make(count: shuffling && compact ? n : 0) { buffer in
            for i in buffer.indices { buffer[i] = UInt32(truncatingIfNeeded: i) }
        }
        var wideOrder: [Int] = []
        if shuffling && !compact {
            // Over 2³² rows: the plain sequential shuffle (never reached in practice: ≥ 32 GiB).
            wideOrder = Array(0..<n)
            state.shuffle(&wideOrder)
        }

        // 2. Shuffle (task 0, started first) beside the transform of the points (tasks 1...).
        let transformTasks = (pairs + BlobSampler.pairChunk - 1) / BlobSampler.pairChunk
        let shuffleTask = shuffling && compact ? 1 : 0
        let shuffleState = state
        z.withUnsafeMutableBufferPointer { zb in
            order.withUnsafeMutableBufferPointer { ob in
                centers.values.withUnsafeBufferPointer { cb in
                    stds.withUnsafeBufferPointer { sb in
                        starts.withUnsafeBufferPointer { stb in
                            let zp = SharedMutablePointer(zb.baseAddress!)
                            let op = ob.baseAddress.map(SharedMutablePointer.init)
                            let cp = SharedPointer(cb.baseAddress!), sp = SharedPointer(sb.baseAddress!)
                            let stp = SharedPointer(stb.baseAddress!)
                            Parallelism.run(tasks: shuffleTask + transformTasks, threads: threads) { task in
                                if task < shuffleTask, let op {
                                    var rs = shuffleState
                                    rs.shuffleIndices(op.base, count: n)
                                    return
                                }
                                let chunk = task - shuffleTask
                                let p0 = chunk * BlobSampler.pairChunk
                                let p1 = min(p0 + BlobSampler.pairChunk, pairs)
                                BlobSampler.transform(
                                    pairs: p0..<p1, total: total, columns: d, clusters: k,
                                    z: zp, centers: cp, stds: sp, starts: stp)
                            }
                        }
                    }
                }
            }
        }
        if !shuffling {
            if total % 2 == 1 { z.removeLast() }
            var labels: [Int] = []
            labels.reserveCapacity(n)
            for c in 0..<k { labels.append(contentsOf: repeatElement(c, count: counts[c])) }
            return (z, labels)
        }
        // 3. Gather the rows in shuffled order.
        if compact { return gather(z, order: order, starts: starts, columns: d) }
        var values = [Double](repeating: 0, count: total), labels = [Int](repeating: 0, count: n)
        for (i, r) in wideOrder.enumerated() {
            for f in 0..<d { values[i * d + f] = z[r * d + f] }
            labels[i] = starts.lastIndex { $0 <= r }!
        }
        return (values, labels)
    }

    /// Turns the stored points of `pairs` into samples: `centre[c][f] + std[c] · normal`.
    @inline(__always)
    static func transform(
        pairs: Range<Int>, total: Int, columns d: Int, clusters k: Int,
        z: SharedMutablePointer<Double>, centers: SharedPointer<Double>, stds: SharedPointer<Double>,
        starts: SharedPointer<Int>
    ) {
        let zb = z.base
        for p in pairs {
            let x2 = zb[2 * p], x1 = zb[2 * p + 1]
            let r2 = x1 * x1 + x2 * x2
            let f = (-2.0 * log(r2) / r2).squareRoot()
            zb[2 * p] = f * x2
            zb[2 * p + 1] = f * x1
        }
        var e = 2 * pairs.lowerBound
        let end = min(2 * pairs.upperBound, total)
        guard e < end else { return }
        var row = e / d, column = e % d
        var c = 0
        while c + 1 < k && starts[c + 1] <= row { c += 1 }
        var scale = stds[c], base = c * d
        while e < end {
            zb[e] = centers[base + column] + scale * zb[e]
            e += 1
            column += 1
            if column == d {
                column = 0
                row += 1
                if c + 1 < k && starts[c + 1] <= row {
                    while c + 1 < k && starts[c + 1] <= row { c += 1 }
                    scale = stds[c]
                    base = c * d
                }
            }
        }
    }

    /// `X[order]`, `y[order]` (rows are independent, so any split gives the same result).
    func gather(
        _ values: [Double], order: [UInt32], starts: [Int], columns d: Int
    ) -> (values: [Double], labels: [Int]) {
        let n = order.count, k = counts.count
        // The centre of the first row of each block of 2^shift rows (at most 2^16 blocks).
        let shift = max(0, (Int.bitWidth - n.leadingZeroBitCount) - 16)
        var table = [Int32](repeating: 0, count: ((n - 1) >> shift) + 1)
        var c = 0
        for b in table.indices {
            while c + 1 < k && starts[c + 1] <= b << shift { c += 1 }
            table[b] = Int32(c)
        }
        // Both are written in full by the tasks below (every row of every chunk).
        var out: [Double] = LargeArray.make(count: n * d) { _ in }
        var labels: [Int] = LargeArray.make(count: n) { _ in }
        values.withUnsafeBufferPointer { vb in
            out.withUnsafeMutableBufferPointer { ob in
                labels.withUnsafeMutableBufferPointer { lb in
                    order.withUnsafeBufferPointer { ib in
                        starts.withUnsafeBufferPointer { sb in
                            table.withUnsafeBufferPointer { tb in
                                let tp = SharedPointer(tb.baseAddress!)
                                let vp = SharedPointer(vb.baseAddress!), op = SharedMutablePointer(ob.baseAddress!)
                                let lp = SharedMutablePointer(lb.baseAddress!), ip = SharedPointer(ib.baseAddress!)
                                let sp = SharedPointer(sb.baseAddress!)
                                let tasks = (n + BlobSampler.rowChunk - 1) / BlobSampler.rowChunk
                                Parallelism.run(tasks: tasks, threads: threads) { t in
                                    let lower = t * BlobSampler.rowChunk
                                    let upper = min(lower + BlobSampler.rowChunk, n)
                                    // The random reads alone in a loop without data-dependent branches,
                                    // so the loads in flight overlap...
                                    if d == 2 {
                                        for i in lower..<upper {
                                            let r = Int(ip[i])
                                            op[2 * i] = vp[2 * r]
                                            op[2 * i + 1] = vp[2 * r + 1]
                                        }
                                    } else {
                                        for i in lower..<upper {
                                            let r = Int(ip[i])
                                            for f in 0..<d { op[i * d + f] = vp[r * d + f] }
                                        }
                                    }
                                    // ...then the labels: the centre of source row r. The table's guess
                                    // is at most a few centres short; the loop almost never runs.
                                    for i in lower..<upper {
                                        let r = Int(ip[i])
                                        var c = Int(tp[r >> shift])
                                        while c + 1 < k && sp[c + 1] <= r { c += 1 }
                                        lp[i] = c
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return (out, labels)
    }
}
