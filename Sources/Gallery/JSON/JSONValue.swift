import Clustering
import FigureConfig

/// A JSON value for `clusterplot data`. Doubles are written in Swift's shortest round-trip form
/// (`Double.description`), so parsing the output gives back the same bits; non-finite values are `null`.
public indirect enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer, written without a decimal point.
    case int(Int)
    /// A double in shortest round-trip form (`null` when not finite).
    case double(Double)
    /// A string, escaped.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object; keys keep their insertion order.
    case object([(String, JSONValue)])

    /// Equal when they serialise to the same text.
    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// The JSON text. `indent` > 0 pretty-prints containers of containers; arrays of scalars stay on one line.
    public func serialized(indent: Int = 0) -> String {
        var out = ""
        out.reserveCapacity(1 << 12)
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private func write(into out: inout String, indent: Int, level: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .double(d): out += d.isFinite ? d.description : "null"
        case let .string(s): JSONValue.escape(s, into: &out)
        case let .array(items):
            let flat = indent == 0 || items.allSatisfy(\.isScalar) || items.allSatisfy({
                if case let .array(inner) = $0 { return inner.allSatisfy(\.isScalar) } else { return false }
            })
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += flat ? (indent > 0 ? ", " : ",") : "," }
                if !flat { newline(&out, indent, level + 1) }
                item.write(into: &out, indent: flat ? 0 : indent, level: level + 1)
            }
            if !flat && !items.isEmpty { newline(&out, indent, level) }
            out += "]"
        case let .object(pairs):
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                if indent > 0 { newline(&out, indent, level + 1) }
                JSONValue.escape(k, into: &out)
                out += indent > 0 ? ": " : ":"
                v.write(into: &out, indent: indent, level: level + 1)
            }
            if indent > 0 && !pairs.isEmpty { newline(&out, indent, level) }
            out += "}"
        }
    }

    private func newline(_ out: inout String, _ indent: Int, _ level: Int) {
        out += "\n"
        out += String(repeating: " ", count: indent * level)
    }

    static func escape(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

extension JSONValue {
    /// An array of doubles.
    public static func doubles(_ v: [Double]) -> JSONValue { .array(v.map(JSONValue.double)) }
    /// An array of integers.
    public static func ints(_ v: [Int]) -> JSONValue { .array(v.map(JSONValue.int)) }
    /// A matrix as an array of rows.
    public static func matrix(_ m: DataMatrix) -> JSONValue {
        .array((0..<m.rows).map { r in .array((0..<m.columns).map { .double(m[r, $0]) }) })
    }
}
