import Foundation
import XCTest

/// `check` and `update` in a user's own repository: a clusterplot.yaml, nested configs, no flags.
final class ProjectCheckCLITests: XCTestCase {
    static let repo = GoldenCLITests.repo
    var dir: URL!
    let fm = FileManager.default

    override func setUpWithError() throws {
        dir = fm.temporaryDirectory.appendingPathComponent("cp-project-\(UUID().uuidString.prefix(8))")
        // Two configs with the same stem in different folders, and one at the top.
        for (path, seed) in [("figures/a/blobs.yaml", "documents.yaml"), ("figures/b/deep/blobs.yaml", "documents.yaml"),
                             ("figures/elbow.yaml", "elbow.yaml")] {
            let url = dir.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: Self.repo.appendingPathComponent("Fixtures/configs/\(seed)"), to: url)
        }
        try write("clusterplot.yaml", "configs: [figures]\ngoldens: golden\nreport: out/report\njunit: out/junit.xml\nresults: out/results\n")
    }

    override func tearDownWithError() throws { try? fm.removeItem(at: dir) }

    func write(_ path: String, _ text: String) throws {
        let url = dir.appendingPathComponent(path)
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func run(_ args: [String], in sub: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
        try GoldenCLITests.run(args, cwd: sub.isEmpty ? dir : dir.appendingPathComponent(sub))
    }

    /// Nested configs are all checked with no flags, from any folder; goldens mirror their paths.
    func testNestedConfigsWithoutFlags() throws {
        var r = try run(["update"], in: "figures/a")
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        for g in ["a/blobs.png", "b/deep/blobs.png", "elbow.png", "manifest.json"] {
            XCTAssertTrue(fm.fileExists(atPath: dir.appendingPathComponent("golden/\(g)").path), g)
        }
        r = try run(["check"], in: "figures/b/deep")
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        for g in ["a/blobs.png", "b/deep/blobs.png", "elbow.png"] { XCTAssertTrue(r.stdout.contains("PASS \(g): "), r.stdout) }
        XCTAssertTrue(r.stdout.contains("3 passed, 0 failed, 0 missing, 0 errors"), r.stdout)
        let junit = try String(contentsOf: dir.appendingPathComponent("out/junit.xml"), encoding: .utf8)
        XCTAssertTrue(junit.contains("<testcase classname=\"figures/b/deep/blobs.yaml\" name=\"b/deep/blobs.png\" file=\"figures/b/deep/blobs.yaml\""), junit)
        XCTAssertFalse(junit.contains(dir.path), "JUnit paths are relative to the project")
        try assertValidJUnit(dir.appendingPathComponent("out/junit.xml"))

        // Shards split the configs and together cover them.
        let one = try run(["check", "--shard", "1/2"]), two = try run(["check", "--shard", "2/2"])
        XCTAssertEqual(one.status, 0); XCTAssertEqual(two.status, 0)
        let passed = (one.stdout + two.stdout).split(separator: "\n").filter { $0.hasPrefix("PASS ") }.map { $0.split(separator: ":")[0] }
        XCTAssertEqual(Set(passed), ["PASS a/blobs.png", "PASS b/deep/blobs.png", "PASS elbow.png"])
        XCTAssertEqual(passed.count, 3)

        // No churn: update --all rewrites nothing whose pixels did not change.
        let png = dir.appendingPathComponent("golden/elbow.png").path
        let before = try fm.attributesOfItem(atPath: png)[.modificationDate] as? Date
        let manifest = try Data(contentsOf: dir.appendingPathComponent("golden/manifest.json"))
        r = try run(["update", "--all"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("0 golden(s) written, 3 unchanged"), r.stdout)
        XCTAssertEqual(try fm.attributesOfItem(atPath: png)[.modificationDate] as? Date, before)
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("golden/manifest.json")), manifest)
    }

    /// A regression writes expected/actual/diff PNGs and summary.json; orphans are reported and pruned.
    func testRegressionResultsOrphansAndPrune() throws {
        XCTAssertEqual(try run(["update"]).status, 0)
        let config = dir.appendingPathComponent("figures/a/blobs.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try text.replacingOccurrences(of: "Set2", with: "Dark2").write(to: config, atomically: true, encoding: .utf8)
        XCTAssertNotEqual(try String(contentsOf: config, encoding: .utf8), text, "the seed config names Set2")
        try fm.moveItem(at: dir.appendingPathComponent("figures/elbow.yaml"), to: dir.appendingPathComponent("elbow-draft.txt"))
        var r = try run(["check"])
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("FAIL a/blobs.png: drawing changed: ") && r.stdout.contains("— accept: clusterplot update --failed --only figures/a/blobs.yaml"), r.stdout)
        XCTAssertTrue(r.stdout.contains("ORPHAN elbow.png: no config produces it — remove: clusterplot update --prune"), r.stdout)
        for f in ["a/blobs.png.expected.png", "a/blobs.png.actual.png", "a/blobs.png.diff.png", "summary.json"] {
            XCTAssertTrue(fm.fileExists(atPath: dir.appendingPathComponent("out/results/\(f)").path), f)
        }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("out/results/summary.json"))) as! [String: Any]
        XCTAssertEqual(summary["orphans"] as? [String], ["elbow.png"])
        XCTAssertEqual(summary["exitCode"] as? Int, 1)
        let failed = (summary["cases"] as! [[String: Any]]).first { $0["status"] as? String == "failed" }
        XCTAssertEqual(failed?["config"] as? String, "figures/a/blobs.yaml")
        XCTAssertEqual(failed?["accept"] as? String, "clusterplot update --failed --only figures/a/blobs.yaml")
        try assertValidJUnit(dir.appendingPathComponent("out/junit.xml"))
        let junit = try String(contentsOf: dir.appendingPathComponent("out/junit.xml"), encoding: .utf8)
        XCTAssertTrue(junit.contains("<failure type=\"drawing-changed\""), junit)
        XCTAssertTrue(junit.contains("<skipped message=\"no config produces this golden"), junit)

        r = try run(["update", "--failed", "--only", "figures/a/blobs.yaml"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        r = try run(["update", "--prune"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("removed \(dir.appendingPathComponent("golden/elbow.png").path)"), r.stdout)
        XCTAssertFalse(fm.fileExists(atPath: dir.appendingPathComponent("golden/elbow.png").path))
        r = try run(["check"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertFalse(r.stdout.contains("ORPHAN"), r.stdout)
        XCTAssertFalse(try String(contentsOf: dir.appendingPathComponent("golden/manifest.json"), encoding: .utf8).contains("elbow.png"))
    }

    /// Number goldens: stored with the drawings, compared first; a one-ulp change in a bit-exact number fails with its field path.
    func testNumberGoldens() throws {
        try write("clusterplot.yaml", "configs: [figures/a]\ngoldens: golden\nnumbers: true\n")
        XCTAssertEqual(try run(["update"]).status, 0)
        let numbers = dir.appendingPathComponent("golden/blobs.numbers.json")
        var text = try String(contentsOf: numbers, encoding: .utf8)
        XCTAssertTrue(text.contains("\"config\": \"figures/a/blobs.yaml\""), String(text.prefix(200)))
        var r = try run(["check"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertLessThan(try XCTUnwrap(r.stdout.range(of: "PASS blobs.numbers.json")).lowerBound, try XCTUnwrap(r.stdout.range(of: "PASS blobs.png")).lowerBound)
        // One ulp off in the inertia, recorded as if by update (the manifest follows the file).
        let inertia = try XCTUnwrap(text.range(of: #""inertia": ([0-9.e+-]+)"#, options: .regularExpression))
        let value = try XCTUnwrap(Double(text[inertia].split(separator: " ")[1]))
        text.replaceSubrange(inertia, with: "\"inertia\": \(value.nextUp)")
        try Data(text.utf8).write(to: numbers)
        try dropManifestRecord("blobs.numbers.json")
        r = try run(["check"])
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("FAIL blobs.numbers.json: numbers changed: kmeans.inertia: golden \(value.nextUp), now \(value) (bit-exact)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("PASS blobs.png"), r.stdout)
    }

    func dropManifestRecord(_ name: String) throws {
        let url = dir.appendingPathComponent("golden/manifest.json")
        var m = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var goldens = m["goldens"] as! [String: Any]
        goldens[name] = nil
        m["goldens"] = goldens
        try JSONSerialization.data(withJSONObject: m, options: [.sortedKeys]).write(to: url)
    }

    /// Bad project files, shard specs, a missing golden folder and an out-of-date manifest: exit 2, one clear line, nothing written.
    func testBadInput() throws {
        try write("clusterplot.yaml", "configs: [figures]\ngoldens: golden\nformats: [png, jpg]\ntolerence: {max_diff_pixels: 3}\nnumbers: often\n")
        var r = try run(["check"])
        XCTAssertEqual(r.status, 2, r.stdout)
        XCTAssertTrue(r.stderr.contains("clusterplot.yaml:4:1: unknown key 'tolerence' (tolerence); did you mean 'tolerance'?"), r.stderr)
        XCTAssertTrue(r.stderr.contains("clusterplot.yaml:3:16: "), r.stderr)
        XCTAssertTrue(r.stderr.contains("clusterplot.yaml:5:10: ") && r.stderr.contains("(numbers)"), r.stderr)
        try write("clusterplot.yaml", "configs: [figures]\ngoldens: golden\nreport: out/report\n")
        r = try run(["check"])
        XCTAssertEqual(r.status, 2, r.stdout)
        XCTAssertTrue(r.stderr.contains("the golden folder does not exist"), r.stderr)
        XCTAssertFalse(fm.fileExists(atPath: dir.appendingPathComponent("out").path), "nothing written")
        XCTAssertEqual(try run(["update"]).status, 0)
        for spec in ["3/2", "0/0", "1/0", "x", "1/2/3"] {
            r = try run(["check", "--shard", spec])
            XCTAssertEqual(r.status, 2, spec)
            XCTAssertTrue(r.stderr.hasPrefix("clusterplot: --shard '\(spec)': "), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
        try Data("not a png".utf8).write(to: dir.appendingPathComponent("golden/elbow.png"))
        r = try run(["check"])
        XCTAssertEqual(r.status, 2, r.stdout)
        XCTAssertTrue(r.stderr.contains("manifest.json: out of date with its files: elbow.png changed since it was recorded"), r.stderr)
        XCTAssertFalse(fm.fileExists(atPath: dir.appendingPathComponent("out").path), "nothing written")
        // Outside any project, without flags.
        let lonely = fm.temporaryDirectory.appendingPathComponent("cp-lonely-\(UUID().uuidString.prefix(8))")
        try fm.createDirectory(at: lonely, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: lonely) }
        r = try GoldenCLITests.run(["check"], cwd: lonely)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("no clusterplot.yaml in \(lonely.path) or any folder above it"), r.stderr)
    }

    /// The JUnit file against schema/junit.xsd with xmllint (libxml2-utils, installed by `make deps`).
    func assertValidJUnit(_ file: URL, line: UInt = #line) throws {
        let xmllint = "/usr/bin/xmllint"
        guard fm.isExecutableFile(atPath: xmllint) else { throw XCTSkip("xmllint not installed (make deps installs libxml2-utils)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: xmllint)
        p.arguments = ["--noout", "--schema", Self.repo.appendingPathComponent("schema/junit.xsd").path, file.path]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, text, line: line)
    }
}
