/// The silhouette's inner loop: per row, the distance to every other row accumulated per cluster
/// (`_silhouette_reduce`'s `np.bincount(labels, weights=D_chunk[i])`, a sequential sum over the
/// columns), eight rows at a time.
///
/// Each block of 8 rows walks the columns once. For a column outside the block and outside the
/// block's non-chain tiles (see `SelfDistancePlan.segments`), the 8 dot products are FMA chains
/// and their distances are added to 8 per-cluster accumulators (one lane per row, so every lane
/// keeps exactly numpy's column order). The columns of the block itself (the zeroed diagonal adds
/// `+0.0`, which changes no sum and is skipped) and of the non-chain tiles take a per-element path.
enum SilhouetteKernel {
    static let lanes = 8
    /// Rows per parallel task (a fixed partition, so results do not depend on the thread count).
    static let rowsPerTask = 256

    /// `silhouette_samples` of the validated input; `workingMemoryMiB` is scikit-learn's
    /// `working_memory` (it decides which BLAS calls, hence which rounding, the distances get).
    static func samples(_ input: ScoreInput, threads: Int, workingMemoryMiB: Double = PairwiseDistances.workingMemoryMiB) -> [Double] {
        let plan = SelfDistancePlan(
            x: input.x, sklearnChunkRows: PairwiseDistances.sklearnChunkRows(input.x.rows, workingMemoryMiB: workingMemoryMiB))
        let n = plan.n, k = input.clusters.count
        var out = [Double](repeating: 0, count: n)
        let tasks = (n + rowsPerTask - 1) / rowsPerTask
        input.encoded.withUnsafeBufferPointer { lab in
            plan.x.withUnsafeBufferPointer { xv in
                plan.norms.withUnsafeBufferPointer { nv in
                    out.withUnsafeMutableBufferPointer { ov in
                        let labels = SharedPointer(lab.baseAddress!)
                        let xs = SharedPointer(xv.baseAddress!)
                        let norms = SharedPointer(nv.baseAddress!)
                        let result = SharedMutablePointer(ov.baseAddress!)
                        let counts = input.counts
                        Parallelism.run(tasks: tasks, threads: threads) { t in
                            var acc = [Double](repeating: 0, count: k * lanes)
                            let end = min(n, (t + 1) * rowsPerTask)
                            var i0 = t * rowsPerTask
                            while i0 < end {
                                let rows = min(lanes, end - i0)
                                for q in 0..<acc.count { acc[q] = 0 }
                                acc.withUnsafeMutableBufferPointer { a in
                                    accumulate(plan, i0: i0, rows: rows, labels: labels, x: xs, norms: norms, acc: a.baseAddress!)
                                }
                                for r in 0..<rows {
                                    let i = i0 + r
                                    result[i] = coefficient(acc: acc, lane: r, own: Int(labels[i]), counts: counts)
                                }
                                i0 += rows
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// `_silhouette_reduce` and the tail of `silhouette_samples` for one row.
    @inline(__always)
    static func coefficient(acc: [Double], lane: Int, own: Int, counts: [Int]) -> Double {
        let intraSum = acc[own * lanes + lane]
        var inter = Double.infinity
        for c in 0..<counts.count where c != own {
            let m = acc[c * lanes + lane] / Double(counts[c])
            if m < inter || m.isNaN { inter = m }
        }
        // intra / (n_c − 1): 0 / 0 = NaN for a singleton; nan_to_num turns the coefficient into 0.
        let intra = intraSum / Double(counts[own] - 1)
        let denominator = (intra.isNaN || inter.isNaN) ? Double.nan : max(intra, inter)
        let s = (inter - intra) / denominator
        if s.isNaN { return 0 }
        if s == .infinity { return .greatestFiniteMagnitude }
        if s == -.infinity { return -.greatestFiniteMagnitude }
        return s
    }

    /// Adds the distances of rows `i0..<i0+rows` to every column into `acc[cluster * 8 + lane]`.
    static func accumulate(
        _ plan: SelfDistancePlan, i0: Int, rows: Int, labels: SharedPointer<Int32>, x: SharedPointer<Double>,
        norms: SharedPointer<Double>, acc: UnsafeMutablePointer<Double>
    ) {
        let n = plan.n, d = plan.d
        // Columns needing the per-element path: the block's own columns and the non-chain tiles.
        var segments: [[SelfDistancePlan.Segment]] = []
        var breaks: [(Int, Int)] = [(i0, i0 + rows)]
        for r in 0..<rows {
            let s = plan.segments(row: i0 + r)
            segments.append(s)
            for g in s { breaks.append((g.j0, g.j1)) }
        }
        breaks.sort { $0.0 < $1.0 }
        var merged: [(Int, Int)] = []
        for b in breaks {
            if let last = merged.last, b.0 <= last.1 { merged[merged.count - 1].1 = max(last.1, b.1) } else { merged.append(b) }
        }
        // The block's rows, one lane each, coordinate-major (`coords[f * 8 + lane]`); missing rows
        // repeat the last one and are ignored.
        var coords = [Double](repeating: 0, count: d * lanes)
        var xx = [Double](repeating: 0, count: lanes)
        for r in 0..<lanes {
            let i = i0 + min(r, rows - 1)
            for f in 0..<d { coords[f * lanes + r] = x[i * d + f] }
            xx[r] = norms[i]
        }
        let blocks = plan.kBlocks
        var j = 0
        coords.withUnsafeBufferPointer { cv in
            xx.withUnsafeBufferPointer { xv in
                let c = cv.baseAddress!, q = xv.baseAddress!
                for (a, b) in merged {
                    if j < a { fast(c, q, from: j, to: a, d: d, kBlocks: blocks, labels: labels, x: x, norms: norms, acc: acc) }
                    slow(plan, i0: i0, rows: rows, from: a, to: b, segments: segments, labels: labels, x: x, norms: norms, acc: acc)
                    j = b
                }
                if j < n { fast(c, q, from: j, to: n, d: d, kBlocks: blocks, labels: labels, x: x, norms: norms, acc: acc) }
            }
        }
    }

    /// One distance with the chain dot product of two 2-D points (`((−2·g) + xx) + yy`, clip, sqrt).
    @inline(__always)
    static func lane2(_ a0: Double, _ a1: Double, _ xx: Double, _ b0: Double, _ b1: Double, _ yy: Double) -> Double {
        let g = (a0 * b0).addingProduct(a1, b1)
        let t = ((-2.0 * g) + xx) + yy
        return (t < 0 ? 0 : t).squareRoot()
    }

    /// One distance for 3-D points.
    @inline(__always)
    static func lane3(_ a0: Double, _ a1: Double, _ a2: Double, _ xx: Double, _ b0: Double, _ b1: Double, _ b2: Double, _ yy: Double) -> Double {
        let g = ((a0 * b0).addingProduct(a1, b1)).addingProduct(a2, b2)
        let t = ((-2.0 * g) + xx) + yy
        return (t < 0 ? 0 : t).squareRoot()
    }

    /// Columns `from..<to` with chain dot products for all 8 lanes. Written as eight scalar lanes:
    /// Swift's SIMD `squareRoot` and lane selects are scalarised with branches on this target, while
    /// scalar code keeps the 8 independent chains in registers.
    @inline(__always)
    static func fast(
        _ c: UnsafePointer<Double>, _ q: UnsafePointer<Double>, from: Int, to: Int, d: Int, kBlocks: [Int],
        labels: SharedPointer<Int32>, x: SharedPointer<Double>, norms: SharedPointer<Double>, acc: UnsafeMutablePointer<Double>
    ) {
        if d == 2 {
            let r00 = c[0], r01 = c[1], r02 = c[2], r03 = c[3], r04 = c[4], r05 = c[5], r06 = c[6], r07 = c[7]
            let r10 = c[8], r11 = c[9], r12 = c[10], r13 = c[11], r14 = c[12], r15 = c[13], r16 = c[14], r17 = c[15]
            let q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5], q6 = q[6], q7 = q[7]
            for j in from..<to {
                let b0 = x[2 * j], b1 = x[2 * j + 1], yy = norms[j]
                let a = acc + Int(labels[j]) * lanes
                a[0] += lane2(r00, r10, q0, b0, b1, yy)
                a[1] += lane2(r01, r11, q1, b0, b1, yy)
                a[2] += lane2(r02, r12, q2, b0, b1, yy)
                a[3] += lane2(r03, r13, q3, b0, b1, yy)
                a[4] += lane2(r04, r14, q4, b0, b1, yy)
                a[5] += lane2(r05, r15, q5, b0, b1, yy)
                a[6] += lane2(r06, r16, q6, b0, b1, yy)
                a[7] += lane2(r07, r17, q7, b0, b1, yy)
            }
            return
        }
        if d == 3 {
            for j in from..<to {
                let b0 = x[3 * j], b1 = x[3 * j + 1], b2 = x[3 * j + 2], yy = norms[j]
                let a = acc + Int(labels[j]) * lanes
                for r in 0..<lanes { a[r] += lane3(c[r], c[8 + r], c[16 + r], q[r], b0, b1, b2, yy) }
            }
            return
        }
        for j in from..<to {
            let b = x + j * d, yy = norms[j]
            let a = acc + Int(labels[j]) * lanes
            for r in 0..<lanes {
                var g = 0.0
                var k0 = 0
                for (t, len) in kBlocks.enumerated() {
                    var s = c[k0 * lanes + r] * b[k0]
                    var f = k0 + 1
                    while f < k0 + len { s = s.addingProduct(c[f * lanes + r], b[f]); f += 1 }
                    g = t == 0 ? s : g + s
                    k0 += len
                }
                let t = ((-2.0 * g) + q[r]) + yy
                a[r] += (t < 0 ? 0 : t).squareRoot()
            }
        }
    }

    /// Columns `from..<to` one element at a time, each in its own order; the diagonal is skipped.
    static func slow(
        _ plan: SelfDistancePlan, i0: Int, rows: Int, from: Int, to: Int, segments: [[SelfDistancePlan.Segment]],
        labels: SharedPointer<Int32>, x: SharedPointer<Double>, norms: SharedPointer<Double>, acc: UnsafeMutablePointer<Double>
    ) {
        let d = plan.d, blocks = plan.kBlocks
        for j in from..<to {
            let base = Int(labels[j]) * lanes
            for r in 0..<rows {
                let i = i0 + r
                if i == j { continue }
                var order = GemmSumOrder.chain
                for s in segments[r] where j >= s.j0 && j < s.j1 { order = s.order }
                let g = d == 1 ? x[i] * x[j] : GemmDot.element(x + i * d, x + j * d, d, blocks, order)
                acc[base + r] = acc[base + r] + PairwiseDistances.distance(g, norms[i], norms[j], squared: false)
            }
        }
    }
}
