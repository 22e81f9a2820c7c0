import Clustering
import FigureConfig

/// `data.uniform` — numpy `RandomState(seed).uniform(low, high, size=(samples, features))`.
public struct UniformSource: DataSource {
    /// Number of points.
    public var samples: Int
    /// Lower bound per column.
    public var low: [Double]
    /// Upper bound per column.
    public var high: [Double]
    /// Seed of numpy's legacy `RandomState` (default 0).
    public var seed: UInt32 = 0
    /// Draw order (default rows).
    public var fill: UniformFill = .rows
    /// Where `uniform:` was written.
    public var location: SourceLocation
    /// Its key path.
    public var keyPath: String

    /// Dimensions per point.
    public var features: Int { low.count }
    /// Rows are known.
    public var rowCount: Int? { samples }
    /// `x1`, `x2`, ….
    public var columnNames: [String] { (1...max(1, features)).map { "x\($0)" } }
    /// No generator labels.
    public var hasGeneratorLabels: Bool { false }

    /// Draws the points.
    public func load() throws -> SourceTable {
        try runClustering(keyPath, at: location) {
            SourceTable(points: try sample(), labels: nil)
        }
    }

    /// The draws (also the seed app's random initial centres).
    public func sample() throws -> DataMatrix {
        try uniformSample(rows: samples, low: low, high: high, seed: Int(seed), fill: fill)
    }
}

extension UniformFill: ConfigChoice {}

extension DataSourceKind {
    /// `data.uniform`.
    public static let uniform = DataSourceKind(
        key: "uniform", summary: "numpy RandomState(seed).uniform",
        keys: UniformSource.keys, decode: { value, _ in UniformSource.decode(value) })
}

extension UniformSource {
    /// The keys of a uniform table (also `lloyd_trace.initial_centers.uniform`).
    public static let keys: [ConfigKey] = [
        ConfigKey("samples", .integer(min: 1, max: ConfigLimits.maxSamples), "number of points"),
        ConfigKey("features", .integer(1...1000), "columns per point"),
        ConfigKey("low", .anyOf([.anyNumber, .numbers()]), "lower bound (or one per column)"),
        ConfigKey("high", .anyOf([.anyNumber, .numbers()]), "upper bound (or one per column)"),
        ConfigKey("seed", .seed, "np.random.seed"),
        ConfigKey("fill", .choice(UniformFill.self), "draw order"),
    ]

    /// Decodes `uniform:` (a data source, or the trace's initial centres).
    public static func decode(_ value: ConfigValue) -> UniformSource? {
        guard let m = value.mapping(keys) else { return nil }
        var samples: Int?
        if let s = m["samples"] { samples = sampleCount(s) } else { m.missing("needs 'samples' (number of points)") }
        let features = m.int("features", min: 1, max: 1000)
        func bound(_ key: String, _ def: Double) -> (values: [Double], isList: Bool)? {
            guard let v = m[key] else { return ([def], false) }
            if v.isSequence {
                guard let list = v.doubles() else { return nil }
                if list.isEmpty { v.fail("needs at least one value"); return nil }
                return (list, true)
            }
            return v.double(min: -ConfigLimits.maxCoordinate, max: ConfigLimits.maxCoordinate).map { ([$0], false) }
        }
        guard let lo = bound("low", 0), let hi = bound("high", 1), let samples else { return nil }
        var d = features ?? 2
        if lo.isList || hi.isList {
            let listLen = lo.isList ? lo.values.count : hi.values.count
            if lo.isList && hi.isList && lo.values.count != hi.values.count {
                m["high"]!.fail("low and high lists must have the same length"); return nil
            }
            if let features, features != listLen {
                m.reader.fail("the low/high lists have \(listLen) values but features is \(features)", at: m[lo.isList ? "low" : "high"]!.location,
                              m.path("features"))
                return nil
            }
            d = listLen
        }
        if samples * d > ConfigLimits.maxValues {
            (m["samples"] ?? value).fail("\(samples) points × \(d) features is more than \(ConfigLimits.maxValues) values")
            return nil
        }
        let low = lo.isList ? lo.values : Array(repeating: lo.values[0], count: d)
        let high = hi.isList ? hi.values : Array(repeating: hi.values[0], count: d)
        if let j = low.indices.first(where: { !(low[$0] < high[$0]) }) {
            m.reader.fail("low must be below high (column \(j + 1): \(m.reader.fmt(low[j])) ≥ \(m.reader.fmt(high[j])))",
                          at: (m["low"] ?? value).location, m.path("low"))
            return nil
        }
        var spec = UniformSource(samples: samples, low: low, high: high, location: value.location, keyPath: value.path)
        if let v = m.seed("seed") { spec.seed = v }
        if let v = m.choice("fill", UniformFill.self) { spec.fill = v }
        return spec
    }
}
