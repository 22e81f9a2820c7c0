import Clustering
import FigureConfig
import Plotting

/// `clustering.elbow` — `KMeans(n_clusters=k, random_state=seed)` for every k in a range, keeping
/// the inertias and the knee of the curve.
public struct ElbowSpec: AnalysisSpec {
    /// The k values, ascending.
    public var ks: [Int]
    /// `seed`, `n_init`, `max_iter`, `tol` of every fit.
    public var settings = KMeansSettings()
    /// Where `elbow:` was written.
    public var location: SourceLocation
    /// Where `k_max` was written (the mapping when it was not).
    public var kMaxLocation: SourceLocation

    /// The kind.
    public var kind: AnalysisKind { .elbow }

    /// The largest k must not exceed the rows.
    public func check(rows: Int, columns: Int, _ reader: ConfigReader) {
        if let hi = ks.last, hi > rows {
            reader.fail("k_max = \(hi) is more than the \(rows) data points", at: kMaxLocation, keyPath + ".k_max")
        }
    }

    /// One k-means fit per k.
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        try elbowSweep(points: dataset.points, clusterCounts: ks, seed: Int(settings.seed),
                       nInit: settings.initializations == 1 ? nil : settings.initializations,
                       maxIterations: settings.maxIterations, tolerance: settings.tolerance, threads: threads)
    }
}

extension AnalysisKind {
    /// `clustering.elbow`.
    public static let elbow = AnalysisKind(
        key: "elbow", summary: "inertia for a range of k, and the knee of the curve",
        keys: [
            ConfigKey("k_min", .integer(1...100_000), "the smallest k"),
            ConfigKey("k_max", .integer(1...100_000), "the largest k"),
        ] + KMeansSettings.keys,
        offersCurve: true,
        namedPoints: ["knee"],
        decode: { m, ctx in
            let lo = m["k_min"].map { $0.int(min: 1, max: 100_000) } ?? 1
            let hi = m["k_max"].map { $0.int(min: 1, max: 100_000) } ?? 9
            guard let lo, let hi else { return nil }
            if lo > hi { ctx.reader.fail("k_min (\(lo)) must not exceed k_max (\(hi))", at: (m["k_min"] ?? m.value).location, m.path("k_min")); return nil }
            if hi - lo > 1000 { ctx.reader.fail("at most 1001 values of k", at: (m["k_max"] ?? m.value).location, m.path("k_max")); return nil }
            var s = ElbowSpec(ks: Array(lo...hi), location: m.location, kMaxLocation: (m["k_max"] ?? m.value).location)
            if let rows = ctx.rows, hi > rows { s.check(rows: rows, columns: 0, ctx.reader); return nil }
            s.settings = KMeansSettings.decode(m)
            return s
        },
        defaultPanels: { ctx in
            guard ctx.analysis(ElbowSpec.self) != nil, ctx.analysis(KMeansSpec.self) == nil else { return nil }
            var p = ctx.template
            var line = CurveLayer(source: "elbow", location: ctx.template.location)
            line.markKnee = true
            p.layers = [line]
            p.title = "Elbow Method for Optimal K"
            p.xLabel = "Number of Clusters (K)"
            p.yLabel = "Inertia"
            return [p]
        })
}

extension ElbowCurve: AnalysisResult {
    /// `{k, inertias, knee, fits: [{k, labels, centers, …}]}`.
    public func json(_ context: JSONContext) -> JSONValue {
        .object([
            ("k", .ints(clusterCounts)),
            ("inertias", .doubles(inertias)),
            ("knee", knee.map(JSONValue.int) ?? .null),
            ("fits", .array(zip(clusterCounts, fits).map { k, f in .object([("k", .int(k))] + f.jsonFields) })),
        ])
    }

    /// `knee`: the curve at its knee, `{knee}` = the k.
    public func namedPoint(_ name: String) -> NamedPoint? {
        guard name == "knee", let knee, let i = clusterCounts.firstIndex(of: knee) else { return nil }
        return NamedPoint(x: Double(knee), y: inertias[i], text: String(knee))
    }

    /// k against inertia, the knee's guide line at its k.
    public func curve() -> AnalysisCurve? {
        AnalysisCurve(x: clusterCounts.map(Double.init), y: inertias, knee: namedPoint("knee"),
                      kneeLabel: "knee: k = \(knee.map(String.init) ?? "")")
    }
}
