import FigureConfig
import Plotting

/// A marker shape, or none (`marker: none`: a line without markers).
public enum LayerMarker: Sendable, Hashable, ConfigChoice {
    /// A marker shape.
    case shape(Marker)
    /// No marker.
    case none

    /// Every shape (by its matplotlib symbol), then `none`.
    public static var allCases: [LayerMarker] { Marker.allCases.map(LayerMarker.shape) + [.none] }

    /// The matplotlib symbol, or `none`.
    public var configName: String {
        switch self {
        case let .shape(m): return m.rawValue
        case .none: return "none"
        }
    }

    /// The shape, nil for none.
    public var marker: Marker? { if case let .shape(m) = self { return m } else { return nil } }
}

/// Keep only points whose field has this value (`where: {outlier: true}` is value 1).
public struct PointFilter: Sendable, Hashable {
    /// The field.
    public var field: FieldRef
    /// The category (0/1 for flags).
    public var value: Int
    /// For a column of the data: the value as written (`setosa`, `3`), matched against the column's
    /// category names once the data is read.
    public var text: String?

    /// Creates a filter.
    public init(field: FieldRef, value: Int) { self.field = field; self.value = value }
}

/// The styling every layer kind shares — colour, where, split, marker, size, alpha, line width,
/// label and the columns drawn — decoded once (``decode(_:kind:source:_:)``) and applied by
/// ``PointGroups`` and the kinds' own drawing.
public struct LayerStyle: Sendable {
    /// X column (default the first).
    public var x: ColumnRef = .index(0)
    /// Y column (default the second).
    public var y: ColumnRef = .index(1)
    /// Colour.
    public var color: ColorEncoding = .automatic
    /// Keep only matching points.
    public var filters: [PointFilter] = []
    /// One series per value of this field, each with its own legend entry.
    public var split: FieldRef?
    /// Marker shape (default `o`; centres `x`).
    public var marker: LayerMarker = .shape(.circle)
    /// Marker area in pt² (scatter, centres: matplotlib's `s`) or marker size in pt (lines).
    public var size: Double?
    /// Opacity 0…1.
    public var alpha: Double?
    /// Per-point opacity from a number (`alpha: {by: gmm.probability}`); replaces `alpha`.
    public var alphaBy: AlphaEncoding?
    /// Line width (lines) or marker edge width (line-art markers), in points.
    public var lineWidth: Double?
    /// Marker edge colour (default: the face colour; `none` for no edge).
    public var edgeColor: ColorValue?
    /// `edgecolor: none`.
    public var noEdge = false
    /// Legend label (with `split`, `{cluster}` and the like become the value — 0-based, or its name —
    /// and `{cluster+1}` the 1-based number).
    public var label: String?
    /// Where the column and field keys were written (`x`, `y`, `split`, `color`, `where.species`), for
    /// the checks that need the data.
    public var places: [String: (location: SourceLocation, keyPath: String)] = [:]

    /// Default styling.
    public init() {}

    /// The shared keys.
    public static let keys: [ConfigKey] = [
        ConfigKey("x", .anyOf([.text, .integer(min: 0, max: nil)]), "x column (name or 0-based index)"),
        ConfigKey("y", .anyOf([.text, .integer(min: 0, max: nil)]), "y column (name or 0-based index)"),
        ConfigKey("color", .anyOf([.text, .mapping(ColorEncoding.keys)]), "a colour, {by: field, cmap|colors} or {by: number | column, cmap, vmin, vmax}"),
        ConfigKey("where", .dictionary(.anyOf([.integer(min: 0, max: nil), .boolean])), "keep only points whose field has this value"),
        ConfigKey("split", .text, "one series (and legend entry) per value of this field"),
        ConfigKey("marker", .choice(LayerMarker.self), "marker shape"),
        ConfigKey("size", .number(0...10_000), "marker area (pt², scatter/centres) or size (pt, lines)"),
        ConfigKey("alpha", .anyOf([.number(0...1), .mapping(AlphaEncoding.keys)]), "opacity, or {by: number field | column, range} per point"),
        ConfigKey("linewidth", .number(0...100), "line width or marker edge width (pt)"),
        ConfigKey("edgecolor", .text, "marker edge colour, or none (default: the face colour)"),
        ConfigKey("label", .text, "legend label (with split, {cluster} becomes the 0-based label or its name, {cluster+1} 1, 2, …)"),
    ]

    /// Every key any layer kind accepts (to report misspellings before the kind is known).
    static var everyKey: [String] {
        var out: [String] = []
        for k in LayerKind.registry { for key in k.allKeys where !out.contains(key) { out.append(key) } }
        return out
    }

    /// Reads the shared keys of a layer (only those its kind accepts are present in `m`).
    static func decode(_ m: ConfigMapping, kind: LayerKind, source: String, _ ctx: LayerDecodeContext) -> LayerStyle {
        var s = LayerStyle()
        let fromPoints = source == "points"
        let fromCentres = kind.mark == "centers"
        for key in ["x", "y", "split", "color"] { if let v = m[key] { s.places[key] = (v.location, v.path) } }
        for key in ["x", "y"] {
            guard let v = m[key], let ref = columnRef(v, ctx) else { continue }
            if key == "x" { s.x = ref } else { s.y = ref }
        }
        if fromPoints || fromCentres {
            let n = ctx.columns.count
            for (key, ref) in [("x", s.x), ("y", s.y)] where !m.has(key) {
                if case let .index(i) = ref, i >= n, n > 0 {
                    m.fail("the data has \(n) column\(n == 1 ? "" : "s"); set '\(key)' to a column (0-based index or name)")
                    break
                }
            }
        }
        /// Per-point fields mean something only for layers of the points (and centres, by index).
        func pointFieldsApply(_ v: ConfigValue) -> Bool {
            if fromPoints || fromCentres { return true }
            v.fail("per-point fields only apply to layers drawn from the points")
            return false
        }
        if let c = m["color"] {
            s.color = ColorEncoding.decode(c, kind: kind, source: source, ctx, pointFieldsApply: pointFieldsApply) ?? s.color
        } else if fromCentres {
            s.color = .fixed(.black)
        }
        if let w = m["where"], let wm = w.anyMapping(what: "a filter such as {outlier: true} or {cluster: 0}") {
            for name in wm.keysInOrder {
                guard let v = wm[name], let keyValue = wm.key(name) else { continue }
                let filterable: Set<FieldKind> = [.category, .flag]
                s.places["where.\(name)"] = (v.location, v.path)
                guard FieldResolver.isKnown(name, kinds: filterable) || ctx.fields.isColumn(name) else {
                    let names = FieldResolver.names(for: filterable)
                    let hint = Spelling.hint(for: name, among: names)
                    keyValue.fail("unknown key '\(name)'\(hint.isEmpty ? "; expected one of \(m.reader.list(names))" : hint)")
                    continue
                }
                // The field is named by the key; problems with it are shown at the value.
                let named = ConfigValue(reader: v.reader, node: ConfigNode(.scalar(name, quoted: false), at: v.location), path: v.path)
                guard let (ref, decl) = ctx.fields.resolve(named, kinds: filterable, allowOwnerKeys: false),
                      pointFieldsApply(v) else { continue }
                if ref.owner == FieldRef.dataOwner && ref.name != DataFields.blob.name {
                    guard v.isScalar, !v.isNull, let text = v.scalar else { v.fail("expected a value of column '\(ref.name)', got \(v.typeName)"); continue }
                    var filter = PointFilter(field: ref, value: -2)
                    filter.text = text
                    s.filters.append(filter)
                } else if decl.kind == .flag { if let b = v.bool() { s.filters.append(PointFilter(field: ref, value: b ? 1 : 0)) } }
                else if let i = v.int(min: 0, max: 100_000) {
                    if let n = ctx.categoryCount(ref), i >= n {
                        v.fail("there is no \(ref.name) \(i): \(ref.owner == FieldRef.dataOwner ? "the data" : "clustering.\(ref.owner)") has \(n), numbered 0…\(n - 1)")
                    } else { s.filters.append(PointFilter(field: ref, value: i)) }
                }
            }
        }
        if let v = m["split"], let (ref, _) = ctx.fields.resolve(v, kinds: [.category, .flag]) {
            if case .continuous = s.color {
                v.fail("a layer coloured by a number cannot also be split into series")
            } else if pointFieldsApply(v) { s.split = ref }
        }
        if let v = m.choice("marker", LayerMarker.self) { s.marker = v } else if fromCentres { s.marker = .shape(.x) }
        if let v = m["size"] { s.size = v.double(min: 0, max: 10_000) }
        if let v = m["alpha"] {
            if v.isMapping { s.alphaBy = pointFieldsApply(v) ? AlphaEncoding.decode(v, kind: kind, source: source, ctx) : nil }
            else { s.alpha = v.double(min: 0, max: 1) }
        }
        if let v = m["linewidth"] { s.lineWidth = v.double(min: 0, max: 100) }
        if let v = m["edgecolor"] {
            if v.scalar == "none" { s.noEdge = true } else { s.edgeColor = ColorEncoding.parseColor(v) }
        }
        if let v = m["label"] { s.label = v.string() }
        return s
    }

    /// A column of the points: a 0-based index or a name (checked against the columns).
    static func columnRef(_ v: ConfigValue, _ ctx: LayerDecodeContext) -> ColumnRef? {
        guard let s = v.scalar, !v.isNull else {
            v.fail("expected a column name or 0-based index, got \(v.typeName)"); return nil
        }
        let names = ctx.columns
        if let i = v.unquotedInteger {
            if i < 0 || (!names.isEmpty && i >= names.count) {
                v.fail("column index \(i) is out of range; the data has \(names.count) columns (0-based)"); return nil
            }
            return .index(i)
        }
        if !names.isEmpty, !names.contains(s), !ctx.otherColumns.contains(s) {
            let hint = Spelling.hint(for: s, among: names + ctx.otherColumns)
            v.fail("no column named '\(s)'\(hint.isEmpty ? "; the columns are \(v.reader.list(names))" : hint)"); return nil
        }
        return .name(s)
    }

    /// The marker edge colour to draw with (nil: the face colour).
    func edge(_ panel: PanelContext) -> Color? { noEdge ? .clear : edgeColor.map(panel.color) }

    /// The label of one split series: `{name}` (the field's name, or `owner.name`) becomes the value's
    /// name — a cluster's name from `names:`, a text column's text — or its 0-based number, and
    /// `{name+1}` the 1-based number.
    func label(for value: Int, named name: String? = nil) -> String? {
        guard let label, let split else { return label }
        let shown = name ?? String(value)
        var out = label
        for key in [split.name, split.description] {
            out = out.replacingOccurrences(of: "{\(key)+1}", with: String(value + 1)).replacingOccurrences(of: "{\(key)}", with: shown)
        }
        return out
    }
}
