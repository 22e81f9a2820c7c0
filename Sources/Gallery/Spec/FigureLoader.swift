import FigureConfig
import Foundation
import Plotting

/// Turns YAML figure configs into validated ``FigureSpec`` values.
///
/// Every problem is reported as a ``ConfigError`` with the file, line and column of the offending
/// value, its key path and, for misspelt keys and names, the closest valid spelling. All the problems
/// of one config are collected and thrown together as ``ConfigErrors``. The sections are decoded by
/// their own types: data sources (``DataSourceKind``), analyses (``AnalysisKind``), panels
/// (``PanelDecoder``) and their layers (``LayerKind``), figure and output (``FigureSections``).
public enum FigureLoader {
    /// Top-level keys.
    public static let topLevelKeys: [ConfigKey] = [
        ConfigKey("figure", .mapping(FigureSections.figureKeys), "page size, dpi, style, layout, grid, suptitle"),
        ConfigKey("data", .mapping(DataSpec.keys), "where the points come from"),
        ConfigKey("clustering", .mapping(analysisSectionKeys), "analyses run on the points"),
        ConfigKey("panels", .list(.mapping(PanelDecoder.keys), count: nil), "subplots and their layers"),
        ConfigKey("output", .mapping(FigureSections.outputKeys), "file name stem, formats, dpi"),
        ConfigKey("description", .text, "free text, ignored"),
        ConfigKey("comparison", .mapping(ComparisonSpec.keys), "a grid of methods (columns) on datasets (rows)"),
    ]

    /// The keys of `clustering:`: every analysis, and the work budget.
    static var analysisSectionKeys: [ConfigKey] {
        AnalysisKind.registry.map { ConfigKey($0.key, .mapping(ClusterNames.keys($0)), $0.summary) }
            + [ConfigKey("budget", .number(above: 0, max: 1e18), "the most work the analyses may do, in operations (default 1e12)")]
    }

    /// Reads and validates the config at `path`, applying `overrides` in order. CSV files named by the
    /// config have their header read (column names are checked); their rows are read by the data step.
    public static func load(path: String, overrides: [Override] = []) throws(ConfigErrors) -> FigureSpec {
        let text = try ConfigFiles.readText(atPath: path, what: "config")
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(yaml: text, file: path, baseDirectory: base, defaultName: stem, overrides: overrides)
    }

    /// Validates config text. `file` labels messages; relative CSV paths resolve against `baseDirectory`.
    public static func parse(yaml text: String, file: String, baseDirectory: String = ".", defaultName: String = "figure",
                             overrides: [Override] = []) throws(ConfigErrors) -> FigureSpec {
        var root: ConfigNode
        do {
            root = try ConfigNode.parse(yaml: text, file: file)
            // Overrides need a mapping; an empty or non-mapping document is reported as it is.
            if case .mapping = root.kind { for o in overrides { try o.apply(to: &root) } }
        } catch let e as ConfigError {
            throw ConfigErrors([e])
        } catch {
            throw ConfigErrors([ConfigError("\(error)", at: SourceLocation(file: file, line: 1, column: 1))])
        }
        let reader = ConfigReader()
        let spec = decode(reader.value(root, ""), file: file, baseDirectory: baseDirectory, defaultName: defaultName)
        if !reader.errors.isEmpty { throw ConfigErrors(reader.errorsInFileOrder(primaryFile: file)) }
        guard var spec else { throw ConfigErrors([ConfigError("invalid config", at: root.location)]) }
        spec.warnings = reader.warnings
        return spec
    }

    static func decode(_ root: ConfigValue, file: String, baseDirectory: String, defaultName: String) -> FigureSpec? {
        let r = root.reader
        guard root.isMapping else {
            if root.isNull { root.fail("the config is empty; it needs at least a 'data' section") }
            else { root.fail("the config must be a mapping with keys \(r.list(topLevelKeys.names)), got \(root.typeName)") }
            return nil
        }
        guard let top = root.mapping(topLevelKeys) else { return nil }
        _ = top.string("description")

        // Data (a comparison grid brings its own datasets; the first stands in for `data`)
        var data: DataSpec?
        let dctx = DataDecodeContext(reader: r, file: file, baseDirectory: baseDirectory)
        let comparison = top["comparison"].flatMap { ComparisonSpec.decode($0, dctx) }
        if let d = top["data"] {
            data = DataSpec.decode(d, dctx)
            data?.readColumnsNamed(in: root.node)
        } else if let comparison {
            data = comparison.rows.first?.data
        } else if top.has("comparison") {
            return nil
        } else {
            r.fail("missing 'data' section (where the points come from: \(DataSourceKind.names.joined(separator: ", ")))", at: root.location, "data")
        }

        // Analyses
        var names: [String: [Int: String]] = [:]
        let analyses = top["clustering"].map { decodeAnalyses($0, data: data, names: &names) } ?? []
        let present = Set(analyses.map(\.kind.key))
        let budget = top["clustering"]?.anyMapping()?.double("budget", above: 0, max: 1e18) ?? WorkBudget.defaultOperations

        // Figure and output
        var (figure, grid) = top["figure"].map(FigureSections.figure) ?? (FigureSettings(), nil)
        TemplateText.check(top["figure"]?.anyMapping()?["suptitle"], present: present)
        let (output, givenName) = top["output"].map(FigureSections.output) ?? (OutputSpec(), nil)
        checkPixels(figure: figure, output: output, top: top, root: root)

        // Panels
        var panels: [PanelSpec] = []
        var panelsAreDefault = false
        if let comparison, !top.has("panels") {
            panels = comparison.panels(location: root.location)
        } else if let p = top["panels"] {
            if let items = p.items(what: "a list of panels") {
                if items.isEmpty { p.fail("needs at least one panel") }
                let ctx = PanelDecoder.Context(reader: r, present: present, analyses: analyses, data: data, gridColumns: grid?.columns)
                for item in items { panels += PanelDecoder.decode(item, ctx) }
            }
        } else if let data {
            panels = DefaultPanels.panels(analyses: analyses, data: data, location: root.location)
            panelsAreDefault = true
        }

        // A pair plot (figure.pairs) lays out its own grid of panels.
        if let pairs = top["figure"]?.anyMapping()?["pairs"] {
            if top.has("panels") { pairs.fail("give 'figure.pairs' or 'panels', not both") }
            else if let data, let laid = PairsLayout.panels(pairs, data: data, present: present, analyses: analyses, figure: &figure,
                                                            sized: top["figure"]?.anyMapping()?.has("size") ?? false) {
                panels = laid.panels
                panelsAreDefault = false
                grid = grid ?? (laid.rows, laid.columns)
            }
        }

        // Grid
        if let g = grid {
            figure.rows = g.rows
            figure.columns = g.columns
            if let p = panels.first(where: { $0.row >= g.rows || $0.column >= g.columns }) {
                r.fail("panel position [\(p.row), \(p.column)] is outside the \(g.rows)×\(g.columns) grid (figure.grid)", at: p.location, "panels")
            }
        } else {
            figure.rows = (panels.map(\.row).max() ?? 0) + 1
            figure.columns = (panels.map(\.column).max() ?? 0) + 1
        }
        var seen: [String: SourceLocation] = [:]
        for p in panels {
            let key = "\(p.row),\(p.column)"
            if let first = seen[key] {
                r.fail("two panels at position [\(p.row), \(p.column)] (the other one is at line \(first.line))", at: p.location, "panels")
                break
            }
            seen[key] = p.location
        }
        guard let data else { return nil }
        var spec = FigureSpec(file: file, baseDirectory: baseDirectory, name: givenName ?? defaultName, figure: figure, data: data,
                              analyses: analyses, panels: panels, output: output, panelsAreDefault: panelsAreDefault)
        spec.workBudget = budget
        spec.clusterNames = names
        spec.comparison = comparison
        if let rows = data.rowCount { WorkBudget.check(spec, rows: rows, columns: data.columnNames.count, r) }
        return spec
    }

    /// `clustering:` — each analysis through its kind, in registry order; requirements checked once.
    static func decodeAnalyses(_ value: ConfigValue, data: DataSpec?, names: inout [String: [Int: String]]) -> [any AnalysisSpec] {
        guard let m = value.mapping(analysisSectionKeys) else { return [] }
        let present = Set(AnalysisKind.registry.map(\.key).filter { m.has($0) })
        var ctx = AnalysisDecodeContext(reader: value.reader, rows: data?.rowCount, columns: data.map { $0.columnNames.count },
                                        present: present)
        ctx.columnNames = data?.columnNames ?? []
        ctx.otherColumnNames = data?.otherColumnNames ?? []
        var out: [any AnalysisSpec] = []
        for kind in AnalysisKind.registry {
            guard let v = m[kind.key] else { continue }
            for need in kind.requires where !present.contains(need.key) {
                v.fail("needs clustering.\(need.key)\(need.reason.map { " (\($0))" } ?? "")")
            }
            ctx.decoded = out
            guard let km = v.mapping(ClusterNames.keys(kind)), let spec = kind.decode(km, ctx) else { continue }
            if let n = km["names"], let decoded = ClusterNames.decode(n, spec: spec) { names[kind.key] = decoded }
            out.append(spec)
        }
        // Profiles show the names of the clusters they describe.
        return out.map { spec in
            guard var p = spec as? ProfilesSpec else { return spec }
            p.names = names[p.of] ?? [:]
            return p
        }
    }

    /// The raster output must stay within the pixel limit.
    static func checkPixels(figure: FigureSettings, output: OutputSpec, top: ConfigMapping, root: ConfigValue) {
        let dpi = output.dpi ?? figure.dpi
        let pixels = (figure.width * dpi) * (figure.height * dpi)
        let fig = top["figure"]?.anyMapping()
        let (at, path): (ConfigValue, String)
        if let v = top["output"]?.anyMapping()?["dpi"] { (at, path) = (v, "output.dpi") }
        else if let v = fig?["dpi"] { (at, path) = (v, "figure.dpi") }
        else { (at, path) = (fig?["size"] ?? root, "figure.size") }
        let w = Int((figure.width * dpi).rounded()), h = Int((figure.height * dpi).rounded())
        if w < 1 || h < 1 {
            root.reader.fail("the image would be \(w)×\(h) pixels; size × dpi must give at least 1 pixel a side", at: at.location, path)
            return
        }
        guard pixels > ConfigLimits.maxPixels else { return }
        root.reader.fail("the image would be \(Int((figure.width * dpi).rounded()))×\(Int((figure.height * dpi).rounded())) pixels (\(String(format: "%.0f", pixels / 1e6)) megapixels); the limit is 100 megapixels",
                         at: at.location, path)
    }
}
