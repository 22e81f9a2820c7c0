import Foundation
@testable import Clustering

/// Builds a case's input points from its `config.data`, as the reference script did:
/// one source (`blobs`, `uniform`, `csv`, `concat`, `moons`, `circles`), then `X = np.dot(X, T)`
/// for `transform: T`, then `StandardScaler().fit_transform(X)` for `scale: standard`
/// (`scale: minmax` = `MinMaxScaler().fit_transform(X)`). Defaults are the wave-2 ones
/// (`seed: 0`, `shuffle: true`, `noise: none`, `factor: 0.8`).
enum WaveData {
    static let sources: Set<String> = ["blobs", "uniform", "csv", "concat", "moons", "circles"]
    /// Keys of `config.data` that belong to other analyses and are ignored here.
    static let passThrough: Set<String> = ["pca"]

    /// `csv` `file` paths are relative to `Fixtures/reference/wave2` (`csv/iris.csv`).
    static var csvDirectory: URL { WaveCases.directory }

    static func build(_ data: [String: JSONValue], owner: String) throws -> WaveInput {
        let spec = WaveParameters(owner: owner, values: data)
        try spec.requireOnly(sources.union(["transform", "scale"]).union(passThrough))
        let present = data.keys.filter { sources.contains($0) }
        guard present.count == 1, let kind = present.first else {
            throw WaveCaseError("\(owner): exactly one source of \(sources.sorted()) is required, got \(present.sorted())")
        }
        var (points, labels) = try source(kind, data[kind]!, owner: "\(owner).\(kind)")
        if let t = data["transform"], !t.isNull {
            guard let rows = t.rows else { throw WaveCaseError("\(owner).transform must be a matrix, got \(t)") }
            points = try linearTransform(points, by: try DataMatrix(rows))
        }
        if let s = data["scale"], !s.isNull {
            switch s.string {
            case "standard"?: points = try StandardScaler().fitTransform(points).points
            case "minmax"?: points = try MinMaxScaler().fitTransform(points).points
            default: throw WaveCaseError("\(owner).scale must be standard or minmax, got \(s)")
            }
        }
        return WaveInput(points: points, generatorLabels: labels)
    }

    /// One source: its points and generator labels (nil for uniform and csv).
    static func source(_ kind: String, _ value: JSONValue, owner: String) throws -> (DataMatrix, [Int]?) {
        if kind == "concat" { return try concat(value, owner: owner) }
        guard let object = value.object else { throw WaveCaseError("\(owner) must be an object, got \(value)") }
        let p = WaveParameters(owner: owner, values: object)
        switch kind {
        case "blobs":
            let b = try blobs(p)
            return (b.points, b.labels)
        case "moons":
            try p.requireOnly(["samples", "shuffle", "noise", "seed"])
            let m = try makeMoons(
                samples: try p.int("samples", default: 100), shuffle: try p.bool("shuffle", default: true),
                noise: try p.optionalDouble("noise"), seed: try p.int("seed", default: 0))
            return (m.points, m.labels)
        case "circles":
            try p.requireOnly(["samples", "shuffle", "noise", "factor", "seed"])
            let c = try makeCircles(
                samples: try p.int("samples", default: 100), shuffle: try p.bool("shuffle", default: true),
                noise: try p.optionalDouble("noise"), factor: try p.double("factor", default: 0.8),
                seed: try p.int("seed", default: 0))
            return (c.points, c.labels)
        case "uniform":
            return (try uniform(p), nil)
        case "csv":
            return (try csv(p), nil)
        default:
            throw WaveCaseError("\(owner): unknown source \(kind)")
        }
    }

    /// `make_blobs(n_samples, centers, n_features, cluster_std, center_box, shuffle, random_state)`.
    static func blobs(_ p: WaveParameters) throws -> Blobs {
        try p.requireOnly(["samples", "centers", "std", "features", "center_box", "seed", "shuffle"])
        let samples: BlobSampleCounts
        if let list = p["samples"]?.ints {
            samples = .perCenter(list)
        } else {
            samples = .total(try p.int("samples", default: 100))
        }
        var centers: BlobCenters? = nil
        if let c = p["centers"], !c.isNull {
            if let k = c.int {
                centers = .random(k)
            } else if let rows = c.rows {
                centers = .given(try DataMatrix(rows))
            } else {
                throw WaveCaseError("\(p.owner).centers must be a count or a list of centres, got \(c)")
            }
        }
        let std: BlobStandardDeviation
        switch try p.numberOrList("std") {
        case let (s?, _): std = .same(s)
        case let (_, l?): std = .perCenter(l)
        default: std = .same(1.0)
        }
        var box = (low: -10.0, high: 10.0)
        if let b = p["center_box"], !b.isNull {
            guard let pair = b.doubles, pair.count == 2 else {
                throw WaveCaseError("\(p.owner).center_box must be [low, high], got \(b)")
            }
            box = (pair[0], pair[1])
        }
        return try makeBlobs(
            samples: samples, centers: centers, features: try p.int("features", default: 2), std: std,
            centerBox: box, shuffle: try p.bool("shuffle", default: true), seed: try p.int("seed", default: 0))
    }

    /// `RandomState(seed).uniform(low, high, size=(samples, features))`: row by row,
    /// `low[j] + (high[j] − low[j]) · random_sample()` (scalar or per-column bounds, broadcast).
    static func uniform(_ p: WaveParameters) throws -> DataMatrix {
        try p.requireOnly(["samples", "features", "low", "high", "seed"])
        let n = try p.int("samples", default: 100)
        guard n >= 1 else { throw WaveCaseError("\(p.owner).samples must be at least 1") }
        let lowSpec = try p.numberOrList("low"), highSpec = try p.numberOrList("high")
        let listWidth = lowSpec.list?.count ?? highSpec.list?.count
        let d = try p.int("features", default: listWidth ?? 2)
        func bounds(_ spec: (scalar: Double?, list: [Double]?), _ fallback: Double, _ key: String) throws -> [Double] {
            if let l = spec.list {
                guard l.count == d else { throw WaveCaseError("\(p.owner).\(key) has \(l.count) values for \(d) features") }
                return l
            }
            return Array(repeating: spec.scalar ?? fallback, count: d)
        }
        let low = try bounds(lowSpec, 0, "low"), high = try bounds(highSpec, 1, "high")
        let range = zip(high, low).map { $0 - $1 }
        var rs = try RandomState(seed: try p.int("seed", default: 0))
        var values: [Double] = []
        values.reserveCapacity(n * d)
        for _ in 0..<n {
            for j in 0..<d { values.append(low[j] + range[j] * rs.randomSample()) }
        }
        return try DataMatrix(rows: n, columns: d, values: values)
    }

    /// A CSV file with a header row; `columns` selects and orders columns (default: all). Every
    /// selected cell must parse with `Double(String)` (the reference parsed the same decimal text).
    static func csv(_ p: WaveParameters) throws -> DataMatrix {
        try p.requireOnly(["file", "columns"])
        let file = try p.string("file")
        let url = csvDirectory.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
        lines.removeAll { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let header = lines.first else { throw WaveCaseError("\(file) is empty") }
        let names = header.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var selected = Array(names.indices)
        if let c = p["columns"], !c.isNull {
            guard let wanted = c.array?.compactMap({ $0.string }), wanted.count == c.array?.count else {
                throw WaveCaseError("\(p.owner).columns must be a list of column names, got \(c)")
            }
            selected = try wanted.map { name in
                guard let i = names.firstIndex(of: name) else { throw WaveCaseError("\(file) has no column \(name)") }
                return i
            }
        }
        var values: [Double] = []
        for (r, line) in lines.dropFirst().enumerated() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == names.count else {
                throw WaveCaseError("\(file) row \(r + 1) has \(cells.count) cells, the header \(names.count)")
            }
            for i in selected {
                guard let v = Double(cells[i]) else {
                    throw WaveCaseError("\(file) row \(r + 1), column \(names[i]): '\(cells[i])' is not a number")
                }
                values.append(v)
            }
        }
        return try DataMatrix(rows: lines.count - 1, columns: selected.count, values: values)
    }

    /// `np.vstack` of the parts (each a full `data` object, so a part may have its own transform);
    /// the labels are the blob parts' labels and −1 for every other row.
    static func concat(_ value: JSONValue, owner: String) throws -> (DataMatrix, [Int]?) {
        guard let parts = value.array, !parts.isEmpty else { throw WaveCaseError("\(owner) must be a non-empty list") }
        var points: DataMatrix? = nil
        var labels: [Int] = []
        for (i, part) in parts.enumerated() {
            guard let object = part.object else { throw WaveCaseError("\(owner)[\(i)] must be an object") }
            let built = try build(object, owner: "\(owner)[\(i)]")
            points = try points.map { try $0.appendingRows(of: built.points) } ?? built.points
            let isBlobs = object["blobs"] != nil
            labels += isBlobs ? (built.generatorLabels ?? []) : Array(repeating: -1, count: built.points.rows)
        }
        return (points!, labels)
    }
}
