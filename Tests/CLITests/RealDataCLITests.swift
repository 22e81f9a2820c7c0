import Foundation
import XCTest

/// The analyst's flow through the real binary: the iris fixture renders, `data` has the PCA and the
/// profiles, `data --format csv` writes every row with its cluster, PCA end to end on the reference
/// case, and bad `--of` is a located error with nothing on stdout.
final class RealDataCLITests: XCTestCase {
    static let root = GalleryCLITests.root
    func path(_ p: String) -> String { Self.root.appendingPathComponent(p).path }

    func testIrisRendersAndItsNumbersAreThere() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cp-iris-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLITests.run(["render", path("Fixtures/data/iris.yaml"), "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("iris.png").path))
        let d = try CLITests.run(["data", path("Fixtures/data/iris.yaml"), "--compact"])
        XCTAssertEqual(d.status, 0, d.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(d.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((json["pca"] as? [String: Any])?["names"] as? [String], ["pc1", "pc2"])
        XCTAssertEqual(((json["profiles"] as? [String: Any])?["size"] as? [Int])?.reduce(0, +), 150)
        XCTAssertEqual(((json["kmeans"] as? [String: Any])?["names"] as? [String: String])?["1"], "Small")
    }

    func testAssignmentsCSVThroughTheBinary() throws {
        let r = try CLITests.run(["data", path("Fixtures/data/iris.yaml"), "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 151)
        XCTAssertEqual(lines[0], "sepal_length,sepal_width,petal_length,petal_width,species,cluster,cluster_name,distance")
        XCTAssertTrue(lines[1].hasPrefix("5.1,3.5,1.4,0.2,setosa,1,Small,"), lines[1])
        let bad = try CLITests.run(["data", path("Fixtures/data/iris.yaml"), "--format", "csv", "--of", "dbscan"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stdout, "")
        XCTAssertNotNil(bad.stderr.range(of: GalleryCLITests.errorLine, options: .regularExpression), bad.stderr)
    }

    func testPCAReferenceCaseThroughTheBinary() throws {
        // pca-000 of Fixtures/reference/wave2/pca.json: iris, standardised, PCA(n_components=2).
        let text = try String(contentsOfFile: path("Fixtures/reference/wave2/pca.json"), encoding: .utf8)
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let expect = try XCTUnwrap(((root["cases"] as? [[String: Any]])?.first)?["expect"] as? [String: Any])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cp-pca-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("pca.yaml")
        try """
        data:
          csv: {file: \(path("Fixtures/reference/wave2/csv/iris.csv")), columns: [sepal_length, sepal_width, petal_length, petal_width]}
          scale: standard
          pca: {components: 2}
        """.write(to: config, atomically: true, encoding: .utf8)
        let r = try CLITests.run(["data", config.path, "--compact"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let pca = try XCTUnwrap(doc["pca"] as? [String: Any])
        let tol = 1e-9 * ((expect["max_abs_x"] as? Double) ?? 1)
        for key in ["components", "projected"] {
            let ours = ((pca[key] as? [[Double]]) ?? []).flatMap { $0 }
            let theirs = ((expect[key] as? [[Double]]) ?? []).flatMap { $0 }
            XCTAssertEqual(ours.count, theirs.count, key)
            XCTAssertLessThanOrEqual(zip(ours, theirs).map { abs($0 - $1) }.max() ?? 1, tol, key)
        }
    }
}
