/// The choices of a document's `table: {scores: …}` (the table itself is computed by Gallery's
/// `TableSources.scores`).

/// What a scores table lists in its rows.
public enum ScoreTableRows: String, CaseIterable, Sendable, ConfigChoice {
    /// One row per k of the config's elbow sweep (its K-Means fits).
    case k
    /// One row per clustering method: the config's clustering analyses, or a comparison grid's
    /// methods (per dataset).
    case method
}

/// A score a table can show (scikit-learn's names).
public enum ScoreColumn: String, CaseIterable, Sendable, ConfigChoice {
    /// `KMeans.inertia_` (only for rows of k).
    case inertia
    /// yellowbrick's distortion.
    case distortion
    /// `silhouette_score`.
    case silhouette
    /// `calinski_harabasz_score`.
    case calinskiHarabasz = "calinski_harabasz"
    /// `davies_bouldin_score`.
    case daviesBouldin = "davies_bouldin"
    /// `adjusted_rand_score` against the generator's labels (only when every row has one).
    case adjustedRand = "adjusted_rand"

    /// The column heading.
    public var heading: String {
        switch self {
        case .inertia: return "inertia"
        case .distortion: return "distortion"
        case .silhouette: return "silhouette"
        case .calinskiHarabasz: return "Calinski–Harabasz"
        case .daviesBouldin: return "Davies–Bouldin"
        case .adjustedRand: return "adjusted Rand"
        }
    }
}
