import Clustering
import FigureConfig
import Plotting

/// `clustering.distance_threshold` — anomalies: points whose distance to their k-means centre
/// exceeds the given percentile (numpy `percentile`, linear) of all such distances.
public struct ThresholdSpec: AnalysisSpec {
    /// Percentile in 0…100 (default 95).
    public var percentile: Double = 95
    /// Where `distance_threshold:` was written.
    public var location: SourceLocation

    /// The kind.
    public var kind: AnalysisKind { .distanceThreshold }

    /// `outlier` is yes or no.
    public func categoryCount(of field: String) -> Int? { field == "outlier" ? 2 : nil }

    /// Scores the points around the k-means fit that ran before.
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        guard let fit = earlier["kmeans"] as? KMeansResult else {
            throw GalleryError("needs clustering.kmeans", at: location, keyPath: keyPath)
        }
        return try anomalyScores(points: dataset.points, labels: fit.labels, centers: fit.centers, percentile: percentile)
    }
}

extension AnalysisKind {
    /// `clustering.distance_threshold`.
    public static let distanceThreshold = AnalysisKind(
        key: "distance_threshold", summary: "anomalies beyond a percentile of the distances to the k-means centres",
        keys: [ConfigKey("percentile", .number(0...100), "the percentile of the distances")],
        requires: [.init("kmeans", because: "distances are measured to the k-means centres")],
        fields: [FieldDeclaration("outlier", .flag)],
        decode: { m, _ in
            var s = ThresholdSpec(location: m.location)
            if let v = m.double("percentile", min: 0, max: 100) { s.percentile = v }
            return s
        },
        defaultPanels: { ctx in
            guard ctx.analysis(KMeansSpec.self) != nil, let t = ctx.analysis(ThresholdSpec.self) else { return nil }
            var p = ctx.template
            let here = ctx.template.location
            let outlier = FieldRef(owner: "distance_threshold", name: "outlier")
            var normal = ScatterLayer(location: here, y: ctx.y)
            normal.style.filters = [PointFilter(field: outlier, value: 0)]
            normal.style.alpha = 0.6
            normal.style.label = "Normal"
            var anomaly = ScatterLayer(location: here, y: ctx.y)
            anomaly.style.filters = [PointFilter(field: outlier, value: 1)]
            anomaly.style.color = .fixed(.red)
            anomaly.style.label = "Anomaly"
            p.layers = [normal, anomaly]
            p.title = "Anomaly detection (k-means, \(ConfigReader().fmt(t.percentile))th percentile distance)"
            return [p]
        })
}

extension AnomalyScores: AnalysisResult {
    /// `{percentile, threshold, n_outliers, outlier_indices, outliers, distances}`.
    public func json(_ context: JSONContext) -> JSONValue {
        .object([
            ("percentile", .double((context.spec as? ThresholdSpec)?.percentile ?? 95)),
            ("threshold", .double(threshold)),
            ("n_outliers", .int(outlierCount)),
            ("outlier_indices", .ints(outliers.indices.filter { outliers[$0] })),
            ("outliers", .array(outliers.map(JSONValue.bool))),
            ("distances", .doubles(distances)),
        ])
    }

    /// `outlier`: 1 beyond the threshold, 0 within.
    public func values(of field: String, in context: FieldContext) -> FieldValues? {
        field == "outlier" ? .categories(outliers.map { $0 ? 1 : 0 }, count: 2) : nil
    }
}
