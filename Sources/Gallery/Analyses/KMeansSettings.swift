import Clustering
import FigureConfig

/// The k-means settings an analysis shares with scikit-learn's `KMeans` besides `k`: `seed`,
/// `n_init`, `max_iter`, `tol` (the `kmeans` analysis and every fit of the `elbow` sweep).
public struct KMeansSettings: Sendable, Hashable {
    /// `random_state` (default 0).
    public var seed: UInt32 = 0
    /// Number of initialisations; nil is scikit-learn's `n_init="auto"` (1 for k-means++, 10 for
    /// random centres).
    public var initializations: Int?
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
        if let v = m["n_init"], v.scalar != "auto" {
            s.initializations = v.int(min: 1, max: 1000, what: "a whole number of initialisations or 'auto'")
        }
        if let v = m.int("max_iter", min: 1, max: 100_000) { s.maxIterations = v }
        if let v = m.double("tol", min: 0, max: 1) { s.tolerance = v }
        return s
    }

    /// scikit-learn's `KMeans(n_clusters=k, init=…, random_state=seed, n_init=…, max_iter=…, tol=…)`.
    func model(k: Int, initialization: KMeans.Initialization = .kMeansPlusPlus, threads: Int?) -> KMeans {
        KMeans(k: k, seed: Int(seed), init: initialization, nInit: initializations, maxIter: maxIterations, tol: tolerance,
               threads: threads)
    }

    /// The initialisations a fit runs (what `n_init="auto"` means for `initialization`).
    func runs(_ initialization: KMeans.Initialization) -> Int {
        if let initializations { return initializations }
        switch initialization {
        case .kMeansPlusPlus: return 1
        case .random: return 10
        case .centers: return 1
        }
    }

    /// The most work a fit of `k` clusters can do: every initialisation running `max_iter` Lloyd
    /// steps over every point, centre and column.
    func worstCase(rows: Int, columns: Int, k: Int, runs: Int) -> Double {
        Double(rows) * Double(max(columns, 1)) * Double(k) * Double(runs) * Double(maxIterations + 1)
    }
}
