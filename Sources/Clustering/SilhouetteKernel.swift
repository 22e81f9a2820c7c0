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
    static func samples(_ input: ScoreInput, threads: Int, workingMemoryMiB: Int = PairwiseDistances.workingMemoryMiB) -> [Double] {
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
        // The block's rows, one SIMD lane each (missing rows repeat the last one and are ignored).
        var coords = [SIMD8<Double>](repeating: SIMD8(repeating: 0), count: d)
        var xx = SIMD8<Double>(repeating: 0)
        for r in 0..<lanes {
            let i = i0 + min(r, rows - 1)
            for f in 0..<d { coords[f][r] = x[i * d + f] }
            xx[r] = norms[i]
        }
        let blocks = plan.kBlocks
        var j = 0
        coords.withUnsafeBufferPointer { cv in
            let c = cv.baseAddress!
            for (a, b) in merged {
                if j < a { fast(c, xx, from: j, to: a, d: d, kBlocks: blocks, labels: labels, x: x, norms: norms, acc: acc) }
                slow(plan, i0: i0, rows: rows, from: a, to: b, segments: segments, labels: labels, x: x, norms: norms, acc: acc)
                j = b
            }
            if j < n { fast(c, xx, from: j, to: n, d: d, kBlocks: blocks, labels: labels, x: x, norms: norms, acc: acc) }
        }
    }

    /// Columns `from..<to` with chain dot products for all 8 lanes.
    @inline(__always)
    static func fast(
        _ c: UnsafePointer<SIMD8<Double>>, _ xx: SIMD8<Double>, from: Int, to: Int, d: Int, kBlocks: [Int],
        labels: SharedPointer<Int32>, x: SharedPointer<Double>, norms: SharedPointer<Double>, acc: UnsafeMutablePointer<Double>
    ) {
        let zero = SIMD8<Double>(repeating: 0)
        if d == 2 {
            let c0 = c[0], c1 = c[1]
            for j in from..<to {
                let p0 = c0 * x[2 * j]
                let g = p0.addingProduct(c1, SIMD8(repeating: x[2 * j + 1]))
                var t = ((-2.0 * g) + xx) + SIMD8(repeating: norms[j])
                t.replace(with: zero, where: t .< zero)
                let v = t.squareRoot()
                let a = UnsafeMutableRawPointer(acc + Int(labels[j]) * lanes).assumingMemoryBound(to: SIMD8<Double>.self)
                a.pointee = a.pointee + v
            }
            return
        }
        let single = kBlocks.count == 1
        for j in from..<to {
            var g: SIMD8<Double>
            if single {
                g = c[0] * x[j * d]
                var f = 1
                while f < d { g = g.addingProduct(c[f], SIMD8(repeating: x[j * d + f])); f += 1 }
            } else {
                g = zero
                var k0 = 0
                for (b, len) in kBlocks.enumerated() {
                    var s = c[k0] * x[j * d + k0]
                    var f = k0 + 1
                    while f < k0 + len { s = s.addingProduct(c[f], SIMD8(repeating: x[j * d + f])); f += 1 }
                    g = b == 0 ? s : g + s
                    k0 += len
                }
            }
            var t = ((-2.0 * g) + xx) + SIMD8(repeating: norms[j])
            t.replace(with: zero, where: t .< zero)
            let v = t.squareRoot()
            let a = UnsafeMutableRawPointer(acc + Int(labels[j]) * lanes).assumingMemoryBound(to: SIMD8<Double>.self)
            a.pointee = a.pointee + v
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
