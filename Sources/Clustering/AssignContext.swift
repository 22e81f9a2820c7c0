#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
