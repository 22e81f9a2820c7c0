import XCTest
import Plotting
@testable import VisualDiff

/// A fake renderer: outputs by config stem, changeable between runs.
final class FakeRenderer: @unchecked Sendable {
    private let lock = NSLock()
    private var outputs: [String: [String: [UInt8]]] = [:]
    private var failures: [String: String] = [:]
    func set(_ stem: String, _ out: [String: [UInt8]]) { lock.lock(); outputs[stem] = out; failures[stem] = nil; lock.unlock() }
    func fail(_ stem: String, _ message: String) { lock.lock(); failures[stem] = message; lock.unlock() }
    var render: FigureRenderer {
        { [self] url in
            let stem = url.deletingPathExtension().lastPathComponent
            lock.lock(); defer { lock.unlock() }
            if let f = failures[stem] { throw VisualDiffError.unreadable("\(url.lastPathComponent):3:7: \(f)") }
            guard let o = outputs[stem] else { throw VisualDiffError.unreadable("no output for \(stem)") }
            return o
        }
    }
}

final class GoldenSuiteTests: XCTestCase {
    var root: URL!
    var fake: FakeRenderer!
    var suite: GoldenSuite!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("vd-suite-\(UUID().uuidString)")
        let configs = root.appendingPathComponent("configs")
        try FileManager.default.createDirectory(at: configs, withIntermediateDirectories: true)
        for n in ["blob", "scatter"] { try Data("title: \(n)\n".utf8).write(to: configs.appendingPathComponent("\(n).yaml")) }
        fake = FakeRenderer()
        fake.set("blob", ["png": try PNGCodec.encode(TestImages.block(width: 200, height: 150, x: 90, y: 70, size: 7))])
        fake.set("scatter", ["png": try PNGCodec.encode(TestImages.scatter())])
        suite = GoldenSuite(configs: configs, golden: root.appendingPathComponent("golden"), renderer: fake.render)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func testMissingThenUpdateThenPassWithFastPaths() throws {
        XCTAssertEqual(try suite.check().exitCode, 3)             // no golden folder yet
        let s = try suite.update(.missing, environment: [:])
        XCTAssertEqual(s.written, ["blob.png", "scatter.png"])
        let manifest = try GoldenManifest.load(from: suite.goldenDirectory)
        XCTAssertEqual(manifest.goldens["blob.png"]?.width, 200)
        XCTAssertEqual(manifest.goldens["blob.png"]?.environment, RenderEnvironment.current)
        XCTAssertNotNil(manifest.goldens["scatter.png"]?.pixelHash)
        // Deterministic manifest bytes, sorted keys.
        let json = try String(contentsOf: suite.goldenDirectory.appendingPathComponent("manifest.json"), encoding: .utf8)
        XCTAssertEqual(Array(json.utf8), try manifest.encoded())
        XCTAssertLessThan(json.range(of: "\"blob.png\"")!.lowerBound, json.range(of: "\"scatter.png\"")!.lowerBound)

        let r = try suite.check()
        XCTAssertEqual(r.exitCode, 0, r.summary)
        XCTAssertEqual(r.cases.map(\.method), ["bytes", "bytes"])
        // Same pixels, different PNG encoding: the manifest's pixel hash answers without decoding the golden.
        fake.set("scatter", ["png": try PNGCodec.encode(TestImages.scatter(), options: .init(compressionLevel: 1, adaptiveFilters: true))])
        let r2 = try suite.check()
        XCTAssertEqual(r2.exitCode, 0)
        XCTAssertEqual(r2.cases.first { $0.name == "scatter.png" }?.method, "pixel-hash")
    }

    func testRegressionReportJUnitAndUpdateFailed() throws {
        _ = try suite.update(.all, environment: [:])
        // The blob vanishes: a regression.
        fake.set("blob", ["png": try PNGCodec.encode(TestImages.block(width: 200, height: 150, x: 0, y: 0, size: 0))])
        let r = try suite.check(keepsImages: true)
        XCTAssertEqual(r.exitCode, 1)
        let blob = try XCTUnwrap(r.cases.first { $0.name == "blob.png" })
        XCTAssertEqual(blob.status, .failed)
        XCTAssertTrue(blob.message.contains("49 significant px"), blob.message)
        XCTAssertNotNil(blob.diffPNG); XCTAssertNotNil(blob.cropPNG)
        let html = GoldenReport.html(r)
        XCTAssertTrue(html.contains("data:image/png;base64,"))
        XCTAssertTrue(html.contains("Failed rule"))
        XCTAssertFalse(html.contains("http://") || html.contains("https://"), "report must work offline")
        let junit = GoldenReport.junit(r)
        XCTAssertTrue(junit.contains("<failure type=\"regression\""), junit)
        XCTAssertTrue(junit.contains("failures=\"1\""), junit)
        // `update --failed` rewrites only the failing golden.
        let s = try suite.update(.failed, environment: [:])
        XCTAssertEqual(s.written, ["blob.png"])
        XCTAssertEqual(try suite.check().exitCode, 0)
    }

    func testWithinToleranceIsNotRewrittenByUpdateFailed() throws {
        _ = try suite.update(.all, environment: [:])
        var img = TestImages.block(width: 200, height: 150, x: 90, y: 70, size: 7)
        img.pixels[0] = 250   // a tiny change
        fake.set("blob", ["png": try PNGCodec.encode(img)])
        let r = try suite.check()
        XCTAssertEqual(r.exitCode, 0)
        XCTAssertEqual(r.cases.first?.comparison?.verdict, .withinTolerance)
        XCTAssertEqual(try suite.update(.failed, environment: [:]).written, [])
        XCTAssertEqual(try suite.update(.all, environment: [:]).written, ["blob.png"])
    }

    func testManifestToleranceOverride() throws {
        _ = try suite.update(.all, environment: [:])
        fake.set("blob", ["png": try PNGCodec.encode(TestImages.block(width: 200, height: 150, x: 0, y: 0, size: 0))])
        var m = try GoldenManifest.load(from: suite.goldenDirectory)
        m.goldens["blob.png"]?.tolerance = Tolerance(maxDiffPixels: 100, maxTileRMS: 60)
        try m.write(to: suite.goldenDirectory)
        XCTAssertTrue(try String(contentsOf: suite.goldenDirectory.appendingPathComponent("manifest.json"), encoding: .utf8)
            .contains("\"maxTileRMS\" : 60"))
        XCTAssertEqual(try suite.check().exitCode, 0)
        // exact mode for everything overrides it
        var exact = suite!; exact.forcesExact = true
        XCTAssertEqual(try exact.check().exitCode, 1)
        // update keeps the override
        _ = try suite.update(.all, environment: [:])
        XCTAssertEqual(try GoldenManifest.load(from: suite.goldenDirectory).goldens["blob.png"]?.tolerance?.maxTileRMS, 60)
    }

    func testRenderErrorAndCIRefusal() throws {
        fake.fail("scatter", "unknown key 'colour'")
        let r = try suite.check()
        XCTAssertEqual(r.exitCode, 2)
        XCTAssertTrue(r.renderErrors.first?.message.contains("scatter.yaml:3:7") ?? false)
        XCTAssertThrowsError(try suite.update(.all, environment: ["CI": "true"])) { e in
            XCTAssertTrue("\(e)".contains("CI"), "\(e)")
        }
        fake.set("scatter", ["png": try PNGCodec.encode(TestImages.scatter())])
        XCTAssertEqual(try suite.update(.all, force: true, environment: ["CI": "true"]).written.count, 2)
    }

    func testEnvironmentDifferenceIsReported() throws {
        _ = try suite.update(.all, environment: [:])
        var m = try GoldenManifest.load(from: suite.goldenDirectory)
        m.goldens["blob.png"]?.environment["cairo"] = "1.0.0"
        try m.write(to: suite.goldenDirectory)
        fake.set("blob", ["png": try PNGCodec.encode(TestImages.block(width: 200, height: 150, x: 0, y: 0, size: 0))])
        let c = try XCTUnwrap(try suite.check().cases.first { $0.name == "blob.png" })
        XCTAssertTrue(c.message.contains("cairo 1.0.0 (golden)"), c.message)
    }

    func testCorruptGoldenIsAnError() throws {
        _ = try suite.update(.all, environment: [:])
        try Data("garbage".utf8).write(to: suite.goldenDirectory.appendingPathComponent("blob.png"))
        let r = try suite.check()
        XCTAssertEqual(r.exitCode, 2)
        XCTAssertTrue(r.cases.first { $0.name == "blob.png" }!.message.contains("not a PNG"))
    }

    func testPDFNormalisationAndRasterFallback() throws {
        let a = Array("%PDF-1.5\n1 0 obj\n<< /Producer (cairo 1.16.0 (https://cairographics.org))\n   /CreationDate (D:20000101000000Z)\n>>\nendobj\n".utf8)
        let b = Array("%PDF-1.5\n1 0 obj\n<< /Producer (cairo 1.18.0 (https://cairographics.org))\n   /CreationDate (D:20260101000000Z)\n>>\nendobj\n".utf8)
        XCTAssertEqual(try PDFComparator.compare(expected: a, actual: b).verdict, .identical)
        XCTAssertEqual(PDFComparator.normalizedHash(a), PDFComparator.normalizedHash(b))
        try XCTSkipIf(PDFComparator.rasterizer == nil, "pdftoppm not installed")
        func pdf(_ color: Color, _ r: Double = 20) throws -> [UInt8] {
            try Canvas.render(format: .pdf, size: Size(width: 200, height: 100)) { rr in
                var p = Path(); p.addCircle(center: Point(x: 100, y: 50), radius: r)
                rr.drawPath(p, fill: color, stroke: nil)
            }
        }
        let same = try PDFComparator.compare(expected: try pdf(.black), actual: try pdf(.black))
        XCTAssertEqual(same.verdict, .identical)
        let diff = try PDFComparator.compare(expected: try pdf(.black), actual: try pdf(Color(hex: "#ff0000")!))
        XCTAssertEqual(diff.verdict, .different, diff.summary)
        XCTAssertEqual(diff.pages.count, 1)
        XCTAssertTrue(diff.summary.contains("page 1 of 1"), diff.summary)
    }
}
