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

    /// The whole seed gallery against its committed goldens, through VisualDiff (`clusterplot check`).
    func testSeedGalleryMatchesGoldens() throws {
        let report = dir.appendingPathComponent("report")
        let junit = dir.appendingPathComponent("junit.xml")
        let r = try Self.run(["check", "--configs", Self.seedConfigs.path, "--golden", Self.seedGoldens.path,
                              "--report", report.path, "--junit", junit.path])
        XCTAssertEqual(r.status, 0, "clusterplot check failed — open the report printed below:\n\(r.stdout)\(r.stderr)")
        let configs = try FileManager.default.contentsOfDirectory(atPath: Self.seedConfigs.path).filter { $0.hasSuffix(".yaml") }
        XCTAssertGreaterThanOrEqual(configs.count, 5)
        for c in configs {
            let stem = (c as NSString).deletingPathExtension
            XCTAssertTrue(r.stdout.contains("PASS \(stem).png"), "\(stem).png not checked:\n\(r.stdout)")
            XCTAssertTrue(r.stdout.contains("PASS \(stem).pdf"), "\(stem).pdf not checked:\n\(r.stdout)")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: report.appendingPathComponent("index.html").path))
        XCTAssertTrue(try String(contentsOf: junit, encoding: .utf8).contains("failures=\"0\""))
    }

    func testCheckAndUpdateExitCodes() throws {
        let configs = dir.appendingPathComponent("configs"), golden = dir.appendingPathComponent("golden")
        try FileManager.default.createDirectory(at: configs, withIntermediateDirectories: true)
        // Two small seed configs are enough.
        for name in ["anomaly.yaml", "documents.yaml"] {
            try FileManager.default.copyItem(at: Self.seedConfigs.appendingPathComponent(name), to: configs.appendingPathComponent(name))
        }
        let loc = ["--configs", configs.path, "--golden", golden.path]

        var r = try Self.run(["check"] + loc)
        XCTAssertEqual(r.status, 3, "missing goldens: \(r.stdout)\(r.stderr)")
        XCTAssertTrue(r.stdout.contains("MISSING anomaly.png"), r.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: golden.path), "check must not write")

        r = try Self.run(["update"] + loc, env: ["CI": "true"])
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("CI"), r.stderr)

        r = try Self.run(["update", "--missing"] + loc)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        for f in ["anomaly.png", "anomaly.pdf", "documents.png", "documents.pdf", "manifest.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: golden.appendingPathComponent(f).path), f)
        }
        r = try Self.run(["check"] + loc)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)

        // A regression: swap two goldens' images (size mismatch or pixels).
        let a = golden.appendingPathComponent("anomaly.png"), d = golden.appendingPathComponent("documents.png")
        let aBytes = try Data(contentsOf: a)
        try Data(contentsOf: d).write(to: a)
        r = try Self.run(["check", "--report", dir.appendingPathComponent("r").path] + loc)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("FAIL anomaly.png"), r.stdout)
        let html = try String(contentsOf: dir.appendingPathComponent("r/index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("data:image/png;base64,"))

        r = try Self.run(["update", "--failed"] + loc, env: ["CI": "1"])
        XCTAssertEqual(r.status, 2)
        r = try Self.run(["update", "--failed", "--force"] + loc, env: ["CI": "1"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("wrote \(a.path)"), r.stdout)
        XCTAssertEqual(try Data(contentsOf: a), aBytes)
        XCTAssertEqual(try Self.run(["check"] + loc).status, 0)

        // A broken config: exit 2.
        try Data("figure: {size: [9, 4]\n".utf8).write(to: configs.appendingPathComponent("broken.yaml"))
        r = try Self.run(["check"] + loc)
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue((r.stdout + r.stderr).contains("broken.yaml"), r.stdout + r.stderr)
    }
}
