#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Points with the generator's class of each point: the output of `makeMoons` and `makeCircles`.
///
/// (`Blobs` is not reused because these generators have no centres to report.)
public struct ToyDataset: Sendable, Equatable {
    /// The samples, one per row (`X`, two columns).
    public var points: DataMatrix
    /// The generator's class of each sample (`y`): 0 for the outer moon / circle, 1 for the inner.
    public var labels: [Int]
}

/// scikit-learn's `make_moons`, reproduced bit for bit.
///
/// `samples / 2` points go to the outer moon (`cos t`, `sin t` for `t = linspace(0, π, m)`, end
/// point included) and the rest — one more for odd counts — to the inner moon
/// (`1 − cos t`, `(1 − sin t) − 0.5`). Then, drawing from one `RandomState(seed)`: the rows are
/// shuffled (a `RandomState.shuffle` of `arange(n)`, then a gather) and, when `noise` is given,
/// `normal(scale: noise, size: (n, 2))` is added element by element in row-major order.
///
/// - Parameters:
///   - samples: the total number of points, at least 1.
///   - shuffle: whether to shuffle the rows (scikit-learn's default `true`).
///   - noise: the standard deviation of the Gaussian noise, or `nil` for none. `nil` draws nothing;
///     `0` still draws (and adds `+0.0`, which turns `−0.0` coordinates into `+0.0`).
///   - seed: the `random_state`, 0…2³²−1 (used only when shuffling or adding noise, but always checked).
/// - Throws: `ClusteringError.invalidSampleCount`, `.invalidStandardDeviation`, `.seedOutOfRange`.
public func makeMoons(samples: Int = 100, shuffle: Bool = true, noise: Double? = nil, seed: Int) throws -> ToyDataset {
    guard samples >= 1 else { throw ClusteringError.invalidSampleCount(samples) }
    if let s = noise, !(s >= 0 && s.isFinite) { throw ClusteringError.invalidStandardDeviation(s) }
    var rs = try RandomState(seed: seed)
    let outer = samples / 2, inner = samples - outer
    let tOuter = ToyDatasetMath.linspace(stop: Double.pi, count: outer, endpoint: true)
    let tInner = ToyDatasetMath.linspace(stop: Double.pi, count: inner, endpoint: true)
    var xs: [Double] = [], ys: [Double] = []
    xs.reserveCapacity(samples); ys.reserveCapacity(samples)
    for t in tOuter { xs.append(cos(t)); ys.append(sin(t)) }
    // `1 - np.sin(t) - 0.5` evaluates left to right.
    for t in tInner { xs.append(1 - cos(t)); ys.append((1 - sin(t)) - 0.5) }
    return ToyDatasetMath.finish(xs: xs, ys: ys, outer: outer, shuffle: shuffle, noise: noise, rs: &rs)
}

/// scikit-learn's `make_circles`, reproduced bit for bit.
///
/// `samples / 2` points go to the outer circle (`cos t`, `sin t` for
/// `t = linspace(0, 2π, m, endpoint: false)`) and the rest — one more for odd counts — to the
/// inner circle (`cos t · factor`, `sin t · factor`; with `factor` 0 these are `−0.0` where the
/// cosine or sine is negative). Shuffle and noise as in `makeMoons`.
///
/// - Parameters:
///   - samples: the total number of points, at least 1 (scikit-learn also accepts 0).
///   - shuffle: whether to shuffle the rows.
///   - noise: the standard deviation of the Gaussian noise, or `nil` for none (see `makeMoons`).
///   - factor: the inner circle's radius relative to the outer one, `0 ≤ factor < 1`.
///   - seed: the `random_state`, 0…2³²−1.
/// - Throws: `ClusteringError.invalidSampleCount`, `.invalidStandardDeviation`, `.seedOutOfRange`,
///   `.invalidArgument` for a factor outside `[0, 1)`.
public func makeCircles(
    samples: Int = 100, shuffle: Bool = true, noise: Double? = nil, factor: Double = 0.8, seed: Int
) throws -> ToyDataset {
    guard samples >= 1 else { throw ClusteringError.invalidSampleCount(samples) }
    if let s = noise, !(s >= 0 && s.isFinite) { throw ClusteringError.invalidStandardDeviation(s) }
    guard factor >= 0, factor < 1 else {
        throw ClusteringError.invalidArgument(name: "factor", reason: "must be in [0, 1), got \(factor)")
    }
    var rs = try RandomState(seed: seed)
    let outer = samples / 2, inner = samples - outer
    // `2 * np.pi` is an exact doubling.
    let tOuter = ToyDatasetMath.linspace(stop: 2 * Double.pi, count: outer, endpoint: false)
    let tInner = ToyDatasetMath.linspace(stop: 2 * Double.pi, count: inner, endpoint: false)
    var xs: [Double] = [], ys: [Double] = []
    xs.reserveCapacity(samples); ys.reserveCapacity(samples)
    for t in tOuter { xs.append(cos(t)); ys.append(sin(t)) }
    for t in tInner { xs.append(cos(t) * factor); ys.append(sin(t) * factor) }
    return ToyDatasetMath.finish(xs: xs, ys: ys, outer: outer, shuffle: shuffle, noise: noise, rs: &rs)
}

/// The steps `make_moons` and `make_circles` share.
enum ToyDatasetMath {
    /// `np.linspace(0, stop, count, endpoint)`: `arange(count) * step + 0.0` with
    /// `step = (stop − 0) / div` (`div = count − 1` with the end point, else `count`), the last
    /// value replaced by `stop` when the end point is included; a single end-point sample is `0 · stop`.
    static func linspace(stop: Double, count: Int, endpoint: Bool) -> [Double] {
        guard count > 0 else { return [] }
        let div = endpoint ? count - 1 : count
        let delta = stop - 0.0
        var y: [Double]
        if div > 0 {
            let step = delta / Double(div)
            if step == 0 {
                // numpy's denormal branch (gh-5437): divide first, then multiply.
                y = (0..<count).map { (Double($0) / Double(div)) * delta }
            } else {
                y = (0..<count).map { Double($0) * step }
            }
        } else {
            y = (0..<count).map { Double($0) * delta }
        }
        for i in y.indices { y[i] = y[i] + 0.0 }
        if endpoint && count > 1 { y[count - 1] = stop }
        return y
    }

    /// Stacks the columns, shuffles (`util_shuffle` = `RandomState.shuffle(arange(n))` then a
    /// gather of `X` and `y`) and adds `0.0 + noise · gauss` per element, in row-major order.
    static func finish(
        xs: [Double], ys: [Double], outer: Int, shuffle: Bool, noise: Double?, rs: inout RandomState
    ) -> ToyDataset {
        let n = xs.count
        var order = Array(0..<n)
        if shuffle { rs.shuffle(&order) }
        var values = [Double](repeating: 0, count: 2 * n)
        var labels = [Int](repeating: 0, count: n)
        for (row, source) in order.enumerated() {
            values[2 * row] = xs[source]
            values[2 * row + 1] = ys[source]
            labels[row] = source < outer ? 0 : 1
        }
        if let scale = noise {
            for i in values.indices {
                // `X += generator.normal(scale=noise, size=X.shape)`: legacy_normal is loc + scale·z.
                let draw = 0.0 + scale * rs.standardNormal()
                values[i] = values[i] + draw
            }
        }
        return ToyDataset(points: DataMatrix(uncheckedRows: n, columns: 2, values: values), labels: labels)
    }
}
