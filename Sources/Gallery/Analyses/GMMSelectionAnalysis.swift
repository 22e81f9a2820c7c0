import Clustering
import FigureConfig
import Plotting

/// `clustering.gmm_selection` — choosing k for a Gaussian mixture: scikit-learn's `bic(X)` and
/// `aic(X)` of `GaussianMixture(n_components=k, covariance_type=…)` for every k in a range and every
/// covariance type asked for (its model-selection example), the lowest BIC marked.
public struct GMMSelectionSpec: AnalysisSpec {
    /// The component counts.
    public var ks: [Int]
    /// The covariance types compared.
    public var covariances: [GaussianMixture.CovarianceType] = GaussianMixture.CovarianceType.allCases
    /// The mixture's other settings (seed, max_iter, tol, n_init, reg_covar); `k` and `covariance` vary.
    public var base: GMMSpec
    /// Where `gmm_selection:` was written.
    public var location: SourceLocation

    /// The kind.
    public var kind: AnalysisKind { .gmmSelection }

    /// `bic` and `aic` for line layers.
    public var curveNames: [String] { ["bic", "aic"] }

    /// The largest k must not exceed the rows.
    public func check(rows: Int, columns: Int, _ reader: ConfigReader) {
        if let hi = ks.last, hi > rows { reader.fail("k_max = \(hi) is more than the \(rows) data points", at: location, keyPath + ".k_max") }
    }

    /// Every fit at its worst.
    public func workEstimate(rows: Int, columns: Int) -> WorkEstimate? {
        let one = ks.reduce(0.0) { acc, k in
            var s = base
            s.k = k
            return acc + (s.workEstimate(rows: rows, columns: columns)?.operations ?? 0)
        }
        return WorkEstimate(operations: one * Double(covariances.count),
                            keys: "k \(ks.first ?? 0)…\(ks.last ?? 0) × \(covariances.count) covariance types on \(rows) points")
    }

    /// One mixture per (covariance type, k).
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        var bic: [[Double]] = [], aic: [[Double]] = []
        for c in covariances {
            var b: [Double] = [], a: [Double] = []
            for k in ks {
                var s = base
                s.k = k
                s.covariance = c
                let model = try s.mixture(threads: threads).fit(dataset.points)
                b.append(try model.bic(dataset.points))
                a.append(try model.aic(dataset.points))
            }
            bic.append(b)
            aic.append(a)
        }
        return GMMSelection(ks: ks, covariances: covariances, bic: bic, aic: aic)
    }
}

extension AnalysisKind {
    /// `clustering.gmm_selection`.
    public static let gmmSelection = AnalysisKind(
        key: "gmm_selection", summary: "BIC and AIC of Gaussian mixtures for a range of k and each covariance type",
        keys: [
            ConfigKey("k_min", .integer(1...10_000), "the smallest k (default 1)"),
            ConfigKey("k_max", .integer(1...10_000), "the largest k (default 6)"),
            ConfigKey("covariance", .anyOf([.choice(GaussianMixture.CovarianceType.self), .list(.choice(GaussianMixture.CovarianceType.self), count: nil)]),
                      "covariance types compared (default all four)"),
        ] + GMMSpec.keys.filter { $0.name != "k" && $0.name != "covariance" },
        offersCurve: true,
        templateValues: ["best"],
        decode: { m, ctx in
            let lo = m["k_min"].map { $0.int(min: 1, max: 10_000) } ?? 1
            let hi = m["k_max"].map { $0.int(min: 1, max: 10_000) } ?? 6
            guard let lo, let hi else { return nil }
            if lo > hi { ctx.reader.fail("k_min (\(lo)) must not exceed k_max (\(hi))", at: (m["k_min"] ?? m.value).location, m.path("k_min")); return nil }
            if hi - lo > 100 { ctx.reader.fail("at most 101 values of k", at: (m["k_max"] ?? m.value).location, m.path("k_max")); return nil }
            var base = GMMSpec(k: lo, kLocation: m.location, location: m.location)
            base.read(m, withCovariance: false)
            var s = GMMSelectionSpec(ks: Array(lo...hi), base: base, location: m.location)
            if let cv = m["covariance"] {
                if cv.isSequence, let items = cv.items() {
                    let cs = items.compactMap { $0.choice(GaussianMixture.CovarianceType.self) }
                    guard cs.count == items.count, !cs.isEmpty else { if items.isEmpty { cv.fail("needs at least one covariance type") }; return nil }
                    s.covariances = cs
                } else if let c = cv.choice(GaussianMixture.CovarianceType.self) { s.covariances = [c] } else { return nil }
            }
            if let rows = ctx.rows { s.check(rows: rows, columns: ctx.columns ?? 0, ctx.reader) }
            return s
        },
        defaultPanels: { ctx in
            guard ctx.analysis(GMMSelectionSpec.self) != nil else { return nil }
            var p = ctx.template
            var line = CurveLayer(source: "gmm_selection", location: ctx.template.location)
            line.curveName = "bic"
            line.markKnee = true
            p.layers = [line]
            p.title = "BIC per model (lowest: {gmm_selection.best})"
            p.xLabel = "Number of components"
            p.yLabel = "BIC"
            p.legend.location = .upperRight
            return [p]
        })
}

/// BIC and AIC per covariance type and k.
public struct GMMSelection: Sendable {
    /// The component counts.
    public var ks: [Int]
    /// The covariance types, in order.
    public var covariances: [GaussianMixture.CovarianceType]
    /// `bic(X)` per covariance type, per k.
    public var bic: [[Double]]
    /// `aic(X)` per covariance type, per k.
    public var aic: [[Double]]

    /// The (covariance type, k) of the lowest BIC (the first on ties).
    public var best: (covariance: GaussianMixture.CovarianceType, k: Int)? {
        var out: (GaussianMixture.CovarianceType, Int, Double)?
        for (c, row) in zip(covariances, bic) {
            for (k, v) in zip(ks, row) where out == nil || v < out!.2 { out = (c, k, v) }
        }
        return out.map { ($0.0, $0.1) }
    }
}

extension GMMSelection: AnalysisResult {
    /// `{k, covariances, bic: {type: [...]}, aic: {type: [...]}, best: {covariance, k}}`.
    public func json(_ context: JSONContext) -> JSONValue {
        func table(_ t: [[Double]]) -> JSONValue { .object(zip(covariances, t).map { ($0.rawValue, .doubles($1)) }) }
        var obj: [(String, JSONValue)] = [("k", .ints(ks)), ("covariances", .array(covariances.map { .string($0.rawValue) })),
                                          ("bic", table(bic)), ("aic", table(aic))]
        if let b = best { obj.append(("best", .object([("covariance", .string(b.covariance.rawValue)), ("k", .int(b.k))]))) }
        return .object(obj)
    }

    /// One curve per covariance type, of `bic` (default) or `aic`; the lowest value marked on each.
    public func curves(named name: String?) -> [AnalysisCurve] {
        let table = name == "aic" ? aic : bic
        return zip(covariances, table).map { c, values in
            let i = values.indices.min { values[$0] < values[$1] }
            let knee = i.map { NamedPoint(x: Double(ks[$0]), y: values[$0], text: String(ks[$0])) }
            return AnalysisCurve(x: ks.map(Double.init), y: values, knee: knee, kneeLabel: "lowest", label: c.rawValue)
        }
    }

    /// The first covariance type's BIC curve.
    public func curve() -> AnalysisCurve? { curves(named: nil).first }

    /// `{gmm_selection.best}`: "k = 2, full".
    public func templateValue(_ name: String) -> String? {
        guard name == "best" else { return nil }
        return best.map { "k = \($0.k), \($0.covariance.rawValue)" } ?? "none"
    }
}
