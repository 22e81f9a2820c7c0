/// What an elbow curve plots for each cluster count.
public enum ElbowMetric: String, Sendable, Equatable, CaseIterable {
    /// `KMeans.inertia_`.
    case inertia
    /// yellowbrick's `distortion_score` (`distortionScore`).
    case distortion
    /// `silhouette_score` (needs 2 ≤ k ≤ n − 1).
    case silhouette
    /// `calinski_harabasz_score` (needs 2 ≤ k ≤ n − 1).
    case calinskiHarabasz = "calinski_harabasz"
    /// `davies_bouldin_score` (needs 2 ≤ k ≤ n − 1).
    case daviesBouldin = "davies_bouldin"

    /// The curve shape kneedle assumes: convex for inertia, distortion and Davies–Bouldin (lower is
    /// better, the curve flattens), concave for silhouette and Calinski–Harabasz (higher is better).
    public var kneeCurve: KneeCurve {
        switch self {
        case .inertia, .distortion, .daviesBouldin: return .convex
        case .silhouette, .calinskiHarabasz: return .concave
        }
    }

    /// Decreasing for inertia, distortion and Davies–Bouldin; increasing for the other two.
    public var kneeDirection: KneeDirection {
        switch self {
        case .inertia, .distortion, .daviesBouldin: return .decreasing
        case .silhouette, .calinskiHarabasz: return .increasing
        }
    }

    /// Whether the metric needs at least two clusters (scikit-learn's `check_number_of_labels`).
    public var needsTwoClusters: Bool { self != .inertia && self != .distortion }

    /// The knee settings for this metric: kneedle with the metric's curve and direction.
    public func kneeLocator(sensitivity: Double = 1.0, online: Bool = false, method: KneeMethod = .kneedle) -> KneeLocator {
        KneeLocator(method: method, sensitivity: sensitivity, online: online, curve: kneeCurve, direction: kneeDirection)
    }

    /// The metric's value for one fit.
    public func value(_ points: DataMatrix, _ fit: KMeansResult, threads: Int? = nil) throws -> Double {
        switch self {
        case .inertia: return fit.inertia
        case .distortion: return try distortionScore(points, labels: fit.labels)
        case .silhouette: return try silhouetteScore(points, labels: fit.labels, threads: threads)
        case .calinskiHarabasz: return try calinskiHarabaszScore(points, labels: fit.labels)
        case .daviesBouldin: return try daviesBouldinScore(points, labels: fit.labels)
        }
    }
}

/// An elbow curve: one `KMeans(k, random_state=seed, n_init="auto")` fit per cluster count, the
/// metric of each fit, and the knee.
public struct ElbowScoreCurve: Sendable, Equatable {
    /// The cluster counts, in order.
    public var clusterCounts: [Int]
    /// The metric.
    public var metric: ElbowMetric
    /// The metric's value for each count.
    public var values: [Double]
    /// The knee (kneed's `knee`/`knee_y` on `(clusterCounts, values)`), `nil` when there is none.
    public var knee: Knee?
    /// The fits, when requested (`keepFits`), else empty.
    public var fits: [KMeansResult]

    /// The knee as a cluster count.
    public var kneeClusterCount: Int? { knee.map { clusterCounts[$0.index] } }
}

/// The elbow sweep by metric: for each k, `KMeans(k, seed).fit(points)` (n_init "auto", a fresh
/// `RandomState(seed)` per k) and the metric; then the knee of the curve by `knee` (default:
/// `metric.kneeLocator()`, i.e. kneedle with S = 1, offline, and the metric's curve and direction).
/// Every value and the knee are bit-identical to scikit-learn 1.9.1 / yellowbrick / kneed 0.8.6.
/// - Parameters:
///   - points: the samples.
///   - clusterCounts: the k values (each at least 1, at least 2 for silhouette, Calinski–Harabasz
///     and Davies–Bouldin, and below the sample count for those).
///   - metric: what to plot.
///   - seed: the `random_state` of every fit.
///   - knee: the knee settings (`nil`: the metric's default).
///   - keepFits: keep the `KMeansResult`s in the curve.
///   - threads: worker threads (results do not depend on it).
/// - Throws: `ClusteringError` for an empty list of counts, a count the metric cannot score, or
///   anything `KMeans.fit` and the scores throw.
public func elbowScores(
    points: DataMatrix, clusterCounts: [Int], metric: ElbowMetric = .inertia, seed: Int,
    knee: KneeLocator? = nil, keepFits: Bool = false, threads: Int? = nil
) throws -> ElbowScoreCurve {
    guard !clusterCounts.isEmpty else {
        throw ClusteringError.invalidArgument(name: "clusterCounts", reason: "at least one cluster count is required")
    }
    if metric.needsTwoClusters, let k = clusterCounts.first(where: { $0 < 2 || $0 >= points.rows }) {
        throw ClusteringError.invalidArgument(
            name: "clusterCounts", reason: "\(metric.rawValue) needs 2 ≤ k ≤ n_samples − 1 (\(points.rows - 1)), got \(k)")
    }
    var values: [Double] = []
    var fits: [KMeansResult] = []
    for k in clusterCounts {
        let fit = try KMeans(k: k, seed: seed, threads: threads).fit(points)
        values.append(try metric.value(points, fit, threads: threads))
        if keepFits { fits.append(fit) }
    }
    let locator = knee ?? metric.kneeLocator()
    let found = try locator.locate(x: clusterCounts.map(Double.init), y: values)
    return ElbowScoreCurve(clusterCounts: clusterCounts, metric: metric, values: values, knee: found, fits: fits)
}
