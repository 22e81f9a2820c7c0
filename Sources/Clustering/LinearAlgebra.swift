#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The summation orders of the OpenBLAS 0.3.30/0.3.31 kernels (SkylakeX, two threads) that numpy's
/// `@` and scipy's Cholesky go through in scikit-learn's GaussianMixture, beyond those in
/// `BLASOrder` (RNG_AND_KMEANS_SPEC §4). Each was read from the OpenBLAS source and checked bit for
/// bit against numpy 2.4.6 / scipy 1.17.1 on random inputs. C code in the kernels is compiled with
/// FMA contraction: `t += a*b` is `fma(a, b, t)` and `a*b + c*d` is `fma(a, b, c*d)`.
enum OpenBLASOrder {
    /// OpenBLAS `GEMM_Q` for double precision on SkylakeX.
    static let gemmQ = 384

    /// Whether a (m × k) @ (k × n) dgemm with no transposed first operand (column-major NN / NT)
    /// takes the SkylakeX small-matrix kernel (`dgemm_small_kernel_permit_skylakex.c`): one FMA
    /// chain over the whole inner dimension. Otherwise the level-3 driver cuts the inner dimension
    /// into `gemmBlocks` and adds the blocks' chains to C in order.
    @inline(__always)
    static func gemmUsesSmallKernel(m: Int, n: Int, k: Int) -> Bool {
        Double(m) * Double(n) * Double(k) <= 1_000_000
    }

    /// The inner-dimension blocks of the dgemm level-3 driver (`driver/level3/level3.c`):
    /// `GEMM_Q` while at least `2·GEMM_Q` remain, then half the rest rounded up to the unroll (16).
    static func gemmBlocks(_ k: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        while start < k {
            var length = k - start
            if length >= 2 * gemmQ {
                length = gemmQ
            } else if length > gemmQ {
                length = ((length / 2 + 15) / 16) * 16
            }
            out.append(start..<(start + length))
            start += length
        }
        return out
    }

    /// The inner-dimension blocks of dsyrk (`driver/level3/level3_syrk.c`): `GEMM_Q` while at least
    /// `2·GEMM_Q` remain, then `(rest + 1) / 2`.
    static func syrkBlocks(_ k: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        while start < k {
            var length = k - start
            if length >= 2 * gemmQ {
                length = gemmQ
            } else if length > gemmQ {
                length = (length + 1) / 2
            }
            out.append(start..<(start + length))
            start += length
        }
        return out
    }

    /// `fma(a, b, c)` with the library call skipped where the result is known exactly: `b == 1`
    /// (the sum `a + c`, one rounding) and a product below a quarter of c's last place (the result
    /// is `c`). The project is built for baseline x86-64, where every `addingProduct` is a call.
    @inline(__always)
    static func fusedMultiplyAdd(_ a: Double, _ b: Double, _ c: Double) -> Double {
        if b == 1 { return a + c }
        let p = abs(a * b)
        // |exact| ≤ p·(1 + 2⁻⁵³) < |c|·2⁻⁵⁵ < ulp(c)/4 for normal p and c.
        if p <= abs(c) * 0x1p-56 && p >= .leastNormalMagnitude { return c }
        return c.addingProduct(a, b)
    }

    /// One FMA chain `acc = fma(a[i], b[i], acc)` from +0 over `count` elements `stride` apart.
    @inline(__always)
    static func chain(_ a: UnsafePointer<Double>, _ sa: Int, _ b: UnsafePointer<Double>, _ sb: Int, _ count: Int) -> Double {
        guard count > 0 else { return 0 }
        var acc = a[0] * b[0] + 0.0  // = fma(a0, b0, +0) without the library call
        for i in 1..<count { acc = acc.addingProduct(a[i * sa], b[i * sb]) }
        return acc
    }

    /// `cblas_ddot` (`kernel/x86_64/ddot.c` with the SkylakeX microkernel): for unit strides, 32-value
    /// blocks into four 8-lane FMA accumulators folded to four lanes, 16-value blocks, the lane sum
    /// `((a0+a1)+a2)+a3` and `(l0+l2)+(l1+l3)`, then an FMA tail; other strides use two scalar
    /// accumulators. Above 10,000 elements the reference's two threads each take half (the first
    /// `(n+1)/2`) and the results are added to 0 in order.
    static func ddot(_ x: UnsafePointer<Double>, _ incx: Int, _ y: UnsafePointer<Double>, _ incy: Int, _ n: Int) -> Double {
        if n > 10_000 && incx != 0 && incy != 0 {
            let first = (n + 1) / 2
            let a = ddotCompute(x, incx, y, incy, first)
            let b = ddotCompute(x + first * incx, incx, y + first * incy, incy, n - first)
            return (0.0 + a) + b
        }
        return ddotCompute(x, incx, y, incy, n)
    }

    static func ddotCompute(_ x: UnsafePointer<Double>, _ incx: Int, _ y: UnsafePointer<Double>, _ incy: Int, _ n: Int) -> Double {
        guard n > 0 else { return 0 }
        if incx == 1 && incy == 1 {
            let n1 = n & ~15
            var dot = 0.0
            if n1 > 0 {
                var acc = [Double](repeating: 0, count: 16)
                var i = 0
                let n32 = n1 & ~31
                if n32 > 0 {
                    var wide = [Double](repeating: 0, count: 32)
                    while i < n32 {
                        for q in 0..<32 { wide[q] = wide[q].addingProduct(x[i + q], y[i + q]) }
                        i += 32
                    }
                    for q in 0..<4 { for l in 0..<4 { acc[q * 4 + l] = wide[q * 8 + l] + wide[q * 8 + l + 4] } }
                }
                while i < n1 {
                    for q in 0..<16 { acc[q] = acc[q].addingProduct(x[i + q], y[i + q]) }
                    i += 16
                }
                var v = [Double](repeating: 0, count: 4)
                for l in 0..<4 { v[l] = ((acc[l] + acc[4 + l]) + acc[8 + l]) + acc[12 + l] }
                dot = (v[0] + v[2]) + (v[1] + v[3])
            }
            for i in n1..<n { dot = dot.addingProduct(y[i], x[i]) }
            return dot
        }
        var t1 = 0.0, t2 = 0.0
        var i = 0
        let n4 = n & ~3
        while i < n4 {
            let m3 = y[(i + 2) * incy] * x[(i + 2) * incx]
            let m4 = y[(i + 3) * incy] * x[(i + 3) * incx]
            t1 = t1 + m3.addingProduct(y[i * incy], x[i * incx])
            t2 = t2 + m4.addingProduct(y[(i + 1) * incy], x[(i + 1) * incx])
            i += 4
        }
        while i < n {
            t1 = t1.addingProduct(y[i * incy], x[i * incx])
            i += 1
        }
        return t1 + t2
    }

    /// `y += alpha · A x` by `dgemv_n` (`kernel/x86_64/dgemv_n_4.c` with the SkylakeX microkernels),
    /// single-threaded, for `alpha` = ±1. `A` is column-major (`m` rows, `n` columns, leading
    /// dimension `lda`). Rows are done in groups of four (columns four at a time as
    /// `fma(a3,x3, fma(a2,x2, fma(a0,x0, a1·x1)))`, then `y = fma(sum, alpha, y)`; leftover columns
    /// as `y + a·(x·alpha)`), the last `m % 4` rows by scalar loops.
    static func gemvN(
        m: Int, n: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        x: UnsafePointer<Double>, incx: Int, y: UnsafeMutablePointer<Double>
    ) {
        guard m >= 1, n >= 1 else { return }
        let m3 = m & 3, rows4 = m - m3
        if rows4 > 0 {
            // The 4-row kernels run over blocks of up to 2048 rows; rows are independent, so the
            // blocking does not change any value.
            let groups = n >> 2
            var c = 0
            for _ in 0..<groups {
                let x0 = x[c * incx], x1 = x[(c + 1) * incx], x2 = x[(c + 2) * incx], x3 = x[(c + 3) * incx]
                for r in 0..<rows4 {
                    var sum = (a[r + (c + 1) * lda] * x1).addingProduct(a[r + c * lda], x0)
                    sum = sum.addingProduct(a[r + (c + 2) * lda], x2)
                    sum = sum.addingProduct(a[r + (c + 3) * lda], x3)
                    y[r] = y[r].addingProduct(sum, alpha)
                }
                c += 4
            }
            let rest = n & 3
            if incx == 1 && rest & 2 != 0 {
                // dgemv_kernel_4x2 (SkylakeX): fma(a0, x0, a1·x1), then fma(sum, alpha, y).
                let x0 = x[c], x1 = x[c + 1]
                for r in 0..<rows4 {
                    let sum = (a[r + (c + 1) * lda] * x1).addingProduct(a[r + c * lda], x0)
                    y[r] = y[r].addingProduct(sum, alpha)
                }
                c += 2
            }
            while c < n {
                // dgemv_kernel_4x1 (SSE2 assembly): y + a·(x·alpha), no FMA.
                let xa = x[c * incx] * alpha
                for r in 0..<rows4 { y[r] = y[r] + a[r + c * lda] * xa }
                c += 1
            }
        }
        guard m3 > 0 else { return }
        let base = a + rows4
        var temps = [Double](repeating: 0, count: m3)
        if lda == m3 && incx == 1 && m3 >= 2 {
            // Unrolled paths for lda == 3 / lda == 2: two columns per statement.
            var i = 0
            let n4 = n & ~3
            while i < n4 {
                for r in 0..<m3 {
                    temps[r] = temps[r] + (base[r + (i + 1) * lda] * x[i + 1]).addingProduct(base[r + i * lda], x[i])
                }
                for r in 0..<m3 {
                    temps[r] = temps[r] + (base[r + (i + 3) * lda] * x[i + 3]).addingProduct(base[r + (i + 2) * lda], x[i + 2])
                }
                i += 4
            }
            while i < n {
                for r in 0..<m3 { temps[r] = temps[r].addingProduct(base[r + i * lda], x[i]) }
                i += 1
            }
        } else if lda == 1 && incx == 1 && m3 == 1 {
            var i = 0
            let n4 = n & ~3
            var t = 0.0
            while i < n4 {
                var s = (base[i + 1] * x[i + 1]).addingProduct(base[i], x[i])
                s = s.addingProduct(base[i + 2], x[i + 2])
                s = s.addingProduct(base[i + 3], x[i + 3])
                t = t + s
                i += 4
            }
            while i < n { t = t.addingProduct(base[i], x[i]); i += 1 }
            temps[0] = t
        } else {
            for i in 0..<n {
                for r in 0..<m3 { temps[r] = temps[r].addingProduct(base[r + i * lda], x[i * incx]) }
            }
        }
        for r in 0..<m3 { y[rows4 + r] = y[rows4 + r].addingProduct(alpha, temps[r]) }
    }

    /// `y = A x` (y starts at 0, alpha = 1) as `cblas_dgemv` computes it on the reference's two
    /// threads (`interface/gemv.c`, `driver/level2/gemv_thread.c`): single-threaded below
    /// m·n = 460,800; above, the rows are cut in two (at least 4 rows each) when possible, and
    /// otherwise the columns are (the first (n+1)/2 and the rest, into two partial vectors that are
    /// added to y in order).
    static func gemvNReference(
        m: Int, n: Int, a: UnsafePointer<Double>, lda: Int, x: UnsafePointer<Double>, incx: Int, y: UnsafeMutablePointer<Double>
    ) {
        for r in 0..<m { y[r] = 0 }
        guard m * n >= 115_200 * 4 else {
            gemvN(m: m, n: n, alpha: 1, a: a, lda: lda, x: x, incx: incx, y: y)
            return
        }
        let first = min(max((m + 1) / 2, 4), m)
        if first < m {
            gemvN(m: first, n: n, alpha: 1, a: a, lda: lda, x: x, incx: incx, y: y)
            gemvN(m: m - first, n: n, alpha: 1, a: a + first, lda: lda, x: x, incx: incx, y: y + first)
            return
        }
        guard m * 2 <= 1024 else {
            gemvN(m: m, n: n, alpha: 1, a: a, lda: lda, x: x, incx: incx, y: y)
            return
        }
        let half = min(max((n + 1) / 2, 4), n)
        var partial = [Double](repeating: 0, count: 2 * m)
        partial.withUnsafeMutableBufferPointer { p in
            gemvN(m: m, n: half, alpha: 1, a: a, lda: lda, x: x, incx: incx, y: p.baseAddress!)
            if n > half {
                gemvN(m: m, n: n - half, alpha: 1, a: a + half * lda, lda: lda, x: x + half * incx, incx: incx, y: p.baseAddress! + m)
            }
        }
        for r in 0..<m { y[r] = (y[r] + partial[r]) + partial[m + r] }
    }

    /// One element of `X @ v` through dgemv_t (numpy's matrix-vector product, `v` a column): for
    /// `d` ≤ 3 the kernel's scalar tail `fma(x0,v0, x1·v1)`, `fma(x2,v2, …)`; wider rows use the
    /// gemm FMA chain (not pinned down against the 4×4 kernel).
    @inline(__always)
    static func gemvTRow(_ x: UnsafePointer<Double>, _ v: UnsafePointer<Double>, _ d: Int) -> Double {
        switch d {
        case 1: return x[0] * v[0]
        case 2: return (x[1] * v[1]).addingProduct(x[0], v[0])
        case 3: return ((x[1] * v[1]).addingProduct(x[0], v[0])).addingProduct(x[2], v[2])
        default: return chain(x, 1, v, 1, d)
        }
    }
}

/// LAPACK's Cholesky factorisation and triangular inverse as OpenBLAS computes them
/// (`lapack/potf2/potf2_L.c`, `lapack/trtrs` → `trsm_L.c` with `kernel/generic/trsm_kernel_LT.c`),
/// for the small d × d matrices of a Gaussian mixture (d ≤ 32, OpenBLAS's unblocked range).
enum SmallMatrix {
    /// The lower Cholesky factor of the row-major d × d matrix `a` (only its lower triangle is
    /// read), row-major with zeros above the diagonal; `nil` when a leading minor is not positive
    /// (LAPACK's `info > 0`).
    static func cholesky(_ a: [Double], _ d: Int) -> [Double]? {
        // Column-major lower storage: l[i + j*d] = a[i][j] for i >= j.
        var l = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for j in 0...i { l[i + j * d] = a[i * d + j] } }
        let ok: Bool = l.withUnsafeMutableBufferPointer { lb in
            let p = lb.baseAddress!
            for j in 0..<d {
                // ajj = a[j][j] - dot(L[j, 0..<j], L[j, 0..<j]) (ddot with stride lda)
                let dot = OpenBLASOrder.ddot(p + j, d, p + j, d, j)
                var ajj = p[j + j * d] - dot
                if ajj <= 0 { return false }  // (a NaN passes this test in LAPACK too)
                ajj = ajj.squareRoot()
                p[j + j * d] = ajj
                let below = d - j - 1
                if below > 0 {
                    // A[j+1.., j] -= A[j+1.., 0..<j] · A[j, 0..<j]  (dgemv_n, alpha = -1, x stride lda)
                    OpenBLASOrder.gemvN(m: below, n: j, alpha: -1, a: p + j + 1, lda: d, x: p + j, incx: d, y: p + j + 1 + j * d)
                    let scale = 1.0 / ajj
                    for i in (j + 1)..<d { p[i + j * d] = p[i + j * d] * scale }
                }
            }
            return true
        }
        guard ok else { return nil }
        var out = [Double](repeating: 0, count: d * d)
        for i in 0..<d { for j in 0...i { out[i * d + j] = l[i + j * d] } }
        return out
    }

    /// `solve_triangular(L, I, lower=True)` for a row-major lower-triangular `L`: the inverse
    /// `L⁻¹`, row-major. OpenBLAS's trsm packs the reciprocal diagonal and solves the rows in
    /// chunks of 16, 8, 4, 2, 1 (a gemm FMA chain subtracts the rows already solved, then a
    /// right-looking substitution inside the chunk with `c -= x·l` fused).
    static func lowerInverse(_ l: [Double], _ d: Int) -> [Double] {
        var inverseDiagonal = [Double](repeating: 0, count: d)
        for i in 0..<d { inverseDiagonal[i] = 1.0 / l[i * d + i] }
        var chunks: [Int] = Array(repeating: 16, count: d / 16)
        for size in [8, 4, 2, 1] where d & size != 0 { chunks.append(size) }
        var out = [Double](repeating: 0, count: d * d)
        var c = [Double](repeating: 0, count: d)
        for column in 0..<d {
            for i in 0..<d { c[i] = i == column ? 1 : 0 }
            var start = 0
            for size in chunks {
                if start > 0 {
                    for r in start..<(start + size) {
                        var acc = 0.0
                        for q in 0..<start { acc = acc.addingProduct(l[r * d + q], c[q]) }
                        c[r] = c[r] - acc
                    }
                }
                for i in start..<(start + size) {
                    let b = c[i] * inverseDiagonal[i]
                    c[i] = b
                    if i + 1 < start + size {
                        for k in (i + 1)..<(start + size) { c[k] = c[k].addingProduct(-b, l[k * d + i]) }
                    }
                }
                start += size
            }
            for i in 0..<d { out[i * d + column] = c[i] }
        }
        return out
    }
}
