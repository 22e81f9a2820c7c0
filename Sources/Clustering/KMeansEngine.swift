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
        // `np.argpartition(distances, -n_empty)[:-n_empty-1:-1]`: numpy's order (x86-simd-sort on
        // AVX-512, NumpyArgPartition.swift), read from the end. Distances are never NaN here.
        let order = NumpyArgPartition.order(distances, kth: n - empty.count).indices
        for (m, e) in empty.enumerated() {
            let p = order[n - 1 - m]
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
