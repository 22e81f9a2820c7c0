import Clustering
import FigureConfig

/// `data.concat` — rows of several sources stacked in order (`np.vstack`).
public struct ConcatSource: DataSource {
    /// The sources, in order.
    public var parts: [any DataSource]
    /// Where `concat:` was written.
    public var location: SourceLocation
    /// Its key path.
    public var keyPath: String

    /// The total, when every part's rows are known.
    public var rowCount: Int? {
        var n = 0
        for p in parts { guard let c = p.rowCount else { return nil }; n += c }
        return n
    }
    /// The first source's column names.
    public var columnNames: [String] { parts.first?.columnNames ?? [] }
    /// Whether any part has generator labels.
    public var hasGeneratorLabels: Bool { parts.contains { $0.hasGeneratorLabels } }

    /// Loads every part and stacks them; rows without generator labels get −1.
    public func load() throws -> SourceTable {
        var matrix: DataMatrix?
        var labels: [Int] = []
        for p in parts {
            let t = try p.load()
            labels += t.labels ?? Array(repeating: -1, count: t.points.rows)
            if let prev = matrix {
                guard prev.rows + t.points.rows <= ConfigLimits.maxSamples else {
                    throw GalleryError("the sources hold more than \(ConfigLimits.maxSamples) points together (the limit)",
                                       at: location, keyPath: keyPath)
                }
                matrix = try runClustering(keyPath, at: p.location) { try prev.appendingRows(of: t.points) }
            } else {
                matrix = t.points
            }
        }
        return SourceTable(points: matrix!, labels: hasGeneratorLabels ? labels : nil)
    }
}

extension DataSourceKind {
    /// `data.concat`.
    public static let concat = DataSourceKind(
        key: "concat", summary: "sources stacked in order (np.vstack)", keys: [],
        decode: { value, ctx in ConcatSource.decode(value, ctx) })
}

extension ConcatSource {
    static func decode(_ value: ConfigValue, _ ctx: DataDecodeContext) -> ConcatSource? {
        guard let items = value.items(what: "a list of data sources") else { return nil }
        if items.isEmpty { value.fail("needs at least one source (empty data)"); return nil }
        var parts: [any DataSource] = []
        for item in items {
            guard let p = DataSourceKind.decodeSource(item, ctx) else { return nil }
            parts.append(p)
        }
        let counts = parts.map(\.columnNames.count)
        if let bad = counts.firstIndex(where: { $0 != counts[0] }) {
            items[bad].fail("all sources must have the same number of columns: the first has \(counts[0]), another has \(counts[bad])")
            return nil
        }
        let spec = ConcatSource(parts: parts, location: value.location, keyPath: value.path)
        if let rows = spec.rowCount, rows > ConfigLimits.maxSamples {
            value.fail("the sources hold \(rows) points together; the limit is \(ConfigLimits.maxSamples)")
            return nil
        }
        if let rows = spec.rowCount, rows * counts[0] > ConfigLimits.maxValues {
            value.fail("the sources hold \(rows) points × \(counts[0]) features together, more than \(ConfigLimits.maxValues) values")
            return nil
        }
        return spec
    }
}
