/// The per-component terms of `_estimate_log_gaussian_prob` that do not depend on the sample,
/// computed once per E-step in numpy's order.
struct MixtureTerms: @unchecked Sendable {
    /// full: k × d × d; tied: d × d (`precisions_cholesky_`); diag: k × d precisions; spherical: k.
    var precision: [Double]
    /// full / tied: `mu @ prec_chol` (k × d); diag: `means * precisions` (k × d); spherical: `means`.
    var shifted: [Double]
    /// diag: `sum(means**2 * precisions, axis=1)`; spherical: `sum(means**2, axis=1) * precisions`.
    var constant: [Double]
    /// `_compute_log_det_cholesky`.
    var logDet: [Double]
    /// `log(weights_)`.
    var logWeights: [Double]
}

/// What an E-step pass writes, per sample.
struct EStepOutputs {
    /// `exp(log_resp)` (n × k), or nil.
    var responsibilities: UnsafeMutablePointer<Double>?
    /// `log_prob_norm` (n), or nil.
    var logProbNorm: UnsafeMutablePointer<Double>?
    /// `argmax(weighted_log_prob, axis=1)` (n), or nil.
    var labels: UnsafeMutablePointer<Int>?
}

extension MixtureEngine {
    /// The sample-independent terms for `params`.
    func terms(_ params: MixtureParameters) -> MixtureTerms {
        let d = self.d, k = self.k
        let t = SVML.tables
        let pc = params.precisionsCholesky
        var shifted = [Double](repeating: 0, count: k * d)
        var constant = [Double](repeating: 0, count: k)
        var logDet = [Double](repeating: 0, count: k)
        var precision = pc
        func rowSum(_ a: [Double], _ row: Int, _ width: Int) -> Double {
            a.withUnsafeBufferPointer { NumpyMath.pairwiseSum($0.baseAddress! + row * width, count: width, stride: 1) }
        }
        switch type {
        case .full, .tied:
            pc.withUnsafeBufferPointer { p in
                params.means.withUnsafeBufferPointer { m in
                    shifted.withUnsafeMutableBufferPointer { s in
                        for c in 0..<k {
                            // mu @ prec_chol: dgemv_n on the column-major view of prec_chol
                            let pm = p.baseAddress! + (type == .full ? c * d * d : 0)
                            OpenBLASOrder.gemvN(m: d, n: d, alpha: 1, a: pm, lda: d, x: m.baseAddress! + c * d, incx: 1, y: s.baseAddress! + c * d)
                        }
                    }
                }
            }
            if type == .full {
                let logs = (0..<(k * d)).map { q in SVML.log(pc[(q / d) * d * d + (q % d) * (d + 1)], t) }
                for c in 0..<k { logDet[c] = rowSum(logs, c, d) }
            } else {
                let logs = (0..<d).map { f in SVML.log(pc[f * (d + 1)], t) }
                let value = NumpyMath.pairwiseSum(logs)
                for c in 0..<k { logDet[c] = value }
            }
        case .diag:
            precision = pc.map { $0 * $0 }
            var weighted = [Double](repeating: 0, count: k * d)
            for q in 0..<(k * d) {
                let m = params.means[q]
                weighted[q] = (m * m) * precision[q]
                shifted[q] = m * precision[q]
            }
            let logs = pc.map { SVML.log($0, t) }
            for c in 0..<k {
                constant[c] = rowSum(weighted, c, d)
                logDet[c] = rowSum(logs, c, d)
            }
        case .spherical:
            precision = pc.map { $0 * $0 }
            shifted = params.means
            let squares = params.means.map { $0 * $0 }
            for c in 0..<k {
                constant[c] = rowSum(squares, c, d) * precision[c]
                logDet[c] = Double(d) * SVML.log(pc[c], t)
            }
        }
        return MixtureTerms(
            precision: precision, shifted: shifted, constant: constant, logDet: logDet,
            logWeights: params.weights.map { SVML.log($0, t) })
    }

    /// Offsets of the packed `MixtureTerms` arrays (see `pack`).
    var packedOffsets: (Int, Int, Int, Int, Int) {
        let p = type == .full ? k * d * d : type == .tied ? d * d : type == .diag ? k * d : k
        return (0, p, p + k * d, p + k * d + k, p + k * d + 2 * k)
    }

    func pack(_ t: MixtureTerms) -> [Double] { t.precision + t.shifted + t.constant + t.logDet + t.logWeights }

    /// One pass of `_estimate_log_prob_resp` over all samples (fixed row ranges in parallel).
    func eStep(_ params: MixtureParameters, _ outputs: EStepOutputs) {
        let packed = pack(terms(params))
        let ranges = rowRanges
        let threads = self.threads
        packed.withUnsafeBufferPointer { pb in
            rowNorms.withUnsafeBufferPointer { rn in
                let kernel = RowKernel(engine: self, terms: pb.baseAddress!, rowNorms: rn.baseAddress, outputs: outputs)
                Parallelism.run(tasks: ranges.count, threads: threads) { task in kernel.run(ranges[task]) }
            }
        }
    }
}

/// The E-step's per-sample arithmetic with every invariant hoisted into plain pointers (no class
/// or array accesses in the loop), in numpy's operation order.
struct RowKernel: @unchecked Sendable {
    let n: Int, d: Int, k: Int
    let type: GaussianMixture.CovarianceType
    let x: UnsafePointer<Double>
    let xSquared: UnsafePointer<Double>?
    let rowNorms: UnsafePointer<Double>?
    let precision: UnsafePointer<Double>, shifted: UnsafePointer<Double>, constant: UnsafePointer<Double>
    let logDet: UnsafePointer<Double>, logWeights: UnsafePointer<Double>
    let logNormalizer: Double
    let outputs: EStepOutputs

    init(engine e: MixtureEngine, terms: UnsafePointer<Double>, rowNorms: UnsafePointer<Double>?, outputs: EStepOutputs) {
        n = e.n; d = e.d; k = e.k; type = e.type
        x = UnsafePointer(e.x)
        xSquared = e.xSquared.map { UnsafePointer($0) }
        self.rowNorms = rowNorms
        let (p, s, c, l, w) = e.packedOffsets
        precision = terms + p; shifted = terms + s; constant = terms + c; logDet = terms + l; logWeights = terms + w
        logNormalizer = e.logNormalizer
        self.outputs = outputs
    }

    /// One element of `X @ V.T` (diag, spherical): dgemv_t for one component, the column-by-row
    /// loop for one feature, otherwise the gemm FMA chain over the features.
    @inline(__always)
    func rowDot(_ xi: UnsafePointer<Double>, _ v: UnsafePointer<Double>) -> Double {
        if k == 1 { return OpenBLASOrder.gemvTRow(xi, v, d) }
        if d == 1 { return xi[0] * v[0] }
        return OpenBLASOrder.chain(xi, 1, v, 1, d)
    }

    /// numpy's row sum of `count` values (sequential below 8, pairwise above).
    @inline(__always)
    static func rowSum(_ y: UnsafePointer<Double>, _ count: Int) -> Double {
        if count >= 8 { return NumpyMath.pairwiseSum(y, count: count, stride: 1) }
        var s = y[0]
        for f in 1..<max(count, 1) { s = s + y[f] }
        return s
    }

    /// `_estimate_weighted_log_prob` for sample `i` into `out[0..<k]`.
    @inline(__always)
    func weightedLogProb(_ i: Int, _ out: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        let d = self.d, k = self.k
        let xi = x + i * d
        for c in 0..<k {
            var lp: Double
            switch type {
            case .full, .tied:
                let p = precision + (type == .full ? c * d * d : 0)
                let mu = shifted + c * d
                if d == 2 {
                    // (X @ prec_chol) - (mu @ prec_chol), squared and summed; the gemm chain
                    // starts from +0 (fma(x, p, +0) = x·p + 0) and prec_chol[1][0] is an exact 0.
                    var a0 = xi[0] * p[0] + 0.0, a1 = xi[0] * p[1] + 0.0
                    if p[2] != 0 { a0 = a0.addingProduct(xi[1], p[2]) }
                    if p[3] != 0 { a1 = a1.addingProduct(xi[1], p[3]) }
                    let v0 = a0 - mu[0], v1 = a1 - mu[1]
                    lp = v0 * v0 + v1 * v1
                } else {
                    for f in 0..<d {
                        // the zeros below prec_chol's diagonal leave the chain unchanged
                        var acc = xi[0] * p[f] + 0.0
                        for g in 1..<max(d, 1) where p[g * d + f] != 0 { acc = acc.addingProduct(xi[g], p[g * d + f]) }
                        let v = acc - mu[f]
                        y[f] = v * v
                    }
                    lp = RowKernel.rowSum(y, d)
                }
            case .diag:
                let g1 = rowDot(xi, shifted + c * d)
                let g2 = rowDot(xSquared! + i * d, precision + c * d)
                lp = (constant[c] - 2.0 * g1) + g2
            case .spherical:
                let p = precision[c]
                let g = rowDot(xi, shifted + c * d)
                lp = (constant[c] - 2 * (g * p)) + rowNorms![i] * p
            }
            out[c] = ((-0.5 * (logNormalizer + lp)) + logDet[c]) + logWeights[c]
        }
    }

    /// scikit-learn's `_logsumexp` over one row of k values (`scipy.special.logsumexp`'s scheme):
    /// the maxima are excluded and counted, the rest shifted by the maximum, exponentiated and summed
    /// (numpy's pairwise order), divided by the count; `log1p(s) + log(m) + max`. `scratch` keeps
    /// `exp(w - max)` (0 at the maxima).
    @inline(__always)
    static func logSumExp(_ w: UnsafePointer<Double>, _ k: Int, _ scratch: UnsafeMutablePointer<Double>, _ t: SVML.Tables) -> (value: Double, top: Double) {
        var top = w[0]
        if k > 1 { for c in 1..<k where w[c] > top || w[c].isNaN { top = w[c]; if top.isNaN { break } } }
        let shift = top.isFinite ? top : 0
        var count = 0.0
        for c in 0..<k {
            if w[c] == top {
                count += 1
                scratch[c] = 0  // exp(-inf)
            } else {
                scratch[c] = SVML.exp(w[c] - shift, t)
            }
        }
        var s = rowSum(scratch, k)
        if s != 0 { s = s / count }
        return ((SVML.log1p(s, t) + SVML.log(count, t)) + top, top)
    }

    func run(_ range: Range<Int>) {
        let k = self.k
        let t = SVML.tables
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: 2 * k + d)
        defer { buffer.deallocate() }
        let wlp = buffer, scratch = buffer + k, y = buffer + 2 * k
        let resp = outputs.responsibilities, norm = outputs.logProbNorm, labels = outputs.labels
        for i in range {
            weightedLogProb(i, wlp, y)
            if let labels {
                // argmax: the first maximum (the first NaN, as numpy)
                var best = 0
                if !wlp[0].isNaN {
                    for c in 1..<max(k, 1) where wlp[c] > wlp[best] || wlp[c].isNaN {
                        best = c
                        if wlp[c].isNaN { break }
                    }
                }
                labels[i] = best
            }
            guard resp != nil || norm != nil else { continue }
            let (lpn, top) = RowKernel.logSumExp(wlp, k, scratch, t)
            norm?[i] = lpn
            if let resp {
                if lpn == top && top.isFinite {
                    // log_prob_norm equals the maximum (the other terms are below its last place):
                    // exp(w - lpn) is the exp(w - max) already computed, and 1 at the maximum.
                    for c in 0..<k { resp[i * k + c] = wlp[c] == top ? 1 : scratch[c] }
                } else {
                    for c in 0..<k { resp[i * k + c] = SVML.exp(wlp[c] - lpn, t) }
                }
            }
        }
    }
}
