#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
