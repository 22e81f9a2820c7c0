import FigureConfig
import Plotting

/// `figure.pairs` — seaborn's `pairplot(df, vars=columns, hue=field)`: an n × n grid, a scatter of
/// every pair of columns off the diagonal (row i against column j: y = column i, x = column j),
/// histograms of each column on the diagonal (one per group, common bins), the column names on the
/// outer axes and one legend (beside the top-right panel).
enum PairsLayout {
    /// The keys of `figure.pairs` as a mapping.
    static let keys: [ConfigKey] = [
        ConfigKey("columns", .list(.text, count: nil), "the columns, 2…8 of them (clustered, pc1…, or other numeric columns)"),
        ConfigKey("color", .text, "the field colouring the points and splitting the histograms (default: the clusters)"),
        ConfigKey("cmap", .text, "palette of the groups (default tab10)"),
        ConfigKey("bins", .anyOf([.integer(1...1000), .choice(["auto"])]), "histogram bins (default auto)"),
        ConfigKey("size", .number(0...10_000), "marker area (pt², default 16)"),
        ConfigKey("alpha", .number(0...1), "marker opacity (default 0.8)"),
    ]

    /// The panels of `pairs:` (a list of columns, or a mapping), with the grid and (when `figure.size`
    /// is not given) a size of 2.5 in per panel, as seaborn's `height=2.5`.
    static func panels(_ v: ConfigValue, data: DataSpec, present: Set<String>, analyses: [any AnalysisSpec],
                       figure: inout FigureSettings, sized: Bool) -> (panels: [PanelSpec], rows: Int, columns: Int)? {
        var columnsValue = v
        var m: ConfigMapping?
        if v.isMapping {
            guard let mm = v.mapping(keys, what: "a list of columns or {columns, color, …}") else { return nil }
            m = mm
            guard let c = mm["columns"] else { mm.missing("needs 'columns' (the columns to pair)"); return nil }
            columnsValue = c
        }
        guard let items = columnsValue.items(what: "a list of columns") else { return nil }
        let known = data.columnNames + data.otherColumnNames
        var columns: [String] = []
        for item in items {
            guard let name = item.string() else { return nil }
            guard known.contains(name) else {
                let hint = Spelling.hint(for: name, among: known)
                item.fail("no column named '\(name)'\(hint.isEmpty ? "; the columns are \(v.reader.list(known))" : hint)")
                return nil
            }
            if columns.contains(name) { item.fail("column '\(name)' is listed twice"); return nil }
            columns.append(name)
        }
        guard (2...8).contains(columns.count) else { columnsValue.fail("a pair plot needs 2 to 8 columns, got \(columns.count)"); return nil }
        let resolver = FieldResolver(present: present, facet: nil, hasBlobs: data.hasBlobs, columns: known)
        var field: FieldRef?
        if let c = m?["color"] {
            guard let (ref, _) = resolver.resolve(c, kinds: [.category, .flag]) else { return nil }
            field = ref
        } else if let key = AnalysisKind.clusterAnalyses.first(where: { present.contains($0) }) {
            field = FieldRef(owner: key, name: "cluster")
        }
        var palette = Palette(colormap: "tab10")!
        if let c = m?["cmap"], let name = c.choice(Palette.colormapNames) { palette = Palette(colormap: name)! }
        var bins: Int?
        if let b = m?["bins"], b.scalar != "auto" { bins = b.int(min: 1, max: 1000) }
        let size = m?.double("size", min: 0, max: 10_000) ?? 16
        let alpha = m?.double("alpha", min: 0, max: 1) ?? 0.8
        let n = columns.count
        var out: [PanelSpec] = []
        for i in 0..<n {
            for j in 0..<n {
                var p = PanelSpec(location: v.location)
                p.row = i
                p.column = j
                if i == n - 1 { p.xLabel = columns[j] }
                if j == 0 { p.yLabel = columns[i] }
                var style = LayerStyle()
                style.x = .name(columns[j])
                style.y = .name(columns[i])
                if let field {
                    style.color = .field(field, palette)
                    style.split = field
                }
                if i == j {
                    var h = HistogramLayer(location: v.location)
                    h.style = style
                    h.bins = bins
                    p.layers = [h]
                } else {
                    var s = ScatterLayer(location: v.location)
                    style.size = size
                    style.alpha = alpha
                    // One legend for the grid: the top-right scatter is split into labelled series.
                    if i == 0 && j == n - 1, let field {
                        style.label = "{\(field.name)}"
                        p.legend.show = true
                        p.legend.location = .outsideRight
                    } else { style.split = nil }
                    s.style = style
                    p.layers = [s]
                }
                out.append(p)
            }
        }
        if !sized {
            figure.width = 2.5 * Double(n) + (field == nil ? 0 : 1.5)
            figure.height = 2.5 * Double(n)
        }
        return (out, n, n)
    }
}
