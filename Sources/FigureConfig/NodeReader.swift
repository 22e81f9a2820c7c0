import Foundation

/// Typed reads from a ``ConfigNode`` tree that record problems instead of stopping at the first one.
final class NodeReader {
    private(set) var errors: [ConfigError] = []
    /// Mappings that had unknown keys: a missing required key there is most likely the misspelt one.
    private var mappingsWithUnknownKeys: Set<SourceLocation> = []

    /// Reports a missing required key, unless the mapping had an unknown (probably misspelt) key.
    func missing(_ message: String, _ node: ConfigNode, _ path: String) {
        if !mappingsWithUnknownKeys.contains(node.location) { fail(message, node, path) }
    }

    func fail(_ message: String, at location: SourceLocation, _ path: String) {
        let e = ConfigError(message, at: location, keyPath: path)
        if !errors.contains(e) { errors.append(e) }
    }

    func fail(_ message: String, _ node: ConfigNode, _ path: String) { fail(message, at: node.location, path) }

    /// The entries of a mapping node, after reporting keys not in `keys` (with a spelling hint).
    func mapping(_ node: ConfigNode, _ path: String, keys: [String], what: String? = nil) -> [String: ConfigNode]? {
        guard case let .mapping(pairs) = node.kind else {
            if node.isNull { return [:] }
            fail("expected \(what ?? "a mapping") with keys \(list(keys)), got \(node.typeName)", node, path)
            return nil
        }
        var out: [String: ConfigNode] = [:]
        for (k, v) in pairs {
            let name = k.scalar ?? ""
            if keys.contains(name) {
                out[name] = v
            } else {
                mappingsWithUnknownKeys.insert(node.location)
                fail("unknown key '\(name)'\(Spelling.hint(for: name, among: keys).isEmpty ? "; expected one of \(list(keys))" : Spelling.hint(for: name, among: keys))",
                     k, join(path, name))
            }
        }
        return out
    }

    func list(_ keys: [String]) -> String { keys.map { "'\($0)'" }.joined(separator: ", ") }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func sequence(_ node: ConfigNode, _ path: String, what: String = "a list") -> [ConfigNode]? {
        if case let .sequence(items) = node.kind { return items }
        fail("expected \(what), got \(node.typeName)", node, path)
        return nil
    }

    func string(_ node: ConfigNode, _ path: String) -> String? {
        if case let .scalar(s, _) = node.kind, !node.isNull { return s }
        fail("expected text, got \(node.typeName)", node, path)
        return nil
    }

    func bool(_ node: ConfigNode, _ path: String) -> Bool? {
        if case let .scalar(s, quoted) = node.kind, !quoted, let b = ScalarValue.bool(s) { return b }
        fail("expected true or false, got \(node.typeName)", node, path)
        return nil
    }

    func int(_ node: ConfigNode, _ path: String, min lo: Int? = nil, max hi: Int? = nil, what: String = "a whole number") -> Int? {
        guard case let .scalar(s, quoted) = node.kind, !quoted else {
            fail("expected \(what), got \(node.typeName)", node, path)
            return nil
        }
        var value = ScalarValue.int(s)
        if value == nil, let d = ScalarValue.double(s), d.isFinite, d == d.rounded(), abs(d) < 9e15 { value = Int(d) }
        guard let v = value else {
            if let d = ScalarValue.double(s), d.isFinite {
                fail("expected \(what), got \(s)", node, path)
            } else {
                fail("expected \(what), got \(node.typeName)", node, path)
            }
            return nil
        }
        if let lo, v < lo { fail(rangeMessage(s, lo: lo, hi: hi), node, path); return nil }
        if let hi, v > hi { fail(rangeMessage(s, lo: lo, hi: hi), node, path); return nil }
        return v
    }

    private func rangeMessage(_ s: String, lo: Int?, hi: Int?) -> String {
        switch (lo, hi) {
        case let (lo?, hi?): return "must be between \(lo) and \(hi), got \(s)"
        case let (lo?, nil): return "must be at least \(lo), got \(s)"
        case let (nil, hi?): return "must be at most \(hi), got \(s)"
        default: return "is out of range: \(s)"
        }
    }

    /// A finite number; `above` is an exclusive lower bound, `min`/`max` inclusive.
    func double(_ node: ConfigNode, _ path: String, above: Double? = nil, min lo: Double? = nil, max hi: Double? = nil) -> Double? {
        guard case let .scalar(s, quoted) = node.kind, !quoted, let v = ScalarValue.double(s) else {
            fail("expected a number, got \(node.typeName)", node, path)
            return nil
        }
        guard v.isFinite else { fail("must be a finite number, got \(s)", node, path); return nil }
        if let above, !(v > above) {
            fail(above == 0 ? "must be positive, got \(s)" : "must be greater than \(fmt(above)), got \(s)", node, path)
            return nil
        }
        if let lo, v < lo {
            fail(lo == 0 ? "must not be negative, got \(s)" : hi.map { "must be between \(fmt(lo)) and \(fmt($0)), got \(s)" } ?? "must be at least \(fmt(lo)), got \(s)", node, path)
            return nil
        }
        if let hi, v > hi {
            fail(lo.map { "must be between \(fmt($0)) and \(fmt(hi)), got \(s)" } ?? "must be at most \(fmt(hi)), got \(s)", node, path)
            return nil
        }
        return v
    }

    /// The largest coordinate magnitude a config may give (limits, centres, bounds).
    let maxCoordinate = 1e100

    func fmt(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }

    /// A list of numbers, optionally of a fixed length.
    func doubles(_ node: ConfigNode, _ path: String, count: Int? = nil, what: String? = nil) -> [Double]? {
        guard case let .sequence(items) = node.kind else {
            fail("expected \(what ?? count.map { "a list of \($0) numbers" } ?? "a list of numbers"), got \(node.typeName)", node, path)
            return nil
        }
        if let count, items.count != count {
            fail("expected \(what ?? "a list of \(count) numbers"), got \(items.count) value\(items.count == 1 ? "" : "s")", node, path)
            return nil
        }
        var out: [Double] = []
        for (i, item) in items.enumerated() {
            guard let v = double(item, "\(path)[\(i)]", min: -maxCoordinate, max: maxCoordinate) else { return nil }
            out.append(v)
        }
        return out
    }

    /// One of fixed names; a near miss gets a hint.
    func choice(_ node: ConfigNode, _ path: String, _ options: [String]) -> String? {
        guard case let .scalar(s, _) = node.kind, !node.isNull else {
            fail("expected one of \(list(options)), got \(node.typeName)", node, path)
            return nil
        }
        if options.contains(s) { return s }
        if let m = options.first(where: { $0.lowercased() == s.lowercased() }) { return m }
        let hint = Spelling.hint(for: s, among: options)
        fail("unknown value '\(s)'\(hint.isEmpty ? "; expected one of \(list(options))" : hint)", node, path)
        return nil
    }

    /// A `random_state` seed: 0…2³²−1 like numpy.
    func seed(_ node: ConfigNode, _ path: String) -> UInt32? {
        int(node, path, min: 0, max: Int(UInt32.max), what: "a seed (a whole number 0…4294967295)").map { UInt32($0) }
    }
}
