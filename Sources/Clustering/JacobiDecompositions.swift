/// Symmetric eigen-decomposition and singular value decomposition by Jacobi rotations.
///
/// LAPACK's `syevd` / `gesdd` (what numpy's `eigh` and scipy's `svd` call) cannot be reproduced
/// bit for bit: their results depend on blocking and on the machine's BLAS. Jacobi methods are
/// simple, deterministic and among the most accurate: eigenvalues and singular values come out
/// with errors of a few units of roundoff relative to the matrix norm (usually better), vectors
/// to about `ε·‖A‖ / gap`. Agreement with LAPACK is therefore ~1e-13 on well-separated spectra.
enum Jacobi {
    /// The eigenvalues (ascending, like LAPACK) and unit eigenvectors (columns of the row-major
    /// d × d `vectors`) of the symmetric row-major d × d matrix `a` (its upper triangle is used).
    /// Cyclic Jacobi with Rutishauser's rotation formulas; stops when every off-diagonal entry is
    /// negligible next to its diagonal entries (or exactly zero).
    static func symmetricEigen(_ a: [Double], _ d: Int) -> (values: [Double], vectors: [Double]) {
        var m = a
        for i in 0..<d { for j in 0..<i { m[i * d + j] = m[j * d + i] } }
        var v = [Double](repeating: 0, count: d * d)
        for i in 0..<d { v[i * d + i] = 1 }
        for sweep in 0..<100 {
            var off = 0.0
            for p in 0..<d { for q in (p + 1)..<max(d, p + 1) { off += m[p * d + q] * m[p * d + q] } }
            if off == 0 { break }
            for p in 0..<d {
                for q in (p + 1)..<max(d, p + 1) {
                    let apq = m[p * d + q]
                    if apq == 0 { continue }
                    let app = m[p * d + p], aqq = m[q * d + q]
                    let g = 100 * abs(apq)
                    // After a few sweeps an entry below the diagonal's resolution is set to zero.
                    if sweep > 3 && abs(app) + g == abs(app) && abs(aqq) + g == abs(aqq) {
                        m[p * d + q] = 0
                        m[q * d + p] = 0
                        continue
                    }
                    let h = aqq - app
                    let t: Double
                    if abs(h) + g == abs(h) {
                        t = apq / h
                    } else {
                        let theta = 0.5 * h / apq
                        t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (1 + theta * theta).squareRoot())
                    }
                    let c = 1 / (1 + t * t).squareRoot()
                    let s = t * c
                    let tau = s / (1 + c)
                    m[p * d + p] = app - t * apq
                    m[q * d + q] = aqq + t * apq
                    m[p * d + q] = 0
                    m[q * d + p] = 0
                    for r in 0..<d where r != p && r != q {
                        let arp = m[r * d + p], arq = m[r * d + q]
                        let newP = arp - s * (arq + tau * arp)
                        let newQ = arq + s * (arp - tau * arq)
                        m[r * d + p] = newP; m[p * d + r] = newP
                        m[r * d + q] = newQ; m[q * d + r] = newQ
                    }
                    for r in 0..<d {
                        let vrp = v[r * d + p], vrq = v[r * d + q]
                        v[r * d + p] = vrp - s * (vrq + tau * vrp)
                        v[r * d + q] = vrq + s * (vrp - tau * vrq)
                    }
                }
            }
        }
        let order = (0..<d).sorted { m[$0 * d + $0] < m[$1 * d + $1] || (m[$0 * d + $0] == m[$1 * d + $1] && $0 < $1) }
        var vectors = [Double](repeating: 0, count: d * d)
        for (j, src) in order.enumerated() { for r in 0..<d { vectors[r * d + j] = v[r * d + src] } }
        return (order.map { m[$0 * d + $0] }, vectors)
    }

    /// The thin SVD of the row-major m × n matrix `a` by one-sided (Hestenes) Jacobi on its
    /// columns (on `aᵀ` when m < n): `a = U · diag(s) · Vt` with k = min(m, n) singular values in
    /// descending order. `us` is `U · diag(s)` (m × k, what PCA's `fit_transform` returns), `vt`
    /// is k × n.
    static func svd(_ a: [Double], rows m: Int, columns n: Int) -> (s: [Double], us: [Double], vt: [Double]) {
        if m < n {
            // aᵀ = U' S V'ᵀ  ⇒  a = V' S U'ᵀ: U = V', Vt = U'ᵀ.
            var t = [Double](repeating: 0, count: m * n)
            for i in 0..<m { for j in 0..<n { t[j * m + i] = a[i * n + j] } }
            let (s, us, vt) = svd(t, rows: n, columns: m)  // us: n × m (U'S), vt: m × m (V'ᵀ)
            let k = m
            var outUS = [Double](repeating: 0, count: m * k)
            var outVt = [Double](repeating: 0, count: k * n)
            for j in 0..<k {
                for i in 0..<m { outUS[i * k + j] = vt[j * m + i] * s[j] }   // V' column j times s_j
                let norm = s[j]
                for c in 0..<n { outVt[j * n + c] = norm > 0 ? us[c * k + j] / norm : 0 }
            }
            return (s, outUS, outVt)
        }
        // Columns of w are rotated until pairwise orthogonal; v accumulates the rotations.
        var w = [Double](repeating: 0, count: m * n)  // column-major: w[j * m + i]
        for i in 0..<m { for j in 0..<n { w[j * m + i] = a[i * n + j] } }
        var v = [Double](repeating: 0, count: n * n)  // column-major
        for j in 0..<n { v[j * n + j] = 1 }
        let tolerance = Double.ulpOfOne * Double(m)
        w.withUnsafeMutableBufferPointer { wb in
            v.withUnsafeMutableBufferPointer { vb in
                for _ in 0..<80 {
                    var rotated = false
                    for p in 0..<n {
                        for q in (p + 1)..<max(n, p + 1) {
                            let cp = wb.baseAddress! + p * m, cq = wb.baseAddress! + q * m
                            var alpha = 0.0, beta = 0.0, gamma = 0.0
                            for i in 0..<m {
                                alpha = alpha.addingProduct(cp[i], cp[i])
                                beta = beta.addingProduct(cq[i], cq[i])
                                gamma = gamma.addingProduct(cp[i], cq[i])
                            }
                            if gamma == 0 || abs(gamma) <= tolerance * (alpha * beta).squareRoot() { continue }
                            rotated = true
                            let zeta = (beta - alpha) / (2 * gamma)
                            let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                            let c = 1 / (1 + t * t).squareRoot()
                            let s = c * t
                            for i in 0..<m {
                                let x = cp[i], y = cq[i]
                                cp[i] = c * x - s * y
                                cq[i] = s * x + c * y
                            }
                            let vp = vb.baseAddress! + p * n, vq = vb.baseAddress! + q * n
                            for i in 0..<n {
                                let x = vp[i], y = vq[i]
                                vp[i] = c * x - s * y
                                vq[i] = s * x + c * y
                            }
                        }
                    }
                    if !rotated { break }
                }
            }
        }
        var norms = [Double](repeating: 0, count: n)
        for j in 0..<n {
            var sum = 0.0
            for i in 0..<m { sum = sum.addingProduct(w[j * m + i], w[j * m + i]) }
            norms[j] = sum.squareRoot()
        }
        let order = (0..<n).sorted { norms[$0] > norms[$1] || (norms[$0] == norms[$1] && $0 < $1) }
        var us = [Double](repeating: 0, count: m * n)
        var vt = [Double](repeating: 0, count: n * n)
        for (j, src) in order.enumerated() {
            for i in 0..<m { us[i * n + j] = w[src * m + i] }
            for c in 0..<n { vt[j * n + c] = v[src * n + c] }
        }
        return (order.map { norms[$0] }, us, vt)
    }
}
