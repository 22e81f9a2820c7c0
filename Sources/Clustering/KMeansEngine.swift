#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The reference machine ran scikit-learn's OpenMP loops with two threads; the summation order of
/// the Lloyd centre sums and the inertia follows that split whatever our own thread count is.
let referenceThreads = 2
/// scikit-learn's `CHUNK_SIZE` for the chunked Lloyd iteration.
let lloydChunk = 256

/// The working state of one `KMeans.fit`: the centred data, its row norms, and scratch buffers.
final class KMeansEngine {
    let n: Int, d: Int, k: Int, threads: Int
    let x: [Double]
    let xsq: [Double]

    struct Run {
        var labels: [Int]
        var centers: [Double]
        var inertia: Double
        var iterations: Int
        var indices: [Int]
        var initial: [Double]
        var history: [[Double]]
        var strict: Bool
    }

    init(x: [Double], n: Int, d: Int, k: Int, threads: Int) {
        self.x = x
        self.n = n
        self.d = d
        self.k = k
        self.threads = threads
        var norms = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { xv in
            norms.withUnsafeMutableBufferPointer { nv in
                let out = SharedMutablePointer(nv.baseAddress!)
                let base = SharedPointer(xv.baseAddress!)
                let ranges = KMeansEngine.fixedRanges(n, size: 1 << 16)
                Parallelism.run(tasks: ranges.count, threads: threads) { t in
                    for i in ranges[t] { out[i] = BLASOrder.rowNorm(base + i * d, d) }
                }
            }
        }
        xsq = norms
    }

    /// Fixed-size ranges covering `0..<count` (the partition depends only on the size).
    static func fixedRanges(_ count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    func rows(_ indices: [Int]) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(indices.count * d)
        for i in indices { out.append(contentsOf: x[i * d ..< (i + 1) * d]) }
        return out
    }

    // MARK: - Initialisation

    /// scikit-learn's `_kmeans_plusplus` (section 5.3). Returns the picked sample indices.
    func kMeansPlusPlus(_ rs: inout RandomState) -> [Int] {
        let n = self.n, d = self.d, k = self.k
        let trials = 2 + Int(log(Double(k)))
        let first = rs.uniformWeightChoice(n)
        var indices = [first]
        if k == 1 { return indices }
        let mk = n - n % 4
        let gemvBlock = Kernels.gemvBlock
        let closestBuffer = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let blockSumBuffer = UnsafeMutablePointer<Double>.allocate(capacity: trials * ((mk + gemvBlock - 1) / gemvBlock) + 1)
        let blockBoundBuffer = UnsafeMutablePointer<Double>.allocate(capacity: trials * ((mk + gemvBlock - 1) / gemvBlock) + 1)
        defer {
            closestBuffer.deallocate()
            blockSumBuffer.deallocate()
            blockBoundBuffer.deallocate()
        }
        let blockBounds = SharedMutablePointer(blockBoundBuffer)
        let closest = SharedMutablePointer(closestBuffer)
        let blockSums = SharedMutablePointer(blockSumBuffer)
        let ranges = KMeansEngine.fixedRanges(n, size: 1 << 15)
        let threads = self.threads
        return x.withUnsafeBufferPointer { xv in
            xsq.withUnsafeBufferPointer { nv in
                let xb = SharedPointer(xv.baseAddress!), nb = SharedPointer(nv.baseAddress!)
                let cNorm = nb[first]
                Parallelism.run(tasks: ranges.count, threads: threads) { t in
                    Kernels.firstDistances(
                        x: xb.base, norms: nb.base, d: d, center: xb.base + first * d, centerNorm: cNorm,
                        range: ranges[t], out: closest.base)
                }
                var pot = BLASOrder.ddotOnes(closest.base, n)
                var candidates = [Int](repeating: 0, count: trials)
                var potentials = [Double](repeating: 0, count: trials)
                for _ in 1..<k {
                    var r = [Double](repeating: 0, count: trials)
                    for t in 0..<trials { r[t] = rs.randomSample() * pot }
                    Kernels.searchCumulative(closest.base, n, thresholds: r, into: &candidates)
                    let cands = candidates
                    let blockCount = (mk + gemvBlock - 1) / gemvBlock
                    let groups = KMeansEngine.fixedRanges(blockCount, size: 16)
                    // Exact merged distances of candidate t for the last n % 4 samples.
                    func tailValues(_ t: Int) -> [Double] {
                        (mk..<n).map { i in
                            let c = xb.base + cands[t] * d
                            var v = ((-2.0 * BLASOrder.dotGemm(c, xb.base + i * d, d)) + nb[cands[t]]) + nb[i]
                            v = v < 0 ? 0 : v
                            let old = closest[i]
                            return old <= v ? old : v
                        }
                    }
                    func addTail(_ y: Double, _ tail: [Double]) -> Double {
                        switch tail.count {
                        case 1: return y + tail[0]
                        case 2: return y + (tail[0] + tail[1])
                        case 3: return y + ((tail[0] + tail[1]) + tail[2])
                        default: return y
                        }
                    }
                    // 1. Plain (non-FMA) potentials with error bounds: usually enough to know the
                    //    winner, which is all the losing candidates are needed for.
                    Parallelism.run(tasks: groups.count, threads: threads) { g in
                        Kernels.candidateBlocksPlain(
                            x: xb.base, norms: nb.base, d: d, candidates: cands, closest: closest.base,
                            blocks: groups[g], limit: mk, blockCount: blockCount, sums: blockSums.base,
                            bounds: blockBounds.base)
                    }
                    var plain = [Double](repeating: 0, count: trials)
                    var slack = [Double](repeating: 0, count: trials)
                    var tails: [[Double]] = []
                    for t in 0..<trials {
                        var y = 0.0, e = 0.0
                        for b in 0..<blockCount {
                            y += blockSums[t * blockCount + b]
                            e += blockBounds[t * blockCount + b]
                        }
                        let tail = tailValues(t)
                        tails.append(tail)
                        for v in tail { y += v }
                        plain[t] = y
                        // |plain - exact| <= Σ element bounds + both sums' rounding (n·u each).
                        slack[t] = e * 1.0001 + (y + e) * Double(n + 16) * 0x1p-51
                    }
                    var bestTrial = 0
                    for t in 1..<trials where plain[t] < plain[bestTrial] { bestTrial = t }
                    var decided = true
                    for t in 0..<trials where t != bestTrial {
                        if !(plain[t] - slack[t] > plain[bestTrial] + slack[bestTrial]) { decided = false }
                    }
                    if !decided {
                        // 2. Too close to call: the exact potentials of every candidate.
                        Parallelism.run(tasks: groups.count, threads: threads) { g in
                            Kernels.candidateBlocks(
                                x: xb.base, norms: nb.base, d: d, candidates: cands, closest: closest.base,
                                blocks: groups[g], limit: mk, blockCount: blockCount, sums: blockSums.base)
                        }
                        for t in 0..<trials {
                            var y = 0.0
                            for b in 0..<blockCount { y = y + blockSums[t * blockCount + b] }
                            potentials[t] = addTail(y, tails[t])
                        }
                        bestTrial = 0
                        for t in 1..<trials where potentials[t] < potentials[bestTrial] { bestTrial = t }
                    }
                    // 3. The winner: closest = its exact merged distances, and its exact potential
                    //    (its own dgemv lane layout), in one pass.
                    let best = candidates[bestTrial]
                    let fourLanes = BLASOrder.gemvUsesFourLanes(row: bestTrial, rows: trials)
                    let winnerTail = tails[bestTrial]
                    Parallelism.run(tasks: groups.count, threads: threads) { g in
                        Kernels.updateBlocks(
                            x: xb.base, norms: nb.base, d: d, center: best, closest: closest.base,
                            blocks: groups[g], limit: mk, fourLanes: fourLanes, sums: blockSums.base)
                    }
                    var y = 0.0
                    for b in 0..<blockCount { y = y + blockSums[b] }
                    pot = addTail(y, winnerTail)
                    if !decided { assert(pot.bitPattern == potentials[bestTrial].bitPattern) }
                    for (q, i) in (mk..<n).enumerated() { closest[i] = winnerTail[q] }
                    indices.append(best)
                }
                return indices
            }
        }
    }

    /// `init="random"`: `choice(n, size: k, replace: false, p: 1/n)` as numpy draws it.
    func randomIndices(_ rs: inout RandomState) throws -> [Int] {
        var p = [Double](repeating: 1.0 / Double(n), count: n)
        _ = try RandomState.choiceCDF(n, p: p)  // numpy validates p once
        var found: [Int] = []
        while found.count < k {
            let want = k - found.count
            let draws = rs.randomSample(count: want)
            for f in found { p[f] = 0 }
            let cdf = RandomState.cumulativeDistribution(p)
            var seen = Set<Int>()
            for u in draws {
                let v = RandomState.searchSortedRight(cdf, u)
                if seen.insert(v).inserted { found.append(v) }
            }
        }
        return found
    }

    // MARK: - Lloyd

    func lloyd(initial: [Double], indices: [Int], maxIterations: Int, tolerance: Double, recordHistory: Bool) -> Run {
        var centers = initial
        var newCenters = [Double](repeating: 0, count: k * d)
        var labels = [Int32](repeating: -1, count: n)
        var shift = [Double](repeating: 0, count: k)
        var history: [[Double]] = []
        var strict = false
        var iteration = 0
        for i in 0..<maxIterations {
            iteration = i
            let changed = step(centers: centers, newCenters: &newCenters, labels: &labels, shift: &shift, update: true)
            swap(&centers, &newCenters)
            if recordHistory { history.append(centers) }
            if changed == 0 {
                strict = true
                break
            }
            if NumpyMath.pairwiseSum(shift.map { $0 * $0 }) <= tolerance { break }
        }
        if !strict {
            _ = step(centers: centers, newCenters: &newCenters, labels: &labels, shift: &shift, update: false)
        }
        let inertia = self.inertia(centers: centers, labels: labels)
        return Run(
            labels: labels.map { Int($0) }, centers: centers, inertia: inertia, iterations: iteration + 1,
            indices: indices, initial: initial, history: history, strict: strict)
    }

    /// The sample ranges of the reference threads: 256-sample chunks dealt to two threads.
    var referenceBlocks: [Range<Int>] {
        let chunk = n > lloydChunk ? lloydChunk : n
        let chunks = (n + chunk - 1) / chunk
        let parts = min(referenceThreads, chunks)
        return Parallelism.staticRanges(count: chunks, parts: parts).map {
            ($0.lowerBound * chunk)..<min($0.upperBound * chunk, n)
        }
    }

    /// One `lloyd_iter_chunked_dense`. Returns how many labels changed.
    func step(
        centers: [Double], newCenters: inout [Double], labels: inout [Int32], shift: inout [Double], update: Bool
    ) -> Int {
        let n = self.n, d = self.d, k = self.k
        var csq = [Double](repeating: 0, count: k)
        var cAbsMax = [Double](repeating: 0, count: d)
        centers.withUnsafeBufferPointer { cv in
            for j in 0..<k {
                csq[j] = BLASOrder.rowNorm(cv.baseAddress! + j * d, d)
                for f in 0..<d { cAbsMax[f] = max(cAbsMax[f], abs(cv[j * d + f])) }
            }
        }
        let csqMax = csq.max() ?? 0
        let csqBuffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: k)
        let cAbsMaxBuffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: d)
        _ = csqBuffer.initialize(from: csq)
        _ = cAbsMaxBuffer.initialize(from: cAbsMax)
        let scaledBuffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: k * d)
        _ = scaledBuffer.initialize(from: centers.map { -2.0 * $0 })
        defer {
            scaledBuffer.deallocate()
            csqBuffer.deallocate()
            cAbsMaxBuffer.deallocate()
        }
        let blocks = referenceBlocks
        var localSums = [Double](repeating: 0, count: blocks.count * k * d)
        var localCounts = [Double](repeating: 0, count: blocks.count * k)
        var changedPerTask: [Int] = []

        x.withUnsafeBufferPointer { xv in
            centers.withUnsafeBufferPointer { cv in
                labels.withUnsafeMutableBufferPointer { lv in
                    localSums.withUnsafeMutableBufferPointer { sv in
                        localCounts.withUnsafeMutableBufferPointer { nv in
                            let ctx = AssignContext(
                                x: xv.baseAddress!, centers: cv.baseAddress!,
                                scaledCenters: scaledBuffer.baseAddress!, csq: csqBuffer.baseAddress!,
                                cAbsMax: cAbsMaxBuffer.baseAddress!, csqMax: csqMax, d: d, k: k)
                            let labelsOut = SharedMutablePointer(lv.baseAddress!)
                            let sums = SharedMutablePointer(sv.baseAddress!)
                            let counts = SharedMutablePointer(nv.baseAddress!)
                            if update && threads == 1 {
                                // One thread: assign and accumulate each reference block in sample order.
                                var changed = [Int](repeating: 0, count: blocks.count)
                                changed.withUnsafeMutableBufferPointer { chv in
                                    let ch = SharedMutablePointer(chv.baseAddress!)
                                    Parallelism.run(tasks: blocks.count, threads: threads) { b in
                                        ch[b] = ctx.assign(
                                            blocks[b], labels: labelsOut.base,
                                            sums: sums.base + b * k * d, counts: counts.base + b * k)
                                    }
                                }
                                changedPerTask = changed
                            } else {
                                // Labels in parallel over small fixed ranges (load-balanced), then the
                                // two reference blocks accumulate in sample order.
                                let ranges = KMeansEngine.fixedRanges(n, size: 1 << 14)
                                var changed = [Int](repeating: 0, count: ranges.count)
                                changed.withUnsafeMutableBufferPointer { chv in
                                    let ch = SharedMutablePointer(chv.baseAddress!)
                                    Parallelism.run(tasks: ranges.count, threads: threads) { t in
                                        ch[t] = ctx.assign(ranges[t], labels: labelsOut.base, sums: nil, counts: nil)
                                    }
                                }
                                changedPerTask = changed
                                if update {
                                    Parallelism.run(tasks: blocks.count, threads: threads) { b in
                                        ctx.accumulate(
                                            blocks[b], labels: labelsOut.base,
                                            sums: sums.base + b * k * d, counts: counts.base + b * k)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let changed = changedPerTask.reduce(0, +)
        guard update else { return changed }

        // Reduction of the thread-local buffers, in thread order, starting from 0.0.
        var sums = [Double](repeating: 0, count: k * d)
        var counts = [Double](repeating: 0, count: k)
        for b in 0..<blocks.count {
            for q in 0..<(k * d) { sums[q] = sums[q] + localSums[b * k * d + q] }
            for j in 0..<k { counts[j] = counts[j] + localCounts[b * k + j] }
        }
        if counts.contains(0) {
            relocateEmptyClusters(centers: centers, labels: labels, sums: &sums, counts: &counts)
        }
        // _average_centers, in place and in order (an empty cluster copies the largest cluster's
        // row as it is at that moment).
        var largest = 0
        for j in 1..<max(k, 1) where counts[j] > counts[largest] { largest = j }
        for j in 0..<k {
            if counts[j] > 0 {
                let alpha = 1.0 / counts[j]
                for f in 0..<d { sums[j * d + f] = sums[j * d + f] * alpha }
            } else {
                for f in 0..<d { sums[j * d + f] = sums[largest * d + f] }
            }
        }
        newCenters = sums
        newCenters.withUnsafeBufferPointer { nv in
            centers.withUnsafeBufferPointer { cv in
                for j in 0..<k {
                    shift[j] = BLASOrder.squaredDistance(nv.baseAddress! + j * d, cv.baseAddress! + j * d, d).squareRoot()
                }
            }
        }
        return changed
    }

    /// `_relocate_empty_clusters_dense`: each empty cluster takes the point farthest from its centre.
    func relocateEmptyClusters(centers: [Double], labels: [Int32], sums: inout [Double], counts: inout [Double]) {
        let empty = (0..<k).filter { counts[$0] == 0 }
        var distances = [Double](repeating: 0, count: n)
        var row = [Double](repeating: 0, count: d)
        for i in 0..<n {
            let l = Int(labels[i])
            for f in 0..<d {
                let t = x[i * d + f] - centers[l * d + f]
                row[f] = t * t
            }
            distances[i] = NumpyMath.pairwiseSum(row)
        }
        guard let maxDistance = distances.max(), maxDistance != 0 else { return }
        // The |E| largest distances, largest first (ties: lower index first).
        let far = (0..<n).sorted { distances[$0] > distances[$1] || (distances[$0] == distances[$1] && $0 < $1) }
        for (m, e) in empty.enumerated() {
            let p = far[m]
            let o = Int(labels[p])
            for f in 0..<d {
                sums[o * d + f] -= x[p * d + f] * 1.0
                sums[e * d + f] = x[p * d + f] * 1.0
            }
            counts[e] = 1.0
            counts[o] -= 1.0
        }
    }

    /// `_inertia_dense`: two static sample blocks, each summed in order from 0.0, added in order.
    func inertia(centers: [Double], labels: [Int32]) -> Double {
        let blocks = Parallelism.staticRanges(count: n, parts: referenceThreads)
        var partial = [Double](repeating: 0, count: blocks.count)
        x.withUnsafeBufferPointer { xv in
            centers.withUnsafeBufferPointer { cv in
                labels.withUnsafeBufferPointer { lv in
                    partial.withUnsafeMutableBufferPointer { pv in
                        let out = SharedMutablePointer(pv.baseAddress!)
                        let xb = SharedPointer(xv.baseAddress!), cb = SharedPointer(cv.baseAddress!)
                        let lb = SharedPointer(lv.baseAddress!)
                        let d = self.d
                        Parallelism.run(tasks: blocks.count, threads: threads) { b in
                            var s = 0.0
                            for i in blocks[b] {
                                s = s + BLASOrder.squaredDistance(xb + i * d, cb + Int(lb[i]) * d, d) * 1.0
                            }
                            out[b] = s
                        }
                    }
                }
            }
        }
        var total = 0.0
        for p in partial { total = total + p }
        return total
    }

    /// scikit-learn's `_is_same_clustering`: equal up to a relabelling.
    static func sameClustering(_ a: [Int], _ b: [Int], _ k: Int) -> Bool {
        var mapping = [Int](repeating: -1, count: k)
        for i in 0..<a.count {
            if mapping[a[i]] == -1 {
                mapping[a[i]] = b[i]
            } else if mapping[a[i]] != b[i] {
                return false
            }
        }
        return true
    }
}

/// The E-step for one sample range: labels from `csq[j] + (-2 * dot(x, C[j]))`, the smallest
/// winning (first on ties), as scikit-learn's `_update_chunk_dense` with OpenBLAS's FMA dgemm.
///
/// A fast pass computes the values without FMA and keeps the best and second best; only when they
/// are closer than a rigorous bound on the rounding differences (both computations are within
/// `(d + 2)·u·(|csq| + 2·Σ|x·c|)` of the real value) is the sample re-done with the exact FMA chain,
/// so labels always equal scikit-learn's.
struct AssignContext: @unchecked Sendable {
    let x: UnsafePointer<Double>
    let centers: UnsafePointer<Double>
    /// `-2 * centers` (exact scaling), for the fast two-feature pass.
    let scaledCenters: UnsafePointer<Double>
    let csq: UnsafePointer<Double>
    let cAbsMax: UnsafePointer<Double>
    let csqMax: Double
    let d: Int
    let k: Int

    /// The exact label (FMA chain), for near ties.
    @inline(never)
    func exactLabel(_ xi: UnsafePointer<Double>) -> Int32 {
        var best = 0
        var bestValue = csq[0] + (-2.0 * BLASOrder.dotGemm(xi, centers, d))
        for j in 1..<k {
            let v = csq[j] + (-2.0 * BLASOrder.dotGemm(xi, centers + j * d, d))
            if v < bestValue {
                bestValue = v
                best = j
            }
        }
        return Int32(best)
    }

    @inline(__always)
    func label(_ i: Int) -> Int32 {
        let d = self.d, k = self.k
        if k == 1 { return 0 }
        let xi = x + i * d
        var m1 = Double.infinity, m2 = Double.infinity
        var best = 0
        var bound: Double
        if d == 2 {
            let x0 = xi[0], x1 = xi[1]
            for j in 0..<k {
                let v = csq[j] + (-2.0 * (x0 * centers[2 * j] + x1 * centers[2 * j + 1]))
                m2 = min(m2, max(m1, v))
                if v < m1 { best = j }
                m1 = min(m1, v)
            }
            bound = abs(x0) * cAbsMax[0] + abs(x1) * cAbsMax[1]
        } else {
            bound = 0
            for j in 0..<k {
                let v = csq[j] + (-2.0 * Kernels.plainDot(xi, centers + j * d, d))
                m2 = min(m2, max(m1, v))
                if v < m1 { best = j }
                m1 = min(m1, v)
            }
            for f in 0..<d { bound += abs(xi[f]) * cAbsMax[f] }
        }
        bound = (csqMax + 2.0 * bound) * Double(8 * d + 16) * 0x1p-53
        if m2 - m1 > bound { return Int32(best) }
        return exactLabel(xi)
    }

    /// Labels of the four two-feature samples `i..<i+4`, with their running-minimum chains
    /// interleaved. Same fast values (`-2c` is an exact scaling), bound and fallback as `label`.
    @inline(__always)
    func labels4(_ i: Int) -> (Int32, Int32, Int32, Int32) {
        // Lane q is sample i + q. Each lane runs exactly the scalar chain of `label`:
        // v = csq + (u·x0 + w·x1); m2 = max(m1, v) folded into min; best moves on v < m1; m1 = min.
        // `replacing(with:where:)` spells out Swift.min/max (y < x ? y : x, y >= x ? y : x).
        let p = UnsafeRawPointer(x + 2 * i).loadUnaligned(as: SIMD8<Double>.self)
        let x0 = p.evenHalf, x1 = p.oddHalf
        var m1 = SIMD4<Double>(repeating: .infinity), m2 = m1
        var best = SIMD4<Int64>(repeating: 0)
        for j in 0..<k {
            let u = SIMD4(repeating: scaledCenters[2 * j]), w = SIMD4(repeating: scaledCenters[2 * j + 1])
            let v = SIMD4(repeating: csq[j]) + (u * x0 + w * x1)
            let upper = m1.replacing(with: v, where: v .>= m1)     // max(m1, v)
            m2 = m2.replacing(with: upper, where: upper .< m2)    // min(m2, upper)
            let closer = v .< m1
            best = best.replacing(with: Int64(j), where: closer)
            m1 = m1.replacing(with: v, where: closer)             // min(m1, v)
        }
        let factor = Double(8 * d + 16) * 0x1p-53
        let ax0 = x0.replacing(with: -x0, where: x0 .< 0), ax1 = x1.replacing(with: -x1, where: x1 .< 0)
        let m0: SIMD4<Double> = ax0 * SIMD4(repeating: cAbsMax[0])
        let mx: SIMD4<Double> = m0 + ax1 * SIMD4(repeating: cAbsMax[1])
        let bound: SIMD4<Double> = (SIMD4(repeating: csqMax) + 2.0 * mx) * factor
        let decided = m2 - m1 .> bound
        let l0 = decided[0] ? Int32(best[0]) : exactLabel(x + 2 * i)
        let l1 = decided[1] ? Int32(best[1]) : exactLabel(x + 2 * i + 2)
        let l2 = decided[2] ? Int32(best[2]) : exactLabel(x + 2 * i + 4)
        let l3 = decided[3] ? Int32(best[3]) : exactLabel(x + 2 * i + 6)
        return (l0, l1, l2, l3)
    }

    /// Assigns labels in `range`; with `sums`/`counts`, accumulates them in sample order.
    /// Returns the number of labels that changed.
    func assign(
        _ range: Range<Int>, labels: UnsafeMutablePointer<Int32>, sums: UnsafeMutablePointer<Double>?,
        counts: UnsafeMutablePointer<Double>?
    ) -> Int {
        var changed = 0
        let d = self.d
        if d == 2 && k > 1 {
            var i = range.lowerBound
            while i + 4 <= range.upperBound {
                let (l0, l1, l2, l3) = labels4(i)
                @inline(__always) func store(_ s: Int, _ l: Int32) {
                    changed &+= labels[s] != l ? 1 : 0
                    labels[s] = l
                    if let sums, let counts {
                        let j = Int(l)
                        counts[j] += 1.0
                        sums[2 * j] += x[2 * s] * 1.0
                        sums[2 * j + 1] += x[2 * s + 1] * 1.0
                    }
                }
                store(i, l0)
                store(i + 1, l1)
                store(i + 2, l2)
                store(i + 3, l3)
                i += 4
            }
            while i < range.upperBound {
                let l = label(i)
                changed &+= labels[i] != l ? 1 : 0
                labels[i] = l
                if let sums, let counts {
                    let j = Int(l)
                    counts[j] += 1.0
                    sums[2 * j] += x[2 * i] * 1.0
                    sums[2 * j + 1] += x[2 * i + 1] * 1.0
                }
                i += 1
            }
            return changed
        }
        if let sums, let counts {
            if d == 2 {
                for i in range {
                    let l = label(i)
                    changed &+= labels[i] != l ? 1 : 0
                    labels[i] = l
                    let j = Int(l)
                    counts[j] += 1.0
                    sums[2 * j] += x[2 * i] * 1.0
                    sums[2 * j + 1] += x[2 * i + 1] * 1.0
                }
            } else {
                for i in range {
                    let l = label(i)
                    changed &+= labels[i] != l ? 1 : 0
                    labels[i] = l
                    let j = Int(l)
                    counts[j] += 1.0
                    for f in 0..<d { sums[j * d + f] += x[i * d + f] * 1.0 }
                }
            }
        } else {
            for i in range {
                let l = label(i)
                changed &+= labels[i] != l ? 1 : 0
                labels[i] = l
            }
        }
        return changed
    }

    /// Accumulates already assigned labels in `range`, in sample order.
    ///
    /// The running sums live in buffers of this call's own (copied out at the end): the blocks'
    /// output slices sit next to each other, and two threads updating neighbouring slices would
    /// share cache lines on every sample.
    func accumulate(
        _ range: Range<Int>, labels: UnsafeMutablePointer<Int32>, sums: UnsafeMutablePointer<Double>,
        counts: UnsafeMutablePointer<Double>
    ) {
        let d = self.d, k = self.k
        let localSums = UnsafeMutablePointer<Double>.allocate(capacity: k * d)
        let localCounts = UnsafeMutablePointer<Double>.allocate(capacity: k)
        defer {
            localSums.deallocate()
            localCounts.deallocate()
        }
        localSums.update(from: sums, count: k * d)
        localCounts.update(from: counts, count: k)
        if d == 2 {
            for i in range {
                let j = Int(labels[i])
                localCounts[j] += 1.0
                localSums[2 * j] += x[2 * i] * 1.0
                localSums[2 * j + 1] += x[2 * i + 1] * 1.0
            }
        } else {
            for i in range {
                let j = Int(labels[i])
                localCounts[j] += 1.0
                for f in 0..<d { localSums[j * d + f] += x[i * d + f] * 1.0 }
            }
        }
        sums.update(from: localSums, count: k * d)
        counts.update(from: localCounts, count: k)
    }
}

/// The k-means++ inner loops on raw pointers.
enum Kernels {
    /// OpenBLAS dgemv_t's block length.
    static let gemvBlock = 2048

    /// Plain (non-FMA) merged distances `min(closest, max(d, 0))` for each candidate and block,
    /// summed in four lanes, with the sum of per-sample bounds on their difference from the exact
    /// values (zero where the candidate is certainly not closer, where the value is exact).
    static func candidateBlocksPlain(
        x: UnsafePointer<Double>, norms: UnsafePointer<Double>, d: Int, candidates: [Int],
        closest: UnsafePointer<Double>, blocks: Range<Int>, limit: Int, blockCount: Int,
        sums: UnsafeMutablePointer<Double>, bounds: UnsafeMutablePointer<Double>
    ) {
        let factor = Double(8 * d + 16) * 0x1p-53
        for b in blocks {
            let s = b * gemvBlock, e = min(s + gemvBlock, limit)
            for t in 0..<candidates.count {
                let c = candidates[t]
                let center = x + c * d, cn = norms[c]
                var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0
                var e0 = 0.0, e1 = 0.0
                @inline(__always) func merged(_ i: Int, _ dot: Double) -> (Double, Double) {
                    let xn = norms[i]
                    let fast = ((-2.0 * dot) + cn) + xn
                    let bound = (cn + xn) * factor
                    let old = closest[i]
                    let v = fast < 0 ? 0 : fast
                    return (old <= v ? old : v, fast - bound > old ? 0 : bound)
                }
                var i = s
                if d == 2 {
                    // The same values four samples at a time: lane q of `lanes` is a_q above.
                    let c0 = SIMD4(repeating: center[0]), c1 = SIMD4(repeating: center[1])
                    let cnv = SIMD4(repeating: cn), factorv = SIMD4(repeating: factor)
                    var lanes = SIMD4<Double>(repeating: 0), errors = SIMD4<Double>(repeating: 0)
                    let raw = UnsafeRawPointer(x), nraw = UnsafeRawPointer(norms), craw = UnsafeRawPointer(closest)
                    while i < e {
                        let p = raw.loadUnaligned(fromByteOffset: 16 * i, as: SIMD8<Double>.self)
                        let xn = nraw.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
                        let old = craw.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
                        let dot = c0 * p.evenHalf + c1 * p.oddHalf
                        let fast = ((-2.0 * dot) + cnv) + xn
                        let bound = (cnv + xn) * factorv
                        let v = fast.replacing(with: 0, where: fast .< 0)
                        lanes += v.replacing(with: old, where: old .<= v)
                        errors += bound.replacing(with: 0, where: fast - bound .> old)
                        i += 4
                    }
                    a0 = lanes[0]; a1 = lanes[1]; a2 = lanes[2]; a3 = lanes[3]
                    e0 = errors[0] + errors[1]; e1 = errors[2] + errors[3]
                } else {
                    @inline(__always) func dot(_ i: Int) -> Double { plainDot(center, x + i * d, d) }
                    while i < e {
                        let (v0, b0) = merged(i, dot(i)), (v1, b1) = merged(i + 1, dot(i + 1))
                        let (v2, b2) = merged(i + 2, dot(i + 2)), (v3, b3) = merged(i + 3, dot(i + 3))
                        a0 += v0; a1 += v1; a2 += v2; a3 += v3
                        e0 += b0 + b1; e1 += b2 + b3
                        i += 4
                    }
                }
                sums[t * blockCount + b] = (a0 + a2) + (a1 + a3)
                bounds[t * blockCount + b] = (e0 + e1) * 1.0001
            }
        }
    }

    /// A dot product in four independent lanes (no FMA). Its rounding error, like that of any
    /// summation order, is within `d·u·Σ|a·b|`, which the callers' bounds allow for; four lanes
    /// keep the additions from waiting on each other.
    @inline(__always)
    static func plainDot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var f = 0
        while f + 4 <= d {
            s0 += a[f] * b[f]; s1 += a[f + 1] * b[f + 1]
            s2 += a[f + 2] * b[f + 2]; s3 += a[f + 3] * b[f + 3]
            f += 4
        }
        while f < d { s0 += a[f] * b[f]; f += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    /// The winning candidate: `closest = min(closest, exact d(center, x))` in place for each block,
    /// and the block's lane sum of the new values (the winner's dgemv lanes) in `sums[block]`.
    static func updateBlocks(
        x: UnsafePointer<Double>, norms: UnsafePointer<Double>, d: Int, center c: Int,
        closest: UnsafeMutablePointer<Double>, blocks: Range<Int>, limit: Int, fourLanes: Bool,
        sums: UnsafeMutablePointer<Double>
    ) {
        for b in blocks {
            let s = b * gemvBlock, e = min(s + gemvBlock, limit)
            candidateDistances(
                x: x, norms: norms, d: d, center: x + c * d, centerNorm: norms[c], closest: closest,
                range: s..<e, out: closest)
            var i = s
            if fourLanes {
                var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0
                while i < e {
                    a0 = a0 + closest[i]; a1 = a1 + closest[i + 1]; a2 = a2 + closest[i + 2]; a3 = a3 + closest[i + 3]
                    i += 4
                }
                sums[b] = (a0 + a2) + (a1 + a3)
            } else {
                var a0 = 0.0, a1 = 0.0
                while i < e {
                    a0 = a0 + closest[i]; a1 = a1 + closest[i + 1]
                    i += 2
                }
                sums[b] = a0 + a1
            }
        }
    }

    /// For each candidate and each 2048-sample block in `blocks` (of `[0, limit)`): the merged
    /// distances `min(closest, d(candidate, x))` (exact values) summed with the candidate row's
    /// dgemv lanes, stored in `sums[t * blockCount + block]`.
    static func candidateBlocks(
        x: UnsafePointer<Double>, norms: UnsafePointer<Double>, d: Int, candidates: [Int],
        closest: UnsafePointer<Double>, blocks: Range<Int>, limit: Int, blockCount: Int,
        sums: UnsafeMutablePointer<Double>
    ) {
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: gemvBlock)
        defer { scratch.deallocate() }
        let trials = candidates.count
        for b in blocks {
            let s = b * gemvBlock, e = min(s + gemvBlock, limit)
            for t in 0..<trials {
                let c = candidates[t]
                candidateDistances(
                    x: x, norms: norms, d: d, center: x + c * d, centerNorm: norms[c], closest: closest,
                    range: s..<e, out: scratch - s)
                let m = e - s
                var y: Double
                if BLASOrder.gemvUsesFourLanes(row: t, rows: trials) {
                    var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0
                    var i = 0
                    while i < m {
                        a0 = a0 + scratch[i]; a1 = a1 + scratch[i + 1]; a2 = a2 + scratch[i + 2]; a3 = a3 + scratch[i + 3]
                        i += 4
                    }
                    y = (a0 + a2) + (a1 + a3)
                } else {
                    var a0 = 0.0, a1 = 0.0
                    var i = 0
                    while i < m {
                        a0 = a0 + scratch[i]; a1 = a1 + scratch[i + 1]
                        i += 2
                    }
                    y = a0 + a1
                }
                sums[t * blockCount + b] = y
            }
        }
    }

    /// `max(((-2 * (c[None,:] @ X.T)) + |c|²) + |x|², 0)` for the first centre (one-row product).
    static func firstDistances(
        x: UnsafePointer<Double>, norms: UnsafePointer<Double>, d: Int, center: UnsafePointer<Double>,
        centerNorm: Double, range: Range<Int>, out: UnsafeMutablePointer<Double>
    ) {
        if d == 2 {
            let c0 = center[0], c1 = center[1]
            for i in range {
                let dot = (x[2 * i + 1] * c1).addingProduct(x[2 * i], c0)
                let v = ((-2.0 * dot) + centerNorm) + norms[i]
                out[i] = v < 0 ? 0 : v
            }
        } else {
            for i in range {
                let v = ((-2.0 * BLASOrder.dotGemvRow(x + i * d, center, d)) + centerNorm) + norms[i]
                out[i] = v < 0 ? 0 : v
            }
        }
    }

    /// `np.minimum(closest, max(((-2 * (X[cand] @ X.T)) + |c|²) + |x|², 0))` (gemm product).
    ///
    /// The exact value needs an FMA chain (a libm call here). A plain evaluation is within
    /// `(4d + 8)·u·(|c|² + |x|²)` of it (|c·x| ≤ (|c|² + |x|²)/2), so whenever the plain value
    /// exceeds `closest[i]` by more than twice that, the minimum is `closest[i]` and the exact
    /// distance is not needed; only the other samples are evaluated exactly.
    static func candidateDistances(
        x: UnsafePointer<Double>, norms: UnsafePointer<Double>, d: Int, center: UnsafePointer<Double>,
        centerNorm: Double, closest: UnsafePointer<Double>, range: Range<Int>, out: UnsafeMutablePointer<Double>
    ) {
        let factor = Double(8 * d + 16) * 0x1p-53
        // Pass 1 (branch-free): copy `closest` and list the samples that need the exact value.
        let pending = UnsafeMutablePointer<Int>.allocate(capacity: range.count + 1)
        defer { pending.deallocate() }
        var count = 0
        if d == 2 {
            let c0 = center[0], c1 = center[1]
            for i in range {
                let x0 = x[2 * i], x1 = x[2 * i + 1], xn = norms[i]
                let old = closest[i]
                let fast = ((-2.0 * (c0 * x0 + c1 * x1)) + centerNorm) + xn
                out[i] = old
                pending[count] = i
                let skip = fast - (centerNorm + xn) * factor > old
                count &+= 1 &- Int(unsafeBitCast(skip, to: UInt8.self))
            }
            // Pass 2: the exact values where the candidate may be closer.
            for q in 0..<count {
                let i = pending[q]
                let dot = (c0 * x[2 * i]).addingProduct(c1, x[2 * i + 1])
                var v = ((-2.0 * dot) + centerNorm) + norms[i]
                v = v < 0 ? 0 : v
                let old = closest[i]
                out[i] = old <= v ? old : v
            }
        } else {
            for i in range {
                let xi = x + i * d, xn = norms[i]
                let old = closest[i]
                let fast = ((-2.0 * plainDot(center, xi, d)) + centerNorm) + xn
                out[i] = old
                pending[count] = i
                let skip = fast - (centerNorm + xn) * factor > old
                count &+= 1 &- Int(unsafeBitCast(skip, to: UInt8.self))
            }
            for q in 0..<count {
                let i = pending[q]
                var v = ((-2.0 * BLASOrder.dotGemm(center, x + i * d, d)) + centerNorm) + norms[i]
                v = v < 0 ? 0 : v
                let old = closest[i]
                out[i] = old <= v ? old : v
            }
        }
    }

    /// `min(searchsorted(cumsum(a), thresholds, side: left), n - 1)`, in one streaming pass of the
    /// sequential cumulative sum.
    static func searchCumulative(_ a: UnsafePointer<Double>, _ n: Int, thresholds: [Double], into out: inout [Int]) {
        let order = thresholds.indices.sorted { thresholds[$0] < thresholds[$1] || (thresholds[$0] == thresholds[$1] && $0 < $1) }
        for t in out.indices { out[t] = n - 1 }
        var next = 0
        var target = thresholds[order[0]]
        var cum = 0.0
        var i = 0
        while i < n {
            cum = cum + a[i]  // 0.0 + a[0] compares like a[0]
            if cum >= target {
                while next < order.count && cum >= thresholds[order[next]] {
                    out[order[next]] = i
                    next += 1
                }
                if next == order.count { break }
                target = thresholds[order[next]]
            }
            i += 1
        }
    }
}
