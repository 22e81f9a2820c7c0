/// The summation and product orders of the numpy / OpenBLAS / scikit-learn kernels that
/// scikit-learn's KMeans goes through (specification sections 2, 4 and 5), as plain functions.
enum BLASOrder {
    /// `np.einsum('ij,ij->i', X, X)` for one row (scikit-learn's `row_norms`): two SIMD lanes;
    /// blocks of eight values as `a0*a0 + (a1*a1 + (a2*a2 + (a3*a3 + acc)))` per lane, then pairs,
    /// then `lane0 + lane1`. Multiplications and additions are rounded separately.
    @inline(__always)
    static func rowNorm(_ x: UnsafePointer<Double>, _ d: Int) -> Double {
        if d == 2 { return x[0] * x[0] + x[1] * x[1] }
        var acc0 = 0.0, acc1 = 0.0
        var j = 0
        while d - j >= 8 {
            var v0 = acc0, v1 = acc1
            v0 = x[j + 6] * x[j + 6] + v0; v1 = x[j + 7] * x[j + 7] + v1
            v0 = x[j + 4] * x[j + 4] + v0; v1 = x[j + 5] * x[j + 5] + v1
            v0 = x[j + 2] * x[j + 2] + v0; v1 = x[j + 3] * x[j + 3] + v1
            v0 = x[j] * x[j] + v0; v1 = x[j + 1] * x[j + 1] + v1
            acc0 = v0; acc1 = v1
            j += 8
        }
        while j < d {
            acc0 = x[j] * x[j] + acc0
            if j + 1 < d { acc1 = x[j + 1] * x[j + 1] + acc1 }
            j += 2
        }
        return acc0 + acc1
    }

    /// An element of an OpenBLAS dgemm product: an FMA chain over the inner index in order.
    @inline(__always)
    static func dotGemm(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
        var s = a[0] * b[0]
        var f = 1
        while f < d {
            s = s.addingProduct(a[f], b[f])
            f += 1
        }
        return s
    }

    /// An element of the one-row product `c[None, :] @ X.T` (OpenBLAS dgemv, transposed):
    /// d = 1: `x0*c0`; d = 2: `fma(x0, c0, x1*c1)`; d = 3: `fma(x2, c2, fma(x0, c0, x1*c1))`.
    /// (Wider rows are not pinned down by the reference; they use the gemm chain.)
    @inline(__always)
    static func dotGemvRow(_ x: UnsafePointer<Double>, _ c: UnsafePointer<Double>, _ d: Int) -> Double {
        switch d {
        case 1: return x[0] * c[0]
        case 2: return (x[1] * c[1]).addingProduct(x[0], c[0])
        case 3: return ((x[1] * c[1]).addingProduct(x[0], c[0])).addingProduct(x[2], c[2])
        default: return dotGemm(c, x, d)
        }
    }

    /// `closest @ ones` through OpenBLAS ddot (SkylakeX kernel): 32-value blocks into four 8-lane
    /// accumulators, folded to 4 lanes, 16-value blocks, then the scalar tail.
    static func ddotOnes(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
        let n1 = n & ~15
        var dot = 0.0
        if n1 > 0 {
            let n32 = n1 & ~31
            var acc = [Double](repeating: 0, count: 32)
            var i = 0
            acc.withUnsafeMutableBufferPointer { A in
                while i < n32 {
                    for q in 0..<32 { A[q] = A[q] + a[i + q] }
                    i += 32
                }
            }
            // B[k][l] = A[k][l] + A[k][l+4]
            var b = [Double](repeating: 0, count: 16)
            for k in 0..<4 { for l in 0..<4 { b[k * 4 + l] = acc[k * 8 + l] + acc[k * 8 + l + 4] } }
            while i < n1 {
                for q in 0..<16 { b[q] = b[q] + a[i + q] }
                i += 16
            }
            var v = [Double](repeating: 0, count: 4)
            for l in 0..<4 { v[l] = ((b[l] + b[4 + l]) + b[8 + l]) + b[12 + l] }
            dot = (v[0] + v[2]) + (v[1] + v[3])
        }
        var i = n1
        while i < n { dot = dot + a[i]; i += 1 }
        return dot
    }

    /// Whether row `j` of an `rows`-row `(rows, n) @ ones(n, 1)` product (OpenBLAS dgemv_t) is
    /// summed with 4 lanes (else 2).
    static func gemvUsesFourLanes(row j: Int, rows: Int) -> Bool {
        let groups = 4 * (rows / 4)
        if j < groups { return true }
        let rest = rows % 4
        if rest >= 2 && j < groups + 2 { return false }
        return true
    }

    /// Row `j` of `(rows, n) @ ones(n, 1)`: blocks of 2048 over the first `n - n % 4` values, each
    /// block summed in 4 or 2 lanes and added to the running result, then the tail `((r0+r1)+r2)`.
    static func gemvOnesRow(_ a: UnsafePointer<Double>, _ n: Int, fourLanes: Bool) -> Double {
        let mk = n - n % 4
        var y = 0.0
        var s = 0
        while s < mk {
            let e = min(s + 2048, mk)
            if fourLanes {
                var c0 = 0.0, c1 = 0.0, c2 = 0.0, c3 = 0.0
                var i = s
                while i < e {
                    c0 = c0 + a[i]; c1 = c1 + a[i + 1]; c2 = c2 + a[i + 2]; c3 = c3 + a[i + 3]
                    i += 4
                }
                y = y + ((c0 + c2) + (c1 + c3))
            } else {
                var c0 = 0.0, c1 = 0.0
                var i = s
                while i < e {
                    c0 = c0 + a[i]; c1 = c1 + a[i + 1]
                    i += 2
                }
                y = y + (c0 + c1)
            }
            s = e
        }
        switch n - mk {
        case 1: y = y + a[mk]
        case 2: y = y + (a[mk] + a[mk + 1])
        case 3: y = y + ((a[mk] + a[mk + 1]) + a[mk + 2])
        default: break
        }
        return y
    }

    /// scikit-learn's `_euclidean_dense_dense` (squared): blocks of four coordinates summed left to
    /// right and added to the running result, then the remaining coordinates one by one.
    @inline(__always)
    static func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
        var r = 0.0
        var f = 0
        let blocks = d - d % 4
        while f < blocks {
            let t0 = a[f] - b[f], t1 = a[f + 1] - b[f + 1], t2 = a[f + 2] - b[f + 2], t3 = a[f + 3] - b[f + 3]
            r = r + (((t0 * t0 + t1 * t1) + t2 * t2) + t3 * t3)
            f += 4
        }
        while f < d {
            let t = a[f] - b[f]
            r = r + t * t
            f += 1
        }
        return r
    }
}
