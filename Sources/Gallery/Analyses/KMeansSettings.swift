import Clustering
import FigureConfig

/// The k-means settings an analysis shares with scikit-learn's `KMeans` besides `k`: `seed`,
/// `n_init`, `max_iter`, `tol` (the `kmeans` analysis and every fit of the `elbow` sweep).
public struct KMeansSettings: Sendable, Hashable {
    /// `random_state` (default 0).
    public var seed: UInt32 = 0
    /// Number of k-means++ initialisations (default 1, scikit-learn's `n_init="auto"`).
    public var initializations = 1
    /// Maximum Lloyd iterations (default 300).
    public var maxIterations = 300
    /// Relative tolerance (default 1e-4).
    public var tolerance = 1e-4

    /// Defaults.
    public init() {}

    /// The keys, declared once for every analysis that fits k-means.
    public static let keys: [ConfigKey] = [
        ConfigKey("seed", .seed, "random_state"),
        ConfigKey("n_init", .anyOf([.integer(1...1000), .choice(["auto"])]), "k-means++ runs (auto = 1)"),
        ConfigKey("max_iter", .integer(1...100_000), "maximum Lloyd iterations"),
        ConfigKey("tol", .number(0...1), "relative tolerance"),
    ]

    /// Reads the shared keys of `m`.
    static func decode(_ m: ConfigMapping) -> KMeansSettings {
        var s = KMeansSettings()
        if let v = m.seed("seed") { s.seed = v }
        if let v = m["n_init"] {
            s.initializations = v.scalar == "auto" ? 1 : (v.int(min: 1, max: 1000, what: "a whole number of initialisations or 'auto'") ?? 1)
        }
        if let v = m.int("max_iter", min: 1, max: 100_000) { s.maxIterations = v }
        if let v = m.double("tol", min: 0, max: 1) { s.tolerance = v }
        return s
    }

    /// scikit-learn's `KMeans(n_clusters=k, random_state=seed, n_init=…, max_iter=…, tol=…)`.
    func model(k: Int, threads: Int?) -> KMeans {
        KMeans(k: k, seed: Int(seed), nInit: initializations == 1 ? nil : initializations, maxIter: maxIterations,
               tol: tolerance, threads: threads)
    }
}
