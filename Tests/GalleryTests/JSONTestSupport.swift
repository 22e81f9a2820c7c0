import Foundation

/// A minimal JSON reader for the tests that keeps every number's text, so reference floats can be
/// compared bit for bit (`Double(text)` is correctly rounded; JSONSerialization promises nothing).
indirect enum J: Equatable {
    case null, bool(Bool), number(String), string(String), array([J]), object([String: J])

    subscript(_ key: String) -> J? { if case let .object(o) = self { return o[key] } else { return nil } }
    var array: [J]? { if case let .array(a) = self { return a } else { return nil } }
    var double: Double? { if case let .number(s) = self { return Double(s) } else { return nil } }
    var int: Int? { if case let .number(s) = self { return Int(s) } else { return nil } }
    var string: String? { if case let .string(s) = self { return s } else { return nil } }

    /// The value with every number replaced by the bit pattern of its double (ints stay ints).
    var bits: J {
        switch self {
        case let .number(s): return Int(s) != nil ? self : .number(String(Double(s)!.bitPattern))
        case let .array(a): return .array(a.map(\.bits))
        case let .object(o): return .object(o.mapValues(\.bits))
        default: return self
        }
    }

    static func parse(_ text: String) throws -> J {
        var p = Parser(s: Array(text.utf8))
        let v = try p.value()
        p.ws()
        guard p.i == p.s.count else { throw ParseError(offset: p.i) }
        return v
    }

    struct ParseError: Error { var offset: Int }

    struct Parser {
        let s: [UInt8]
        var i = 0
        mutating func ws() { while i < s.count, [9, 10, 13, 32].contains(s[i]) { i += 1 } }
        mutating func value() throws -> J {
            ws()
            guard i < s.count else { throw ParseError(offset: i) }
            switch s[i] {
            case UInt8(ascii: "{"):
                i += 1; var o: [String: J] = [:]; ws()
                if s[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
                while true {
                    ws(); guard case let .string(k) = try value() else { throw ParseError(offset: i) }
                    ws(); guard s[i] == UInt8(ascii: ":") else { throw ParseError(offset: i) }; i += 1
                    o[k] = try value(); ws()
                    if s[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard s[i] == UInt8(ascii: "}") else { throw ParseError(offset: i) }; i += 1
                    return .object(o)
                }
            case UInt8(ascii: "["):
                i += 1; var a: [J] = []; ws()
                if s[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
                while true {
                    a.append(try value()); ws()
                    if s[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard s[i] == UInt8(ascii: "]") else { throw ParseError(offset: i) }; i += 1
                    return .array(a)
                }
            case UInt8(ascii: "\""):
                i += 1; var out: [UInt8] = []
                while s[i] != UInt8(ascii: "\"") {
                    if s[i] == UInt8(ascii: "\\") { i += 1; out.append(s[i] == UInt8(ascii: "n") ? 10 : s[i]) } else { out.append(s[i]) }
                    i += 1
                }
                i += 1
                return .string(String(decoding: out, as: UTF8.self))
            case UInt8(ascii: "t"): i += 4; return .bool(true)
            case UInt8(ascii: "f"): i += 5; return .bool(false)
            case UInt8(ascii: "n"): i += 4; return .null
            default:
                let start = i
                while i < s.count, "+-.eE0123456789".utf8.contains(s[i]) { i += 1 }
                guard i > start else { throw ParseError(offset: i) }
                return .number(String(decoding: s[start..<i], as: UTF8.self))
            }
        }
    }
}
