import Foundation

/// Number goldens: a config's `clusterplot data` JSON, compared number by number before any pixel.
///
/// Every number is **bit-exact** (the same shortest round-trip text, so the same bits) except the
/// floats of a tolerance tier: `gmm` and `gmm_selection` floats must lie within 1e-9 × the largest
/// magnitude of their field in the golden (docs/mixture.md). Integers (labels, `n_iter`), booleans,
/// strings and `null` are always exact. The top-level `config` entry (a path) is not compared.
public enum NumberGoldens {
    /// The relative tolerance of the GMM tier.
    public static let gmmTier = 1e-9
    /// The top-level keys whose floats are in the GMM tier.
    public static let tieredSections: Set<String> = ["gmm", "gmm_selection"]

    /// What changed between two data documents, or nil when they agree.
    public struct Change: Sendable, Equatable {
        /// The first field that differs, e.g. `kmeans.centers[1][0]`.
        public var path: String
        /// One line: what the golden has and what the render has.
        public var message: String
    }

    /// Compares a golden data document with a fresh one. Throws when either is not JSON.
    public static func compare(expected: [UInt8], actual: [UInt8], expectedName: String = "golden") throws -> Change? {
        let e = try LiteralJSON.parse(expected, name: expectedName), a = try LiteralJSON.parse(actual, name: "the render")
        var magnitudes: [String: Double] = [:]
        collectMagnitudes(e, field: "", into: &magnitudes)
        return diff(e, a, path: "", field: "", magnitudes: magnitudes)
    }

    /// The largest |x| of each field (a path with its indices left out) over the golden's floats.
    static func collectMagnitudes(_ v: LiteralJSON, field: String, into m: inout [String: Double]) {
        switch v {
        case .number(let text): if let d = Double(text), d.isFinite { m[field] = max(m[field] ?? 0, abs(d)) }
        case .array(let items): items.forEach { collectMagnitudes($0, field: field, into: &m) }
        case .object(let pairs): for (k, x) in pairs { collectMagnitudes(x, field: field.isEmpty ? k : "\(field).\(k)", into: &m) }
        default: break
        }
    }

    static func diff(_ e: LiteralJSON, _ a: LiteralJSON, path: String, field: String, magnitudes: [String: Double]) -> Change? {
        func changed(_ what: String) -> Change { Change(path: path.isEmpty ? "(document)" : path, message: what) }
        switch (e, a) {
        case let (.object(ep), .object(ap)):
            let ek = ep.map(\.0), ak = ap.map(\.0)
            if let missing = ek.first(where: { !ak.contains($0) }) {
                return Change(path: join(path, missing), message: "the field is gone")
            }
            if let extra = ak.first(where: { !ek.contains($0) }) {
                return Change(path: join(path, extra), message: "a new field")
            }
            let actual = Dictionary(ap, uniquingKeysWith: { x, _ in x })
            for (k, ev) in ep where !(path.isEmpty && k == "config") {
                if let c = diff(ev, actual[k]!, path: join(path, k), field: field.isEmpty ? k : "\(field).\(k)", magnitudes: magnitudes) { return c }
            }
            return nil
        case let (.array(ei), .array(ai)):
            if ei.count != ai.count { return changed("\(ai.count) entries, golden has \(ei.count)") }
            for (i, (x, y)) in zip(ei, ai).enumerated() {
                if let c = diff(x, y, path: "\(path)[\(i)]", field: field, magnitudes: magnitudes) { return c }
            }
            return nil
        case let (.number(x), .number(y)):
            if x == y { return nil }
            let isFloat = { (t: String) in t.contains(where: { ".eE".contains($0) }) }
            let section = String(field.prefix { $0 != "." })
            if tieredSections.contains(section), isFloat(x) || isFloat(y), let dx = Double(x), let dy = Double(y) {
                let limit = gmmTier * (magnitudes[field] ?? 0)
                if abs(dx - dy) <= limit { return nil }
                return changed("golden \(x), now \(y) (|Δ| \(abs(dx - dy)) > 1e-9 × \(magnitudes[field] ?? 0), the GMM tier)")
            }
            return changed("golden \(x), now \(y) (bit-exact)")
        default:
            return e == a ? nil : changed("golden \(e.shown), now \(a.shown)")
        }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// JSON with numbers kept as their text, so equal text means equal bits.
indirect enum LiteralJSON: Equatable {
    case null, bool(Bool), number(String), string(String), array([LiteralJSON]), object([(String, LiteralJSON)])

    static func == (a: LiteralJSON, b: LiteralJSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)), let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// Short text for messages.
    var shown: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let t): return t
        case .string(let s): return "'\(s.count > 40 ? String(s.prefix(40)) + "…" : s)'"
        case .array(let a): return "a list of \(a.count)"
        case .object: return "an object"
        }
    }

    static func parse(_ bytes: [UInt8], name: String) throws -> LiteralJSON {
        var p = Parser(b: bytes, i: 0)
        do {
            let v = try p.value(depth: 0)
            p.space()
            guard p.i == bytes.count else { throw p.error("text after the JSON value") }
            return v
        } catch let e as ParseError {
            throw VisualDiffError.unreadable("\(name): not a clusterplot data document (\(e.message) at byte \(e.offset))")
        }
    }

    struct ParseError: Error { var message: String; var offset: Int }

    struct Parser {
        let b: [UInt8]
        var i: Int

        func error(_ m: String) -> ParseError { ParseError(message: m, offset: i) }
        mutating func space() { while i < b.count, [0x20, 0x0A, 0x0D, 0x09].contains(b[i]) { i += 1 } }
        mutating func literal(_ s: String) throws {
            let u = Array(s.utf8)
            guard i + u.count <= b.count, Array(b[i..<i + u.count]) == u else { throw error("expected \(s)") }
            i += u.count
        }

        mutating func value(depth: Int) throws -> LiteralJSON {
            guard depth < 200 else { throw error("nested too deeply") }
            space()
            guard i < b.count else { throw error("unexpected end") }
            switch b[i] {
            case UInt8(ascii: "{"):
                i += 1; var pairs: [(String, LiteralJSON)] = []
                space()
                if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
                while true {
                    space()
                    guard case let .string(k) = try value(depth: depth + 1) else { throw error("expected a key") }
                    space(); try literal(":")
                    pairs.append((k, try value(depth: depth + 1)))
                    space()
                    guard i < b.count else { throw error("unexpected end") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    try literal("}"); return .object(pairs)
                }
            case UInt8(ascii: "["):
                i += 1; var items: [LiteralJSON] = []
                space()
                if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    space()
                    guard i < b.count else { throw error("unexpected end") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    try literal("]"); return .array(items)
                }
            case UInt8(ascii: "\""):
                i += 1; var s: [UInt8] = []
                while i < b.count, b[i] != UInt8(ascii: "\"") {
                    if b[i] == UInt8(ascii: "\\"), i + 1 < b.count { s.append(b[i]); i += 1 }
                    s.append(b[i]); i += 1
                }
                try literal("\"")
                return .string(String(decoding: s, as: UTF8.self))
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default:
                let start = i
                while i < b.count, "+-0123456789.eE".utf8.contains(b[i]) { i += 1 }
                guard i > start else { throw error("unexpected character") }
                return .number(String(decoding: b[start..<i], as: UTF8.self))
            }
        }
    }
}
