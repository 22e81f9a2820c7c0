import Clustering
import FigureConfig

/// `data.circles` — scikit-learn `make_circles(n_samples, shuffle, noise, random_state, factor)`, bit
/// for bit; the generator's labels (outer 0, inner 1) are the `blob` field and `blob_labels`.
public struct CirclesSource: DataSource {
    /// Total number of points (the inner circle gets the extra one of an odd count).
    public var samples: Int
    /// Standard deviation of the Gaussian noise; nil draws no noise (`noise: 0` still draws).
    public var noise: Double?
    /// Scale of the inner circle relative to the outer one, 0 ≤ factor < 1 (default 0.8).
    public var factor = 0.8
    /// `random_state` (default 0).
    public var seed: UInt32 = 0
    /// Shuffle the rows (default true).
    public var shuffle = true
    /// Where `circles:` was written.
    public var location: SourceLocation
    /// Its key path.
    public var keyPath: String

    /// Rows are known.
    public var rowCount: Int? { samples }
    /// `x1`, `x2`.
    public var columnNames: [String] { ["x1", "x2"] }
    /// Circles label their rows.
    public var hasGeneratorLabels: Bool { true }

    /// Generates the points.
    public func load() throws -> SourceTable {
        try runClustering(keyPath, at: location) {
            let d = try makeCircles(samples: samples, shuffle: shuffle, noise: noise, factor: factor, seed: Int(seed))
            return SourceTable(points: d.points, labels: d.labels)
        }
    }
}

extension CirclesSource {
    static let keys = ToyKeys.common + [ConfigKey("factor", .number(min: 0, max: 1, exclusiveMinimum: false), "inner circle scale, 0 ≤ factor < 1")]
}

extension DataSourceKind {
    /// `data.circles`.
    public static let circles = DataSourceKind(
        key: "circles", summary: "scikit-learn make_circles, bit for bit",
        keys: CirclesSource.keys,
        decode: { value, _ in
            guard let m = value.mapping(CirclesSource.keys), let toy = ToyKeys.decode(m) else { return nil }
            var s = CirclesSource(samples: toy.samples, noise: toy.noise, location: value.location, keyPath: value.path)
            s.seed = toy.seed
            s.shuffle = toy.shuffle
            if let f = m["factor"], let v = f.double(min: 0, max: 1) {
                if v >= 1 { f.fail("must be below 1 (the inner circle inside the outer one), got \(value.reader.fmt(v))") } else { s.factor = v }
            }
            return s
        })
}
