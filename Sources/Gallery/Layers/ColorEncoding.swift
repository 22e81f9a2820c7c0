import FigureConfig
import Plotting

/// How a layer is coloured (`color:`).
public enum ColorEncoding: Sendable {
    /// The next colour of the panel's colour cycle, like matplotlib's default (`C0`, then `C1`, …).
    case automatic
    /// One colour for every mark.
    case fixed(ColorValue)
    /// By a per-point category field through a palette.
    case field(FieldRef, Palette)
    /// By a per-point number mapped through a colormap between vmin and vmax (default: the data's
    /// range), as matplotlib's `scatter(c=values, cmap=…)`.
    case continuous(ContinuousColor)

    /// The keys of the mapping form.
    static let keys: [ConfigKey] = [
        ConfigKey("by", .text, "a field: cluster, blob, outlier, distance, an analysis (kmeans) or owner.field"),
        ConfigKey("column", .anyOf([.text, .integer(min: 0, max: nil)]), "a column of the data, mapped through cmap"),
        ConfigKey("cmap", .text, "a colormap name"),
        ConfigKey("colors", .anyOf([.list(.text, count: nil), .text]), "explicit colours, one per category, or 'cycle' (the style's colour cycle, C0, C1, …)"),
        ConfigKey("normalize", .choice(Palette.Normalization.self), "categories on a cmap: range (i/(n−1), matplotlib's scatter) or count (i/n, scikit-learn's examples)"),
        ConfigKey("vmin", .anyNumber, "the value at the colormap's start"),
        ConfigKey("vmax", .anyNumber, "the value at the colormap's end"),
    ]

    /// The fixed colour, if that is the encoding.
    var fixedColor: ColorValue? { if case let .fixed(c) = self { return c } else { return nil } }
}

/// A per-point number a layer is coloured by, and how it is mapped to colours.
public struct ContinuousColor: Sendable {
    /// Where the numbers come from.
    public enum Source: Sendable, Hashable {
        /// A number field of an analysis (`kmeans.distance`).
        case field(FieldRef, label: String?)
        /// A column of the data.
        case column(ColumnRef)
    }
    /// Where the numbers come from.
    public var source: Source
    /// A colormap name (`viridis`, `_r` for reversed).
    public var colormap: String
    /// The value at the colormap's start (default the data's minimum).
    public var vmin: Double?
    /// The value at the colormap's end (default the data's maximum).
    public var vmax: Double?

    /// The numbers, one per point (empty when the analysis did not run).
    func values(_ panel: PanelContext) -> [Double] {
        switch source {
        case let .field(ref, _):
            if case let .numbers(v)? = panel.values(ref) { return v }
            return []
        case let .column(ref):
            return panel.dataset.numbers(ref) ?? []
        }
    }

    /// The default colorbar label ("Distance to centre", the column's name).
    func label(_ dataset: Dataset) -> String {
        switch source {
        case let .field(ref, label): return label ?? ref.description
        case let .column(ref):
            return dataset.name(ref)
        }
    }
}

extension ColorEncoding {
    /// Decodes `color:` — a colour, `{by: field, cmap | colors}`, or a continuous colour.
    static func decode(_ v: ConfigValue, kind: LayerKind, source: String, _ ctx: LayerDecodeContext,
                       pointFieldsApply: (ConfigValue) -> Bool) -> ColorEncoding? {
        if v.isScalar { return parseColor(v).map(ColorEncoding.fixed) }
        guard let cm = v.mapping(keys,
                                 what: "a colour, {by: cluster|blob|outlier|distance, cmap: …} or {column: name, cmap: …}") else { return nil }
        let byName = cm["by"]?.scalar
        let numeric = cm.has("column") || byName.map { FieldResolver.isKnown($0, kinds: [.number]) } == true
        if numeric {
            return continuous(cm, v, kind: kind, source: source, ctx).map(ColorEncoding.continuous)
        }
        if let bound = cm["vmin"] ?? cm["vmax"] {
            bound.fail("vmin and vmax apply to continuous colours ({by: distance} or {column: …})")
            return nil
        }
        guard let by = cm["by"] else {
            cm.missing("needs 'by' (cluster, blob, outlier or distance) or 'column'")
            return nil
        }
        let categorical: Set<FieldKind> = [.category, .flag]
        guard let name = by.scalar, FieldResolver.isKnown(name, kinds: categorical) || AnalysisKind.named(name) != nil
                || ctx.fields.isColumn(name) else {
            _ = ctx.fields.resolve(by, kinds: categorical)   // reports the unknown name with a hint
            return nil
        }
        let isFlag = FieldResolver.all.first { $0.field.name == name || "\($0.owner).\($0.field.name)" == name }?.field.kind == .flag
        var palette = isFlag ? Palette(colors: [.cycle(0), .red]) : Palette(colormap: "tab10")!
        if let colors = cm["colors"], cm.has("cmap") {
            colors.fail("give 'cmap' or 'colors', not both")
        } else if let cmap = cm["cmap"], let chosen = cmap.choice(Palette.colormapNames) {
            palette = Palette(colormap: chosen)!
        }
        if let nv = cm["normalize"] {
            if !cm.has("cmap") { nv.fail("'normalize' places categories on a colormap: give 'cmap' too") }
            else if let n = nv.choice(Palette.Normalization.self) { palette.normalization = n }
        } else if let list = cm["colors"], list.isScalar {
            if list.choice(["cycle"]) != nil { palette = Palette(colors: (0..<10).map { ColorValue.cycle($0) }) }
        } else if let list = cm["colors"], let items = list.items(what: "a list of colours") {
            let cs = items.compactMap(parseColor)
            if items.isEmpty { list.fail("needs at least one colour") } else if cs.count == items.count { palette = Palette(colors: cs) }
        }
        guard let (ref, _) = ctx.fields.resolve(by, kinds: categorical), pointFieldsApply(by) else { return nil }
        if palette.name == nil, let list = cm["colors"], !list.isScalar, let n = ctx.categoryCount(ref), palette.colors.count < n {
            list.warn("has \(palette.colors.count) colour\(palette.colors.count == 1 ? "" : "s") for the \(n) categories of \(ref); categories \(palette.colors.count)… reuse them from the start")
        }
        return .field(ref, palette)
    }

    /// `color: {by: distance | column: …, cmap, vmin, vmax}`: values mapped through a colormap.
    static func continuous(_ cm: ConfigMapping, _ v: ConfigValue, kind: LayerKind, source: String,
                           _ ctx: LayerDecodeContext) -> ContinuousColor? {
        if kind.mark != "scatter" || source != "points" {
            v.fail("continuous colours apply to scatter layers of the points"); return nil
        }
        if let c = cm["column"], cm.has("by") { c.fail("give 'by: distance' or 'column', not both"); return nil }
        if let c = cm["colors"] { c.fail("continuous colours take a colormap ('cmap'), not a list of colours"); return nil }
        let numberSource: ContinuousColor.Source
        if let c = cm["column"] {
            guard let ref = LayerStyle.columnRef(c, ctx) else { return nil }
            numberSource = .column(ref)
        } else {
            guard let by = cm["by"], let (ref, decl) = ctx.fields.resolve(by, kinds: [.number]) else { return nil }
            numberSource = .field(ref, label: decl.valueLabel)
        }
        var cmap = "viridis"
        if let c = cm["cmap"] {
            guard let name = c.choice(Palette.colormapNames + Palette.colormapNames.map { $0 + "_r" }) else { return nil }
            cmap = name
        }
        let vmin = cm.double("vmin"), vmax = cm.double("vmax")
        if let a = vmin, let b = vmax, !(a < b) {
            cm["vmax"]!.fail("vmin must be below vmax, got \(v.reader.fmt(a)) and \(v.reader.fmt(b))"); return nil
        }
        return ContinuousColor(source: numberSource, colormap: cmap, vmin: vmin, vmax: vmax)
    }

    /// A colour name, `#rrggbb`, a grey level or `C0`…`C9`.
    static func parseColor(_ v: ConfigValue) -> ColorValue? {
        guard v.isScalar, !v.isNull, let s = v.scalar else {
            v.fail("expected a colour (a name, #rrggbb or C0…C9), got \(v.typeName)")
            return nil
        }
        if let c = ColorValue(parsing: s) { return c }
        let hint = Spelling.hint(for: s, among: ColorValue.names)
        v.fail("unknown colour '\(s)'\(hint.isEmpty ? " (use a name such as 'red', '#rrggbb', a grey level '0.8' or C0…C9)" : hint)")
        return nil
    }
}
