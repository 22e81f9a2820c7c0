import Clustering
import FigureConfig
import Plotting

/// `clustering.gmm` — scikit-learn `GaussianMixture(n_components=k, covariance_type, random_state=seed,
/// max_iter, tol, n_init, reg_covar, init_params="kmeans").fit(X)`: labels (`predict`), weights, means,
/// covariances in scikit-learn's shapes, `n_iter`, `converged`, `lower_bound`, and each point's
/// membership probabilities.
public struct GMMSpec: AnalysisSpec {
    /// Components.
    public var k: Int
    /// Covariance type (default full).
    public var covariance: GaussianMixture.CovarianceType = .full
    /// `random_state` (default 0).
    public var seed: UInt32 = 0
    /// EM steps at most (default 100).
    public var maxIterations = 100
    /// Convergence threshold on the lower bound (default 1e-3).
    public var tolerance = 1e-3
    /// Initialisations drawn from the one random stream (default 1).
    public var initializations = 1
    /// Added to the covariances' diagonals (default 1e-6).
    public var regularization = 1e-6
    /// Where `k` was written.
    public var kLocation: SourceLocation
    /// Where `gmm:` was written.
    public var location: SourceLocation

    /// The kind.
    public var kind: AnalysisKind { .gmm }

    /// `k` must not exceed the rows.
    public func check(rows: Int, columns: Int, _ reader: ConfigReader) {
        if k > rows { reader.fail("k = \(k) is more than the \(rows) data points", at: kLocation, keyPath + ".k") }
    }

    /// `cluster` has k categories.
    public func categoryCount(of field: String) -> Int? { field == "cluster" ? k : nil }

    /// Every initialisation's k-means and every EM step at its worst (d² per point and component).
    public func workEstimate(rows: Int, columns: Int) -> WorkEstimate? {
        let d = Double(max(columns, 1))
        return WorkEstimate(operations: Double(rows) * Double(k) * d * d * Double(initializations) * Double(maxIterations + 300),
                            keys: "k \(k), n_init \(initializations), max_iter \(maxIterations) on \(rows) points × \(columns) columns")
    }

    /// The mixture again with k components (same settings).
    public func refit(k: Int, on dataset: Dataset, result: any AnalysisResult, threads: Int?) throws -> ClusterFit? {
        var other = self
        other.k = k
        let model = try other.mixture(threads: threads).fit(dataset.points)
        return ClusterFit(labels: model.labels, centres: model.means)
    }

    /// The model.
    func mixture(threads: Int?) -> GaussianMixture {
        GaussianMixture(k: k, covariance: covariance, seed: Int(seed), maxIter: maxIterations, tol: tolerance,
                        nInit: initializations, regCovar: regularization, threads: threads)
    }

    /// Fits the mixture.
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        try mixture(threads: threads).fit(dataset.points)
    }
}

extension GaussianMixture.CovarianceType: ConfigChoice {}

extension AnalysisKind {
    /// `clustering.gmm`.
    public static let gmm = AnalysisKind(
        key: "gmm", summary: "scikit-learn GaussianMixture: soft clusters, weights, means, covariances",
        keys: GMMSpec.keys,
        fields: [
            FieldDeclaration("cluster", .category, note: "the most likely component"),
            FieldDeclaration("probability", .number, note: "the probability of the most likely component", valueLabel: "Membership probability"),
        ],
        offersCentres: true,
        templateValues: ["n_iter", "converged"],
        decode: { m, ctx in GMMSpec.decode(m, ctx) },
        defaultPanels: { ctx in
            guard ctx.analysis(GMMSpec.self) != nil else { return nil }
            var p = ctx.template
            let here = ctx.template.location
            var points = ScatterLayer(location: here, y: ctx.y)
            points.style.color = .field(FieldRef(owner: "gmm", name: "cluster"), Palette(colormap: "tab10")!)
            var means = CentersLayer(source: "gmm", location: here, y: ctx.y)
            means.style.size = 80
            means.style.lineWidth = 2
            means.style.label = "Means"
            p.layers = [points, means]
            p.title = "Gaussian mixture"
            return [p]
        })
}

extension GMMSpec {
    /// The keys of `gmm:` (also of a BIC sweep's fits).
    static let keys: [ConfigKey] = [
        ConfigKey("k", .integer(1...10_000), "n_components"),
        ConfigKey("covariance", .choice(GaussianMixture.CovarianceType.self), "covariance_type"),
        ConfigKey("seed", .seed, "random_state"),
        ConfigKey("max_iter", .integer(1...100_000), "EM steps at most"),
        ConfigKey("tol", .number(0...1e6), "convergence threshold on the lower bound"),
        ConfigKey("n_init", .integer(1...1000), "initialisations (the best lower bound wins)"),
        ConfigKey("reg_covar", .number(0...1e6), "added to the covariances' diagonals"),
    ]

    static func decode(_ m: ConfigMapping, _ ctx: AnalysisDecodeContext) -> GMMSpec? {
        guard let kv = m["k"] else { m.missing("needs 'k' (the number of components)"); return nil }
        guard let k = kv.int(min: 1, max: 10_000, what: "a whole number of components") else { return nil }
        var s = GMMSpec(k: k, kLocation: kv.location, location: m.location)
        s.read(m)
        if let rows = ctx.rows { s.check(rows: rows, columns: ctx.columns ?? 0, ctx.reader) }
        return s
    }

    /// Reads every key but `k` (and `covariance` when `withCovariance` is false).
    mutating func read(_ m: ConfigMapping, withCovariance: Bool = true) {
        if withCovariance, let v = m.choice("covariance", GaussianMixture.CovarianceType.self) { covariance = v }
        if let v = m.seed("seed") { seed = v }
        if let v = m.int("max_iter", min: 1, max: 100_000) { maxIterations = v }
        if let v = m.double("tol", min: 0, max: 1e6) { tolerance = v }
        if let v = m.int("n_init", min: 1, max: 1000) { initializations = v }
        if let v = m.double("reg_covar", min: 0, max: 1e6) { regularization = v }
    }
}

extension GaussianMixtureModel: AnalysisResult {
    /// `{labels, weights, means, covariances, n_iter, converged, lower_bound, probabilities}` with the
    /// covariances in scikit-learn's shape for the covariance type.
    public func json(_ context: JSONContext) -> JSONValue {
        .object([
            ("labels", .ints(labels)),
            ("weights", .doubles(weights)),
            ("means", .matrix(means)),
            ("covariances", Self.nested(covariances, shape: covarianceShape)),
            ("n_iter", .int(iterations)),
            ("converged", .bool(converged)),
            ("lower_bound", .double(lowerBound)),
            ("covariance_type", .string(covarianceType.rawValue)),
            ("probabilities", .matrix(probabilities)),
        ])
    }

    /// Flat values as nested arrays of `shape` (row-major).
    static func nested(_ values: [Double], shape: [Int]) -> JSONValue {
        guard let first = shape.first else { return values.first.map(JSONValue.double) ?? .null }
        if shape.count == 1 { return .doubles(Array(values.prefix(first))) }
        let stride = shape.dropFirst().reduce(1, *)
        return .array((0..<first).map { nested(Array(values[($0 * stride)..<(($0 + 1) * stride)]), shape: Array(shape.dropFirst())) })
    }

    /// `cluster` (the most likely component) and `probability` (its probability).
    public func values(of field: String, in context: FieldContext) -> FieldValues? {
        switch field {
        case "cluster": return .categories(labels, count: componentCount)
        case "probability":
            return .numbers((0..<probabilities.rows).map { r in labels.indices.contains(r) ? probabilities[r, labels[r]] : .nan })
        default: return nil
        }
    }

    /// The component means.
    public func centres(in context: FieldContext) -> DataMatrix? { means }

    /// `{gmm.n_iter}`, `{gmm.converged}`.
    public func templateValue(_ name: String) -> String? {
        switch name {
        case "n_iter": return String(iterations)
        case "converged": return converged ? "converged" : "not converged"
        default: return nil
        }
    }

    /// A mixture that stopped at `max_iter` without converging (scikit-learn's ConvergenceWarning).
    public func warnings(_ spec: any AnalysisSpec) -> [ConfigError] {
        guard !converged else { return [] }
        return [ConfigError("the mixture did not converge in \(iterations) EM steps (converged: false, as scikit-learn reports); raise max_iter or tol",
                            at: spec.location, keyPath: spec.keyPath)]
    }
}
