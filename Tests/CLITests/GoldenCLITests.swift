import Foundation
import XCTest

/// `clusterplot check` / `update` through the real binary, on copies of the seed configs, and the
/// seed gallery's own golden test (part of `make test`).
final class GoldenCLITests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seedConfigs = repo.appendingPathComponent("Fixtures/configs")
    static let seedGoldens = repo.appendingPathComponent("Fixtures/golden")

    var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("vd-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// Runs the binary with extra environment variables (`nil` removes one).
    @discardableResult
    static func run(_ args: [String], env: [String: String?] = [:], cwd: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = args
        var e = ProcessInfo.processInfo.environment
        e["CI"] = nil
        for (k, v) in env { e[k] = v }
        p.environment = e
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), r = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: r, as: UTF8.self))
    }

    /// The whole seed gallery against its committed goldens, through VisualDiff: `clusterplot check`
    /// with no flags, from the repository root and from a subfolder, reads the repository's own
    /// clusterplot.yaml (PNG and PDF goldens).
    func testSeedGalleryMatchesGoldens() throws {
        let report = dir.appendingPathComponent("report")
        let junit = dir.appendingPathComponent("junit.xml")
        let r = try Self.run(["check", "--report", report.path, "--junit", junit.path], cwd: Self.repo)
        XCTAssertEqual(r.status, 0, "clusterplot check failed — open the report printed below:\n\(r.stdout)\(r.stderr)")
        let configs = try FileManager.default.contentsOfDirectory(atPath: Self.seedConfigs.path).filter { $0.hasSuffix(".yaml") }
        XCTAssertGreaterThanOrEqual(configs.count, 5)
        for c in configs {
            let stem = (c as NSString).deletingPathExtension
            XCTAssertTrue(r.stdout.contains("PASS \(stem).png"), "\(stem).png not checked:\n\(r.stdout)")
            XCTAssertTrue(r.stdout.contains("PASS \(stem).pdf"), "\(stem).pdf not checked:\n\(r.stdout)")
        }
        XCTAssertFalse(r.stdout.contains("ORPHAN"), r.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: report.appendingPathComponent("index.html").path))
        let xml = try String(contentsOf: junit, encoding: .utf8)
        XCTAssertTrue(xml.contains("failures=\"0\""), xml)
        XCTAssertTrue(xml.contains("classname=\"Fixtures/configs/anomaly.yaml\" name=\"anomaly.png\" file=\"Fixtures/configs/anomaly.yaml\""), xml)
        let sub = try Self.run(["check", "--quiet"], cwd: Self.repo.appendingPathComponent("Fixtures/data"))
        XCTAssertEqual(sub.status, 0, sub.stdout + sub.stderr)
        XCTAssertTrue(sub.stdout.contains("\(configs.count * 2) passed, 0 failed"), sub.stdout)
    }

    func testCheckAndUpdateExitCodes() throws {
        let configs = dir.appendingPathComponent("configs"), golden = dir.appendingPathComponent("golden")
        try FileManager.default.createDirectory(at: configs, withIntermediateDirectories: true)
        // Two small seed configs are enough.
        for name in ["anomaly.yaml", "documents.yaml"] {
            try FileManager.default.copyItem(at: Self.seedConfigs.appendingPathComponent(name), to: configs.appendingPathComponent(name))
        }
        let loc = ["--configs", configs.path, "--golden", golden.path]

        // No golden folder yet: invalid input (exit 2), nothing written.
        var r = try Self.run(["check"] + loc)
        XCTAssertEqual(r.status, 2, "missing golden folder: \(r.stdout)\(r.stderr)")
        XCTAssertTrue(r.stderr.contains("\(golden.path): the golden folder does not exist; record the goldens with `clusterplot update`"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: golden.path), "check must not write")

        r = try Self.run(["update"] + loc, env: ["CI": "true"])
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("CI"), r.stderr)

        r = try Self.run(["update", "--missing", "--formats", "png,pdf"] + loc)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        for f in ["anomaly.png", "anomaly.pdf", "documents.png", "documents.pdf", "manifest.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: golden.appendingPathComponent(f).path), f)
        }
        r = try Self.run(["check"] + loc)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)

        // The PDFs are orphans when only the configs' own format (PNG) is checked; they do not fail.
        r = try Self.run(["check"] + loc)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("ORPHAN anomaly.pdf: no config produces it"), r.stdout)
        let pdfs = ["--formats", "png,pdf"]
        XCTAssertEqual(try Self.run(["check"] + loc + pdfs).status, 0)

        // A regression: the config changes its title.
        let a = golden.appendingPathComponent("anomaly.png")
        let aBytes = try Data(contentsOf: a)
        let config = configs.appendingPathComponent("anomaly.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try text.replacingOccurrences(of: "Anomaly Detection using Clustering", with: "Anomalies").write(to: config, atomically: true, encoding: .utf8)
        r = try Self.run(["check", "--report", dir.appendingPathComponent("r").path] + loc + pdfs)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        let fail = try XCTUnwrap(r.stdout.split(separator: "\n").first { $0.hasPrefix("FAIL anomaly.png: drawing changed: ") }, r.stdout)
        // The hint keeps the user's flags and names the config.
        let accept = "clusterplot update --failed --configs \(configs.path) --golden \(golden.path) --formats png,pdf --only \(configs.path)/anomaly.yaml"
        XCTAssertTrue(fail.hasSuffix(" — accept: \(accept)"), String(fail))
        let html = try String(contentsOf: dir.appendingPathComponent("r/index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("data:image/png;base64,"))

        let words = accept.split(separator: " ").dropFirst().map(String.init)
        r = try Self.run(words, env: ["CI": "1"])
        XCTAssertEqual(r.status, 2)
        r = try Self.run(words + ["--force"], env: ["CI": "1"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("wrote \(a.path)"), r.stdout)
        XCTAssertNotEqual(try Data(contentsOf: a), aBytes)
        XCTAssertEqual(try Self.run(["check"] + loc + pdfs).status, 0)

        // A broken config: exit 2.
        try Data("figure: {size: [9, 4]\n".utf8).write(to: configs.appendingPathComponent("broken.yaml"))
        r = try Self.run(["check"] + loc)
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue((r.stdout + r.stderr).contains("broken.yaml"), r.stdout + r.stderr)
    }
}
