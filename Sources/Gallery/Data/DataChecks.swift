import FigureConfig

/// A layer drawn with the shared styling (its columns and fields are checked against the data).
protocol StyledLayer {
    /// The layer's styling.
    var style: LayerStyle { get }
    /// Whether its `x` and `y` are drawn from the points (a line from an analysis's curve is not).
    var drawsColumns: Bool { get }
}

extension StyledLayer {
    /// Layers of the points draw their columns.
    var drawsColumns: Bool { true }
}

extension ScatterLayer: StyledLayer {}
extension LineLayer: StyledLayer {}
extension CentersLayer: StyledLayer {}
extension HullLayer: StyledLayer {}
extension HistogramLayer: StyledLayer {}

/// The checks of a config that need its data read: a CSV's text columns where numbers are drawn,
/// `where` values a column does not hold, too many categories to colour by, PCA and `missing: drop`
/// against the rows. Run by the data step (so `validate` reports them), each at its key.
enum DataChecks {
    /// The most categories a layer may colour or split by.
    static let maxCategories = 100

    static func check(_ spec: FigureSpec, _ dataset: Dataset, _ reader: ConfigReader) {
        let rows = dataset.points.rows
        if let csv = spec.data.source as? CSVSource, let map = dataset.records {
            let at = csv.missingLocation ?? csv.location, path = csv.keyPath + ".missing"
            if rows == 0 {
                reader.fail("every one of the \(map.records) rows has a missing value in a clustered column; nothing is left to cluster", at: at, path)
                return
            }
            for a in spec.analyses {
                if let k = a.categoryCount(of: "cluster"), k > rows {
                    reader.fail("missing: drop left \(rows) of \(map.records) rows (\(map.dropped.count) had a missing value in a clustered column), fewer than the \(k) clusters of \(a.keyPath)",
                                at: at, path)
                    return
                }
            }
        }
        spec.data.pca?.check(rows: rows, reader)
        for panel in spec.panels {
            for layer in panel.layers {
                guard let styled = layer as? StyledLayer else { continue }
                check(styled, dataset, reader)
            }
        }
    }

    static func check(_ layer: StyledLayer, _ dataset: Dataset, _ reader: ConfigReader) {
        let s = layer.style
        func fail(_ key: String, _ message: String) {
            guard let p = s.places[key] else { return }
            reader.fail(message, at: p.location, p.keyPath)
        }
        func textSample(_ ref: ColumnRef) -> String {
            let names = dataset.categories(ref)?.names ?? []
            return names.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (names.count > 3 ? ", …" : "")
        }
        if layer.drawsColumns {
            for (key, ref) in [("x", s.x), ("y", s.y)] where dataset.isText(ref) {
                fail(key, "column '\(dataset.name(ref))' holds text (\(textSample(ref))); an axis needs numbers: colour, split or filter by it instead")
            }
        }
        if case let .continuous(c) = s.color, case let .column(ref) = c.source, dataset.isText(ref) {
            fail("color", "column '\(dataset.name(ref))' holds text (\(textSample(ref))); colour by it as categories with color: {by: \(dataset.name(ref))}")
        }
        for f in s.filters where f.text != nil && f.field.owner == FieldRef.dataOwner {
            let ref = ColumnRef.name(f.field.name)
            guard let names = dataset.categories(ref)?.names else { continue }
            if Dataset.categoryIndex(of: f.text!, in: names) == nil {
                let hint = Spelling.hint(for: f.text!, among: names)
                fail("where.\(f.field.name)", "there is no \(f.field.name) '\(f.text!)' in the data\(hint.isEmpty ? "; it holds \(textSample(ref))" : hint)")
            }
        }
        var fields: [(String, FieldRef)] = []
        if let split = s.split { fields.append(("split", split)) }
        if case let .field(ref, _) = s.color { fields.append(("color", ref)) }
        for (key, ref) in fields where ref.owner == FieldRef.dataOwner && ref.name != DataFields.blob.name {
            if let n = dataset.categories(.name(ref.name))?.names.count, n > maxCategories {
                fail(key, "column '\(ref.name)' has \(n) distinct values, too many categories to colour or split by (at most \(maxCategories)); colour by it as a number with color: {column: \(ref.name)}")
            }
        }
    }
}

extension Dataset {
    /// The category `text` names among `names`: the same text, or for numbers the same value (`0` and `0.0`).
    static func categoryIndex(of text: String, in names: [String]) -> Int? {
        if let i = names.firstIndex(of: text) { return i }
        guard let v = Double(text) else { return nil }
        return names.firstIndex { Double($0) == v }
    }
}
