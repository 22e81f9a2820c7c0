/// How scikit-learn's `NearestNeighbors` searches: which of its distance arithmetics a result
/// reproduces.
public enum NeighborAlgorithm: Sendable, Equatable {
    /// scikit-learn's `algorithm='auto'`: the kd-tree rule unless `NearestNeighbors` would switch
    /// to brute force (more than 15 features, or `n_neighbors ≥ n // 2`).
    case auto
    /// The kd-tree's (and ball tree's) arithmetic: `Σ(xᵢ − yᵢ)²` over the features in order,
    /// compared with `eps · eps` (radius queries) or passed through `sqrt` (k nearest neighbours).
    /// (Our own search structure is a uniform grid that applies this test to every candidate.)
    case kdTree
    /// `algorithm='brute'`: scikit-learn's pairwise-distance reduction,
    /// `max(0, (‖x‖² + (−2 x·y)) + ‖y‖²)` with OpenBLAS's `ddot` norms and `dgemm` products.
    case brute

    /// What `auto` resolves to for `samples × features` data and `neighbors` (`n_neighbors`).
    static func resolved(_ requested: NeighborAlgorithm, samples: Int, features: Int, neighbors: Int) -> NeighborAlgorithm {
        guard requested == .auto else { return requested }
        // sklearn/neighbors/_base.py `_fit`: brute for d > 15 or n_neighbors >= n_samples // 2.
        return features > 15 || neighbors >= samples / 2 ? .brute : .kdTree
    }
}

/// The two distance arithmetics of scikit-learn's neighbour searches, operation by operation.
enum NeighborRules {
    /// The kd-tree's `rdist` (`euclidean_rdist` in `sklearn/metrics/_dist_metrics.pxd.tp`):
    /// `tmp = 0; tmp += (x[j] − y[j])²` for j = 0, 1, …, each product and sum rounded (no FMA).
    @inline(__always)
    static func treeRdist(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
        var s = 0.0
        var k = 0
        while k < d {
            let t = a[k] - b[k]
            s = s + t * t
            k += 1
        }
        return s
    }

    /// `_sqeuclidean_row_norms64_dense`: OpenBLAS `ddot(x, x)` (SkylakeX kernel, scipy's build):
    /// 32-value blocks into four 8-lane FMA accumulators, folded to 4 lanes, 16-value blocks, the
    /// lanes combined as `((B0 + B1) + B2) + B3` then `(v0 + v2) + (v1 + v3)`, then the tail as an
    /// FMA chain. Below 16 features this is `x₀·x₀` followed by `fma(xₖ, xₖ, s)`.
    static func ddot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ n: Int) -> Double {
        let n1 = n & ~15
        var dot = 0.0
        if n1 > 0 {
            let n32 = n1 & ~31
            var a = [Double](repeating: 0, count: 32)
            var b = [Double](repeating: 0, count: 16)
            var i = 0
            while i < n32 {
                for q in 0..<32 { a[q] = a[q].addingProduct(x[i + q], y[i + q]) }
                i += 32
            }
            for k in 0..<4 { for l in 0..<4 { b[k * 4 + l] = a[k * 8 + l] + a[k * 8 + l + 4] } }
            while i < n1 {
                for q in 0..<16 { b[q] = b[q].addingProduct(x[i + q], y[i + q]) }
                i += 16
            }
            var v = [Double](repeating: 0, count: 4)
            for l in 0..<4 { v[l] = ((b[l] + b[4 + l]) + b[8 + l]) + b[12 + l] }
            dot = (v[0] + v[2]) + (v[1] + v[3])
        }
        var i = n1
        while i < n {
            dot = dot.addingProduct(x[i], y[i])
            i += 1
        }
        return dot
    }

    /// The squared distance of scikit-learn's Euclidean pairwise-distance reductions
    /// (`EuclideanRadiusNeighbors64`, `EuclideanArgKmin64`): the dgemm middle term
    /// `−2 · (x₀y₀, fma(xₖ, yₖ, s), …)` (alpha applied to the finished FMA chain; exact), then
    /// `(‖x‖² + middle) + ‖y‖²`, clipped at 0.
    @inline(__always)
    static func bruteSquared(
        _ x: UnsafePointer<Double>, _ xNorm: Double, _ y: UnsafePointer<Double>, _ yNorm: Double, _ d: Int
    ) -> Double {
        var s = x[0] * y[0]
        var k = 1
        while k < d {
            s = s.addingProduct(x[k], y[k])
            k += 1
        }
        let v = (xNorm + (-2.0 * s)) + yNorm
        return v > 0 ? v : 0
    }

    /// `ddot(xᵢ, xᵢ)` for every row.
    static func rowNorms(_ x: DataMatrix) -> [Double] {
        let d = x.columns
        return x.values.withUnsafeBufferPointer { v in
            (0..<x.rows).map { i in ddot(v.baseAddress! + i * d, v.baseAddress! + i * d, d) }
        }
    }

    /// A cell size for a grid that can never separate two points the tree rule calls neighbours:
    /// from `rdist ≤ e2` follows `fl((x − y)²) ≤ e2` for every feature, hence
    /// `|x − y| ≤ sqrt(e2 · (1 + 2⁻⁵²) + 2⁻¹⁰⁷⁴) · (1 + 2⁻⁵³)`; the extra relative margin of 2⁻²⁰
    /// covers the rounding of the cell coordinates (`(x − low) / size`, below 2⁻⁵⁰ · cells).
    /// This also holds where `eps · eps` underflows.
    static func safeCellSize(squaredRadius e2: Double) -> Double {
        let bound = (e2 * (1 + 0x1p-50) + 0x1p-1072).squareRoot()
        return bound * (1 + 0x1p-20)
    }
}
