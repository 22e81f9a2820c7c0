import Foundation
import XCTest

/// The gallery commands through the real binary: render, data, validate, init, exit codes, errors.
final class GalleryCLITests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("cp-cli-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func path(_ p: String) -> String { Self.root.appendingPathComponent(p).path }
    func files(_ dir: URL) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() }
    static let errorLine = #"^[^\n]+:\d+:\d+: [^\n]+$"#

    func testRenderFolderWritesEveryFigure() throws {
        let out = tmp.appendingPathComponent("out")
        let r = try CLITests.run(["render", path("Fixtures/configs"), "--out", out.path, "--format", "png,pdf,svg"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let names = files(URL(fileURLWithPath: path("Fixtures/configs"))).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        XCTAssertGreaterThanOrEqual(names.count, 13)
        XCTAssertEqual(files(out), names.flatMap { n in ["pdf", "png", "svg"].map { "\(n).\($0)" } }.sorted())
        XCTAssertTrue(r.stdout.hasPrefix("rendered \(names.count) of \(names.count) configs (\(3 * names.count) files"), r.stdout)
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 1)
        for f in files(out) {
            let size = (try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(f).path)[.size] as? Int) ?? 0
            XCTAssertGreaterThan(size, 1000, f)
        }
    }

    func testRenderDefaultsFormatFromConfigAndDpiOption() throws {
        let r = try CLITests.run(["render", path("Fixtures/configs/elbow.yaml"), "--out", tmp.path, "--dpi", "50"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(files(tmp), ["elbow.png"])
        let png = try Data(contentsOf: tmp.appendingPathComponent("elbow.png"))
        XCTAssertEqual(png[16..<20].reduce(0) { $0 << 8 | Int($1) }, 320)   // 6.4 in × 50 dpi
        let csv = try CLITests.run(["render", path("Fixtures/data/customers.yaml"), "--out", tmp.path])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertTrue(files(tmp).contains("customers.pdf"))
    }

    func testRenderCreatesOutputFolderAndRejectsUnwritableOne() throws {
        let nested = tmp.appendingPathComponent("a/b")
        XCTAssertEqual(try CLITests.run(["render", path("Fixtures/minimal.yaml"), "--out", nested.path]).status, 0)
        XCTAssertEqual(files(nested), ["minimal.png"])
        let file = tmp.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let r = try CLITests.run(["render", path("Fixtures/minimal.yaml"), "--out", file.appendingPathComponent("sub").path])
        XCTAssertEqual(r.status, 2)
        XCTAssertNotNil(r.stderr.range(of: Self.errorLine, options: .regularExpression), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("cannot create the output folder (Not a directory)\n"), r.stderr)
        let r2 = try CLITests.run(["render", path("Fixtures/minimal.yaml"), "--out", file.path])
        XCTAssertEqual(r2.status, 2)
        XCTAssertTrue(r2.stderr.contains("\(file.path):1:1: the output path exists and is not a folder"), r2.stderr)
    }

    /// Every malformed config: exit 2, one `FILE:LINE:COLUMN:` line first, nothing written.
    func testMalformedCorpusThroughTheBinary() throws {
        let dir = Self.root.appendingPathComponent("Tests/GalleryTests/Malformed")
        let corpus = files(dir).filter { $0.hasSuffix(".yaml") }
        XCTAssertGreaterThanOrEqual(corpus.count, 25)
        for name in corpus {
            let file = dir.appendingPathComponent(name).path
            let expect = String(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")[0]).replacingOccurrences(of: "# expect: ", with: "")
            let out = tmp.appendingPathComponent(name)
            let r = try CLITests.run(["render", file, "--out", out.path])
            XCTAssertEqual(r.status, 2, "\(name): \(r.stderr)")
            let lines = r.stderr.split(separator: "\n").map(String.init)
            let first = lines.first ?? ""
            XCTAssertNotNil(first.range(of: Self.errorLine, options: .regularExpression), "\(name): \(first)")
            XCTAssertTrue(first.contains(expect), "\(name): expected '\(expect)' in '\(first)'")
            XCTAssertEqual(files(out), [], name)
            XCTAssertTrue(r.stdout.contains("rendered 0 of 1 config"), r.stdout)
            let v = try CLITests.run(["validate", file])
            XCTAssertEqual(v.status, 2, name)
        }
    }

    func testBatchWithOneBadConfigRendersTheOthers() throws {
        let dir = tmp.appendingPathComponent("configs")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for n in ["elbow", "segmentation"] {
            try FileManager.default.copyItem(atPath: path("Fixtures/configs/\(n).yaml"), toPath: dir.appendingPathComponent("\(n).yaml").path)
        }
        try "data:\n  blobs: {samples: 10, centers: 2, std: -1}\n".write(to: dir.appendingPathComponent("bad.yml"), atomically: true, encoding: .utf8)
        let out = tmp.appendingPathComponent("out")
        let r = try CLITests.run(["render", dir.path, "--out", out.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(files(out), ["elbow.png", "segmentation.png"])
        XCTAssertTrue(r.stderr.contains("bad.yml:2:41: must not be negative, got -1 (data.blobs.std)"), r.stderr)
        XCTAssertTrue(r.stdout.contains("rendered 2 of 3 configs"), r.stdout)
    }

    func testTwoConfigsWithOneOutputNameAreRefused() throws {
        let dir = tmp.appendingPathComponent("configs")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: path("Fixtures/configs/elbow.yaml"), toPath: dir.appendingPathComponent("a.yaml").path)
        try "data:\n  blobs: {samples: 10}\noutput: {name: a}\n".write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        let out = tmp.appendingPathComponent("out")
        let r = try CLITests.run(["render", dir.path, dir.appendingPathComponent("a.yaml").path, "--out", out.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(files(out), ["a.png"])
        XCTAssertTrue(r.stderr.contains("b.yaml:1:1: output name 'a' is already written by"), r.stderr)
        XCTAssertTrue(r.stdout.contains("rendered 1 of 2 configs"), r.stdout)
    }

    func testSetOverridesAndTheirErrors() throws {
        let ok = try CLITests.run(["data", path("Fixtures/minimal.yaml"), "--set", "data.blobs.samples=500", "--set", "figure.dpi=200", "--compact"])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertEqual(ok.stdout.split(separator: "\n").count, 1)
        XCTAssertTrue(ok.stdout.contains("\"points\":[["))
        let pts = ok.stdout.components(separatedBy: "\"points\":")[1].components(separatedBy: "]],")[0]
        XCTAssertEqual(pts.components(separatedBy: "],[").count, 500)
        let bad = try CLITests.run(["render", path("Fixtures/minimal.yaml"), "--out", tmp.path, "--set", "data.blobs.smaples=500"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.hasPrefix("--set 'data.blobs.smaples=500':1:18: unknown key 'smaples' (data.blobs.smaples); did you mean 'samples'?"), bad.stderr)
        XCTAssertEqual(files(tmp), [])
        let noEq = try CLITests.run(["validate", path("Fixtures/minimal.yaml"), "--set", "figure.dpi"])
        XCTAssertEqual(noEq.status, 2)
        XCTAssertTrue(noEq.stderr.contains("--set 'figure.dpi':1:7: expected KEY=VALUE"), noEq.stderr)
        let dpi = try CLITests.run(["render", path("Fixtures/minimal.yaml"), "--out", tmp.path, "--dpi", "0"])
        XCTAssertEqual(dpi.status, 2)
        XCTAssertTrue(dpi.stderr.contains("--dpi 0:1:1: must be positive, got 0 (output.dpi)"), dpi.stderr)
        let fmt = try CLITests.run(["render", path("Fixtures/minimal.yaml"), "--out", tmp.path, "--format", "png,jpg"])
        XCTAssertEqual(fmt.status, 2)
        XCTAssertTrue(fmt.stderr.contains("unknown value 'jpg'"), fmt.stderr)
        let huge = try CLITests.run(["render", path("Fixtures/configs/iterations.yaml"), "--out", tmp.path, "--dpi", "1000"])
        XCTAssertEqual(huge.status, 2)
        XCTAssertTrue(huge.stderr.contains("the limit is 100 megapixels"), huge.stderr)
        XCTAssertEqual(files(tmp), [])
    }

    func testDataPrintsTheMinimalFormNumbers() throws {
        let r = try CLITests.run(["data", path("Fixtures/minimal.yaml")])
        XCTAssertEqual(r.status, 0, r.stderr)
        let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((obj["points"] as? [[Double]])?.count, 1000)
        XCTAssertEqual((obj["blob_labels"] as? [Int])?.count, 1000)
        let km = try XCTUnwrap(obj["kmeans"] as? [String: Any])
        for key in ["labels", "centers", "inertia", "iterations", "init_indices"] { XCTAssertNotNil(km[key], key) }
        let missing = try CLITests.run(["data", tmp.appendingPathComponent("nope.yaml").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("nope.yaml:1:1: cannot read the config (no such file)"), missing.stderr)
    }

    func testValidateAndInit() throws {
        let v = try CLITests.run(["validate", path("Fixtures/configs"), path("Fixtures/data/customers.yaml")])
        XCTAssertEqual(v.status, 0, v.stderr)
        let configs = files(URL(fileURLWithPath: path("Fixtures/configs"))).filter { $0.hasSuffix(".yaml") }
        XCTAssertEqual(v.stdout.split(separator: "\n").count, configs.count + 1)
        let list = try CLITests.run(["init", "--list"])
        XCTAssertEqual(list.status, 0)
        let kinds = list.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        XCTAssertEqual(kinds, ["segmentation", "anomaly", "documents", "iterations", "elbow", "csv", "minimal", "project"])
        try FileManager.default.copyItem(atPath: path("Fixtures/data/customers.csv"), toPath: tmp.appendingPathComponent("customers.csv").path)
        for kind in kinds where kind != "project" {
            let r = try CLITests.run(["init", kind])
            XCTAssertEqual(r.status, 0)
            XCTAssertTrue(r.stdout.hasPrefix("#"), kind)
            let file = tmp.appendingPathComponent("\(kind).yaml")
            try r.stdout.write(to: file, atomically: true, encoding: .utf8)
            let check = try CLITests.run(["validate", file.path])
            XCTAssertEqual(check.status, 0, "\(kind): \(check.stderr)")
        }
        let bad = try CLITests.run(["init", "elbw"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("did you mean 'elbow'?"), bad.stderr)
        XCTAssertEqual(try CLITests.run(["help", "render"]).status, 0)
    }

    /// `init csv --file` starts from the user's own CSV anywhere: its numeric columns clustered
    /// (PCA beyond two), its text columns profiled, missing cells dropped; it validates and renders.
    func testInitCSVFromTheUsersFile() throws {
        let csv = "height,weight,age,team\n1.8,80,30,red\n1.6,,25,blue\n1.7,70,40,red\n1.9,95,35,green\n1.5,50,20,blue\n1.75,72,28,red\n"
        try csv.write(to: tmp.appendingPathComponent("people.csv"), atomically: true, encoding: .utf8)
        let r = try CLITests.run(["init", "csv", "--file", "people.csv"], cwd: tmp)
        XCTAssertEqual(r.status, 0, r.stderr)
        for line in ["columns: [height, weight, age]", "missing: drop", "pca: {components: 2}", "profiles: {of: kmeans, columns: [team]}",
                     "x: pc1, y: pc2", "elbow: {k_min: 1, k_max: 5, seed: 0}"] {
            XCTAssertTrue(r.stdout.contains(line), "\(line) in\n\(r.stdout)")
        }
        let config = tmp.appendingPathComponent("people.yaml")
        try r.stdout.write(to: config, atomically: true, encoding: .utf8)
        let render = try CLITests.run(["render", config.path, "--out", tmp.appendingPathComponent("out").path])
        XCTAssertEqual(render.status, 0, render.stderr)
        XCTAssertTrue(render.stderr.contains("1 of 6 rows left out"), render.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("out/people.png").path))
        // Two numeric columns are drawn as they are; fewer, or no file, is a located error, exit 2.
        try "a,b\n1,2\n3,4\n5,7\n8,1\n".write(to: tmp.appendingPathComponent("two.csv"), atomically: true, encoding: .utf8)
        let two = try CLITests.run(["init", "csv", "--file", "two.csv"], cwd: tmp)
        XCTAssertTrue(two.stdout.contains("x: a, y: b") && !two.stdout.contains("pca"), two.stdout)
        try "a,name\n1,x\n2,y\n".write(to: tmp.appendingPathComponent("one.csv"), atomically: true, encoding: .utf8)
        let one = try CLITests.run(["init", "csv", "--file", "one.csv"], cwd: tmp)
        XCTAssertEqual(one.status, 2)
        XCTAssertEqual(one.stderr, "one.csv:1:1: found 1 numeric column (a); clustering needs at least two\n")
        XCTAssertEqual(one.stdout, "")
        let none = try CLITests.run(["init", "csv", "--file", "nope.csv"], cwd: tmp)
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("nope.csv:1:1: cannot read CSV file 'nope.csv' (no such file)"), none.stderr)
        XCTAssertEqual(try CLITests.run(["init", "elbow", "--file", "two.csv"], cwd: tmp).status, 2)
    }
}
