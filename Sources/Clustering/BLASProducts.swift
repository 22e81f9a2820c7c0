/// Dot products in the exact orders OpenBLAS 0.3.x (SkylakeX kernels) uses for numpy `@`.
enum GemmDot {
    /// The FMA chain `s = a[k0]·b[k0]; s = fma(a[k], b[k], s)` over `k0..<k1`, in order.
    @inline(__always)
    static func chain(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ k0: Int, _ k1: Int) -> Double {
        var s = a[k0] * b[k0]
        var k = k0 + 1
        while k < k1 { s = s.addingProduct(a[k], b[k]); k += 1 }
        return s
    }

    /// One K block of an element in `order` (`dgemm_kernel_16x2_skylakex.c`, see `GemmSumOrder`).
    static func block(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ k0: Int, _ k1: Int, _ order: GemmSumOrder) -> Double {
        let len = k1 - k0
        switch order {
        case .pairs where len >= 2:
            // m4n12: zmm lanes 0-3 hold even k, 4-7 odd k; merged lo + hi, then the odd tail k.
            let paired = len - len % 2
            var even = a[k0] * b[k0], odd = a[k0 + 1] * b[k0 + 1]
            var k = k0 + 2
            while k < k0 + paired {
                even = even.addingProduct(a[k], b[k])
                odd = odd.addingProduct(a[k + 1], b[k + 1])
                k += 2
            }
            var s = even + odd
            if k < k1 { s = s.addingProduct(a[k], b[k]) }
            return s
        case .quads where len >= 4:
            // m2n12 / m1n12: four accumulators (k mod 4), (g0 + g1) + (g2 + g3), then the K mod 4 rest.
            let quads = len - len % 4
            var g0 = a[k0] * b[k0], g1 = a[k0 + 1] * b[k0 + 1]
            var g2 = a[k0 + 2] * b[k0 + 2], g3 = a[k0 + 3] * b[k0 + 3]
            var k = k0 + 4
            while k < k0 + quads {
                g0 = g0.addingProduct(a[k], b[k]); g1 = g1.addingProduct(a[k + 1], b[k + 1])
                g2 = g2.addingProduct(a[k + 2], b[k + 2]); g3 = g3.addingProduct(a[k + 3], b[k + 3])
                k += 4
            }
            var s = (g0 + g1) + (g2 + g3)
            while k < k1 { s = s.addingProduct(a[k], b[k]); k += 1 }
            return s
        case .small8Pairs, .small8Halves:
            // Eight lanes by k mod 8 (zero-started FMA chains; the masked tail adds to the first
            // K mod 8 lanes), then the kernel's reduction tree.
            var l = [Double](repeating: 0, count: 8)
            var k = k0
            while k < k1 {
                for t in 0..<8 where k + t < k1 { l[t] = l[t].addingProduct(a[k + t], b[k + t]) }
                k += 8
            }
            if order == .small8Pairs { return ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7])) }
            return ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]))
        default:
            return chain(a, b, k0, k1)
        }
    }

    /// A whole element: K blocks summed on their own and added to the running value in order
    /// (the kernel stores `fma(alpha = 1, acc, C)` = `C + acc`).
    @inline(__always)
    static func element(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int, _ kBlocks: [Int], _ order: GemmSumOrder) -> Double {
        if kBlocks.count == 1 { return block(a, b, 0, d, order) }
        var s = 0.0
        var k0 = 0
        for (t, len) in kBlocks.enumerated() {
            let v = block(a, b, k0, k0 + len, order)
            s = t == 0 ? v : s + v
            k0 += len
        }
        return s
    }
}

/// numpy's one-row products: `X @ c` (cblas_dgemv, `dgemv_t_4.c` with the Haswell micro-kernel)
/// and `x @ c` (cblas_ddot, `ddot.c` with the SkylakeX micro-kernel).
enum GemvOrder {
    /// `X @ c` for `rows` rows of width `d` (`dgemv_t`, inner length d, one output per row).
    ///
    /// The first `d − d % 4` coordinates (in pieces of 2048) go through the kernels: groups of four outputs use the
    /// 4×4 FMA kernel (4 lanes by k mod 4, `(l0 + l2) + (l1 + l3)`), then two outputs the SSE 4×2
    /// kernel (plain products, 2 lanes), then one output the 4×1 kernel (plain, lanes {0,1} and
    /// {2,3} added, then the halves). The last `d % 4` coordinates are the compiler-contracted C
    /// tail `y += a0·c0 + a1·c1 + a2·c2` = `y + fma(a2, c2, fma(a0, c0, a1·c1))`. Above
    /// 460,800 matrix elements OpenBLAS splits the outputs over its two threads, and the grouping
    /// restarts in each half.
    static func gemvT(_ x: UnsafePointer<Double>, rows: Int, d: Int, vector c: UnsafePointer<Double>) -> [Double] {
        var y = [Double](repeating: 0, count: rows)
        let threads = rows * d < 115_200 * 4 ? 1 : 2
        var ranges: [Range<Int>] = []
        var rest = rows, start = 0, num = 0
        while rest > 0 {
            var w = (rest + threads - num - 1) / (threads - num)
            if w < 4 { w = 4 }
            if rest < w { w = rest }
            ranges.append(start..<(start + w))
            start += w; rest -= w; num += 1
        }
        // The kernel part walks the first d − d % 4 coordinates in NBMAX = 2048 pieces, each added
        // to y (`add_y`, `*y += ybuffer * alpha`).
        let nb = d - d % 4
        var pieces: [Range<Int>] = []
        do {
            var m1 = d & ~3, k0 = 0
            let m2 = (d & 2047) - d % 4
            while true {
                m1 -= 2048
                let len: Int
                if m1 < 0 {
                    if m2 == 0 { break }
                    len = m2
                } else {
                    len = 2048
                }
                pieces.append(k0..<(k0 + len))
                k0 += len
                if len != 2048 { break }
            }
        }
        for range in ranges {
            for piece in pieces {
                let n = range.count
                let groups = 4 * (n / 4)
                var j = range.lowerBound
                let len = piece.count, off = piece.lowerBound
                while j < range.lowerBound + groups { y[j] = y[j] + kernel4x4(x + j * d + off, c + off, len); j += 1 }
                if n & 2 != 0 {
                    y[j] = y[j] + kernel4x2(x + j * d + off, c + off, len); j += 1
                    y[j] = y[j] + kernel4x2(x + j * d + off, c + off, len); j += 1
                }
                if n & 1 != 0 { y[j] = y[j] + kernel4x1(x + j * d + off, c + off, len) }
            }
            switch d % 4 {
            case 3:
                for j in range {
                    let a = x + j * d + nb
                    y[j] = y[j] + ((a[1] * c[nb + 1]).addingProduct(a[0], c[nb])).addingProduct(a[2], c[nb + 2])
                }
            case 2:
                for j in range {
                    let a = x + j * d + nb
                    y[j] = y[j] + (a[1] * c[nb + 1]).addingProduct(a[0], c[nb])
                }
            case 1:
                for j in range { y[j] = y[j].addingProduct(x[j * d + nb], c[nb]) }
            default:
                break
            }
        }
        return y
    }

    private static func kernel4x4(_ a: UnsafePointer<Double>, _ c: UnsafePointer<Double>, _ nb: Int) -> Double {
        var l0 = a[0] * c[0], l1 = a[1] * c[1], l2 = a[2] * c[2], l3 = a[3] * c[3]
        var i = 4
        while i < nb {
            l0 = l0.addingProduct(a[i], c[i]); l1 = l1.addingProduct(a[i + 1], c[i + 1])
            l2 = l2.addingProduct(a[i + 2], c[i + 2]); l3 = l3.addingProduct(a[i + 3], c[i + 3])
            i += 4
        }
        return (l0 + l2) + (l1 + l3)
    }

    private static func kernel4x2(_ a: UnsafePointer<Double>, _ c: UnsafePointer<Double>, _ nb: Int) -> Double {
        var l0 = 0.0, l1 = 0.0
        var i = 0
        while i < nb { l0 = l0 + a[i] * c[i]; l1 = l1 + a[i + 1] * c[i + 1]; i += 2 }
        return l0 + l1
    }

    private static func kernel4x1(_ a: UnsafePointer<Double>, _ c: UnsafePointer<Double>, _ nb: Int) -> Double {
        var p0 = 0.0, p1 = 0.0, q0 = 0.0, q1 = 0.0
        var i = 0
        while i < nb {
            p0 = p0 + a[i] * c[i]; p1 = p1 + a[i + 1] * c[i + 1]
            q0 = q0 + a[i + 2] * c[i + 2]; q1 = q1 + a[i + 3] * c[i + 3]
            i += 4
        }
        return (p0 + q0) + (p1 + q1)
    }

    /// `x @ c` for one row (`ddot`): 32-value blocks into four 8-lane FMA accumulators, folded to
    /// 4 lanes, 16-value blocks, `((B0 + B1) + B2) + B3` per lane, `(v0 + v2) + (v1 + v3)`, then the
    /// scalar FMA tail.
    static func ddot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ n: Int) -> Double {
        let n1 = n & ~15
        var dot = 0.0
        if n1 > 0 {
            let n32 = n1 & ~31
            var acc = [Double](repeating: 0, count: 32)
            var i = 0
            while i < n32 {
                for q in 0..<32 { acc[q] = acc[q].addingProduct(x[i + q], y[i + q]) }
                i += 32
            }
            var b = [Double](repeating: 0, count: 16)
            for k in 0..<4 { for l in 0..<4 { b[k * 4 + l] = acc[k * 8 + l] + acc[k * 8 + l + 4] } }
            while i < n1 {
                for q in 0..<16 { b[q] = b[q].addingProduct(x[i + q], y[i + q]) }
                i += 16
            }
            var v = [Double](repeating: 0, count: 4)
            for l in 0..<4 { v[l] = ((b[l] + b[4 + l]) + b[8 + l]) + b[12 + l] }
            dot = (v[0] + v[2]) + (v[1] + v[3])
        }
        var i = n1
        while i < n { dot = dot.addingProduct(x[i], y[i]); i += 1 }
        return dot
    }
}
