import Foundation

/// A JSON value read from a wave-2 reference file.
///
/// Numbers keep their source text, so integers stay integers and `-0.0` keeps its sign; `double`
/// parses the text with `Double(_:)`, which is correctly rounded (the files hold shortest
/// round-trip decimals). Foundation's `JSONSerialization` on Linux is not used because it does
/// not parse every shortest repr back to the same bits.
enum JSONValue: Equatable, CustomStringConvertible, Sendable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    /// A number, as written in the file.
    case number(String)
    case bool(Bool)
    case null

    /// Parses a whole JSON document.
    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        let value = try reader.value()
        reader.skipSpace()
        guard reader.i == bytes.count else { throw reader.failure("trailing characters") }
        return value
    }

    /// The member `key` of an object (`nil` for a missing key or a non-object).
    subscript(key: String) -> JSONValue? {
        if case let .object(o) = self { return o[key] }
        return nil
    }

    /// The object's members, or `nil`.
    var object: [String: JSONValue]? { if case let .object(o) = self { return o }; return nil }
    /// The array's elements, or `nil`.
    var array: [JSONValue]? { if case let .array(a) = self { return a }; return nil }
    /// The string, or `nil`.
    var string: String? { if case let .string(s) = self { return s }; return nil }
    /// The boolean, or `nil`.
    var bool: Bool? { if case let .bool(b) = self { return b }; return nil }
    /// Whether this is `null`.
    var isNull: Bool { self == .null }

    /// The number as a `Double` (integers converted exactly when they fit), or `nil`.
    var double: Double? { if case let .number(t) = self { return Double(t) }; return nil }
    /// The number as an `Int` when its text is an integer, or `nil`.
    var int: Int? { if case let .number(t) = self { return Int(t) }; return nil }
    /// Whether the number is written as an integer (no `.`, `e` or `E`).
    var isIntegerText: Bool {
        if case let .number(t) = self { return Int(t) != nil }
        return false
    }

    /// An array of numbers as doubles, or `nil` when any element is not a number.
    var doubles: [Double]? {
        guard let a = array else { return nil }
        var out: [Double] = []
        out.reserveCapacity(a.count)
        for v in a { guard let d = v.double else { return nil }; out.append(d) }
        return out
    }

    /// An array of integers, or `nil`.
    var ints: [Int]? {
        guard let a = array else { return nil }
        var out: [Int] = []
        out.reserveCapacity(a.count)
        for v in a { guard let d = v.int else { return nil }; out.append(d) }
        return out
    }

    /// An array of number arrays (rows), or `nil`.
    var rows: [[Double]]? {
        guard let a = array else { return nil }
        var out: [[Double]] = []
        out.reserveCapacity(a.count)
        for v in a { guard let r = v.doubles else { return nil }; out.append(r) }
        return out
    }

    /// The value in the loose form `MiniJSON` (Oracle.swift) produces — `[String: Any]`, `[Any]`,
    /// `NSNumber`, `String`, `Bool`, `NSNull` — for code written against the seed's oracle helpers.
    var any: Any {
        switch self {
        case let .object(o): return o.mapValues { $0.any }
        case let .array(a): return a.map { $0.any }
        case let .string(s): return s
        case let .number(t):
            if let i = Int(t) { return NSNumber(value: i) }
            return NSNumber(value: Double(t) ?? .nan)
        case let .bool(b): return b
        case .null: return NSNull()
        }
    }

    var description: String {
        switch self {
        case let .object(o): return "{" + o.keys.sorted().map { "\"\($0)\": \(o[$0]!)" }.joined(separator: ", ") + "}"
        case let .array(a): return "[" + a.map { $0.description }.joined(separator: ", ") + "]"
        case let .string(s): return "\"\(s)\""
        case let .number(t): return t
        case let .bool(b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}

/// A strict recursive-descent JSON reader (UTF-8 bytes in, `JSONValue` out).
private struct JSONReader {
    let bytes: [UInt8]
    var i = 0

    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "JSON error at byte \(offset): \(reason)" }
    }

    func failure(_ reason: String) -> Failure { Failure(offset: i, reason: reason) }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0a || bytes[i] == 0x0d || bytes[i] == 0x09 { i += 1 }
    }

    mutating func expect(_ c: Character) throws {
        skipSpace()
        guard i < bytes.count, bytes[i] == c.asciiValue! else { throw failure("expected '\(c)'") }
        i += 1
    }

    mutating func literal(_ word: String, _ value: JSONValue) throws -> JSONValue {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { throw failure("expected \(word)") }
        i += w.count
        return value
    }

    mutating func value() throws -> JSONValue {
        skipSpace()
        guard i < bytes.count else { throw failure("unexpected end") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var out: [String: JSONValue] = [:]
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(out) }
            while true {
                skipSpace()
                guard case let .string(key) = try value() else { throw failure("object key must be a string") }
                try expect(":")
                out[key] = try value()
                skipSpace()
                guard i < bytes.count else { throw failure("unterminated object") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                try expect("}")
                return .object(out)
            }
        case UInt8(ascii: "["):
            i += 1
            var out: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(out) }
            while true {
                out.append(try value())
                skipSpace()
                guard i < bytes.count else { throw failure("unterminated array") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                try expect("]")
                return .array(out)
            }
        case UInt8(ascii: "\""):
            i += 1
            var s: [UInt8] = []
            while true {
                guard i < bytes.count else { throw failure("unterminated string") }
                let c = bytes[i]
                i += 1
                if c == UInt8(ascii: "\"") { break }
                if c == UInt8(ascii: "\\") {
                    guard i < bytes.count else { throw failure("unterminated escape") }
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case UInt8(ascii: "n"): s.append(0x0a)
                    case UInt8(ascii: "t"): s.append(0x09)
                    case UInt8(ascii: "r"): s.append(0x0d)
                    case UInt8(ascii: "b"): s.append(0x08)
                    case UInt8(ascii: "f"): s.append(0x0c)
                    case UInt8(ascii: "u"):
                        guard i + 4 <= bytes.count,
                            let code = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16),
                            let scalar = Unicode.Scalar(code)
                        else { throw failure("bad \\u escape") }
                        s.append(contentsOf: Array(String(Character(scalar)).utf8))
                        i += 4
                    default: s.append(e)
                    }
                } else {
                    s.append(c)
                }
            }
            return .string(String(decoding: s, as: UTF8.self))
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default:
            let start = i
            while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            guard !text.isEmpty, Double(text) != nil else { throw Failure(offset: start, reason: "bad number '\(text)'") }
            return .number(text)
        }
    }
}
