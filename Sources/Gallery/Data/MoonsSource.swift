import Clustering
import FigureConfig

/// `data.moons` — scikit-learn `make_moons(n_samples, shuffle, noise, random_state)`, bit for bit;
/// the generator's labels (which moon) are the `blob` field and `blob_labels`.
public struct MoonsSource: DataSource {
    /// Total number of points (the inner moon gets the extra one of an odd count).
    public var samples: Int
    /// Standard deviation of the Gaussian noise; nil draws no noise (`noise: 0` still draws).
    public var noise: Double?
    /// `random_state` (default 0).
    public var seed: UInt32 = 0
    /// Shuffle the rows (default true).
    public var shuffle = true
    /// Where `moons:` was written.
    public var location: SourceLocation
    /// Its key path.
    public var keyPath: String

    /// Rows are known.
    public var rowCount: Int? { samples }
    /// `x1`, `x2`.
    public var columnNames: [String] { ["x1", "x2"] }
    /// Moons label their rows.
    public var hasGeneratorLabels: Bool { true }

    /// Generates the points.
    public func load() throws -> SourceTable {
        try runClustering(keyPath, at: location) {
            let d = try makeMoons(samples: samples, shuffle: shuffle, noise: noise, seed: Int(seed))
            return SourceTable(points: d.points, labels: d.labels)
        }
    }
}

extension DataSourceKind {
    /// `data.moons`.
    public static let moons = DataSourceKind(
        key: "moons", summary: "scikit-learn make_moons, bit for bit",
        keys: ToyKeys.common,
        decode: { value, _ in
            guard let m = value.mapping(ToyKeys.common), let toy = ToyKeys.decode(m) else { return nil }
            var s = MoonsSource(samples: toy.samples, noise: toy.noise, location: value.location, keyPath: value.path)
            s.seed = toy.seed
            s.shuffle = toy.shuffle
            return s
        })
}

/// The keys moons and circles share.
enum ToyKeys {
    static let common: [ConfigKey] = [
        ConfigKey("samples", .integer(min: 1, max: ConfigLimits.maxSamples / 2), "total number of points"),
        ConfigKey("noise", .number(min: 0, max: 1e6, exclusiveMinimum: false), "standard deviation of the Gaussian noise (absent: none drawn)"),
        ConfigKey("seed", .seed, "random_state"),
        ConfigKey("shuffle", .boolean, "shuffle the rows"),
    ]

    /// `samples` (default 100, scikit-learn's), `noise`, `seed`, `shuffle`.
    static func decode(_ m: ConfigMapping) -> (samples: Int, noise: Double?, seed: UInt32, shuffle: Bool)? {
        var samples = 100
        if let s = m["samples"] { guard let v = sampleCount(s) else { return nil }; samples = v }
        if samples * 2 > ConfigLimits.maxValues {
            m["samples"]?.fail("\(samples) points × 2 features is more than \(ConfigLimits.maxValues) values")
            return nil
        }
        let noise = m.double("noise", min: 0, max: 1e6)
        if m.has("noise") && noise == nil { return nil }
        return (samples, noise, m.seed("seed") ?? 0, m.bool("shuffle") ?? true)
    }
}
