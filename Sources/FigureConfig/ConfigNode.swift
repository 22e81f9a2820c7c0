import Foundation
import Yams

/// A YAML value with the place it came from. Configs are parsed into this tree first (keeping every
/// node's line and column), `--set` overrides are applied to the tree, and then the tree is decoded
/// into a typed ``FigureSpec``.
public struct ConfigNode: Sendable, Hashable {
    /// The value's shape.
    public enum Kind: Sendable, Hashable {
        /// A scalar; `quoted` is true for quoted or block scalars, which are always strings.
        case scalar(String, quoted: Bool)
        /// A mapping, keys in document order.
        case mapping([(key: ConfigNode, value: ConfigNode)])
        /// A sequence.
        case sequence([ConfigNode])

        /// Same kind and contents (a scalar's quoting included).
        public static func == (a: Kind, b: Kind) -> Bool {
            switch (a, b) {
            case let (.scalar(x, q), .scalar(y, r)): return x == y && q == r
            case let (.sequence(x), .sequence(y)): return x == y
            case let (.mapping(x), .mapping(y)):
                return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            default: return false
            }
        }

        /// Hashes what `==` compares.
        public func hash(into h: inout Hasher) {
            switch self {
            case let .scalar(s, q): h.combine(0); h.combine(s); h.combine(q)
            case let .sequence(x): h.combine(1); h.combine(x)
            case let .mapping(x): h.combine(2); for p in x { h.combine(p.key); h.combine(p.value) }
            }
        }
    }

    /// The value.
    public var kind: Kind
    /// Where the value starts.
    public var location: SourceLocation

    /// Creates a node.
    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The scalar text, or nil for collections.
    public var scalar: String? {
        if case let .scalar(s, _) = kind { return s }
        return nil
    }

    /// The value under `key` of a mapping, nil otherwise.
    public func child(_ key: String) -> ConfigNode? {
        guard case let .mapping(pairs) = kind else { return nil }
        return pairs.first { $0.key.scalar == key }?.value
    }

    /// The items of a sequence, nil otherwise.
    public var items: [ConfigNode]? {
        if case let .sequence(x) = kind { return x }
        return nil
    }

    /// True for a plain scalar that YAML reads as null (`~`, `null`, empty).
    public var isNull: Bool {
        if case let .scalar(s, quoted) = kind, !quoted { return ["", "~", "null", "Null", "NULL"].contains(s) }
        return false
    }

    /// A short name of the node's type for error messages.
    public var typeName: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case let .scalar(s, quoted):
            if quoted { return "the text \(Echo.quoted(s, quote: "\""))" }
            if isNull { return "nothing (null)" }
            if ScalarValue.bool(s) != nil { return "the boolean \(s)" }
            if ScalarValue.int(s) != nil || ScalarValue.double(s) != nil { return "the number \(Echo.clipped(s))" }
            return "the text \(Echo.quoted(s))"
        }
    }

    /// The value for `key` in a mapping node.
    public subscript(key: String) -> ConfigNode? {
        if case let .mapping(pairs) = kind { return pairs.last(where: { $0.key.scalar == key })?.value }
        return nil
    }

    // MARK: Parsing

    /// Parses YAML text. Errors carry the file, line and column; an empty document is an empty mapping.
    public static func parse(yaml text: String, file: String) throws -> ConfigNode {
        if text.utf8.contains(0) {
            throw ConfigError("the file is binary, not YAML text", at: SourceLocation(file: file, line: 1, column: 1))
        }
        // Depth is checked on the event stream before composing: the composer recurses once per level.
        if let deep = NestingScan.firstTooDeep(text, limit: ConfigLimits.maxNesting) {
            throw ConfigError(tooDeepMessage, at: SourceLocation(file: file, line: deep.line, column: deep.column))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)  // tags are resolved by ScalarValue, not regexes
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw ConfigError("cannot parse YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
        guard let root else {
            return ConfigNode(.scalar("", quoted: false), at: SourceLocation(file: file, line: 1, column: 1))
        }
        var budget = maxNodes
        return try convert(root, file: file, depth: 0, budget: &budget)
    }

    /// The most values a document may hold after YAML aliases are expanded.
    public static let maxNodes = 500_000

    /// The message for a node nested deeper than ``ConfigLimits/maxNesting``.
    static let tooDeepMessage = "the document is nested too deeply (more than \(ConfigLimits.maxNesting) levels)"

    private static func convert(_ node: Node, file: String, depth: Int, budget: inout Int) throws -> ConfigNode {
        let loc = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        guard depth < ConfigLimits.maxNesting else { throw ConfigError(tooDeepMessage, at: loc) }
        budget -= 1
        guard budget > 0 else {
            throw ConfigError("the document is too large (more than \(maxNodes) values once aliases are expanded)", at: loc)
        }
        switch node {
        case let .scalar(s):
            let quoted = s.style != .plain && s.style != .any
            return ConfigNode(.scalar(s.string, quoted: quoted), at: loc)
        case let .sequence(seq):
            return ConfigNode(.sequence(try seq.map { try convert($0, file: file, depth: depth + 1, budget: &budget) }), at: loc)
        case let .mapping(map):
            var pairs: [(key: ConfigNode, value: ConfigNode)] = []
            pairs.reserveCapacity(map.count)
            var firstLine: [String: Int] = [:]   // key → line of its first occurrence (linear, not a scan)
            for (k, v) in map {
                let key = try convert(k, file: file, depth: depth + 1, budget: &budget)
                guard key.scalar != nil else {
                    throw ConfigError("a key must be a plain name, not \(key.typeName)", at: key.location)
                }
                if let line = firstLine.updateValue(key.location.line, forKey: key.scalar!) {
                    throw ConfigError("duplicate key \(Echo.quoted(key.scalar!)) (first given at line \(line))",
                                      at: key.location)
                }
                pairs.append((key, try convert(v, file: file, depth: depth + 1, budget: &budget)))
            }
            return ConfigNode(.mapping(pairs), at: loc)
        }
    }

    private static func yamlError(_ error: YamlError, file: String) -> ConfigError {
        func loc(_ m: Mark) -> SourceLocation { SourceLocation(file: file, line: m.line, column: m.column) }
        func text(_ context: YamlError.Context?, _ problem: String) -> String {
            let p = problem.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let c = context else { return "invalid YAML: \(p)" }
            return "invalid YAML: \(p) (\(c.text) at line \(c.mark.line), column \(c.mark.column))"
        }
        switch error {
        case let .scanner(context, problem, mark, _): return ConfigError(text(context, problem), at: loc(mark))
        case let .parser(context, problem, mark, _): return ConfigError(text(context, problem), at: loc(mark))
        case let .composer(context, problem, mark, _): return ConfigError(text(context, problem), at: loc(mark))
        case let .reader(problem, offset, _, yaml):
            var line = 1, column = 1
            if let offset {
                for (i, ch) in yaml.unicodeScalars.enumerated() {
                    if i >= offset { break }
                    if ch == "\n" { line += 1; column = 1 } else { column += 1 }
                }
            }
            return ConfigError("invalid YAML text: \(problem)", at: SourceLocation(file: file, line: line, column: column))
        case .dataCouldNotBeDecoded:
            return ConfigError("the file is not UTF-8 text", at: SourceLocation(file: file, line: 1, column: 1))
        default:
            return ConfigError("invalid YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}

/// YAML 1.2 core-schema reading of plain scalars.
enum ScalarValue {
    static func bool(_ s: String) -> Bool? {
        switch s {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    static func int(_ s: String) -> Int? {
        var t = s.replacingOccurrences(of: "_", with: "")
        var sign = 1
        if t.hasPrefix("+") { t.removeFirst() } else if t.hasPrefix("-") { sign = -1; t.removeFirst() }
        guard !t.isEmpty else { return nil }
        let v: Int?
        if t.hasPrefix("0x") { v = Int(t.dropFirst(2), radix: 16) }
        else if t.hasPrefix("0o") { v = Int(t.dropFirst(2), radix: 8) }
        else if t.allSatisfy({ $0.isASCII && $0.isNumber }) { v = Int(t) }
        else { v = nil }
        return v.map { $0 * sign }
    }

    static func double(_ s: String) -> Double? {
        switch s {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        if let i = int(s) { return Double(i) }
        let t = s.replacingOccurrences(of: "_", with: "")
        guard let first = t.first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        guard t.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Double(t)
    }
}
