import Clustering
import FigureConfig
import Plotting

/// `clustering.elbow` — `KMeans(n_clusters=k, random_state=seed)` for every k in a range, the curve
/// of a metric (inertia by default; distortion, silhouette, Calinski–Harabasz, Davies–Bouldin) and
/// its knee (kneed's kneedle by default, or the chord rule).
public struct ElbowSpec: AnalysisSpec {
    /// The k values, ascending.
    public var ks: [Int]
    /// `seed`, `n_init`, `max_iter`, `tol` of every fit.
    public var settings = KMeansSettings()
    /// The metrics drawn (the first is the one `values` and `knee` report).
    public var metrics: [ElbowMetric] = [.inertia]
    /// How the knee is found; curve and direction follow each metric unless given.
    public var knee = KneeSettings()
    /// Where `elbow:` was written.
    public var location: SourceLocation
    /// Where `k_max` was written (the mapping when it was not).
    public var kMaxLocation: SourceLocation

    /// The kind.
    public var kind: AnalysisKind { .elbow }

    /// The metrics a line layer may pick.
    public var curveNames: [String] { metrics.map(\.rawValue) }

    /// The largest k must not exceed the rows (score metrics: must stay below them).
    public func check(rows: Int, columns: Int, _ reader: ConfigReader) {
        guard let hi = ks.last else { return }
        if hi > rows {
            reader.fail("k_max = \(hi) is more than the \(rows) data points", at: kMaxLocation, keyPath + ".k_max")
        } else if let m = metrics.first(where: \.needsTwoClusters), hi >= rows {
            reader.fail("k_max = \(hi) leaves no point outside a cluster of its own: \(m.rawValue) needs k below the \(rows) data points",
                        at: kMaxLocation, keyPath + ".k_max")
        }
    }

    /// Every fit of the sweep at its worst (a score metric adds its distances).
    public func workEstimate(rows: Int, columns: Int) -> WorkEstimate? {
        var ops = ks.reduce(0.0) { $0 + settings.worstCase(rows: rows, columns: columns, k: $1, runs: settings.runs(.kMeansPlusPlus)) }
        if metrics.contains(.silhouette) { ops += Double(ks.count) * Double(rows) * Double(rows) * Double(max(columns, 1)) }
        return WorkEstimate(operations: ops, keys: "k_min…k_max = \(ks.first ?? 0)…\(ks.last ?? 0), n_init \(settings.runs(.kMeansPlusPlus)), max_iter \(settings.maxIterations)\(metrics.contains(.silhouette) ? ", silhouette" : "") on \(rows) points")
    }

    /// One k-means fit per k, then each metric's curve and knee.
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        let sweep = try elbowSweep(points: dataset.points, clusterCounts: ks, seed: Int(settings.seed), nInit: settings.initializations,
                                   maxIterations: settings.maxIterations, tolerance: settings.tolerance, threads: threads)
        let x = ks.map(Double.init)
        let curves = try metrics.map { metric -> ElbowResult.Curve in
            let values = try sweep.fits.map { try metric.value(dataset.points, $0, threads: threads) }
            return ElbowResult.Curve(metric: metric, values: values, knee: try knee.locator(for: metric).locate(x: x, y: values))
        }
        return ElbowResult(sweep: sweep, curves: curves)
    }
}

/// `knee: {method, sensitivity, online, curve, direction}` — how a knee is found.
public struct KneeSettings: Sendable, Hashable {
    /// kneedle (kneed 0.8.6, the default) or the chord rule.
    public var method: KneeMethod = .kneedle
    /// kneed's `S` (default 1).
    public var sensitivity = 1.0
    /// kneed's `online` (default false: the first knee).
    public var online = false
    /// The curve's shape, when not the metric's own.
    public var curve: KneeCurve?
    /// The curve's direction, when not the metric's own.
    public var direction: KneeDirection?

    /// Defaults.
    public init() {}

    /// The keys of `knee:`.
    static let keys: [ConfigKey] = [
        ConfigKey("method", .choice(KneeMethod.self), "kneedle (kneed 0.8.6) or chord"),
        ConfigKey("sensitivity", .number(above: 0, max: 1e6), "kneed's S"),
        ConfigKey("online", .boolean, "kneed's online: the last knee found"),
        ConfigKey("curve", .choice(KneeCurve.self), "concave or convex (default: the metric's)"),
        ConfigKey("direction", .choice(KneeDirection.self), "increasing or decreasing (default: the metric's)"),
    ]

    /// Reads `knee:`.
    static func decode(_ v: ConfigValue) -> KneeSettings {
        guard let m = v.mapping(keys, what: "knee settings") else { return KneeSettings() }
        return read(m)
    }

    /// Reads the knee keys of a mapping already checked.
    static func read(_ m: ConfigMapping) -> KneeSettings {
        var k = KneeSettings()
        if let x = m.choice("method", KneeMethod.self) { k.method = x }
        if let x = m.double("sensitivity", above: 0, max: 1e6) { k.sensitivity = x }
        if let x = m.bool("online") { k.online = x }
        k.curve = m.choice("curve", KneeCurve.self)
        k.direction = m.choice("direction", KneeDirection.self)
        return k
    }

    /// The locator for a metric's curve.
    func locator(for metric: ElbowMetric) -> KneeLocator {
        KneeLocator(method: method, sensitivity: sensitivity, online: online, curve: curve ?? metric.kneeCurve,
                    direction: direction ?? metric.kneeDirection)
    }
}

extension KneeMethod: ConfigChoice {}
extension KneeCurve: ConfigChoice {}
extension KneeDirection: ConfigChoice {}
extension ElbowMetric: ConfigChoice {}

extension AnalysisKind {
    /// `clustering.elbow`.
    public static let elbow = AnalysisKind(
        key: "elbow", summary: "a metric (inertia, silhouette, …) for a range of k, and the knee of the curve",
        keys: [
            ConfigKey("k_min", .integer(1...100_000), "the smallest k (default 1; 2 for score metrics)"),
            ConfigKey("k_max", .integer(1...100_000), "the largest k"),
            ConfigKey("metric", .anyOf([.choice(ElbowMetric.self), .list(.choice(ElbowMetric.self), count: nil)]), "the metric, or several"),
            ConfigKey("knee", .mapping(KneeSettings.keys), "how the knee is found"),
        ] + KMeansSettings.keys,
        offersCurve: true,
        namedPoints: ["knee"],
        templateValues: ["knee"],
        decode: { m, ctx in ElbowSpec.decode(m, ctx) },
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

extension ElbowSpec {
    static func decode(_ m: ConfigMapping, _ ctx: AnalysisDecodeContext) -> ElbowSpec? {
        var metrics: [ElbowMetric] = [.inertia]
        if let mv = m["metric"] {
            if mv.isSequence, let items = mv.items(what: "a metric or a list of metrics") {
                let chosen = items.compactMap { $0.choice(ElbowMetric.self) }
                guard chosen.count == items.count, !chosen.isEmpty else { if items.isEmpty { mv.fail("needs at least one metric") }; return nil }
                metrics = chosen
            } else if let one = mv.choice(ElbowMetric.self) { metrics = [one] } else { return nil }
        }
        let scores = metrics.filter(\.needsTwoClusters)
        let lo = m["k_min"].map { $0.int(min: 1, max: 100_000) } ?? (scores.isEmpty ? 1 : 2)
        let hi = m["k_max"].map { $0.int(min: 1, max: 100_000) } ?? 9
        guard let lo, let hi else { return nil }
        if let first = scores.first, lo < 2, let kv = m["k_min"] {
            kv.fail("\(first.rawValue) needs at least two clusters: k_min must be 2 or more (scikit-learn raises for one)"); return nil
        }
        if lo > hi { ctx.reader.fail("k_min (\(lo)) must not exceed k_max (\(hi))", at: (m["k_min"] ?? m.value).location, m.path("k_min")); return nil }
        if hi - lo > 1000 { ctx.reader.fail("at most 1001 values of k", at: (m["k_max"] ?? m.value).location, m.path("k_max")); return nil }
        var s = ElbowSpec(ks: Array(lo...hi), location: m.location, kMaxLocation: (m["k_max"] ?? m.value).location)
        s.metrics = metrics
        if let rows = ctx.rows, hi > rows || (!scores.isEmpty && hi >= rows) { s.check(rows: rows, columns: 0, ctx.reader); return nil }
        s.settings = KMeansSettings.decode(m)
        if let k = m["knee"] { s.knee = KneeSettings.decode(k) }
        return s
    }
}

/// The elbow sweep's fits and, per metric, its values and knee.
public struct ElbowResult: Sendable {
    /// One metric's curve.
    public struct Curve: Sendable {
        /// The metric.
        public var metric: ElbowMetric
        /// Its value for each k.
        public var values: [Double]
        /// The knee, nil when the curve has none.
        public var knee: Knee?
    }
    /// The fits (and their inertias).
    public var sweep: ElbowCurve
    /// The metrics' curves, the first being the one `values` and `knee` report.
    public var curves: [Curve]

    /// The knee of the first metric, as a k.
    public var knee: Int? { curves.first?.knee.map { sweep.clusterCounts[$0.index] } }
}

extension ElbowResult: AnalysisResult {
    /// `{k, metric, values, knee, inertias, fits}` and, for several metrics, `metrics: {name: {values, knee}}`.
    public func json(_ context: JSONContext) -> JSONValue {
        let ks = sweep.clusterCounts
        var obj: [(String, JSONValue)] = [("k", .ints(ks))]
        if let first = curves.first {
            obj.append(("metric", .string(first.metric.rawValue)))
            obj.append(("values", .doubles(first.values)))
        }
        obj.append(("inertias", .doubles(sweep.inertias)))
        obj.append(("knee", knee.map(JSONValue.int) ?? .null))
        if curves.count > 1 {
            obj.append(("metrics", .object(curves.map { c in
                (c.metric.rawValue, .object([("values", .doubles(c.values)), ("knee", c.knee.map { .int(ks[$0.index]) } ?? .null)]))
            })))
        }
        obj.append(("fits", .array(zip(ks, sweep.fits).map { k, f in .object([("k", .int(k))] + f.jsonFields) })))
        return .object(obj)
    }

    /// `knee`: the first metric's curve at its knee, `{knee}` = the k.
    public func namedPoint(_ name: String) -> NamedPoint? {
        guard name == "knee" else { return nil }
        return curve(named: nil)?.knee
    }

    /// `{elbow.knee}`: the k at the knee (or "none").
    public func templateValue(_ name: String) -> String? { name == "knee" ? (knee.map(String.init) ?? "none") : nil }

    /// The first metric's curve.
    public func curve() -> AnalysisCurve? { curve(named: nil) }

    /// A metric's curve (nil: the first), its knee's guide line at the k.
    public func curve(named name: String?) -> AnalysisCurve? {
        guard let c = name.map({ n in curves.first { $0.metric.rawValue == n } }) ?? curves.first else { return nil }
        let ks = sweep.clusterCounts
        let point = c.knee.map { NamedPoint(x: Double(ks[$0.index]), y: c.values[$0.index], text: String(ks[$0.index])) }
        return AnalysisCurve(x: ks.map(Double.init), y: c.values, knee: point,
                             kneeLabel: "elbow at k = \(point?.text ?? "none")")
    }
}
