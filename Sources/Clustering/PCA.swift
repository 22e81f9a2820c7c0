/// scikit-learn's `PCA(n_components)` with `svd_solver="auto"`: principal axes, explained
/// variances and the projected coordinates (`fit_transform`).
///
/// Solver choice as scikit-learn's: `covariance_eigh` when n ≥ 10·d and d ≤ 1000 (the covariance
/// `(XᵀX − n·μμᵀ) / (n − 1)` is decomposed, eigenvalues sorted descending and negatives clipped to
/// 0), otherwise the full SVD of the centred data (scipy's `gesdd` semantics) — also where
/// scikit-learn would switch to its randomized solver (max(n, d) > 500 and few components), whose
/// result depends on random draws and is only approximate. Signs follow `svd_flip` with
/// `u_based_decision=False`: the entry of largest magnitude in each component is positive.
///
/// The decompositions are Jacobi methods (LAPACK's are not reproducible bit for bit), so the
/// numbers agree with scikit-learn to about 1e-13 relative on well-separated spectra, not bit for
/// bit; see docs/mixture.md.
///
/// ```swift
/// let scaled = try StandardScaler().fitTransform(x).points
/// let pca = try PCA(components: 2).fit(scaled)
/// pca.projected; pca.components; pca.explainedVarianceRatio
/// ```
public struct PCA: Sendable, Equatable {
    /// The decomposition scikit-learn's `auto` policy picks.
    public enum Solver: String, Sendable, Equatable {
        /// Eigen-decomposition of the d × d covariance (n ≥ 10·d, d ≤ 1000).
        case covarianceEigh = "covariance_eigh"
        /// SVD of the centred n × d data.
        case full
    }

    /// The number of components kept (`n_components`).
    public var componentCount: Int
    /// The number of threads; `nil` means the number of active processors. Does not change results.
    public var threads: Int?

    /// Creates a configuration keeping `components` principal axes.
    public init(components: Int, threads: Int? = nil) {
        componentCount = components
        self.threads = threads
    }

    /// The solver scikit-learn's `auto` policy uses for an n × d input (randomized cases use the
    /// full SVD here).
    public static func solver(rows n: Int, columns d: Int) -> Solver {
        d <= 1000 && n >= 10 * d ? .covarianceEigh : .full
    }

    /// Fits the axes to `data` and projects it (`fit_transform`).
    /// - Throws: `ClusteringError` for empty or non-finite data, fewer than 2 samples, or
    ///   `components` outside 1…min(n, d).
    public func fit(_ data: DataMatrix) throws -> PCAResult {
        try data.validateNonEmptyFinite()
        let n = data.rows, d = data.columns, k = componentCount
        guard n >= 2 else { throw ClusteringError.invalidArgument(name: "data", reason: "PCA needs at least 2 samples, got \(n)") }
        guard k >= 1, k <= min(n, d) else {
            throw ClusteringError.invalidArgument(name: "components", reason: "must be between 1 and min(n_samples, n_features) = \(min(n, d)), got \(k)")
        }
        let threadCount = try Parallelism.resolve(threads)
        let mean = NumpyMath.columnMeans(data)
        let solver = PCA.solver(rows: n, columns: d)
        var variances: [Double]
        var vt: [Double]          // all axes, rows
        var axisCount: Int
        var projectedFull: [Double]? = nil   // U·S (n × axisCount) for the full solver
        var singular: [Double]
        switch solver {
        case .covarianceEigh:
            // C = X.T @ X - n * mean[:, None] * mean[None, :];  C /= n - 1
            var c = PCA.gram(data, threads: threadCount)
            for i in 0..<d { for j in 0..<d { c[i * d + j] = c[i * d + j] - (Double(n) * mean[i]) * mean[j] } }
            for q in 0..<(d * d) { c[q] = c[q] / Double(n - 1) }
            let (values, vectors) = Jacobi.symmetricEigen(c, d)
            axisCount = d
            variances = values.reversed().map { $0 < 0 ? 0 : $0 }
            vt = [Double](repeating: 0, count: d * d)
            for j in 0..<d { for r in 0..<d { vt[j * d + r] = vectors[r * d + (d - 1 - j)] } }
            singular = variances.map { ($0 * Double(n - 1)).squareRoot() }
        case .full:
            var centred = data.values
            for i in 0..<n { for f in 0..<d { centred[i * d + f] = centred[i * d + f] - mean[f] } }
            let (s, us, v) = Jacobi.svd(centred, rows: n, columns: d)
            axisCount = min(n, d)
            singular = s
            variances = s.map { ($0 * $0) / Double(n - 1) }
            vt = v
            projectedFull = us
        }
        // svd_flip(u_based_decision=False): the largest |entry| of each row of Vt becomes positive.
        var signs = [Double](repeating: 1, count: axisCount)
        for j in 0..<axisCount {
            var best = 0
            for c in 1..<max(d, 1) where abs(vt[j * d + c]) > abs(vt[j * d + best]) { best = c }
            let v = vt[j * d + best]
            signs[j] = v > 0 ? 1 : (v < 0 ? -1 : 0)
            for c in 0..<d { vt[j * d + c] = vt[j * d + c] * signs[j] }
        }
        let total = NumpyMath.pairwiseSum(variances)
        let ratios = variances.map { $0 / total }
        let components = DataMatrix(uncheckedRows: k, columns: d, values: Array(vt[0..<(k * d)]))
        let noise = k < min(n, d) ? NumpyMath.pairwiseSum(Array(variances[k...])) / Double(variances.count - k) : 0
        var result = PCAResult(
            solver: solver, components: components, explainedVariance: Array(variances[0..<k]),
            explainedVarianceRatio: Array(ratios[0..<k]), singularValues: Array(singular[0..<k]), mean: mean,
            noiseVariance: noise, projected: DataMatrix(rows: 0, columns: 0), threads: threadCount)
        if let us = projectedFull {
            // fit_transform = U[:, :k] * S[:k] with U's columns flipped like Vt's rows.
            var p = [Double](repeating: 0, count: n * k)
            for i in 0..<n { for j in 0..<k { p[i * k + j] = us[i * axisCount + j] * signs[j] } }
            result.projected = DataMatrix(uncheckedRows: n, columns: k, values: p)
        } else {
            result.projected = result.project(data)
        }
        return result
    }
}

extension PCA {
    /// `X.T @ X` (full, symmetric) with plain multiply-adds: the eigen solver is not bit-exact
    /// anyway, so OpenBLAS's FMA order buys nothing here. Fixed 8192-row blocks summed in parallel,
    /// then added in block order, so the bits do not depend on the thread count.
    static func gram(_ data: DataMatrix, threads: Int) -> [Double] {
        let n = data.rows, d = data.columns
        let blocks = KMeansEngine.fixedRanges(n, size: 8192)
        let partial = ParallelSlots<[Double]>(count: blocks.count)
        data.values.withUnsafeBufferPointer { xb in
            let x = SharedPointer(xb.baseAddress!)
            Parallelism.run(tasks: blocks.count, threads: threads) { b in
                var acc = [Double](repeating: 0, count: d * d)
                acc.withUnsafeMutableBufferPointer { a in
                    for i in blocks[b] {
                        let row = x + i * d
                        for f in 0..<d {
                            let v = row[f]
                            for h in f..<d { a[f * d + h] += v * row[h] }
                        }
                    }
                }
                partial[b] = acc
            }
        }
        var g = [Double](repeating: 0, count: d * d)
        for b in 0..<blocks.count { for q in 0..<(d * d) { g[q] += partial[b][q] } }
        for f in 0..<d { for h in 0..<f { g[f * d + h] = g[h * d + f] } }
        return g
    }
}

/// A fitted PCA: scikit-learn's fitted attributes and the projected training data.
public struct PCAResult: Sendable, Equatable {
    /// The solver used.
    public let solver: PCA.Solver
    /// The principal axes, k × d (`components_`), each of unit length.
    public let components: DataMatrix
    /// The variance along each axis (`explained_variance_`).
    public let explainedVariance: [Double]
    /// The fraction of the total variance along each axis (`explained_variance_ratio_`).
    public let explainedVarianceRatio: [Double]
    /// The singular values of the centred data (`singular_values_`).
    public let singularValues: [Double]
    /// The column means subtracted (`mean_`).
    public let mean: [Double]
    /// The mean variance of the discarded axes (`noise_variance_`).
    public let noiseVariance: Double
    /// The training data in the principal axes, n × k (`fit_transform`).
    public internal(set) var projected: DataMatrix
    /// The thread count for `transform` (never changes a result, so not part of equality).
    let threads: Int

    /// Results are equal when every fitted number is (the thread count is ignored).
    public static func == (a: PCAResult, b: PCAResult) -> Bool {
        a.solver == b.solver && a.components == b.components && a.explainedVariance == b.explainedVariance
            && a.explainedVarianceRatio == b.explainedVarianceRatio && a.singularValues == b.singularValues
            && a.mean == b.mean && a.noiseVariance.bitPattern == b.noiseVariance.bitPattern && a.projected == b.projected
    }

    /// Projects rows onto the axes: `X @ components.T - mean @ components.T` (`transform`).
    /// - Throws: `ClusteringError` for empty or non-finite data or a different number of columns.
    public func transform(_ data: DataMatrix) throws -> DataMatrix {
        try data.validateNonEmptyFinite()
        guard data.columns == components.columns else {
            throw ClusteringError.mismatchedRowLength(row: 0, expected: components.columns, actual: data.columns)
        }
        return project(data)
    }

    /// `transform` of validated data.
    func project(_ data: DataMatrix) -> DataMatrix {
        let d = components.columns, k = components.rows
        var offsets = [Double](repeating: 0, count: k)
        for j in 0..<k {
            var acc = 0.0
            for f in 0..<d { acc += mean[f] * components[j, f] }
            offsets[j] = acc
        }
        let offset = offsets
        var out = [Double](repeating: 0, count: data.rows * k)
        let ranges = KMeansEngine.fixedRanges(data.rows, size: 16_384)
        data.values.withUnsafeBufferPointer { xb in
            components.values.withUnsafeBufferPointer { cb in
                out.withUnsafeMutableBufferPointer { ob in
                    let x = SharedPointer(xb.baseAddress!), c = SharedPointer(cb.baseAddress!)
                    let o = SharedMutablePointer(ob.baseAddress!)
                    Parallelism.run(tasks: ranges.count, threads: threads) { t in
                        for i in ranges[t] {
                            for j in 0..<k {
                                var acc = 0.0
                                for f in 0..<d { acc += x[i * d + f] * c[j * d + f] }
                                o[i * k + j] = acc - offset[j]
                            }
                        }
                    }
                }
            }
        }
        return DataMatrix(uncheckedRows: data.rows, columns: k, values: out)
    }
}
