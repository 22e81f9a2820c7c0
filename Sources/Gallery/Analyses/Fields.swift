import FigureConfig

/// What kind of values a per-point field holds.
public enum FieldKind: String, Sendable, Hashable {
    /// Category numbers 0, 1, … (cluster labels; −1 for noise).
    case category
    /// Yes/no, as categories 0 and 1 (`where: {outlier: true}`).
    case flag
    /// A number per point (a distance), for continuous colours.
    case number

    /// For messages: "a category field".
    var phrase: String {
        switch self {
        case .category: return "a category field"
        case .flag: return "a yes/no field"
        case .number: return "a number field"
        }
    }
}

/// A per-point value an analysis (or the data) offers to layers: colour by it, filter on it, split
/// series by it.
public struct FieldDeclaration: Sendable, Hashable {
    /// The field's name under its owner (`cluster` in `kmeans.cluster`).
    public let name: String
    /// Its values' kind.
    public let kind: FieldKind
    /// A few words for messages: `'distance' (to the k-means centre) needs clustering.kmeans`.
    public let note: String?
    /// The default colorbar label for a number field.
    public let valueLabel: String?
    /// The facet a panel needs for the field to be defined (`iteration`: the trace's assignments;
    /// `k`: a silhouette sweep's clusters), nil for every panel.
    public let facet: String?
    /// Whether the field needs a facet.
    public var facetOnly: Bool { facet != nil }

    /// Declares a field.
    public init(_ name: String, _ kind: FieldKind, note: String? = nil, valueLabel: String? = nil, facet: String? = nil) {
        self.name = name; self.kind = kind; self.note = note; self.valueLabel = valueLabel; self.facet = facet
    }
}

/// A resolved reference to a field: its owner (an analysis key, or `data`) and its name.
public struct FieldRef: Sendable, Hashable, CustomStringConvertible {
    /// The analysis key, or ``FieldRef/dataOwner`` for fields of the data itself.
    public var owner: String
    /// The field's name.
    public var name: String
    /// The owner of the data's own fields (`data.blob`).
    public static let dataOwner = "data"

    /// Creates a reference.
    public init(owner: String, name: String) { self.owner = owner; self.name = name }

    /// `owner.name`.
    public var description: String { "\(owner).\(name)" }
}

/// The values of a field for the points of a panel.
public enum FieldValues: Sendable {
    /// Category numbers in `0..<count` (−1 for points in none, e.g. noise).
    case categories([Int], count: Int)
    /// One number per point.
    case numbers([Double])

    /// The category numbers (nil for numbers).
    public var categories: [Int]? { if case let .categories(v, _) = self { return v } else { return nil } }
    /// The number of categories (0 for numbers).
    public var categoryCount: Int { if case let .categories(_, n) = self { return n } else { return 0 } }
}

/// The data's own fields: `blob`, the generator's labels of blobs data.
enum DataFields {
    static let blob = FieldDeclaration("blob", .category)
}

/// Resolves the field names layers use (`cluster`, `kmeans.cluster`, `outlier`, `distance`,
/// `blob`, or an analysis key such as `kmeans` for its clusters) against the analyses a config has.
struct FieldResolver {
    /// The analyses present.
    let present: Set<String>
    /// The panel's facet (`iteration`, `k`), nil for none.
    let facet: String?
    /// The data has generator labels (blobs).
    let hasBlobs: Bool
    /// The data's columns (clustered, components, a CSV's others): each is also a category field
    /// (`color: {by: species}`, `split: species`, `where: {species: setosa}`), owned by `data`.
    var columns: [String] = []

    /// Whether `name` (plain or `data.name`) names a column of the data.
    func isColumn(_ name: String) -> Bool { columns.contains(Self.columnName(name)) }

    /// `species` for `species` and `data.species`.
    static func columnName(_ name: String) -> String {
        name.hasPrefix("\(FieldRef.dataOwner).") ? String(name.dropFirst(FieldRef.dataOwner.count + 1)) : name
    }

    /// Every (owner, field) in registry order, then the data's own.
    static var all: [(owner: String, field: FieldDeclaration)] {
        AnalysisKind.registry.flatMap { k in k.fields.map { (k.key, $0) } } + [(FieldRef.dataOwner, DataFields.blob)]
    }

    /// Whether `kind` suits a use that accepts `kinds`.
    private static func fits(_ kind: FieldKind, _ kinds: Set<FieldKind>) -> Bool { kinds.contains(kind) }

    /// Whether `name` (plain or `owner.field`) names a field of one of `kinds`, configured or not.
    static func isKnown(_ name: String, kinds: Set<FieldKind>) -> Bool {
        all.contains { fits($0.field.kind, kinds) && ($0.field.name == name || "\($0.owner).\($0.field.name)" == name) }
    }

    /// The names a user may write for uses accepting `kinds` (for messages and hints).
    static func names(for kinds: Set<FieldKind>) -> [String] {
        var out: [String] = []
        for (_, f) in all where fits(f.kind, kinds) && !out.contains(f.name) { out.append(f.name) }
        return out
    }

    private func isAvailable(_ owner: String, _ field: FieldDeclaration) -> Bool {
        if let needed = field.facet, needed != facet { return false }
        return owner == FieldRef.dataOwner ? hasBlobs : present.contains(owner)
    }

    private func requirementText(_ owner: String) -> String {
        owner == FieldRef.dataOwner ? "blobs data" : "clustering.\(owner)"
    }

    /// The field `value` names, for a use accepting `kinds`; nil after reporting why not.
    func resolve(_ value: ConfigValue, kinds: Set<FieldKind>, allowOwnerKeys: Bool = true) -> (FieldRef, FieldDeclaration)? {
        guard let name = value.scalar, !value.isNull, value.isScalar else {
            value.fail("expected a field name (\(value.reader.list(Self.names(for: kinds)))), got \(value.typeName)")
            return nil
        }
        let column = (FieldRef(owner: FieldRef.dataOwner, name: Self.columnName(name)), FieldDeclaration(Self.columnName(name), .category))
        if name.hasPrefix("\(FieldRef.dataOwner)."), isColumn(name), name != "\(FieldRef.dataOwner).\(DataFields.blob.name)" || !hasBlobs,
           kinds.contains(.category) {
            return column
        }
        if let dot = name.firstIndex(of: "."), dot != name.startIndex {
            let owner = String(name[..<dot]), field = String(name[name.index(after: dot)...])
            let candidates = Self.all.filter { $0.owner == owner && $0.field.name == field && Self.fits($0.field.kind, kinds) }
            guard let c = candidates.first else {
                let known = Self.all.filter { Self.fits($0.field.kind, kinds) }.map { "\($0.owner).\($0.field.name)" }
                if let other = Self.all.first(where: { $0.owner == owner && $0.field.name == field }) {
                    value.fail("'\(name)' is \(other.field.kind.phrase); this needs \(kinds.map(\.phrase).sorted().joined(separator: " or ")) (\(value.reader.list(known)))")
                    return nil
                }
                let hint = Spelling.hint(for: name, among: known)
                value.fail("unknown field '\(name)'\(hint.isEmpty ? "; expected one of \(value.reader.list(known))" : hint)")
                return nil
            }
            guard isAvailable(c.owner, c.field) else {
                value.fail(c.field.facet.map { $0 != facet } == true ? "'\(name)' needs a panel with facet: \(c.field.facet!)" : "'\(name)' needs \(requirementText(c.owner))")
                return nil
            }
            return (FieldRef(owner: c.owner, name: c.field.name), c.field)
        }
        var candidates = Self.all.filter { $0.field.name == name && Self.fits($0.field.kind, kinds) }
        if allowOwnerKeys, candidates.isEmpty, let kind = AnalysisKind.named(name),
           let primary = kind.fields.first(where: { $0.kind == .category && Self.fits($0.kind, kinds) }) {
            candidates = [(kind.key, primary)]
        }
        if isColumn(name), kinds.contains(.category) {
            if let c = candidates.first(where: { isAvailable($0.owner, $0.field) }) {
                value.fail("'\(name)' is both a column of the data and a field of \(requirementText(c.owner)); write 'data.\(name)' for the column or '\(c.owner).\(c.field.name)' for the field")
                return nil
            }
            return column
        }
        guard !candidates.isEmpty else {
            var options = Self.names(for: kinds) + columns.filter { kinds.contains(.category) && !$0.isEmpty }
            if allowOwnerKeys { options += AnalysisKind.registry.filter { $0.fields.contains { Self.fits($0.kind, kinds) } }.map(\.key) }
            let hint = Spelling.hint(for: name, among: options)
            value.fail("unknown value '\(name)'\(hint.isEmpty ? "; expected one of \(value.reader.list(options))" : hint)")
            return nil
        }
        // In a facet the facet's own fields come first (the trace's clusters, the sweep's).
        let ordered = candidates.filter { $0.field.facet != nil && $0.field.facet == facet } + candidates.filter { !$0.field.facetOnly }
        if let c = ordered.first(where: { isAvailable($0.owner, $0.field) }) {
            return (FieldRef(owner: c.owner, name: c.field.name), c.field)
        }
        let first = candidates.first { !$0.field.facetOnly } ?? candidates[0]
        var text = first.field.facet.map { "a panel with facet: \($0)" } ?? requirementText(first.owner)
        if !first.field.facetOnly && candidates.contains(where: { $0.field.facet == "iteration" }) { text += " (or an iteration facet)" }
        value.fail("'\(name)'\(first.field.note.map { " (\($0))" } ?? "") needs \(text)")
        return nil
    }
}
