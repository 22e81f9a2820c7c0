import FigureConfig
import Plotting

/// Decodes `panels:` entries: placement, titles, axes, legend, annotations, colorbar, font sizes and
/// layers (each layer through its ``LayerKind``); a facet panel expands into one panel per iteration.
enum PanelDecoder {
    /// The keys of a panel.
    static let keys: [ConfigKey] = [
        ConfigKey("position", .numbers(count: 2), "[row, column], 0-based"),
        ConfigKey("facet", .choice(["iteration", "k"]), "repeat the panel for every lloyd_trace iteration, or every k of a silhouette sweep"),
        ConfigKey("title", .text, "title ({iteration} in a facet)"),
        ConfigKey("xlabel", .text, "x-axis label"),
        ConfigKey("ylabel", .text, "y-axis label"),
        ConfigKey("xlim", .numbers(count: 2), "[min, max]"),
        ConfigKey("ylim", .numbers(count: 2), "[min, max]"),
        ConfigKey("xscale", .choice(AxisScale.self), "x-axis scale"),
        ConfigKey("yscale", .choice(AxisScale.self), "y-axis scale"),
        ConfigKey("legend", .anyOf([.boolean, .mapping(legendKeys)]), "legend: true, false or {show, loc, fontsize}"),
        ConfigKey("fontsize", .anyOf([.number(above: 0, max: 200), .mapping(fontSizeKeys)]), "text sizes (pt)"),
        ConfigKey("annotations", .list(.mapping(AnnotationDecoder.keys), count: nil), "notes on data points"),
        ConfigKey("colorbar", .anyOf([.boolean, .mapping([ConfigKey("label", .text, "text beside the bar")])]), "a colour scale"),
        ConfigKey("layers", .list(.mapping([]), count: nil), "what is drawn, bottom to top"),
    ]
    /// The keys of `legend:`.
    static let legendKeys: [ConfigKey] = [
        ConfigKey("show", .boolean, "draw the legend"),
        ConfigKey("loc", .choice(LegendLocation.self), "matplotlib location name"),
        ConfigKey("fontsize", .number(above: 0, max: 200), "entry text size"),
    ]
    /// The keys of `fontsize:` as a mapping.
    static let fontSizeKeys: [ConfigKey] = ["title", "labels", "ticks", "legend"].map { ConfigKey($0, .number(above: 0, max: 200)) }

    /// What the panel decoder knows.
    struct Context {
        let reader: ConfigReader
        let present: Set<String>
        let analyses: [any AnalysisSpec]
        let data: DataSpec?
        let gridColumns: Int?
    }

    /// The panel (or, for a facet, its iterations) of one `panels:` entry.
    static func decode(_ value: ConfigValue, _ ctx: Context) -> [PanelSpec] {
        guard let m = value.mapping(keys, what: "a panel") else { return [] }
        let fmt = ctx.reader.fmt
        var panel = PanelSpec(location: value.location)
        if let v = m.doubles("position", count: 2, what: "[row, column] (0-based)") {
            if v.contains(where: { $0 < 0 || $0 > 19 || $0 != $0.rounded() }) {
                m["position"]!.fail("row and column must be whole numbers from 0 to 19, got [\(fmt(v[0])), \(fmt(v[1]))]")
            } else { panel.row = Int(v[0]); panel.column = Int(v[1]) }
        }
        var facetKind: String?
        if let f = m["facet"], let kind = f.choice(["iteration", "k"]) {
            if kind == "iteration" {
                if !ctx.present.contains("lloyd_trace") { f.fail("facet 'iteration' needs clustering.lloyd_trace") } else { facetKind = kind }
            } else if let s = ctx.analyses.lazy.compactMap({ $0 as? SilhouetteSpec }).first, !s.sweep.isEmpty {
                facetKind = kind
            } else {
                f.fail("facet 'k' needs a silhouette sweep (clustering.silhouette.k: [2, 3, …])")
            }
        }
        let facet = facetKind == "iteration"
        panel.title = m.string("title")
        panel.xLabel = m.string("xlabel")
        panel.yLabel = m.string("ylabel")
        for key in ["title", "xlabel", "ylabel"] { TemplateText.check(m[key], present: ctx.present) }
        for key in ["xlim", "ylim"] {
            guard let v = m.doubles(key, count: 2, what: "[min, max]") else { continue }
            if !(v[0] < v[1]) { m[key]!.fail("min must be below max, got [\(fmt(v[0])), \(fmt(v[1]))]"); continue }
            if key == "xlim" { panel.xLimits = v[0]...v[1] } else { panel.yLimits = v[0]...v[1] }
        }
        for key in ["xscale", "yscale"] {
            guard let scale = m.choice(key, AxisScale.self) else { continue }
            let isX = key == "xscale"
            if isX { panel.xScale = scale } else { panel.yScale = scale }
            if scale == .log, let l = isX ? panel.xLimits : panel.yLimits, l.lowerBound <= 0 {
                let limKey = isX ? "xlim" : "ylim"
                ctx.reader.fail("a log scale needs positive limits, got [\(fmt(l.lowerBound)), \(fmt(l.upperBound))]",
                                at: (m[limKey] ?? m[key]!).location, m.path(limKey))
            }
        }
        if let l = m["legend"] {
            if l.isScalar, let b = l.bool() { panel.legend.show = b }
            else if let lm = l.mapping(legendKeys, what: "true, false or a mapping") {
                if let v = lm.bool("show") { panel.legend.show = v }
                if let v = lm.choice("loc", LegendLocation.self) { panel.legend.location = v }
                if let v = lm.double("fontsize", above: 0, max: 200) { panel.fontSizes.legend = v }
            }
        }
        if let items = m.items("annotations", what: "a list of annotations") {
            for item in items { if let a = AnnotationDecoder.decode(item, ctx) { panel.annotations.append(a) } }
        }
        if let f = m["fontsize"] {
            if f.isScalar {
                if let v = f.double(above: 0, max: 200) {
                    panel.fontSizes.title = v; panel.fontSizes.labels = v; panel.fontSizes.ticks = v
                    if panel.fontSizes.legend == nil { panel.fontSizes.legend = v }
                }
            } else if let fm = f.mapping(fontSizeKeys, what: "a size in points or a mapping") {
                func size(_ k: String) -> Double? { fm.double(k, above: 0, max: 200) }
                panel.fontSizes.title = size("title") ?? panel.fontSizes.title
                panel.fontSizes.labels = size("labels") ?? panel.fontSizes.labels
                panel.fontSizes.ticks = size("ticks") ?? panel.fontSizes.ticks
                panel.fontSizes.legend = size("legend") ?? panel.fontSizes.legend
            }
        }
        let layerContext = LayerDecodeContext(reader: ctx.reader, facetKind: facetKind, present: ctx.present,
                                              hasBlobs: ctx.data?.hasBlobs ?? false, columns: ctx.data?.columnNames ?? [],
                                              analyses: ctx.analyses, generatorLabels: ctx.data?.source.generatorLabelCount,
                                              otherColumns: ctx.data?.otherColumnNames ?? [])
        if let l = m["layers"] {
            if let items = l.items(what: "a list of layers") {
                if items.isEmpty { l.fail("needs at least one layer") }
                for item in items { if let layer = LayerKind.decodeLayer(item, layerContext) { panel.layers.append(layer) } }
            }
        } else {
            m.missing("needs 'layers' (what to draw, e.g. [{mark: scatter, color: {by: cluster}}])")
        }
        if let c = m["colorbar"] { panel.colorbar = colorbar(c, panel: panel, layerNodes: m["layers"]?.node.items ?? []) }
        if facetKind == "k", let sweep = ctx.analyses.lazy.compactMap({ $0 as? SilhouetteSpec }).first?.sweep {
            // One row per k, each panel keeping its column.
            return sweep.enumerated().map { j, k in
                var p = panel
                p.sweepIndex = j
                p.row = panel.row + j
                p.title = panel.title?.replacingOccurrences(of: "{k}", with: String(k))
                p.xLabel = panel.xLabel?.replacingOccurrences(of: "{k}", with: String(k))
                return p
            }
        }
        guard facet, let trace = ctx.analyses.lazy.compactMap({ $0 as? LloydTraceSpec }).first else { return [panel] }
        // One panel per iteration, filling grid cells row by row from `position`.
        let cols = ctx.gridColumns ?? 3
        if panel.column >= cols { ctx.reader.fail("position column \(panel.column) is outside the grid's \(cols) columns", at: value.location, m.path("position")) }
        let start = panel.row * cols + panel.column
        let template = panel.title ?? "Iteration {iteration}"
        return (0..<trace.iterations).map { it in
            var p = panel
            p.iteration = it
            p.row = (start + it) / cols
            p.column = (start + it) % cols
            p.title = template.replacingOccurrences(of: "{iteration}", with: String(it + 1))
            return p
        }
    }

    /// `colorbar: true | false | {label}` — only for a panel with a layer coloured by a number.
    static func colorbar(_ c: ConfigValue, panel: PanelSpec, layerNodes: [ConfigNode]) -> ColorbarSpec? {
        var spec: ColorbarSpec?
        if c.isScalar, let b = c.bool() { spec = b ? ColorbarSpec() : nil }
        else if c.isMapping, let cm = c.mapping(keys: ["label"], what: "true, false or {label: …}") { spec = ColorbarSpec(label: cm.string("label")) }
        else if c.isSequence { c.fail("expected true, false or {label: …}, got \(c.typeName)") }
        guard spec != nil else { return nil }
        let continuous = panel.layers.contains { $0.continuousColor != nil }
        // A layer that asks for a continuous colour but has an error of its own is reported there.
        let intended = layerNodes.contains { node in
            guard let color = node.child("color") else { return false }
            return color.child("column") != nil || color.child("by").flatMap(\.scalar).map { FieldResolver.isKnown($0, kinds: [.number]) } == true
        }
        if continuous { return spec }
        if !panel.layers.isEmpty && !intended {
            c.fail("a colorbar needs a layer coloured by a number (color: {by: distance} or {column: …})")
        }
        return nil
    }
}
