/// numpy's reductions with their exact rounding order.
public enum NumpyMath {
    /// numpy's pairwise summation of a contiguous float64 array (`a.sum()`, `np.mean` numerator,
    /// `add.reduce` along a contiguous axis): blocks of 8 accumulators up to 128 values, halves
    /// (rounded down to a multiple of 8) above.
    public static func pairwiseSum(_ a: [Double]) -> Double {
        a.withUnsafeBufferPointer { pairwiseSum($0.baseAddress, count: $0.count, stride: 1) }
    }

    /// Pairwise sum of `count` values starting at `base`, `stride` elements apart.
    static func pairwiseSum(_ base: UnsafePointer<Double>?, count n: Int, stride s: Int) -> Double {
        guard let a = base, n > 0 else { return 0.0 }
        if n < 8 {
            var r = -0.0
            for i in 0..<n { r = r + a[i * s] }
            return r
        }
        if n <= 128 {
            var r0 = a[0], r1 = a[s], r2 = a[2 * s], r3 = a[3 * s]
            var r4 = a[4 * s], r5 = a[5 * s], r6 = a[6 * s], r7 = a[7 * s]
            var i = 8
            let end = n - n % 8
            while i < end {
                r0 = r0 + a[i * s]; r1 = r1 + a[(i + 1) * s]
                r2 = r2 + a[(i + 2) * s]; r3 = r3 + a[(i + 3) * s]
                r4 = r4 + a[(i + 4) * s]; r5 = r5 + a[(i + 5) * s]
                r6 = r6 + a[(i + 6) * s]; r7 = r7 + a[(i + 7) * s]
                i += 8
            }
            var r = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n { r = r + a[i * s]; i += 1 }
            return r
        }
        var n2 = n / 2
        n2 -= n2 % 8
        return pairwiseSum(a, count: n2, stride: s) + pairwiseSum(a + n2 * s, count: n - n2, stride: s)
    }

    /// `np.percentile(a, q)` with the default linear method.
    /// - Throws: `ClusteringError.emptyData` for an empty array, `.nonFiniteValue` for NaN/inf
    ///   values, `.invalidArgument` unless `0 <= q <= 100`.
    public static func percentile(_ a: [Double], _ q: Double) throws -> Double {
        guard !a.isEmpty else { throw ClusteringError.emptyData }
        guard q >= 0, q <= 100 else {
            throw ClusteringError.invalidArgument(name: "percentile", reason: "must be between 0 and 100, got \(q)")
        }
        if let i = a.firstIndex(where: { !$0.isFinite }) { throw ClusteringError.nonFiniteValue(row: i, column: 0) }
        let s = a.sorted()
        let n = s.count
        let quantile = q / 100.0
        let virtualIndex = Double(n - 1) * quantile
        if virtualIndex >= Double(n - 1) { return s[n - 1] }
        if virtualIndex < 0 { return s[0] }
        let lo = virtualIndex.rounded(.down)
        let gamma = virtualIndex - lo
        let i = Int(lo)
        let below = s[i], above = s[i + 1]
        let diff = above - below
        return gamma >= 0.5 ? above - diff * (1.0 - gamma) : below + diff * gamma
    }

    /// Column means with numpy's order for a C-contiguous 2-D array (`X.mean(axis=0)`): a running
    /// sum down the rows, then a true division by the row count. (One column is a contiguous
    /// reduction and uses the pairwise sum.)
    static func columnMeans(_ x: DataMatrix) -> [Double] {
        let n = x.rows, d = x.columns
        if d == 1 { return [pairwiseSum(x.values) / Double(n)] }
        var s = [Double](repeating: 0, count: d)
        x.values.withUnsafeBufferPointer { v in
            for f in 0..<d { s[f] = v[f] }
            for i in 1..<max(n, 1) {
                for f in 0..<d { s[f] = s[f] + v[i * d + f] }
            }
        }
        return s.map { $0 / Double(n) }
    }

    /// Column variances (ddof 0) with numpy's order (`np.var(X, axis=0)`).
    static func columnVariances(_ x: DataMatrix, means: [Double]? = nil) -> [Double] {
        let n = x.rows, d = x.columns
        let m = means ?? columnMeans(x)
        if d == 1 {
            let q = x.values.map { ($0 - m[0]) * ($0 - m[0]) }
            return [pairwiseSum(q) / Double(n)]
        }
        var s = [Double](repeating: 0, count: d)
        x.values.withUnsafeBufferPointer { v in
            for f in 0..<d { let t = v[f] - m[f]; s[f] = t * t }
            for i in 1..<max(n, 1) {
                for f in 0..<d { let t = v[i * d + f] - m[f]; s[f] = s[f] + t * t }
            }
        }
        return s.map { $0 / Double(n) }
    }
}
