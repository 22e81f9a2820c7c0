import Clustering
import FigureConfig
import Plotting

/// `clustering.silhouette` — `silhouette_samples(X, labels)` and `silhouette_score` of another
/// analysis's clusters (`of: kmeans`), bit for bit. With `k: [2, 3, …]` also a sweep that refits that
/// analysis for each k; a panel with `facet: k` is drawn once per k of the sweep.
public struct SilhouetteSpec: AnalysisSpec {
    /// The analysis whose clusters are scored.
    public var of: String
    /// Leave DBSCAN's noise (−1) out instead of counting it as one more cluster (scikit-learn's way).
    public var excludeNoise = false
    /// The cluster counts of the sweep (empty: none).
    public var sweep: [Int] = []
    /// The scored analysis's spec (its settings are reused by the sweep's refits).
    public var scored: any AnalysisSpec
    /// Where `silhouette:` was written.
    public var location: SourceLocation

    /// The kind.
    public var kind: AnalysisKind { .silhouette }

    /// Every pair of points, once per clustering scored.
    public func workEstimate(rows: Int, columns: Int) -> WorkEstimate? {
        WorkEstimate(operations: Double(rows) * Double(rows) * Double(max(columns, 1)) * Double(1 + sweep.count),
                     keys: "silhouette of \(of)\(sweep.isEmpty ? "" : " for \(sweep.count) values of k") on \(rows) points")
    }

    /// Sweep values must leave at least one point outside a cluster of its own.
    public func check(rows: Int, columns: Int, _ reader: ConfigReader) {
        if let bad = sweep.first(where: { $0 >= rows }) {
            reader.fail("k = \(bad) leaves no point outside a cluster of its own: silhouettes need 2 ≤ clusters ≤ \(rows - 1) for \(rows) points",
                        at: location, keyPath + ".k")
        }
    }

    /// The samples and score of the analysis's labels, then of each k of the sweep.
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        guard let result = earlier[of],
              let labels = result.values(of: "cluster", in: FieldContext(dataset: dataset, iteration: nil))?.categories else {
            throw GalleryError("clustering.\(of) gives no clusters to score", at: location, keyPath: keyPath + ".of")
        }
        let noise: NoiseHandling = excludeNoise ? .excluded : .asCluster
        let main = try silhouette(dataset.points, labels: labels, noise: noise, threads: threads)
        let centres = result.centres(in: FieldContext(dataset: dataset, iteration: nil))
        var runs: [SilhouetteResult.Run] = []
        for k in sweep {
            guard let fit = try scored.refit(k: k, on: dataset, result: result, threads: threads) else {
                throw GalleryError("clustering.\(of) has no k to sweep", at: location, keyPath: keyPath + ".k")
            }
            runs.append(SilhouetteResult.Run(k: k, fit: fit,
                                             silhouette: try silhouette(dataset.points, labels: fit.labels, noise: noise, threads: threads)))
        }
        return SilhouetteResult(main: SilhouetteResult.Run(k: Set(labels.filter { $0 >= 0 }).count, fit: ClusterFit(labels: labels, centres: centres),
                                                            silhouette: main), sweep: runs)
    }
}

extension AnalysisKind {
    /// `clustering.silhouette`.
    public static let silhouette = AnalysisKind(
        key: "silhouette", summary: "scikit-learn silhouette_samples and silhouette_score of another analysis's clusters",
        keys: [
            ConfigKey("of", .choice(clusterAnalyses), "the analysis whose clusters are scored"),
            ConfigKey("exclude_noise", .boolean, "leave DBSCAN's noise out (default: scored as one more cluster, as scikit-learn does)"),
            ConfigKey("k", .list(.integer(2...10_000), count: nil), "a sweep over k: the analysis refitted for each (panels facet: k)"),
        ],
        fields: [
            FieldDeclaration("value", .number, note: "each point's silhouette", valueLabel: "Silhouette coefficient"),
            FieldDeclaration("cluster", .category, note: "the clusters of the panel's k", facet: "k"),
        ],
        offersCentres: true,
        templateValues: ["score", "k"],
        decode: { m, ctx in SilhouetteSpec.decode(m, ctx) })

    /// The analyses that give clusters (a `cluster` field) a score can be computed for.
    static var clusterAnalyses: [String] { ["kmeans", "agglomerative", "dbscan", "gmm"] }
}

extension SilhouetteSpec {
    static func decode(_ m: ConfigMapping, _ ctx: AnalysisDecodeContext) -> SilhouetteSpec? {
        guard let scored = ScoredAnalysis.decode(m, ctx) else { return nil }
        var s = SilhouetteSpec(of: scored.kind.key, scored: scored, location: m.location)
        if let v = m.bool("exclude_noise") { s.excludeNoise = v }
        if let kv = m["k"], let items = kv.items(what: "a list of cluster counts") {
            let ks = items.compactMap { $0.int(min: 2, max: 10_000, what: "a number of clusters (at least 2)") }
            guard ks.count == items.count else { return nil }
            if ks.isEmpty { kv.fail("needs at least one k"); return nil }
            if scored.kind.key == "dbscan" { kv.fail("DBSCAN has no k to sweep (its clusters come from eps and min_samples)"); return nil }
            s.sweep = ks
        }
        if let rows = ctx.rows { s.check(rows: rows, columns: ctx.columns ?? 0, ctx.reader) }
        return s
    }
}

/// `of:` — the clustering a score is computed for, which the config must have.
enum ScoredAnalysis {
    static func decode(_ m: ConfigMapping, _ ctx: AnalysisDecodeContext) -> (any AnalysisSpec)? {
        guard let ov = m["of"] else {
            m.missing("needs 'of' (the analysis whose clusters are scored: \(ctx.reader.list(AnalysisKind.clusterAnalyses)))"); return nil
        }
        guard let of = ov.choice(AnalysisKind.clusterAnalyses) else { return nil }
        guard let spec = ctx.decoded.first(where: { $0.kind.key == of }) else {
            if !ctx.present.contains(of) { ov.fail("'\(of)' needs clustering.\(of)") }
            return nil
        }
        if let k = spec.categoryCount(of: "cluster"), k < 2 {
            ov.fail("clustering.\(of) makes \(k) cluster; scores need at least 2 (scikit-learn raises for one)")
            return nil
        }
        if let k = spec.categoryCount(of: "cluster"), let rows = ctx.rows, k >= rows {
            ov.fail("clustering.\(of) makes \(k) clusters of \(rows) points; scores need fewer clusters than points (scikit-learn raises)")
            return nil
        }
        return spec
    }
}

/// The silhouette of the scored analysis and of each k of a sweep.
public struct SilhouetteResult: Sendable {
    /// One clustering and its silhouette.
    public struct Run: Sendable {
        /// Its number of clusters.
        public var k: Int
        /// Its labels (and centres).
        public var fit: ClusterFit
        /// Its samples and score.
        public var silhouette: SilhouetteAnalysis
    }
    /// The scored analysis's own clusters.
    public var main: Run
    /// The sweep over k, in order.
    public var sweep: [Run]

    /// The run a panel shows: its k facet's, else the main one.
    func run(_ context: FieldContext) -> Run {
        if let i = context.sweepIndex, sweep.indices.contains(i) { return sweep[i] }
        return main
    }
}

extension SilhouetteResult: AnalysisResult {
    /// `{samples, score}` and, with a sweep, `sweep: [{k, labels, samples, score}]`.
    public func json(_ context: JSONContext) -> JSONValue {
        var obj: [(String, JSONValue)] = [("samples", .doubles(main.silhouette.samples)), ("score", .double(main.silhouette.score))]
        if !sweep.isEmpty {
            obj.append(("sweep", .array(sweep.map { r in
                .object([("k", .int(r.k)), ("labels", .ints(r.fit.labels)), ("samples", .doubles(r.silhouette.samples)),
                         ("score", .double(r.silhouette.score))])
            })))
        }
        return .object(obj)
    }

    /// `value` (each point's silhouette; NaN for rows left out) and `cluster` (a k facet's labels).
    public func values(of field: String, in context: FieldContext) -> FieldValues? {
        let r = run(context)
        switch field {
        case "value":
            var v = [Double](repeating: .nan, count: context.dataset.points.rows)
            for (i, row) in r.silhouette.rows.enumerated() { v[row] = r.silhouette.samples[i] }
            return .numbers(v)
        case "cluster": return .categories(r.fit.labels, count: (r.fit.labels.max() ?? -1) + 1)
        default: return nil
        }
    }

    /// The centres of the panel's clustering, when it has them.
    public func centres(in context: FieldContext) -> DataMatrix? { run(context).fit.centres }

    /// `{silhouette.score}` (3 decimals) and `{silhouette.k}` of the analysis's own clusters.
    public func templateValue(_ name: String) -> String? { Self.value(name, main) }

    /// The same for the panel's k in a `facet: k` panel.
    public func templateValue(_ name: String, in context: FieldContext) -> String? { Self.value(name, run(context)) }

    static func value(_ name: String, _ r: Run) -> String? {
        switch name {
        case "score": return String(format: "%.3f", r.silhouette.score)
        case "k": return String(r.k)
        default: return nil
        }
    }
}
