#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// scikit-learn's k-means++ seeding, apart from the engine's state and Lloyd loop (KMeansEngine.swift).
extension KMeansEngine {
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
}
