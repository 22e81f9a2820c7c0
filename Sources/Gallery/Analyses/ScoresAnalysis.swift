import Clustering
import FigureConfig
import Plotting

/// `clustering.scores` — scikit-learn's cluster quality scores of another analysis's clusters, bit
/// for bit: `silhouette_score`, `calinski_harabasz_score`, `davies_bouldin_score`, and
/// `adjusted_rand_score` against the generator's labels when every row has one.
public struct ScoresSpec: AnalysisSpec {
    /// The analysis whose clusters are scored.
    public var of: String
    /// Leave DBSCAN's noise (−1) out instead of counting it as one more cluster.
    public var excludeNoise = false
    /// Where `scores:` was written.
    public var location: SourceLocation

    /// The kind.
    public var kind: AnalysisKind { .scores }

    /// The silhouette dominates: every pair of points.
    public func workEstimate(rows: Int, columns: Int) -> WorkEstimate? {
        WorkEstimate(operations: Double(rows) * Double(rows) * Double(max(columns, 1)), keys: "scores of \(of) on \(rows) points")
    }

    /// The four scores.
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        guard let labels = earlier[of]?.values(of: "cluster", in: FieldContext(dataset: dataset, iteration: nil))?.categories else {
            throw GalleryError("clustering.\(of) gives no clusters to score", at: location, keyPath: keyPath + ".of")
        }
        let noise: NoiseHandling = excludeNoise ? .excluded : .asCluster
        let x = dataset.points
        var ari: Double?
        if let truth = dataset.blobLabels, !truth.contains(where: { $0 < 0 }) {
            ari = try adjustedRandScore(labelsTrue: truth, labelsPred: labels, noise: noise)
        }
        return ClusterScores(silhouette: try silhouetteScore(x, labels: labels, noise: noise, threads: threads),
                             calinskiHarabasz: try calinskiHarabaszScore(x, labels: labels, noise: noise),
                             daviesBouldin: try daviesBouldinScore(x, labels: labels, noise: noise),
                             adjustedRand: ari, of: of)
    }
}

/// The quality scores of one clustering.
public struct ClusterScores: Sendable {
    /// `silhouette_score` (−1…1, higher is better).
    public var silhouette: Double
    /// `calinski_harabasz_score` (higher is better).
    public var calinskiHarabasz: Double
    /// `davies_bouldin_score` (lower is better).
    public var daviesBouldin: Double
    /// `adjusted_rand_score` against the generator's labels, when every row has one.
    public var adjustedRand: Double?
    /// The analysis scored.
    public var of: String
}

extension AnalysisKind {
    /// `clustering.scores`.
    public static let scores = AnalysisKind(
        key: "scores", summary: "silhouette, Calinski–Harabasz, Davies–Bouldin and adjusted Rand scores of another analysis's clusters",
        keys: [
            ConfigKey("of", .choice(clusterAnalyses), "the analysis whose clusters are scored"),
            ConfigKey("exclude_noise", .boolean, "leave DBSCAN's noise out (default: scored as one more cluster, as scikit-learn does)"),
        ],
        templateValues: ["silhouette", "calinski_harabasz", "davies_bouldin", "adjusted_rand"],
        decode: { m, ctx in
            guard let scored = ScoredAnalysis.decode(m, ctx) else { return nil }
            var s = ScoresSpec(of: scored.kind.key, location: m.location)
            if let v = m.bool("exclude_noise") { s.excludeNoise = v }
            return s
        })
}

extension ClusterScores: AnalysisResult {
    /// `{silhouette, calinski_harabasz, davies_bouldin, adjusted_rand}` (`adjusted_rand` only when every
    /// row has a generator label).
    public func json(_ context: JSONContext) -> JSONValue {
        var obj: [(String, JSONValue)] = [
            ("silhouette", .double(silhouette)),
            ("calinski_harabasz", .double(calinskiHarabasz)),
            ("davies_bouldin", .double(daviesBouldin)),
        ]
        if let adjustedRand { obj.append(("adjusted_rand", .double(adjustedRand))) }
        return .object(obj)
    }

    /// `{scores.silhouette}` and the others, with 3 decimals.
    public func templateValue(_ name: String) -> String? {
        let v: Double?
        switch name {
        case "silhouette": v = silhouette
        case "calinski_harabasz": v = calinskiHarabasz
        case "davies_bouldin": v = daviesBouldin
        case "adjusted_rand": v = adjustedRand
        default: return nil
        }
        return v.map { String(format: "%.3f", $0) } ?? "n/a"
    }
}
