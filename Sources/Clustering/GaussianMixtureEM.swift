#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The fitted parameters of one EM run, in scikit-learn's shapes (row-major, flat).
struct MixtureParameters: Sendable, Equatable {
    var weights: [Double]
    var means: [Double]
    var covariances: [Double]
    var precisionsCholesky: [Double]
}

/// The working state of `GaussianMixture.fit`: the data and scikit-learn's E and M steps
/// (`sklearn/mixture/_base.py`, `_gaussian_mixture.py`) in numpy's operation order.
final class MixtureEngine: @unchecked Sendable {
    let n: Int, d: Int, k: Int
    let type: GaussianMixture.CovarianceType
    let regCovar: Double
    let threads: Int
    let x: UnsafeMutablePointer<Double>
    /// `X * X` (diag), `X.T @ X` (tied), `row_norms(X, squared=True)` (spherical), computed once.
    var xSquared: UnsafeMutablePointer<Double>?
    var gram: [Double] = []
    var rowNorms: [Double] = []

    /// `n_features * math.log(2 * math.pi)` (Python's math.log is the C library's).
    let logNormalizer: Double

    init(data: DataMatrix, type: GaussianMixture.CovarianceType, k: Int, regCovar: Double, threads: Int) {
        n = data.rows
        d = data.columns
        self.k = k
        self.type = type
        self.regCovar = regCovar
        self.threads = threads
        let values = UnsafeMutablePointer<Double>.allocate(capacity: data.rows * data.columns)
        data.values.withUnsafeBufferPointer { values.initialize(from: $0.baseAddress!, count: $0.count) }
        x = values
        logNormalizer = Double(data.columns) * log(2 * Double.pi)
        switch type {
        case .diag:
            let sq = UnsafeMutablePointer<Double>.allocate(capacity: n * d)
            for i in 0..<(n * d) { sq[i] = x[i] * x[i] }
            xSquared = sq
        case .tied:
            gram = MixtureEngine.gramMatrix(x, n: n, d: d)
        case .spherical:
            rowNorms = (0..<n).map { BLASOrder.rowNorm(x + $0 * d, d) }
        case .full:
            break
        }
    }

    deinit {
        x.deallocate()
        xSquared?.deallocate()
    }

    /// Fixed row ranges for the parallel E-step (the partition depends only on n).
    var rowRanges: [Range<Int>] { KMeansEngine.fixedRanges(n, size: 4096) }

    // MARK: - M step

    /// `X.T @ X` through dsyrk (upper triangle in syrk's inner blocks, then mirrored).
    static func gramMatrix(_ x: UnsafePointer<Double>, n: Int, d: Int) -> [Double] {
        var g = [Double](repeating: 0, count: d * d)
        if d == 1 { return [OpenBLASOrder.ddot(x, 1, x, 1, n)] }
        let blocks = OpenBLASOrder.syrkBlocks(n)
        for f in 0..<d {
            for h in f..<d {
                var total = 0.0
                for b in blocks {
                    var acc = 0.0
                    for i in b { acc = acc.addingProduct(x[i * d + f], x[i * d + h]) }
                    total = total + acc
                }
                g[f * d + h] = total
                g[h * d + f] = total
            }
        }
        return g
    }

    /// numpy's `R.T @ Z` for `R` (n × k) and `Z` (n × w), both C-contiguous: k × w. numpy sends a
    /// one-row / one-column operand to gemv or ddot; otherwise dgemm's NT kernel sums each entry
    /// as one FMA chain over the samples (in `gemmBlocks` above 10⁶ multiply-adds).
    func transposedProduct(_ r: UnsafePointer<Double>, _ z: UnsafePointer<Double>, w: Int, components: Range<Int>) -> [Double] {
        let n = self.n, k = self.k
        var out = [Double](repeating: 0, count: k * w)
        if k == 1 || w == 1 {
            out.withUnsafeMutableBufferPointer { o in
                if k == 1 && w == 1 {
                    o[0] = OpenBLASOrder.ddot(r, 1, z, 1, n)
                } else if k == 1 {
                    OpenBLASOrder.gemvNReference(m: w, n: n, a: z, lda: w, x: r, incx: 1, y: o.baseAddress!)
                } else {
                    OpenBLASOrder.gemvNReference(m: k, n: n, a: r, lda: k, x: z, incx: 1, y: o.baseAddress!)
                }
            }
            return out
        }
        let blocks = OpenBLASOrder.gemmUsesSmallKernel(m: w, n: k, k: n) ? [0..<n] : OpenBLASOrder.gemmBlocks(n)
        let acc = UnsafeMutablePointer<Double>.allocate(capacity: w)
        defer { acc.deallocate() }
        for c in components {
            let rc = r + c
            for q in 0..<w { out[c * w + q] = 0 }
            for b in blocks {
                if w == 2 {
                    var a0 = 0.0, a1 = 0.0
                    for i in b {
                        let ri = rc[i * k]
                        a0 = OpenBLASOrder.fusedMultiplyAdd(z[2 * i], ri, a0)
                        a1 = OpenBLASOrder.fusedMultiplyAdd(z[2 * i + 1], ri, a1)
                    }
                    acc[0] = a0
                    acc[1] = a1
                } else {
                    for q in 0..<w { acc[q] = 0 }
                    for i in b {
                        let ri = rc[i * k]
                        let zi = z + i * w
                        for q in 0..<w { acc[q] = OpenBLASOrder.fusedMultiplyAdd(zi[q], ri, acc[q]) }
                    }
                }
                for q in 0..<w { out[c * w + q] = out[c * w + q] + acc[q] }
            }
        }
        return out
    }

    /// `xp.sum(resp, axis=0)`: a running sum down the rows (pairwise for one column).
    func columnSums(_ r: UnsafePointer<Double>) -> [Double] {
        if k == 1 { return [NumpyMath.pairwiseSum(r, count: n, stride: 1)] }
        var s = [Double](repeating: 0, count: k)
        for c in 0..<k { s[c] = r[c] }
        for i in 1..<max(n, 1) { for c in 0..<k { s[c] = s[c] + r[i * k + c] } }
        return s
    }

    /// `_estimate_gaussian_parameters(X, resp, reg_covar, covariance_type)`: nk, means, covariances.
    func estimateParameters(_ resp: UnsafePointer<Double>) -> (nk: [Double], means: [Double], covariances: [Double]) {
        let n = self.n, d = self.d, k = self.k
        let epsilon10 = 10 * Double.ulpOfOne
        var nk = columnSums(resp)
        for c in 0..<k { nk[c] = nk[c] + epsilon10 }
        // means = (resp.T @ X) / nk[:, None], per component in parallel when gemm is used.
        var products = [Double](repeating: 0, count: k * d)
        if k == 1 || d == 1 {
            products = transposedProduct(resp, x, w: d, components: 0..<k)
        } else {
            let partial = ParallelSlots<[Double]>(count: k)
            let r = SharedPointer(resp)
            Parallelism.run(tasks: k, threads: threads) { c in
                partial[c] = self.transposedProduct(r.base, self.x, w: d, components: c..<(c + 1))
            }
            for c in 0..<k { for f in 0..<d { products[c * d + f] = partial[c][c * d + f] } }
        }
        var means = products
        for c in 0..<k { for f in 0..<d { means[c * d + f] = products[c * d + f] / nk[c] } }

        var covariances: [Double]
        switch type {
        case .full:
            let parts = ParallelSlots<[Double]>(count: k)
            let m = means, counts = nk
            let r = SharedPointer(resp)
            Parallelism.run(tasks: k, threads: threads) { c in
                parts[c] = self.fullCovariance(r.base, component: c, mean: Array(m[(c * d)..<((c + 1) * d)]), nk: counts[c])
            }
            covariances = []
            covariances.reserveCapacity(k * d * d)
            for c in 0..<k { covariances.append(contentsOf: parts[c]) }
        case .tied:
            // avg_means2 = (nk * means.T) @ means: an FMA chain over the components.
            var avgMeans2 = [Double](repeating: 0, count: d * d)
            for f in 0..<d {
                for h in 0..<d {
                    var acc = 0.0
                    for c in 0..<k { acc = acc.addingProduct(nk[c] * means[c * d + f], means[c * d + h]) }
                    avgMeans2[f * d + h] = acc
                }
            }
            let total = NumpyMath.pairwiseSum(nk)
            covariances = [Double](repeating: 0, count: d * d)
            for q in 0..<(d * d) { covariances[q] = (gram[q] - avgMeans2[q]) / total }
            for f in 0..<d { covariances[f * d + f] = covariances[f * d + f] + regCovar }
        case .diag, .spherical:
            let squares: [Double]
            if let sq = xSquared {
                squares = diagSquares(resp, sq)
            } else {
                // spherical: X * X on the fly (the same products numpy forms)
                let sq = UnsafeMutablePointer<Double>.allocate(capacity: n * d)
                defer { sq.deallocate() }
                for i in 0..<(n * d) { sq[i] = x[i] * x[i] }
                squares = diagSquares(resp, sq)
            }
            var diag = [Double](repeating: 0, count: k * d)
            for c in 0..<k {
                for f in 0..<d {
                    let avgX2 = squares[c * d + f] / nk[c]
                    let m = means[c * d + f]
                    diag[c * d + f] = (avgX2 - m * m) + regCovar
                }
            }
            if type == .diag {
                covariances = diag
            } else {
                covariances = (0..<k).map { c in
                    diag.withUnsafeBufferPointer { NumpyMath.pairwiseSum($0.baseAddress! + c * d, count: d, stride: 1) } / Double(d)
                }
            }
        }
        return (nk, means, covariances)
    }

    /// `resp.T @ (X * X)`, per component in parallel when gemm is used.
    func diagSquares(_ resp: UnsafePointer<Double>, _ sq: UnsafePointer<Double>) -> [Double] {
        if k == 1 || d == 1 { return transposedProduct(resp, sq, w: d, components: 0..<k) }
        let partial = ParallelSlots<[Double]>(count: k)
        let r = SharedPointer(resp), s = SharedPointer(sq)
        Parallelism.run(tasks: k, threads: threads) { c in
            partial[c] = self.transposedProduct(r.base, s.base, w: self.d, components: c..<(c + 1))
        }
        var out = [Double](repeating: 0, count: k * d)
        for c in 0..<k { for f in 0..<d { out[c * d + f] = partial[c][c * d + f] } }
        return out
    }

    /// `((resp[:, c] * diff.T) @ diff) / nk[c]` plus `reg_covar` on the diagonal, with
    /// `diff = X - means[c]` (dgemm NN: one FMA chain per entry over the samples).
    func fullCovariance(_ resp: UnsafePointer<Double>, component c: Int, mean: [Double], nk: Double) -> [Double] {
        let n = self.n, d = self.d, k = self.k
        var cov = [Double](repeating: 0, count: d * d)
        if d == 1 {
            let a = UnsafeMutablePointer<Double>.allocate(capacity: n)
            let diff = UnsafeMutablePointer<Double>.allocate(capacity: n)
            defer { a.deallocate(); diff.deallocate() }
            for i in 0..<n {
                diff[i] = x[i] - mean[0]
                a[i] = resp[i * k + c] * diff[i]
            }
            cov[0] = OpenBLASOrder.ddot(a, 1, diff, 1, n)
        } else {
            let blocks = OpenBLASOrder.gemmUsesSmallKernel(m: d, n: d, k: n) ? [0..<n] : OpenBLASOrder.gemmBlocks(n)
            let acc = UnsafeMutablePointer<Double>.allocate(capacity: d * d + 2 * d)
            defer { acc.deallocate() }
            let diff = acc + d * d, weighted = diff + d
            let rc = resp + c
            for b in blocks {
                if d == 2 {
                    let m0 = mean[0], m1 = mean[1]
                    var a00 = 0.0, a01 = 0.0, a10 = 0.0, a11 = 0.0
                    for i in b {
                        let r = rc[i * k]
                        let d0 = x[2 * i] - m0, d1 = x[2 * i + 1] - m1
                        let w0 = r * d0, w1 = r * d1
                        a00 = OpenBLASOrder.fusedMultiplyAdd(d0, w0, a00)
                        a01 = OpenBLASOrder.fusedMultiplyAdd(d1, w0, a01)
                        a10 = OpenBLASOrder.fusedMultiplyAdd(d0, w1, a10)
                        a11 = OpenBLASOrder.fusedMultiplyAdd(d1, w1, a11)
                    }
                    acc[0] = a00; acc[1] = a01; acc[2] = a10; acc[3] = a11
                } else {
                    for q in 0..<(d * d) { acc[q] = 0 }
                    for i in b {
                        let r = rc[i * k]
                        for f in 0..<d {
                            diff[f] = x[i * d + f] - mean[f]
                            weighted[f] = r * diff[f]
                        }
                        for f in 0..<d {
                            for h in 0..<d { acc[f * d + h] = OpenBLASOrder.fusedMultiplyAdd(diff[h], weighted[f], acc[f * d + h]) }
                        }
                    }
                }
                for q in 0..<(d * d) { cov[q] = cov[q] + acc[q] }
            }
        }
        for q in 0..<(d * d) { cov[q] = cov[q] / nk }
        for f in 0..<d { cov[f * d + f] = cov[f * d + f] + regCovar }
        return cov
    }

    /// `_compute_precision_cholesky`: the transposed inverse of each covariance's lower Cholesky
    /// factor (full, tied), or `1 / sqrt(cov)` (diag, spherical).
    /// - Throws: `ClusteringError.illDefinedCovariance` when a covariance is not positive definite.
    func precisionCholesky(_ covariances: [Double]) throws -> [Double] {
        let d = self.d
        switch type {
        case .full, .tied:
            let count = type == .full ? k : 1
            var out = [Double](repeating: 0, count: count * d * d)
            for c in 0..<count {
                let cov = Array(covariances[(c * d * d)..<((c + 1) * d * d)])
                guard cov.allSatisfy({ $0.isFinite }), let l = SmallMatrix.cholesky(cov, d) else {
                    throw ClusteringError.illDefinedCovariance
                }
                let inverse = SmallMatrix.lowerInverse(l, d)
                for a in 0..<d { for b in 0..<d { out[c * d * d + a * d + b] = inverse[b * d + a] } }
            }
            return out
        case .diag, .spherical:
            if covariances.contains(where: { $0 <= 0 }) { throw ClusteringError.illDefinedCovariance }
            return covariances.map { 1.0 / $0.squareRoot() }
        }
    }
}

/// Per-task result slots for `Parallelism.run`: each task writes only its own slot.
final class ParallelSlots<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    private let count: Int
    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer<T?>.allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }
    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
    subscript(i: Int) -> T {
        get { base[i]! }
        set { base[i] = newValue }
    }
}
