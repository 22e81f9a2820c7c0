import Foundation

/// A config value together with its key path: every typed read checks the value and, when it is
/// wrong, reports `FILE:LINE:COLUMN: message (key.path)` to the ``ConfigReader`` and returns nil.
public struct ConfigValue {
    /// Where problems are reported.
    public let reader: ConfigReader
    /// The YAML node.
    public let node: ConfigNode
    /// The dotted key path of the node (`data.blobs.std`, `panels[0].layers[1]`).
    public let path: String

    /// Creates a value to read.
    public init(reader: ConfigReader, node: ConfigNode, path: String) {
        self.reader = reader
        self.node = node
        self.path = path
    }

    /// Where the value starts.
    public var location: SourceLocation { node.location }
    /// The scalar text, nil for collections.
    public var scalar: String? { node.scalar }
    /// True for a plain null scalar (`~`, `null`, empty).
    public var isNull: Bool { node.isNull }
    /// A short name of the value's type for messages.
    public var typeName: String { node.typeName }
    /// True for a mapping node.
    public var isMapping: Bool { if case .mapping = node.kind { return true } else { return false } }
    /// True for a sequence node.
    public var isSequence: Bool { if case .sequence = node.kind { return true } else { return false } }
    /// The value as a whole number when it is an unquoted integer scalar (`3`, `0x1f`), else nil.
    public var unquotedInteger: Int? {
        if case let .scalar(s, quoted) = node.kind, !quoted { return ScalarValue.int(s) }
        return nil
    }
    /// The value as a number when it is an unquoted numeric scalar (`2.5`, `1e3`, `.inf`), else nil.
    public var unquotedNumber: Double? {
        if case let .scalar(s, quoted) = node.kind, !quoted { return ScalarValue.double(s) }
        return nil
    }
    /// True for a scalar node.
    public var isScalar: Bool { if case .scalar = node.kind { return true } else { return false } }

    /// Reports a problem with this value.
    public func fail(_ message: String) { reader.fail(message, node, path) }
    /// Reports a warning about this value (the config still renders).
    public func warn(_ message: String) { reader.warn(message, at: node.location, path) }
    /// Reports a missing key of this mapping (suppressed when the mapping has a misspelt key).
    public func missing(_ message: String) { reader.missing(message, node, path) }

    // MARK: Collections

    /// The mapping's entries after reporting keys not in `keys` (with a spelling hint, or the text
    /// `explainUnknown` gives for a key it recognises); nil when the value is not a mapping
    /// (reported). A null value is an empty mapping.
    public func mapping(keys: [String], what: String? = nil, explainUnknown: ((String) -> String?)? = nil) -> ConfigMapping? {
        guard case let .mapping(pairs) = node.kind else {
            if node.isNull { return ConfigMapping(value: self, entries: [:], keyNodes: [:], order: []) }
            fail("expected \(what ?? "a mapping") with keys \(reader.list(keys)), got \(typeName)")
            return nil
        }
        let known = Set(keys)
        var out: [String: ConfigNode] = [:]
        var keyNodes: [String: ConfigNode] = [:]
        var order: [String] = []
        var unknown = 0
        var firstUnreported: ConfigNode?
        for (k, v) in pairs {
            let name = k.scalar ?? ""
            if known.contains(name) {
                out[name] = v
                keyNodes[name] = k
                order.append(name)
            } else {
                reader.noteUnknownKey(in: node.location)
                unknown += 1
                guard unknown <= ConfigReader.maxUnknownKeysPerMapping else {
                    if firstUnreported == nil { firstUnreported = k }
                    continue
                }
                let message: String
                if let explained = explainUnknown?(name) {
                    message = explained
                } else {
                    let hint = Spelling.hint(for: name, among: keys)
                    message = "unknown key \(Echo.quoted(name))\(hint.isEmpty ? "; expected one of \(reader.list(keys))" : hint)"
                }
                reader.fail(message, k, ConfigReader.join(path, name))
            }
        }
        if let k = firstUnreported {
            let more = unknown - ConfigReader.maxUnknownKeysPerMapping
            reader.fail("… and \(ConfigReader.count(more)) more unknown key\(more == 1 ? "" : "s") in this mapping", k, path)
        }
        return ConfigMapping(value: self, entries: out, keyNodes: keyNodes, order: order)
    }

    /// The mapping's entries checked against declared keys.
    public func mapping(_ keys: [ConfigKey], what: String? = nil, explainUnknown: ((String) -> String?)? = nil) -> ConfigMapping? {
        mapping(keys: keys.map(\.name), what: what, explainUnknown: explainUnknown)
    }

    /// The mapping's entries without checking their names (the caller decides what a key means).
    public func anyMapping(what: String? = nil) -> ConfigMapping? {
        guard case let .mapping(pairs) = node.kind else {
            if node.isNull { return ConfigMapping(value: self, entries: [:], keyNodes: [:], order: []) }
            fail("expected \(what ?? "a mapping"), got \(typeName)")
            return nil
        }
        var out: [String: ConfigNode] = [:]
        var keyNodes: [String: ConfigNode] = [:]
        var order: [String] = []
        for (k, v) in pairs { let name = k.scalar ?? ""; out[name] = v; keyNodes[name] = k; order.append(name) }
        return ConfigMapping(value: self, entries: out, keyNodes: keyNodes, order: order)
    }

    /// The items of a list, each with its indexed path (`layers[2]`); nil when not a list (reported).
    public func items(what: String = "a list") -> [ConfigValue]? {
        guard case let .sequence(items) = node.kind else {
            fail("expected \(what), got \(typeName)")
            return nil
        }
        return items.enumerated().map { ConfigValue(reader: reader, node: $0.element, path: "\(path)[\($0.offset)]") }
    }

    // MARK: Scalars

    /// Text (any scalar that is not null).
    public func string() -> String? {
        if case let .scalar(s, _) = node.kind, !node.isNull { return s }
        fail("expected text, got \(typeName)")
        return nil
    }

    /// `true` or `false` (YAML 1.2 core schema, unquoted).
    public func bool() -> Bool? {
        if case let .scalar(s, quoted) = node.kind, !quoted, let b = ScalarValue.bool(s) { return b }
        fail("expected true or false, got \(typeName)")
        return nil
    }

    /// A whole number in `lo…hi` (either bound optional); `what` names the expected value in messages.
    public func int(min lo: Int? = nil, max hi: Int? = nil, what: String = "a whole number") -> Int? {
        guard case let .scalar(s, quoted) = node.kind, !quoted else {
            fail("expected \(what), got \(typeName)")
            return nil
        }
        var value = ScalarValue.int(s)
        if value == nil, let d = ScalarValue.double(s), d.isFinite, d == d.rounded(), abs(d) < 9e15 { value = Int(d) }
        guard let v = value else {
            if let d = ScalarValue.double(s), d.isFinite { fail("expected \(what), got \(Echo.clipped(s))") } else { fail("expected \(what), got \(typeName)") }
            return nil
        }
        if let lo, v < lo { fail(Self.rangeMessage(s, lo: lo, hi: hi)); return nil }
        if let hi, v > hi { fail(Self.rangeMessage(s, lo: lo, hi: hi)); return nil }
        return v
    }

    static func rangeMessage(_ s: String, lo: Int?, hi: Int?) -> String {
        switch (lo, hi) {
        case let (lo?, hi?): return "must be between \(lo) and \(hi), got \(s)"
        case let (lo?, nil): return "must be at least \(lo), got \(s)"
        case let (nil, hi?): return "must be at most \(hi), got \(s)"
        default: return "is out of range: \(s)"
        }
    }

    /// A finite number; `above` is an exclusive lower bound, `min`/`max` inclusive.
    public func double(above: Double? = nil, min lo: Double? = nil, max hi: Double? = nil) -> Double? {
        guard case let .scalar(s, quoted) = node.kind, !quoted, let v = ScalarValue.double(s) else {
            fail("expected a number, got \(typeName)")
            return nil
        }
        let fmt = reader.fmt
        guard v.isFinite else { fail("must be a finite number, got \(Echo.clipped(s))"); return nil }
        if let above, !(v > above) {
            fail(above == 0 ? "must be positive, got \(s)" : "must be greater than \(fmt(above)), got \(Echo.clipped(s))")
            return nil
        }
        if let lo, v < lo {
            fail(lo == 0 ? "must not be negative, got \(s)" : hi.map { "must be between \(fmt(lo)) and \(fmt($0)), got \(s)" } ?? "must be at least \(fmt(lo)), got \(Echo.clipped(s))")
            return nil
        }
        if let hi, v > hi {
            fail(lo.map { "must be between \(fmt($0)) and \(fmt(hi)), got \(s)" } ?? "must be at most \(fmt(hi)), got \(Echo.clipped(s))")
            return nil
        }
        return v
    }

    /// A list of numbers (each within ±``ConfigReader/maxCoordinate``), optionally of a fixed length.
    public func doubles(count: Int? = nil, what: String? = nil) -> [Double]? {
        guard case let .sequence(items) = node.kind else {
            fail("expected \(what ?? count.map { "a list of \($0) numbers" } ?? "a list of numbers"), got \(typeName)")
            return nil
        }
        if let count, items.count != count {
            fail("expected \(what ?? "a list of \(count) numbers"), got \(items.count) value\(items.count == 1 ? "" : "s")")
            return nil
        }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        let m = ConfigReader.maxCoordinate
        for (i, item) in items.enumerated() {
            guard let v = ConfigValue(reader: reader, node: item, path: "\(path)[\(i)]").double(min: -m, max: m) else { return nil }
            out.append(v)
        }
        return out
    }

    /// One of fixed names (exact, else case-insensitive); a near miss gets a "did you mean" hint.
    public func choice(_ options: [String]) -> String? {
        guard case let .scalar(s, _) = node.kind, !node.isNull else {
            fail("expected one of \(reader.list(options)), got \(typeName)")
            return nil
        }
        if options.contains(s) { return s }
        if let m = options.first(where: { $0.lowercased() == s.lowercased() }) { return m }
        let hint = Spelling.hint(for: s, among: options)
        fail("unknown value \(Echo.quoted(s))\(hint.isEmpty ? "; expected one of \(reader.list(options))" : hint)")
        return nil
    }

    /// One of a typed choice's values, by its config name.
    public func choice<T: ConfigChoice>(_ type: T.Type) -> T? {
        choice(T.configNames).flatMap(T.init(configName:))
    }

    /// A `random_state` seed: 0…2³²−1 like numpy.
    public func seed() -> UInt32? {
        int(min: 0, max: Int(UInt32.max), what: "a seed (a whole number 0…4294967295)").map { UInt32($0) }
    }
}

/// The entries of a config mapping, read by key: `m.int("max_iter", min: 1)` looks the key up,
/// builds its path (`clustering.kmeans.max_iter`), checks the value and reports problems in one call.
/// An absent key reads as nil without a report.
public struct ConfigMapping {
    /// The mapping value itself.
    public let value: ConfigValue
    let entries: [String: ConfigNode]
    let keyNodes: [String: ConfigNode]
    /// The keys present, in document order.
    public let keysInOrder: [String]

    init(value: ConfigValue, entries: [String: ConfigNode], keyNodes: [String: ConfigNode], order: [String]) {
        self.value = value
        self.entries = entries
        self.keyNodes = keyNodes
        self.keysInOrder = order
    }

    /// The key itself (its text and position), for problems with the key rather than its value.
    public func key(_ name: String) -> ConfigValue? {
        keyNodes[name].map { ConfigValue(reader: value.reader, node: $0, path: ConfigReader.join(value.path, name)) }
    }

    /// Where problems are reported.
    public var reader: ConfigReader { value.reader }
    /// The mapping's key path.
    public var path: String { value.path }
    /// Where the mapping starts.
    public var location: SourceLocation { value.location }
    /// True when the mapping has no (known) keys.
    public var isEmpty: Bool { entries.isEmpty }
    /// The number of (known) keys present.
    public var count: Int { entries.count }

    /// The value under `key`, with its path; nil when absent.
    public subscript(key: String) -> ConfigValue? {
        entries[key].map { ConfigValue(reader: value.reader, node: $0, path: ConfigReader.join(value.path, key)) }
    }

    /// Whether `key` is present.
    public func has(_ key: String) -> Bool { entries[key] != nil }

    /// The path of `key` in this mapping.
    public func path(_ key: String) -> String { ConfigReader.join(value.path, key) }

    /// Reports a problem with the mapping as a whole.
    public func fail(_ message: String) { value.fail(message) }
    /// Reports a missing key (suppressed when the mapping has a misspelt key).
    public func missing(_ message: String) { value.missing(message) }

    /// `key` as text.
    public func string(_ key: String) -> String? { self[key]?.string() }
    /// `key` as a boolean.
    public func bool(_ key: String) -> Bool? { self[key]?.bool() }
    /// `key` as a whole number.
    public func int(_ key: String, min: Int? = nil, max: Int? = nil, what: String = "a whole number") -> Int? {
        self[key]?.int(min: min, max: max, what: what)
    }
    /// `key` as a finite number.
    public func double(_ key: String, above: Double? = nil, min: Double? = nil, max: Double? = nil) -> Double? {
        self[key]?.double(above: above, min: min, max: max)
    }
    /// `key` as a list of numbers.
    public func doubles(_ key: String, count: Int? = nil, what: String? = nil) -> [Double]? {
        self[key]?.doubles(count: count, what: what)
    }
    /// `key` as one of fixed names.
    public func choice(_ key: String, _ options: [String]) -> String? { self[key]?.choice(options) }
    /// `key` as a typed choice.
    public func choice<T: ConfigChoice>(_ key: String, _ type: T.Type) -> T? { self[key]?.choice(type) }
    /// `key` as a seed.
    public func seed(_ key: String) -> UInt32? { self[key]?.seed() }
    /// `key` as a nested mapping with `keys`.
    public func mapping(_ key: String, keys: [String], what: String? = nil) -> ConfigMapping? {
        self[key]?.mapping(keys: keys, what: what)
    }
    /// `key` as a nested mapping with declared keys.
    public func mapping(_ key: String, _ keys: [ConfigKey], what: String? = nil) -> ConfigMapping? {
        self[key]?.mapping(keys, what: what)
    }
    /// `key` as a list.
    public func items(_ key: String, what: String = "a list") -> [ConfigValue]? { self[key]?.items(what: what) }
}
