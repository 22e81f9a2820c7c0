/// `X @ T` as numpy 2.4.6's `np.dot` computes it through OpenBLAS (SkylakeX kernels).
///
/// For `n ≥ 2` rows and `m ≥ 2` output columns numpy calls dgemm, whose elements are an FMA
/// chain over the inner index in order (specification §4.1): `s = x₀·T₀ⱼ`, then
/// `s = fma(xₖ, Tₖⱼ, s)` — for two features `fma(x₁, T₁ⱼ, x₀·T₀ⱼ)`. This was checked bit for bit
/// against numpy for 2…15 features. A single output column (`m = 1`) goes through dgemv instead,
/// whose order is reproduced for up to 3 features (§4.2: `fma(x₀, t₀, x₁·t₁)`,
/// `fma(x₂, t₂, fma(x₀, t₀, x₁·t₁))`); one row with up to 3 features is the chain again.
/// Wider single-column or single-row products and more than 15 features use the chain too, but
/// numpy's kernels there group the terms differently, so the last bit can differ.
///
/// - Parameters:
///   - x: the data, `n × d`.
///   - t: the matrix, `d × m`.
/// - Returns: the `n × m` product.
/// - Throws: `ClusteringError.mismatchedRowLength` when `t.rows != x.columns`, `.emptyData` for an
///   empty `t`, `.nonFiniteValue` for NaN or infinite entries of `t`.
public func linearTransform(_ x: DataMatrix, by t: DataMatrix) throws -> DataMatrix {
    guard t.rows > 0, t.columns > 0 else { throw ClusteringError.emptyData }
    guard t.rows == x.columns else {
        throw ClusteringError.mismatchedRowLength(row: 0, expected: x.columns, actual: t.rows)
    }
    for (i, v) in t.values.enumerated() where !v.isFinite {
        throw ClusteringError.nonFiniteValue(row: i / t.columns, column: i % t.columns)
    }
    let n = x.rows, d = x.columns, m = t.columns
    var out = [Double](repeating: 0, count: n * m)
    let gemv = m == 1 && n >= 2 && d <= 3
    x.values.withUnsafeBufferPointer { xv in
        t.values.withUnsafeBufferPointer { tv in
            for i in 0..<n {
                let row = xv.baseAddress! + i * d
                for j in 0..<m {
                    if gemv {
                        switch d {
                        case 1: out[i] = row[0] * tv[0]
                        case 2: out[i] = (row[1] * tv[1]).addingProduct(row[0], tv[0])
                        default: out[i] = ((row[1] * tv[1]).addingProduct(row[0], tv[0])).addingProduct(row[2], tv[2])
                        }
                    } else {
                        var s = row[0] * tv[j]
                        var k = 1
                        while k < d {
                            s = s.addingProduct(row[k], tv[k * m + j])
                            k += 1
                        }
                        out[i * m + j] = s
                    }
                }
            }
        }
    }
    return DataMatrix(uncheckedRows: n, columns: m, values: out)
}

/// scikit-learn's `StandardScaler()` (with mean and standard deviation), fitted and applied to the
/// same data.
public struct StandardScaler: Sendable {
    /// Creates a scaler with scikit-learn's defaults.
    public init() {}

    /// `StandardScaler().fit_transform(x)`, bit for bit.
    ///
    /// Per column (`_incremental_mean_and_var` from a fresh scaler): `s = Σx` down the rows
    /// (numpy's pairwise sum when there is a single column, which is then contiguous),
    /// `mean = (0 + s) / n`; `d = x − s / n`, `var = (Σd² − (Σd)² / n) / n` (the corrected
    /// two-pass formula, sums in the same order); `scale = sqrt(var)`, or 1 for a column
    /// scikit-learn considers constant (`var ≤ n·ε·var + (n·mean·ε)²`); `x' = (x − mean) / scale`.
    /// A constant column therefore becomes `x − mean`, which is 0 or a rounding-error-sized value.
    /// - Throws: `ClusteringError.emptyData` or `.nonFiniteValue` (scikit-learn would skip NaNs).
    public func fitTransform(_ x: DataMatrix) throws -> StandardScaling {
        try x.validateNonEmptyFinite()
        let n = x.rows, d = x.columns
        let count = Double(n)
        let epsilon = Double.ulpOfOne
        var mean = [Double](repeating: 0, count: d)
        var variance = [Double](repeating: 0, count: d)
        var scale = [Double](repeating: 1, count: d)
        var out = x.values
        x.values.withUnsafeBufferPointer { v in
            var sums = [Double](repeating: 0, count: d)
            var corrections = [Double](repeating: 0, count: d)
            var squares = [Double](repeating: 0, count: d)
            if d == 1 {
                sums[0] = NumpyMath.pairwiseSum(v.baseAddress, count: n, stride: 1)
                let t = sums[0] / count
                let diffs = v.map { $0 - t }
                corrections[0] = NumpyMath.pairwiseSum(diffs)
                squares[0] = NumpyMath.pairwiseSum(diffs.map { $0 * $0 })
            } else {
                for f in 0..<d { sums[f] = v[f] }
                for i in 1..<n { for f in 0..<d { sums[f] = sums[f] + v[i * d + f] } }
                let t = sums.map { $0 / count }
                for f in 0..<d {
                    let q = v[f] - t[f]
                    corrections[f] = q
                    squares[f] = q * q
                }
                for i in 1..<n {
                    for f in 0..<d {
                        let q = v[i * d + f] - t[f]
                        corrections[f] = corrections[f] + q
                        squares[f] = squares[f] + q * q
                    }
                }
            }
            for f in 0..<d {
                mean[f] = (0.0 + sums[f]) / count
                let unnormalized = squares[f] - corrections[f] * corrections[f] / count
                variance[f] = unnormalized / count
                let bound = (count * epsilon) * variance[f] + ((count * mean[f]) * epsilon) * ((count * mean[f]) * epsilon)
                scale[f] = variance[f] <= bound ? 1.0 : variance[f].squareRoot()
            }
        }
        for i in 0..<n {
            for f in 0..<d { out[i * d + f] = (out[i * d + f] - mean[f]) / scale[f] }
        }
        return StandardScaling(
            points: DataMatrix(uncheckedRows: n, columns: d, values: out), mean: mean, variance: variance, scale: scale)
    }
}

/// The result of `StandardScaler.fitTransform`: the scaled points and the fitted parameters, so
/// tables can show values in the original units (`x = x' · scale + mean`).
public struct StandardScaling: Sendable, Equatable {
    /// The standardised points.
    public var points: DataMatrix
    /// The column means (`mean_`).
    public var mean: [Double]
    /// The column variances, ddof 0 (`var_`).
    public var variance: [Double]
    /// The divisors used (`scale_`): the standard deviations, 1 for constant columns.
    public var scale: [Double]
}

/// scikit-learn's `MinMaxScaler(feature_range=(low, high))` (no clipping), fitted and applied to
/// the same data.
public struct MinMaxScaler: Sendable {
    /// The target range of every column.
    public let featureRange: (low: Double, high: Double)

    /// Creates a scaler for the given target range (scikit-learn's default `(0, 1)`).
    public init(featureRange: (low: Double, high: Double) = (0, 1)) {
        self.featureRange = featureRange
    }

    /// `MinMaxScaler(feature_range).fit_transform(x)`, bit for bit.
    ///
    /// Per column (`sklearn/preprocessing/_data.py`): `range = max − min`;
    /// `scale = (high − low) / range`, with `range` replaced by 1 when it is below `10·ε`
    /// (`_handle_zeros_in_scale`); `offset = low − min · scale`; `x' = x · scale + offset`.
    /// - Throws: `ClusteringError.emptyData`, `.nonFiniteValue`, `.invalidArgument` unless
    ///   `low < high` (both finite).
    public func fitTransform(_ x: DataMatrix) throws -> MinMaxScaling {
        let (low, high) = featureRange
        guard low.isFinite, high.isFinite, low < high else {
            throw ClusteringError.invalidArgument(
                name: "featureRange", reason: "the minimum must be finite and smaller than the maximum, got (\(low), \(high))")
        }
        try x.validateNonEmptyFinite()
        let n = x.rows, d = x.columns
        var dataMin = Array(x.values[0..<d]), dataMax = dataMin
        for i in 1..<n {
            for f in 0..<d {
                let v = x.values[i * d + f]
                if v < dataMin[f] { dataMin[f] = v }
                if v > dataMax[f] { dataMax[f] = v }
            }
        }
        var dataRange = [Double](repeating: 0, count: d)
        var scale = [Double](repeating: 0, count: d)
        var offset = [Double](repeating: 0, count: d)
        for f in 0..<d {
            dataRange[f] = dataMax[f] - dataMin[f]
            let divisor = dataRange[f] < 10 * Double.ulpOfOne ? 1.0 : dataRange[f]
            scale[f] = (high - low) / divisor
            offset[f] = low - dataMin[f] * scale[f]
        }
        var out = x.values
        for i in 0..<n {
            for f in 0..<d { out[i * d + f] = out[i * d + f] * scale[f] + offset[f] }
        }
        return MinMaxScaling(
            points: DataMatrix(uncheckedRows: n, columns: d, values: out),
            dataMin: dataMin, dataMax: dataMax, dataRange: dataRange, scale: scale, offset: offset)
    }
}

/// The result of `MinMaxScaler.fitTransform`: the scaled points and the fitted parameters.
public struct MinMaxScaling: Sendable, Equatable {
    /// The scaled points.
    public var points: DataMatrix
    /// The column minima (`data_min_`).
    public var dataMin: [Double]
    /// The column maxima (`data_max_`).
    public var dataMax: [Double]
    /// `dataMax − dataMin` per column (`data_range_`).
    public var dataRange: [Double]
    /// The factor per column (`scale_`).
    public var scale: [Double]
    /// The offset added after scaling (`min_`).
    public var offset: [Double]
}
