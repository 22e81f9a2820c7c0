import FigureConfig
import Foundation
import XCTest
@testable import Gallery

/// The wave-2 reference cases end to end, as an outside check runs them: each case's config (its
/// JSON is YAML) goes through the loader, the data step and the analyses, and the `clusterplot data`
/// document must hold the reference numbers under the contract's names — bit for bit where the
/// family is exact.
final class WaveEndToEndTests: XCTestCase {
    static let folder = fixture("Fixtures/reference/wave2")

    /// The cases of a family, or nil (skip) when the family's file is not in the fixtures.
    func cases(_ family: String) throws -> [J]? {
        let path = "\(Self.folder)/\(family).json"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try J.parse(String(contentsOfFile: path, encoding: .utf8))["cases"]?.array
    }

    /// Our `clusterplot data` document for a case.
    func data(_ c: J, _ key: String = "config") throws -> J {
        let id = c["id"].flatMap { if case let .string(s) = $0 { return s } else { return nil } } ?? "case"
        let config = try XCTUnwrap(c[key]).serialized
        let spec = try FigureLoader.parse(yaml: config, file: "\(id).yaml", baseDirectory: Self.folder)
        return try J.parse(FigureData.compute(spec).json(spec: spec).serialized())
    }

    /// `ours[path]` equals `expected` bit for bit, with a message naming the case.
    func same(_ ours: J?, _ expected: J?, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(ours?.bits, expected?.bits, what, file: file, line: line)
    }

    func testDatasets() throws {
        guard let cases = try cases("datasets") else { throw XCTSkip("datasets.json not in the fixtures") }
        for c in cases {
            let d = try data(c), e = c["expect"]
            same(d["points"], e?["points"], "\(c["id"]!) points")
            same(d["blob_labels"], e?["blob_labels"], "\(c["id"]!) blob_labels")
        }
    }

    func testDBSCAN() throws {
        guard let cases = try cases("dbscan") else { throw XCTSkip("dbscan.json not in the fixtures") }
        for c in cases {
            let d = try data(c)["dbscan"], e = c["expect"]
            same(d?["labels"], e?["labels"], "\(c["id"]!) labels")
            same(d?["core_sample_indices"], e?["core_sample_indices"], "\(c["id"]!) core_sample_indices")
        }
    }

    func testKDistance() throws {
        guard let cases = try cases("k_distance") else { throw XCTSkip("k_distance.json not in the fixtures") }
        for c in cases {
            let d = try data(c)["k_distance"], e = c["expect"]
            same(d?["distances"], e?["distances"], "\(c["id"]!) distances")
            same(d?["knee"], e?["knee"], "\(c["id"]!) knee")
        }
    }

    func testAgglomerative() throws {
        guard let cases = try cases("agglomerative") else { throw XCTSkip("agglomerative.json not in the fixtures") }
        for c in cases {
            let d = try data(c)["agglomerative"], e = c["expect"]
            for key in ["labels", "children", "distances"] { same(d?[key], e?[key], "\(c["id"]!) \(key)") }
        }
    }
}

extension J {
    /// JSON text with every number as it was written (a config for the loader: JSON is YAML).
    var serialized: String {
        switch self {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .number(s): return s
        case let .string(s):
            var out = "\""
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                default: out.unicodeScalars.append(u)
                }
            }
            return out + "\""
        case let .array(a): return "[" + a.map(\.serialized).joined(separator: ", ") + "]"
        case let .object(o): return "{" + o.keys.sorted().map { J.string($0).serialized + ": " + o[$0]!.serialized }.joined(separator: ", ") + "}"
        }
    }
}
