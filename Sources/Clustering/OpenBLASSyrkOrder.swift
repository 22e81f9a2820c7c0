/// The dsyrk half of `GemmOrderPlan` (see OpenBLASOrder.swift for the kernel model).
// MARK: - dsyrk (lower, transposed: numpy's `X @ X.T`)

extension GemmOrderPlan {
    /// The plan of numpy's `X @ X.T` for an `n × k` C-order X: `cblas_dsyrk(RowMajor, Upper, NoTrans)`
    /// becomes column-major lower `dsyrk_LT`; numpy then mirrors the triangle. Element `(i, j)` of
    /// the row-major result is element `(max(i, j), min(i, j))` here.
    static func syrk(n: Int, k: Int, threads: Int = 2) -> GemmOrderPlan {
        let nnk = Double(n + 1) * Double(n) * Double(k)
        let nt = nnk <= 109944.0 * 4 ? 1 : threads
        let kb = kSplitSyrk(k)
        var tiles: [GemmSpecialTile] = []
        for l in Set(kb) {
            if nt == 1 || n < nt * switchRatio { syrkSerial(&tiles, n: n, k: l) } else { syrkThreaded(&tiles, n: n, k: l, threads: nt) }
        }
        var seen: [GemmSpecialTile] = []
        for x in tiles where !seen.contains(x) { seen.append(x) }
        return GemmOrderPlan(kBlocks: kb, specials: seen)
    }

    private static func kSplitSyrk(_ k: Int) -> [Int] {
        var out: [Int] = []
        var ls = 0
        while ls < k {
            var l = k - ls
            if l >= 2 * q { l = q } else if l > q { l = (l + 1) / 2 }
            out.append(l)
            ls += l
        }
        return out
    }

    private static func ceil32(_ x: Int) -> Int { ((x + unrollMN - 1) / unrollMN) * unrollMN }

    /// driver/level3/syrk_kernel.c (LOWER) on rows `m0..<m0+m` × columns `n0..<n0+n`.
    private static func syrkKernel(_ out: inout [GemmSpecialTile], m0 m0In: Int, m mIn: Int, n0 n0In: Int, n nIn: Int, k: Int) {
        var m0 = m0In, m = mIn, n0 = n0In, n = nIn
        var offset = m0 - n0
        if m + offset < 0 { return }
        if n < offset { kernelCall(&out, m0: m0, mCount: m, n0: n0, nCount: n, k: k); return }
        if offset > 0 {
            kernelCall(&out, m0: m0, mCount: m, n0: n0, nCount: offset, k: k)
            n0 += offset; n -= offset; offset = 0
            if n <= 0 { return }
        }
        if n > m + offset {
            n = m + offset
            if n <= 0 { return }
        }
        if offset < 0 {
            m0 -= offset; m += offset; offset = 0
            if m <= 0 { return }
        }
        if m > n - offset {
            kernelCall(&out, m0: m0 + (n - offset), mCount: m - n + offset, n0: n0, nCount: n, k: k)
            m = n + offset
            if m <= 0 { return }
        }
        var loop = 0
        while loop < n {
            let nn = min(unrollMN, n - loop)
            kernelCall(&out, m0: m0 + loop, mCount: nn, n0: n0 + loop, nCount: nn, k: k)
            kernelCall(&out, m0: m0 + loop + nn, mCount: m - loop - nn, n0: n0 + loop, nCount: nn, k: k)
            loop += unrollMN
        }
    }

    private static func kernelCall(_ out: inout [GemmSpecialTile], m0: Int, mCount: Int, n0: Int, nCount: Int, k: Int) {
        gemmKernelTiles(&out, m0: m0, mCount: mCount, n0: n0, nCount: nCount, k: k)
    }

    /// level3_syrk.c, LOWER, one thread (`shared` is false: UNROLL_M ≠ UNROLL_N).
    private static func syrkSerial(_ out: inout [GemmSpecialTile], n: Int, k: Int) {
        var js = 0
        while js < n {
            let minJ = min(n - js, r)
            let mStart = js, mEnd = n
            var minI = mEnd - mStart
            if minI >= 2 * p { minI = p } else if minI > p { minI = ceil32(minI / 2) }
            syrkKernel(&out, m0: mStart, m: minI, n0: mStart, n: min(minI, minJ + js - mStart), k: k)
            var i = mStart + minI
            while i < mEnd {
                var mi = mEnd - i
                if mi >= 2 * p { mi = p } else if mi > p { mi = ceil32(mi / 2) }
                if i < js + minJ {
                    syrkKernel(&out, m0: i, m: mi, n0: i, n: min(mi, minJ - i + js), k: k)
                    syrkKernel(&out, m0: i, m: mi, n0: js, n: i - js, k: k)
                } else {
                    syrkKernel(&out, m0: i, m: mi, n0: js, n: minJ, k: k)
                }
                i += mi
            }
            js += r
        }
    }

    /// level3_syrk_threaded.c, LOWER: rows split by area (`sqrt` rule, multiples of 32), each
    /// thread starting with its bottom block and then walking up.
    private static func syrkThreaded(_ out: inout [GemmSpecialTile], n: Int, k: Int, threads: Int) {
        let mask = unrollMN - 1
        var range = [0]
        var i = 0, num = 0
        let dnum = Double(n) * Double(n) / Double(threads)
        while i < n {
            var width: Int
            if threads - num > 1 {
                let di = Double(i), dinum = di * di + dnum
                if dinum > 0 {
                    width = (Int(((di * di + dnum).squareRoot() - di) + Double(mask)) / (mask + 1)) * (mask + 1)
                } else {
                    width = (Int(-di + Double(mask)) / (mask + 1)) * (mask + 1)
                }
                if width > n - i || width < mask { width = n - i }
            } else {
                width = n - i
            }
            range.append(range[range.count - 1] + width)
            num += 1
            i += width
        }
        func divN(_ c: Int) -> Int { ceil32((range[c + 1] - range[c] + divideRate - 1) / divideRate) }
        for me in 0..<num {
            let mFrom = range[me], mTo = range[me + 1]
            var minI = mTo - mFrom
            if minI >= 2 * p { minI = p } else if minI > p { minI = ceil32(minI / 2) }
            let xxx = (mTo - mFrom - minI) % p
            if xxx != 0 { minI -= p - xxx }
            let dOwn = divN(me)
            var x = mFrom
            while x < mTo {
                let end = min(mTo, x + dOwn)
                var jjs = x
                while jjs < end {
                    let mjj = min(end - jjs, unrollMN)
                    syrkKernel(&out, m0: mTo - minI, m: minI, n0: jjs, n: mjj, k: k)
                    jjs += mjj
                }
                x += dOwn
            }
            var current = me - 1
            while current >= 0 {
                let dn = divN(current)
                var x = range[current]
                while x < range[current + 1] {
                    syrkKernel(&out, m0: mTo - minI, m: minI, n0: x, n: min(range[current + 1] - x, dn), k: k)
                    x += dn
                }
                current -= 1
            }
            let startI = minI
            var row = mFrom
            while row < mTo - startI {
                var mi = mTo - startI - row
                if mi >= 2 * p { mi = p } else if mi > p { mi = ceil32((mi + 1) / 2) }
                var cur = me
                while cur >= 0 {
                    let dn = divN(cur)
                    var x = range[cur]
                    while x < range[cur + 1] {
                        syrkKernel(&out, m0: row, m: mi, n0: x, n: min(range[cur + 1] - x, dn), k: k)
                        x += dn
                    }
                    cur -= 1
                }
                row += mi
            }
        }
    }
}
