/// Which summation order OpenBLAS 0.3.x (SkylakeX, `dgemm_kernel_16x2_skylakex.c`) gives each
/// element of a `dgemm` / `dsyrk` product, reproduced from the library's blocking.
///
/// The 16x2 kernel sums most elements as one FMA chain over the inner index (`dotGemm`). Three of its
/// tail tiles do not: when a kernel call walks a panel of 12 output columns ("n12"), the 4-row M tile
/// keeps even and odd k in separate accumulators (`fma` chains, added at the end, then the last odd k),
/// and the 2- and 1-row tiles keep four accumulators (k mod 4, merged `(g0+g1)+(g2+g3)`, then the
/// remaining k). Which elements land in such tiles depends on how the drivers cut the product into
/// kernel calls: `level3.c` (one thread), `level3_thread.c` (threads split M and N),
/// `level3_syrk.c` / `level3_syrk_threaded.c` with `syrk_kernel.c` (numpy's `A @ A.T`). This file
/// replays those drivers with the library's constants (P 192, Q 384, R 8640, UNROLL_M 16, UNROLL_N 2,
/// UNROLL_MN 32, SWITCH_RATIO 8, GEMM_PREFERED_SIZE 8, DIVIDE_RATE 2) and the reference machine's two
/// threads, and records only the tiles whose order is not the plain chain.
///
/// Coordinates are OpenBLAS's column-major ones: `m` indexes the rows of the packed A operand, `n`
/// the columns of B. For numpy's row-major `X @ Y.T`, `m` is the column `j` (a row of `Y`) and `n`
/// the row `i` (a row of `X`). Checked against numpy 2.4.6's bundled OpenBLAS element by element
/// (every element of products up to 3000 × 1500, d = 2…6, syrk and gemm, one and two threads).
enum GemmSumOrder: UInt8, Sendable {
    /// One FMA chain over k in order (the 16- and 8-row tiles, and every tile outside n12 panels).
    case chain
    /// Even and odd k in two chains, added, then the last k if K is odd (4-row tile, n12 panel).
    case pairs
    /// k mod 4 in four chains, `(g0 + g1) + (g2 + g3)`, then the K mod 4 remaining k (2- and 1-row
    /// tiles, n12 panel).
    case quads
    /// The small-matrix TN kernel (`dgemm_small_kernel_tn_skylakex.c`): k mod 8 in eight chains,
    /// reduced `((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7))` (its 4-wide `REDUCE_4`).
    case small8Pairs
    /// The same eight chains reduced by `_mm512_reduce_add_pd`:
    /// `((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7))` (elements outside the 4-wide groups).
    case small8Halves
}

/// A rectangle of product elements, `m0..<m1` × `n0..<n1`, summed in a non-chain order.
struct GemmSpecialTile: Sendable, Equatable {
    var m0: Int, m1: Int, n0: Int, n1: Int
    var order: GemmSumOrder
}

/// The summation plan of one product: the inner-dimension blocks (`GEMM_Q` splitting, each block
/// summed on its own and added to the running element) and the tiles that are not plain chains.
struct GemmOrderPlan: Sendable {
    /// Lengths of the K blocks, in order (one block unless K > 384).
    var kBlocks: [Int]
    /// Tiles whose order is `.pairs` or `.quads`; every other element is a chain.
    var specials: [GemmSpecialTile]
    /// The whole product goes through the small-matrix kernel (see `smallOrder(m:n:)`).
    var smallKernel = false
    /// The product's m and n (column-major), for `smallOrder`.
    var m = 0, n = 0

    /// The order of element (m, n) under the small-matrix TN kernel: `REDUCE_4` for the rows in
    /// groups of four (`i < m4`) and, in the other rows, for the columns in groups of four
    /// (`j < n4`); `_mm512_reduce_add_pd` elsewhere.
    func smallOrder(m i: Int, n j: Int) -> GemmSumOrder {
        i < 4 * (m / 4) || j < 4 * (n / 4) ? .small8Pairs : .small8Halves
    }

    static let p = 192, q = 384, r = 8640, unrollM = 16, unrollN = 2, unrollMN = 32
    /// `GEMM_PREFERED_SIZE` as numpy's build uses it in `level3_thread.c`: 16 (param.h's SkylakeX
    /// value for double is 8, but the N ranges are observed to round to 16; for the M ranges 8 and
    /// 16 give the same tiles, as the 4/2/1 tail tiles always sit at the end of M).
    static let switchRatio = 8, preferredSize = 16, divideRate = 2
    /// numpy's DYNAMIC_ARCH driver is not compiled with `SKYLAKEX` defined, so `min_jj` is capped at
    /// 3 × UNROLL_N (checked against numpy: 6, not 12).
    static let minJJ = 6

    // MARK: Kernel calls

    /// Records the special tiles of one `dgemm_kernel` call on `m0..<m0+mCount` × `n0..<n0+nCount`.
    static func gemmKernelTiles(_ out: inout [GemmSpecialTile], m0: Int, mCount: Int, n0: Int, nCount: Int, k: Int) {
        guard mCount > 0, nCount >= 12 else { return }
        let n12 = 12 * (nCount / 12)
        var pos = m0 + 16 * (mCount / 16)
        var rest = mCount % 16
        if rest >= 8 { pos += 8; rest -= 8 }
        if rest >= 4 {
            if k >= 2 { out.append(GemmSpecialTile(m0: pos, m1: pos + 4, n0: n0, n1: n0 + n12, order: .pairs)) }
            pos += 4; rest -= 4
        }
        if rest > 0, k >= 4 {
            out.append(GemmSpecialTile(m0: pos, m1: pos + rest, n0: n0, n1: n0 + n12, order: .quads))
        }
    }

    static func ceilM(_ x: Int) -> Int { ((x + unrollM - 1) / unrollM) * unrollM }

    /// The first-step `min_jj` rule of the drivers.
    private static func capJJ(_ x: Int) -> Int { x >= minJJ ? minJJ : (x > unrollN ? unrollN : x) }

    /// K blocks: `min_l` rules (serial gemm rounds the half up to UNROLL_M, the others use `(l+1)/2`).
    private static func kSplit(_ k: Int, roundToUnroll: Bool) -> [Int] {
        var out: [Int] = []
        var ls = 0
        while ls < k {
            var l = k - ls
            if l >= 2 * q { l = q } else if l > q { l = roundToUnroll ? ceilM(l / 2) : (l + 1) / 2 }
            out.append(l)
            ls += l
        }
        return out
    }

    // MARK: dgemm

    /// The plan of a column-major `m × n × k` `dgemm` (numpy `X @ Y.T` with `m` = rows of Y,
    /// `n` = rows of X), with interface/gemm.c's thread choice for `threads` available threads.
    static func gemm(m: Int, n: Int, k: Int, threads: Int = 2) -> GemmOrderPlan {
        let mnk = Double(m) * Double(n) * Double(k)
        // GEMM_SMALL_MATRIX_PERMIT (dgemm_small_kernel_permit_skylakex.c) for numpy's TN call:
        // M·N·K ≤ 100³, and for TN also M·N ≤ 1200 and K ≥ 32.
        if mnk <= 100.0 * 100.0 * 100.0 && m * n <= 1200 && k >= 32 {
            return GemmOrderPlan(kBlocks: [k], specials: [], smallKernel: true, m: m, n: n)
        }
        let limit = 65536.0 * 4
        var nt = mnk <= limit ? 1 : threads
        if nt > 1, mnk / Double(nt) < limit { nt = Int(mnk / limit) }
        var tiles: [GemmSpecialTile] = []
        if nt <= 1 {
            let kb = kSplit(k, roundToUnroll: true)
            for l in Set(kb) { gemmSerial(&tiles, m: m, n: n, k: l) }
            return GemmOrderPlan(kBlocks: kb, specials: dedupe(tiles))
        }
        let kb = kSplit(k, roundToUnroll: false)
        for l in Set(kb) { gemmThreaded(&tiles, m: m, n: n, k: l, threads: nt) }
        return GemmOrderPlan(kBlocks: kb, specials: dedupe(tiles))
    }

    private static func dedupe(_ t: [GemmSpecialTile]) -> [GemmSpecialTile] {
        var seen: [GemmSpecialTile] = []
        for x in t where !seen.contains(x) { seen.append(x) }
        return seen
    }

    /// driver/level3/level3.c.
    private static func gemmSerial(_ out: inout [GemmSpecialTile], m: Int, n: Int, k: Int) {
        var js = 0
        while js < n {
            let minJ = min(n - js, r)
            var minI = m
            if minI >= 2 * p { minI = p } else if minI > p { minI = ceilM(minI / 2) }
            var jjs = js
            while jjs < js + minJ {
                let mjj = capJJ(js + minJ - jjs)
                gemmKernelTiles(&out, m0: 0, mCount: minI, n0: jjs, nCount: mjj, k: k)
                jjs += mjj
            }
            var i = minI
            while i < m {
                var mi = m - i
                if mi >= 2 * p { mi = p } else if mi > p { mi = ceilM(mi / 2) }
                gemmKernelTiles(&out, m0: i, mCount: mi, n0: js, nCount: minJ, k: k)
                i += mi
            }
            js += r
        }
    }

    private static func roundUp(_ remainder: Int, _ width: Int, _ multiple: Int) -> Int {
        if multiple > remainder || width <= multiple { return width }
        return ((width + multiple - 1) / multiple) * multiple
    }

    /// driver/level3/level3_thread.c (CNAME's thread split, gemm_driver's ranges, inner_thread).
    private static func gemmThreaded(_ out: inout [GemmSpecialTile], m: Int, n: Int, k: Int, threads: Int) {
        var ntm: Int
        if m < 2 * switchRatio { ntm = 1 } else {
            ntm = threads
            while m < ntm * switchRatio { ntm /= 2 }
        }
        var ntn: Int
        if n < switchRatio * ntm { ntn = 1 } else {
            ntn = (n + switchRatio * ntm - 1) / (switchRatio * ntm)
            if ntm * ntn > threads { ntn = threads / ntm }
            while ntm % 2 == 0 && n * ntm + m * ntn > n * (ntm / 2) + m * (ntn * 2) { ntm /= 2; ntn *= 2 }
        }
        if ntm * ntn <= 1 { gemmSerial(&out, m: m, n: n, k: k); return }
        let nt = ntm * ntn
        var rangeM = [0]
        var rest = m, parts = 0
        while rest > 0 {
            var w = (rest + ntm - parts - 1) / (ntm - parts)
            w = roundUp(rest, w, preferredSize)
            rest -= w
            if rest < 0 { w += rest }
            rangeM.append(rangeM[rangeM.count - 1] + w)
            parts += 1
        }
        while rangeM.count < nt + 2 { rangeM.append(rangeM[rangeM.count - 1]) }
        var js0 = 0
        while js0 < n {
            // N is cut into ntn groups (plain quotients), each group into ntm ranges rounded up to
            // GEMM_PREFERED_SIZE and clipped; range index = group · ntm + part, matching
            // mypos = mypos_n · ntm + mypos_m. (The 0.3.28 sources cut N in one level; numpy's
            // 0.3.31 was measured to do this: 900 rows with ntm = 1 split 450/450, 200 rows with
            // ntm = 2 split 112/88.)
            var nn = min(n - js0, r * nt)
            var rangeN = [js0]
            for group in 0..<ntn {
                var wn = (nn + ntn - group - 1) / (ntn - group)
                nn -= wn
                for part in 0..<ntm {
                    guard wn > 0 else { rangeN.append(rangeN[rangeN.count - 1]); continue }
                    var w = (wn + ntm - part - 1) / (ntm - part)
                    if w < switchRatio && w > 1 { w = switchRatio }
                    w = roundUp(wn, w, preferredSize)
                    wn -= w
                    if wn < 0 { w += wn }
                    rangeN.append(rangeN[rangeN.count - 1] + w)
                }
            }
            while rangeN.count < nt + 2 { rangeN.append(rangeN[rangeN.count - 1]) }
            for me in 0..<nt {
                let mypn = me / ntm, mypm = me - mypn * ntm
                let mFrom = rangeM[mypm], mTo = rangeM[mypm + 1]
                let nFrom = rangeN[me], nTo = rangeN[me + 1]
                guard mTo > mFrom else { continue }
                var minI = mTo - mFrom
                if minI >= 2 * p { minI = p } else if minI > p { minI = ceilM(minI / 2) }
                let divN = (nTo - nFrom + divideRate - 1) / divideRate
                var js = nFrom
                while js < nTo {
                    let end = min(nTo, js + divN)
                    var jjs = js
                    while jjs < end {
                        let mjj = capJJ(end - jjs)
                        gemmKernelTiles(&out, m0: mFrom, mCount: minI, n0: jjs, nCount: mjj, k: k)
                        jjs += mjj
                    }
                    js += divN
                }
                // The other threads' B regions of this N group, in the order inner_thread visits them.
                func next(_ c: Int) -> Int { c + 1 >= (mypn + 1) * ntm ? mypn * ntm : c + 1 }
                var current = next(me)
                while current != me {
                    let dn = (rangeN[current + 1] - rangeN[current] + divideRate - 1) / divideRate
                    var x = rangeN[current]
                    while x < rangeN[current + 1] {
                        gemmKernelTiles(&out, m0: mFrom, mCount: minI, n0: x, nCount: min(rangeN[current + 1] - x, dn), k: k)
                        x += dn
                    }
                    current = next(current)
                }
                var i = mFrom + minI
                while i < mTo {
                    var mi = mTo - i
                    if mi >= 2 * p { mi = p } else if mi > p { mi = ceilM((mi + 1) / 2) }
                    var cur = me
                    repeat {
                        let dn = (rangeN[cur + 1] - rangeN[cur] + divideRate - 1) / divideRate
                        var x = rangeN[cur]
                        while x < rangeN[cur + 1] {
                            gemmKernelTiles(&out, m0: i, mCount: mi, n0: x, nCount: min(rangeN[cur + 1] - x, dn), k: k)
                            x += dn
                        }
                        cur = next(cur)
                    } while cur != me
                    i += mi
                }
            }
            js0 += r * nt
        }
    }
}
