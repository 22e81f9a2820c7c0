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

/// The scores, knee and mixture families end to end.
extension WaveEndToEndTests {
    func testSilhouetteAndScores() throws {
        guard let cases = try cases("silhouette") else { throw XCTSkip("silhouette.json not in the fixtures") }
        for c in cases {
            let id = "\(c["id"]!)"
            let d = try data(c)
            let e = c["expect"]
            same(d["silhouette"]?["samples"], e?["samples"], "\(id) samples")
            same(d["silhouette"]?["score"], e?["score"], "\(id) score")
            let s = try data(c, "config_scores")["scores"]
            for key in ["silhouette", "calinski_harabasz", "davies_bouldin", "adjusted_rand"] {
                same(s?[key], e?["scores"]?[key], "\(id) scores.\(key)")
            }
        }
    }

    func testElbowMetricsAndKnees() throws {
        guard let cases = try cases("elbow") else { throw XCTSkip("elbow.json not in the fixtures") }
        for c in cases {
            let d = try data(c)["elbow"], e = c["expect"]
            same(d?["k"], e?["k"], "\(c["id"]!) k")
            same(d?["values"], e?["values"], "\(c["id"]!) values")
            same(d?["knee"], e?["knee"], "\(c["id"]!) knee")
        }
    }

    func testKneeOfACurve() throws {
        guard let cases = try cases("knee") else { throw XCTSkip("knee.json not in the fixtures") }
        for c in cases {
            let d = try data(c)["knee"], e = c["expect"]
            same(d?["knee"], e?["knee"], "\(c["id"]!) knee")
            same(d?["knee_y"], e?["knee_y"], "\(c["id"]!) knee_y")
        }
    }

    func testGaussianMixtures() throws {
        guard let cases = try cases("gmm") else { throw XCTSkip("gmm.json not in the fixtures") }
        for c in cases {
            let d = try data(c)["gmm"], e = c["expect"]
            for key in ["labels", "n_iter", "converged", "weights", "means", "covariances", "lower_bound"] {
                same(d?[key], e?[key], "\(c["id"]!) \(key)")
            }
        }
    }
}

extension WaveEndToEndTests {
    /// `clustering.gmm_selection` over scikit-learn's model-selection sweep (k 1…6 × four
    /// covariance types on one data set): every `bic` and `aic` bit for bit, and `best` is the
    /// lowest BIC.
    func testGaussianMixtureSelection() throws {
        guard let all = try cases("gmm_extra") else { throw XCTSkip("gmm_extra.json not in the fixtures") }
        let sweep = all.filter { $0["group"]?.string == "bic_sweep" }
        XCTAssertEqual(sweep.count, 24)
        let first = try XCTUnwrap(sweep.first)
        let points = try XCTUnwrap(first["data"]?["points"])
        let rows = try XCTUnwrap(points["rows"]?.int), columns = try XCTUnwrap(points["columns"]?.int)
        let values = try XCTUnwrap(points["values"]?.array).compactMap(\.double)
        XCTAssertEqual(values.count, rows * columns)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gmmsel-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv = (0..<columns).map { "x\($0)" }.joined(separator: ",") + "\n"
        for r in 0..<rows { csv += (0..<columns).map { "\(values[r * columns + $0])" }.joined(separator: ",") + "\n" }
        try csv.write(to: folder.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
        let p = try XCTUnwrap(first["params"])
        let yaml = """
        data: {csv: {file: points.csv}}
        clustering:
          gmm_selection: {k_min: 1, k_max: 6, covariance: [spherical, tied, diag, full], seed: \(p["seed"]!.int!), max_iter: \(p["max_iter"]!.int!), tol: \(p["tol"]!.double!), n_init: \(p["n_init"]!.int!), reg_covar: \(p["reg_covar"]!.double!)}
        """
        let spec = try FigureLoader.parse(yaml: yaml, file: "sweep.yaml", baseDirectory: folder.path)
        let d = try XCTUnwrap(J.parse(FigureData.compute(spec).json(spec: spec).serialized())["gmm_selection"])
        var lowest: (Double, String, Int)?
        for c in sweep {
            let k = try XCTUnwrap(c["params"]?["k"]?.int), type = try XCTUnwrap(c["params"]?["covariance"]?.string)
            let bic = d["bic"]?[type]?.array?[k - 1], aic = d["aic"]?[type]?.array?[k - 1]
            same(bic, c["expect"]?["bic"], "\(c["id"]!) bic")
            same(aic, c["expect"]?["aic"], "\(c["id"]!) aic")
            if let b = c["expect"]?["bic"]?.double, lowest == nil || b < lowest!.0 { lowest = (b, type, k) }
        }
        XCTAssertEqual(d["best"]?["covariance"]?.string, lowest?.1)
        XCTAssertEqual(d["best"]?["k"]?.int, lowest?.2)
    }
}
