import Clustering
import FigureConfig
import Plotting

/// A decoded panel layer: it knows how to draw itself on an axes.
public protocol Layer: Sendable {
    /// Draws the layer; returns whether it added a legend entry.
    func draw(on ax: Axes, in panel: PanelContext) throws -> Bool
    /// The number the layer is coloured by, if any (the panel's colorbar is labelled after it).
    var continuousColor: ContinuousColor? { get }
    /// What the layer cannot draw as asked although the config is valid (a knee to mark on a curve
    /// that has none), as warnings; the figure is still made.
    func warnings(_ results: AnalysisResults) -> [ConfigError]
}

extension Layer {
    /// No continuous colour by default.
    public var continuousColor: ContinuousColor? { nil }
    /// No warnings by default.
    public func warnings(_ results: AnalysisResults) -> [ConfigError] { [] }
}

/// One kind of config layer — a `mark` drawn from one or more `from:` sources — with its own keys and
/// decoder. Every kind is one file that defines one of these (and its layer type) plus one line in
/// ``registry``; the shared styling keys (``LayerStyle``) are decoded once for all of them.
public struct LayerKind: Sendable {
    /// The `mark:` value (`scatter`).
    public let mark: String
    /// The `from:` values it draws (an analysis key means the layer needs that analysis).
    public let sources: [String]
    /// One line for listings.
    public let summary: String
    /// The shared styling keys that apply (``LayerStyle/keys``).
    public let styleKeys: [String]
    /// Its own keys, beyond `mark`, `from` and the styling keys.
    public let keys: [ConfigKey]
    /// The source drawn when `from` is not given, or nil when this kind is not the default for its mark.
    public let defaultSource: @Sendable (LayerDecodeContext) -> String?
    /// Decodes the layer (its mapping is already checked; `style` holds the shared keys read).
    public let decode: @Sendable (ConfigMapping, String, LayerStyle, LayerDecodeContext) -> (any Layer)?

    /// Declares a layer kind.
    public init(mark: String, sources: [String], summary: String, styleKeys: [String] = LayerStyle.keys.names,
                keys: [ConfigKey] = [], defaultSource: @escaping @Sendable (LayerDecodeContext) -> String?,
                decode: @escaping @Sendable (ConfigMapping, String, LayerStyle, LayerDecodeContext) -> (any Layer)?) {
        self.mark = mark; self.sources = sources; self.summary = summary; self.styleKeys = styleKeys; self.keys = keys
        self.defaultSource = defaultSource; self.decode = decode
    }

    /// Every key a layer of this kind accepts.
    public var allKeys: [String] { ["mark", "from"] + styleKeys + keys.names }
}

extension LayerKind {
    /// Every layer kind. For a mark with several kinds, the first whose default applies draws a
    /// layer without `from`. Adding a kind adds one line here.
    public static let registry: [LayerKind] = [.scatter, .curve, .line, .centers, .silhouette, .dendrogram, .ellipses, .profile, .hull, .hist]

    /// The marks, in order.
    static var marks: [String] {
        var out: [String] = []
        for k in registry where !out.contains(k.mark) { out.append(k.mark) }
        return out
    }

    /// Every `from:` value any kind draws.
    static var sources: [String] {
        var out: [String] = []
        for k in registry { for s in k.sources where !out.contains(s) { out.append(s) } }
        return out
    }

    /// Decodes one `layers:` entry: picks the kind from `mark` and `from`, checks the keys for that
    /// kind, reads the shared styling keys, then the kind's own.
    static func decodeLayer(_ value: ConfigValue, _ ctx: LayerDecodeContext) -> (any Layer)? {
        guard let raw = value.anyMapping(what: "a layer") else { return nil }
        guard let markValue = raw["mark"] else {
            // Report unknown keys first: a misspelt 'mark' is the likelier problem.
            _ = value.mapping(keys: LayerStyle.everyKey)
            raw.missing("needs 'mark' (one of \(value.reader.list(marks)))")
            return nil
        }
        guard let mark = markValue.choice(marks) else { _ = value.mapping(keys: LayerStyle.everyKey); return nil }
        let candidates = registry.filter { $0.mark == mark }
        var kind: LayerKind?
        var source: String?
        if let fromValue = raw["from"] {
            if let from = fromValue.choice(sources) {
                kind = candidates.first { $0.sources.contains(from) }
                source = from
                if kind == nil { fromValue.fail("a \(mark) layer cannot draw '\(from)'") }
            }
        } else {
            for k in candidates { if let s = k.defaultSource(ctx) { kind = k; source = s; break } }
        }
        guard let kind, let source else { _ = value.mapping(keys: LayerStyle.everyKey); return nil }
        let accepted = kind.allKeys
        guard let m = value.mapping(keys: accepted, what: "a layer", explainUnknown: { key in
            let others = registry.filter { $0.allKeys.contains(key) }
            guard !others.isEmpty else { return nil }
            return "'\(key)' does not apply to a \(mark) layer drawn from '\(source)' (it applies to: \(others.map { "\($0.mark) from \($0.sources.joined(separator: "/"))" }.joined(separator: ", ")))"
        }) else { return nil }
        if let key = AnalysisKind.named(source)?.key, !ctx.present.contains(key) {
            let message = ctx.comparisonMethod.map { "draws from \(key), but this comparison method runs \($0)" }
                ?? "needs clustering.\(key)\(kind.missingSourceHint(source, ctx))"
            value.reader.fail(message, at: (m["from"] ?? markValue).location, m.path("from"))
        }
        let style = LayerStyle.decode(m, kind: kind, source: source, ctx)
        return kind.decode(m, source, style, ctx)
    }

    /// A hint for a missing source (a centers layer in an iteration facet).
    func missingSourceHint(_ source: String, _ ctx: LayerDecodeContext) -> String {
        mark == "centers" && ctx.facet && source == "kmeans" ? " (in an iteration facet use from: lloyd_trace)" : ""
    }
}

/// What a layer decoder may know.
public struct LayerDecodeContext {
    /// Where problems are reported.
    public let reader: ConfigReader
    /// The panel's facet (`iteration`, `k`), nil for none.
    public let facetKind: String?
    /// The panel repeats per Lloyd iteration.
    public var facet: Bool { facetKind == "iteration" }
    /// The analyses present.
    public let present: Set<String>
    /// The data has generator labels (blobs).
    public let hasBlobs: Bool
    /// The data's column names (known when the config is decoded).
    public let columns: [String]
    /// The analyses present.
    public let analyses: [any AnalysisSpec]
    /// The number of generator labels of the data, when known (blobs' centres, 2 for moons).
    public let generatorLabels: Int?
    /// Columns that can be drawn besides the clustered ones (principal components, a CSV's other columns).
    public var otherColumns: [String] = []
    /// The analysis of the comparison method whose `layers:` these are (nil in panels).
    public var comparisonMethod: String?

    /// How many categories a field will have, when the config alone tells.
    func categoryCount(_ ref: FieldRef) -> Int? {
        if ref.owner == FieldRef.dataOwner { return generatorLabels }
        return analyses.first { $0.kind.key == ref.owner }?.categoryCount(of: ref.name)
    }

    /// Field names resolved against the analyses present.
    var fields: FieldResolver { FieldResolver(present: present, facet: facetKind, hasBlobs: hasBlobs, columns: columns + otherColumns) }
}

/// Everything a layer may read while drawing: its panel, the data, the analyses' results and the
/// panel's style.
public struct PanelContext {
    /// The panel.
    public let spec: PanelSpec
    /// The points.
    public let dataset: Dataset
    /// The analyses' results.
    public let results: AnalysisResults
    /// The panel's style (for cycle colours).
    public let style: Style
    /// `names:` of the analyses, by analysis key: the name of each 0-based cluster label.
    public var clusterNames: [String: [Int: String]] = [:]

    /// The values of a field for this panel (the trace's assignments in an iteration facet).
    public func values(_ ref: FieldRef) -> FieldValues? {
        if ref.owner == FieldRef.dataOwner {
            if ref.name != DataFields.blob.name || dataset.blobLabels == nil, let c = dataset.categories(.name(ref.name)) {
                return .categories(c.codes, count: c.names.count)
            }
            guard ref.name == DataFields.blob.name, let labels = dataset.blobLabels else { return nil }
            return .categories(labels, count: (labels.max() ?? -1) + 1)
        }
        return results[ref.owner]?.values(of: ref.name, in: fieldContext)
    }

    /// The names of a category field's values: a cluster's `names:` (else nil), a data column's texts
    /// or values.
    public func categoryNames(_ ref: FieldRef) -> [String]? {
        if ref.owner == FieldRef.dataOwner {
            if ref.name == DataFields.blob.name && dataset.blobLabels != nil { return nil }
            return dataset.categories(.name(ref.name))?.names
        }
        guard ref.name == "cluster", let names = clusterNames[ref.owner], let n = values(ref)?.categoryCount else { return nil }
        return (0..<n).map { names[$0] ?? String($0) }
    }

    /// The panel's position in its facet.
    var fieldContext: FieldContext { FieldContext(dataset: dataset, iteration: spec.iteration, sweepIndex: spec.sweepIndex) }

    /// The per-cluster points an analysis offers for this panel.
    public func centres(from key: String) -> DataMatrix? { results[key]?.centres(in: fieldContext) }

    /// A config colour resolved against the style (`C0` is the style's first cycle colour).
    public func color(_ c: ColorValue) -> Color { c.color(in: style) }
}

extension ColorValue {
    /// The colour against a style: `C0` is the style's first cycle colour.
    public func color(in style: Style) -> Color {
        switch self {
        case let .rgba(r, g, b, a): return Color(red: r, green: g, blue: b, alpha: a)
        case let .cycle(n): return style.colorCycle.isEmpty ? .black : style.colorCycle[n % style.colorCycle.count]
        }
    }
}
