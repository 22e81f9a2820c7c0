import Clustering
import FigureConfig

/// `data.blobs` — isotropic Gaussian blobs exactly like `sklearn.datasets.make_blobs`.
public struct BlobsSource: DataSource {
    /// Total number of points (`samples`, or `points_per_cluster × centers`).
    public var samples: Int
    /// Number of blob centres.
    public var centers: Int
    /// Explicit centres (`centers: [[x, y], …]`), else random in `center_box`.
    public var centerPoints: [[Double]]?
    /// Dimensions per point (default 2).
    public var features = 2
    /// Standard deviation of the blobs (`std`, or the seed app's `separation`; default 1): one for
    /// all, or one per centre (`make_blobs(cluster_std=[1, 2.5, .5])`).
    public var std: BlobStandardDeviation = .same(1)
    /// Bounds of the random centres (default −10…10).
    public var centerBox: ClosedRange<Double> = -10...10
    /// `random_state` (default 0).
    public var seed: UInt32 = 0
    /// Shuffle the rows like `make_blobs(shuffle=True)` (default true).
    public var shuffle = true
    /// Where `blobs:` was written.
    public var location: SourceLocation
    /// Its key path.
    public var keyPath: String

    /// Rows are known.
    public var rowCount: Int? { samples }
    /// `x1`, `x2`, ….
    public var columnNames: [String] { (1...features).map { "x\($0)" } }
    /// Blobs label their rows.
    public var hasGeneratorLabels: Bool { true }

    /// Generates the points.
    public func load() throws -> SourceTable {
        try runClustering(keyPath, at: location) {
            let b = try makeBlobs(samples: .total(samples),
                                  centers: try centerPoints.map { .given(try DataMatrix($0)) } ?? .random(centers),
                                  features: features, std: std, centerBox: (centerBox.lowerBound, centerBox.upperBound),
                                  shuffle: shuffle, seed: Int(seed))
            return SourceTable(points: b.points, labels: b.labels)
        }
    }
}

extension DataSourceKind {
    /// `data.blobs`.
    public static let blobs = DataSourceKind(
        key: "blobs", summary: "scikit-learn make_blobs, bit for bit",
        keys: [
            ConfigKey("samples", .integer(min: 1, max: ConfigLimits.maxSamples), "total number of points"),
            ConfigKey("points_per_cluster", .integer(min: 1, max: ConfigLimits.maxSamples), "points per centre (samples = this × centers)"),
            ConfigKey("centers", .anyOf([.integer(1...10_000), .list(.numbers(), count: nil)]), "number of random centres, or the centres"),
            ConfigKey("features", .integer(1...1000), "columns per point"),
            ConfigKey("std", .anyOf([.number(0...1e6), .list(.number(0...1e6), count: nil)]), "cluster_std: one, or one per centre"),
            ConfigKey("separation", .number(0...1e6), "the app's name for std"),
            ConfigKey("center_box", .numbers(count: 2), "bounds of the random centres"),
            ConfigKey("seed", .seed, "random_state"),
            ConfigKey("shuffle", .boolean, "shuffle the rows like make_blobs"),
        ],
        decode: { value, ctx in BlobsSource.decode(value) })
}

extension BlobsSource {
    static func decode(_ value: ConfigValue) -> BlobsSource? {
        guard let m = value.mapping(DataSourceKind.blobs.keys) else { return nil }
        var centers = 3
        var centerPoints: [[Double]]?
        var features = 2
        let featuresGiven = m.has("features")
        if let v = m.int("features", min: 1, max: 1000) { features = v }
        if let c = m["centers"] {
            if let items = c.isSequence ? c.items() : nil {
                var pts: [[Double]] = []
                for item in items {
                    guard let p = item.doubles(what: "a point [x, y, …]") else { return nil }
                    pts.append(p)
                }
                guard !pts.isEmpty else { c.fail("needs at least one centre"); return nil }
                let d = pts[0].count
                if d < 1 || pts.contains(where: { $0.count != d }) { c.fail("every centre needs the same number of coordinates"); return nil }
                if featuresGiven && d != features { c.fail("the centres have \(d) coordinates but features is \(features)"); return nil }
                features = d
                centerPoints = pts
                centers = pts.count
            } else if let v = c.int(min: 1, max: 10_000, what: "a number of centres or a list of points") {
                centers = v
            } else { return nil }
        }
        var samples: Int?
        switch (m["samples"], m["points_per_cluster"]) {
        case let (s?, p?):
            s.fail("give 'samples' (total) or 'points_per_cluster', not both (the other is at line \(p.location.line))")
        case let (s?, nil):
            samples = sampleCount(s)
        case let (nil, p?):
            if let v = sampleCount(p) {
                if v.multipliedReportingOverflow(by: centers).overflow || v * centers > ConfigLimits.maxSamples {
                    p.fail("points_per_cluster × centers must be at most \(ConfigLimits.maxSamples)")
                } else { samples = v * centers }
            }
        case (nil, nil):
            m.missing("needs 'samples' (total number of points) or 'points_per_cluster'")
        }
        guard let samples else { return nil }
        if samples * features > ConfigLimits.maxValues {
            (m["samples"] ?? m["points_per_cluster"] ?? value).fail("\(samples) points × \(features) features is more than \(ConfigLimits.maxValues) values")
            return nil
        }
        if samples < centers { (m["samples"] ?? value).fail("\(samples) samples cannot fill \(centers) centres") }
        var spec = BlobsSource(samples: samples, centers: centers, location: value.location, keyPath: value.path)
        spec.centerPoints = centerPoints
        spec.features = features
        switch (m["std"], m["separation"]) {
        case let (s?, p?):
            s.fail("give 'std' or 'separation' (the app's name for the same spread), not both (the other is at line \(p.location.line))")
        case let (s?, nil):
            if s.isSequence, let items = s.items(what: "a list of standard deviations, one per centre") {
                let values = items.compactMap { $0.double(min: 0, max: 1e6) }
                if values.count == items.count {
                    if values.count != centers { s.fail("has \(values.count) standard deviation\(values.count == 1 ? "" : "s") for \(centers) centres (give one per centre)") }
                    else { spec.std = .perCenter(values) }
                }
            } else if let v = s.double(min: 0, max: 1e6) { spec.std = .same(v) }
        case let (nil, p?):
            if let v = p.double(min: 0, max: 1e6) { spec.std = .same(v) }
        case (nil, nil): break
        }
        if let b = m.doubles("center_box", count: 2, what: "[low, high]") {
            if !(b[0] < b[1]) { m["center_box"]!.fail("low must be below high, got [\(value.reader.fmt(b[0])), \(value.reader.fmt(b[1]))]") }
            else { spec.centerBox = b[0]...b[1] }
        }
        if let v = m.seed("seed") { spec.seed = v }
        if let v = m.bool("shuffle") { spec.shuffle = v }
        return spec
    }
}

/// A number of points: a whole number from 1 to the sample limit.
func sampleCount(_ v: ConfigValue) -> Int? {
    guard let n = v.int(what: "a whole number of points") else { return nil }
    if n <= 0 { v.fail("must be at least 1, got \(n) (empty data)"); return nil }
    if n > ConfigLimits.maxSamples { v.fail("must be at most \(ConfigLimits.maxSamples), got \(n)"); return nil }
    return n
}
