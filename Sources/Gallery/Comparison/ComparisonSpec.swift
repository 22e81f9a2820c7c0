import Clustering
import FigureConfig
import Foundation
import Plotting

/// `comparison:` — scikit-learn's "comparing clustering algorithms on toy datasets" as one config:
/// named datasets (rows) and named methods (columns), each cell one method fitted to one dataset,
/// drawn as a grid of scatters coloured by the cell's clusters (noise black).
///
/// A dataset's `params` override the keys of every method that has them — scikit-learn's example
/// sets `n_clusters` and `eps` per dataset the same way (`k: 2`, `eps: 0.18`).
public struct ComparisonSpec: Sendable {
    /// One row.
    public struct Row: Sendable {
        /// Its name (the row label).
        public var name: String
        /// Its data.
        public var data: DataSpec
    }
    /// One column.
    public struct Column: Sendable {
        /// Its name (the column title).
        public var name: String
        /// The analysis it runs (`kmeans`, `dbscan`, …).
        public var kind: String
        /// What its cells draw (`layers:`, decoded as a panel's, with only this analysis present);
        /// nil: a scatter coloured by the cell's clusters.
        public var layers: [any Layer]?
    }
    /// The rows.
    public var rows: [Row]
    /// The columns.
    public var columns: [Column]
    /// Each cell's analysis, rows × columns.
    public var cells: [[any AnalysisSpec]]
    /// The colours of clusters 0, 1, … (noise is black).
    public var palette: Palette
    /// Marker area in pt² (default 10, as the example).
    public var size = 10.0
    /// Both axes' limits in every cell (default ±2.5 around the standardised data, as the example);
    /// nil: each cell autoscales to its points (`limits: auto`).
    public var limits: ClosedRange<Double>? = -2.5...2.5
    /// Draw tick labels (default false, as the example).
    public var showsTicks = false
    /// Where `comparison:` was written.
    public var location: SourceLocation

    /// scikit-learn's example colours: its nine-colour cycle.
    public static let sklearnColors = ["#377eb8", "#ff7f00", "#4daf4a", "#f781bf", "#a65628", "#984ea3", "#999999", "#e41a1c", "#dede00"]

    /// The keys of `comparison:`.
    static let keys: [ConfigKey] = [
        ConfigKey("datasets", .list(.mapping(rowKeys), count: nil), "the rows: named datasets, with parameters for the methods"),
        ConfigKey("methods", .list(.mapping(methodKeys), count: nil), "the columns: named analyses ({name, kmeans: {…}})"),
        ConfigKey("colors", .list(.text, count: nil), "cluster colours (default scikit-learn's nine), noise black"),
        ConfigKey("size", .number(0...10_000), "marker area in pt²"),
        ConfigKey("limits", .anyOf([.list(.anyNumber, count: 2), .choice(["auto"])]), "both axes' limits in every cell (default [-2.5, 2.5]); auto: each cell fits its points"),
        ConfigKey("ticks", .boolean, "draw tick labels (default false)"),
    ]
    /// The keys of a method column: its name and one analysis (`clustering:`'s keys for that kind).
    static var methodKeys: [ConfigKey] {
        [ConfigKey("name", .text, "the column's name"),
         ConfigKey("layers", .list(.mapping([]), count: nil), "what its cells draw, as a panel's layers (default: a scatter coloured by the clusters)")]
            + methodKinds.compactMap(AnalysisKind.named).map { ConfigKey($0.key, .mapping($0.keys), $0.summary) }
    }
    /// The analyses a method may run: those with a `cluster` field outside facets.
    static var methodKinds: [String] {
        AnalysisKind.registry.filter { $0.fields.contains { $0.name == "cluster" && !$0.facetOnly } }.map(\.key)
    }
    /// The keys of a dataset row.
    static let rowKeys: [ConfigKey] = [
        ConfigKey("name", .text, "the row's name"),
        ConfigKey("data", .mapping(DataSpec.keys), "its data section"),
        ConfigKey("params", .dictionary(.anyNumber), "keys set in every method that has them (k, eps, min_samples, …)"),
    ]
}

extension ComparisonSpec {
    /// Decodes `comparison:`.
    static func decode(_ value: ConfigValue, _ dctx: DataDecodeContext) -> ComparisonSpec? {
        guard let m = value.mapping(keys) else { return nil }
        guard let rowItems = m.items("datasets", what: "a list of datasets"), let methodItems = m.items("methods", what: "a list of methods") else {
            if !m.has("datasets") { m.missing("needs 'datasets' (the rows: [{name, data: {…}, params: {…}}])") }
            if !m.has("methods") { m.missing("needs 'methods' (the columns: [{name, kmeans: {k: 3}}, …])") }
            return nil
        }
        if rowItems.isEmpty { m["datasets"]!.fail("needs at least one dataset"); return nil }
        if methodItems.isEmpty { m["methods"]!.fail("needs at least one method"); return nil }
        var rows: [Row] = [], params: [ConfigMapping?] = []
        for item in rowItems {
            guard let rm = item.mapping(rowKeys, what: "a dataset {name, data, params}") else { continue }
            guard let name = rm.string("name") else { rm.missing("a dataset needs 'name'"); continue }
            guard let d = rm["data"] else { rm.missing("a dataset needs 'data' (a data section: blobs, moons, …)"); continue }
            guard let data = DataSpec.decode(d, dctx) else { continue }
            rows.append(Row(name: name, data: data))
            params.append(rm["params"]?.anyMapping(what: "parameters such as {k: 2, eps: 0.3}"))
        }
        var columns: [Column] = [], methodValues: [ConfigValue] = [], layerNodes: [ConfigValue?] = []
        let kinds = methodKinds
        for item in methodItems {
            guard let mm = item.mapping(keys: ["name", "layers"] + kinds, what: "a method {name, kmeans: {…}}") else { continue }
            let chosen = kinds.filter { mm.has($0) }
            guard chosen.count == 1, let kind = chosen.first else {
                mm.fail("a method needs exactly one analysis (\(value.reader.list(kinds))), got \(chosen.count)"); continue
            }
            columns.append(Column(name: mm.string("name") ?? kind, kind: kind))
            methodValues.append(mm[kind]!)
            layerNodes.append(mm["layers"])
        }
        guard rows.count == rowItems.count, columns.count == methodItems.count else { return nil }
        // Each cell: the method's mapping with the row's params laid over the keys it has.
        var cells: [[any AnalysisSpec]] = []
        for (r, row) in rows.enumerated() {
            var line: [any AnalysisSpec] = []
            for (c, column) in columns.enumerated() {
                guard let kind = AnalysisKind.named(column.kind) else { return nil }
                var node = methodValues[c].node
                if let p = params[r] {
                    for key in p.keysInOrder where kind.keys.names.contains(key) {
                        node = node.setting(key, to: p[key]!.node)
                    }
                }
                let v = ConfigValue(reader: value.reader, node: node, path: methodValues[c].path)
                let actx = AnalysisDecodeContext(reader: value.reader, rows: row.data.rowCount, columns: row.data.columnNames.count,
                                                 present: [column.kind])
                guard let km = v.mapping(kind.keys), let spec = kind.decode(km, actx) else { return nil }
                line.append(spec)
            }
            cells.append(line)
        }
        // A method's own layers, decoded once against the first row (every row has the same keys).
        for (c, node) in layerNodes.enumerated() {
            guard let node, let items = node.items(what: "a list of layers") else { continue }
            if items.isEmpty { node.fail("needs at least one layer"); continue }
            let first = rows[0].data
            var lctx = LayerDecodeContext(reader: value.reader, facetKind: nil, present: [columns[c].kind],
                                          hasBlobs: rows.allSatisfy { $0.data.hasBlobs }, columns: first.columnNames,
                                          analyses: [cells[0][c]], generatorLabels: nil, otherColumns: first.otherColumnNames)
            lctx.comparisonMethod = columns[c].kind
            columns[c].layers = items.compactMap { LayerKind.decodeLayer($0, lctx) }
        }
        var palette = Palette(colors: sklearnColors.compactMap(ColorValue.init(parsing:)))
        if let list = m.items("colors", what: "a list of colours") {
            let cs = list.compactMap(ColorEncoding.parseColor)
            if cs.count == list.count, !cs.isEmpty { palette = Palette(colors: cs) }
        }
        var spec = ComparisonSpec(rows: rows, columns: columns, cells: cells, palette: palette, location: value.location)
        if let s = m.double("size", min: 0, max: 10_000) { spec.size = s }
        if let l = m["limits"] {
            if l.isScalar {
                if l.scalar == "auto" { spec.limits = nil } else { l.fail("expected [min, max] or auto, got \(Echo.quoted(l.scalar ?? ""))") }
            }
            else if let v = l.doubles(count: 2, what: "[min, max] or auto") {
                if v[0] < v[1] { spec.limits = v[0]...v[1] } else { l.fail("min must be below max, got [\(value.reader.fmt(v[0])), \(value.reader.fmt(v[1]))]") }
            }
        }
        if let t = m.bool("ticks") { spec.showsTicks = t }
        for key in params.compactMap({ $0 }).flatMap(\.keysInOrder) where !columns.contains(where: { AnalysisKind.named($0.kind)?.keys.names.contains(key) == true }) {
            if let p = params.compactMap({ $0 }).first(where: { $0.has(key) }) {
                p.key(key)?.fail("no method has a key '\(key)' (keys of the methods: \(value.reader.list(Array(Set(columns.flatMap { AnalysisKind.named($0.kind)?.keys.names ?? [] })).sorted())))")
            }
        }
        return spec
    }

    /// The grid's panels: one per cell, titled with the method on the first row, the dataset's name
    /// as the first column's y label, no ticks, ±2.5 around the standardised data.
    func panels(location: SourceLocation) -> [PanelSpec] {
        var out: [PanelSpec] = []
        for (r, row) in rows.enumerated() {
            for (c, column) in columns.enumerated() {
                var p = PanelSpec(location: location)
                p.row = r
                p.column = c
                p.cell = r * columns.count + c
                if r == 0 { p.title = column.name }
                if c == 0 { p.yLabel = row.name }
                p.xLimits = limits
                p.yLimits = limits
                p.hidesTicks = !showsTicks
                // scikit-learn's example: column titles at 18 pt, the corner note at 15 pt.
                p.fontSizes.title = 18
                p.fontSizes.labels = 15
                var points = ScatterLayer(location: location)
                points.style.color = .field(FieldRef(owner: column.kind, name: "cluster"), palette)
                points.style.size = size
                p.layers = column.layers ?? [points]
                p.note = "{\(column.kind).clusters}"
                out.append(p)
            }
        }
        return out
    }
}

extension ConfigNode {
    /// This mapping with `key` set to `value` (added at the end when absent).
    func setting(_ key: String, to value: ConfigNode) -> ConfigNode {
        guard case var .mapping(pairs) = kind else { return self }
        if let i = pairs.firstIndex(where: { $0.key.scalar == key }) { pairs[i].value = value }
        else { pairs.append((ConfigNode(.scalar(key, quoted: false), at: value.location), value)) }
        return ConfigNode(.mapping(pairs), at: location)
    }
}
