import Foundation
import XCTest
@testable import Clustering

/// Loads the oracle JSON files copied from the reference into Fixtures/reference.
enum Oracle {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reference")

    /// Foundation's JSONSerialization on Linux does not parse every shortest round-trip float back
    /// to the same bits, so the oracle is read with a small parser that hands each number's text to
    /// `Double(_:)` (correctly rounded).
    static func load(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent("\(name).json"))
        var parser = MiniJSON(bytes: [UInt8](data))
        guard let object = try parser.parse() as? [String: Any] else {
            throw ClusteringError.invalidArgument(name: "oracle", reason: "\(name).json is not an object")
        }
        return object
    }
}

/// A minimal JSON reader: objects → [String: Any], arrays → [Any], numbers → NSNumber (Int when
/// integral text, else Double parsed by Swift), strings, booleans, null → NSNull.
struct MiniJSON {
    let bytes: [UInt8]
    var i = 0
    init(bytes: [UInt8]) { self.bytes = bytes }

    struct Failure: Error { let offset: Int }

    mutating func skip() { while i < bytes.count, [0x20, 0x0a, 0x0d, 0x09].contains(bytes[i]) { i += 1 } }

    mutating func parse() throws -> Any {
        skip()
        guard i < bytes.count else { throw Failure(offset: i) }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var out: [String: Any] = [:]
            skip()
            if bytes[i] == UInt8(ascii: "}") { i += 1; return out }
            while true {
                skip()
                guard let key = try parse() as? String else { throw Failure(offset: i) }
                skip()
                guard bytes[i] == UInt8(ascii: ":") else { throw Failure(offset: i) }
                i += 1
                out[key] = try parse()
                skip()
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                guard bytes[i] == UInt8(ascii: "}") else { throw Failure(offset: i) }
                i += 1
                return out
            }
        case UInt8(ascii: "["):
            i += 1
            var out: [Any] = []
            skip()
            if bytes[i] == UInt8(ascii: "]") { i += 1; return out }
            while true {
                out.append(try parse())
                skip()
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                guard bytes[i] == UInt8(ascii: "]") else { throw Failure(offset: i) }
                i += 1
                return out
            }
        case UInt8(ascii: "\""):
            i += 1
            var s: [UInt8] = []
            while bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                s.append(bytes[i])
                i += 1
            }
            i += 1
            return String(decoding: s, as: UTF8.self)
        case UInt8(ascii: "t"): i += 4; return true
        case UInt8(ascii: "f"): i += 5; return false
        case UInt8(ascii: "n"): i += 4; return NSNull()
        default:
            let start = i
            while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if let v = Int(text) { return NSNumber(value: v) }
            guard let v = Double(text) else { throw Failure(offset: start) }
            return NSNumber(value: v)
        }
    }
}

func dict(_ any: Any?) -> [String: Any] { any as? [String: Any] ?? [:] }

func doubles(_ any: Any?) -> [Double] {
    (any as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
}

func ints(_ any: Any?) -> [Int] {
    (any as? [Any] ?? []).map { ($0 as? NSNumber)?.intValue ?? Int.min }
}

func bools(_ any: Any?) -> [Bool] {
    (any as? [Any] ?? []).map { ($0 as? NSNumber)?.boolValue ?? false }
}

func double(_ any: Any?) -> Double { (any as? NSNumber)?.doubleValue ?? .nan }

func int(_ any: Any?) -> Int { (any as? NSNumber)?.intValue ?? Int.min }

/// Rows of a JSON matrix, flattened row-major.
func flat(_ any: Any?) -> [Double] { (any as? [Any] ?? []).flatMap { doubles($0) } }

func matrix(_ any: Any?) throws -> DataMatrix { try DataMatrix((any as? [Any] ?? []).map { doubles($0) }) }

/// Asserts that two arrays of doubles have identical bit patterns, element by element.
func assertBits(
    _ actual: [Double], _ expected: [Double], _ what: String, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(actual.count, expected.count, "\(what): count", file: file, line: line)
    var mismatches = 0
    var first = ""
    for (i, (a, e)) in zip(actual, expected).enumerated() where a.bitPattern != e.bitPattern {
        if mismatches == 0 { first = "index \(i): got \(a), expected \(e)" }
        mismatches += 1
    }
    XCTAssertEqual(mismatches, 0, "\(what): \(mismatches) of \(expected.count) differ; first at \(first)", file: file, line: line)
}

func assertBits(_ actual: Double, _ expected: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.bitPattern, expected.bitPattern, "\(what): got \(actual), expected \(expected)", file: file, line: line)
}
