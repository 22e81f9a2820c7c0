import XCTest
import Plotting
@testable import VisualDiff

final class ImageComparatorTests: XCTestCase {
    func testIdenticalDecodedPixels() throws {
        let a = try TestImages.scatter()
        // Same pixels, different PNG bytes (adaptive filters): still identical.
        let bytes1 = try PNGCodec.encode(a), bytes2 = try PNGCodec.encode(a, options: .init(compressionLevel: 9, adaptiveFilters: true))
        XCTAssertNotEqual(bytes1, bytes2)
        let r = ImageComparator.compare(expected: try PNGCodec.decode(bytes1), actual: try PNGCodec.decode(bytes2))
        XCTAssertEqual(r.verdict, .identical)
        XCTAssertEqual(r.rms, 0)
        XCTAssertTrue(r.passed)
        XCTAssertEqual(PixelHash.hash(of: try PNGCodec.decode(bytes1)), PixelHash.hash(of: try PNGCodec.decode(bytes2)))
    }

    func testOnePixelShiftOfAntialiasedDiagonalPasses() throws {
        for width in [1.0, 2.0] {
            for dx in [0.5, 1.0] {
                let r = ImageComparator.compare(expected: try TestImages.diagonal(dx: 0, width: width),
                                                actual: try TestImages.diagonal(dx: dx, width: width))
                XCTAssertEqual(r.verdict, .withinTolerance, "width \(width) dx \(dx): \(r.summary)")
                XCTAssertGreaterThan(r.changedPixels, 500)
                XCTAssertGreaterThan(r.antialiasedPixels + r.shiftedPixels, 0)
                // ... but exact mode and a no-AA tolerance notice it.
                XCTAssertEqual(ImageComparator.compare(expected: try TestImages.diagonal(dx: 0, width: width),
                                                       actual: try TestImages.diagonal(dx: dx, width: width),
                                                       tolerance: .exactMatch).verdict, .different)
            }
        }
        let strict = Tolerance(ignoresAntialiasing: false, maxShift: 0)
        let r = ImageComparator.compare(expected: try TestImages.diagonal(dx: 0), actual: try TestImages.diagonal(dx: 1), tolerance: strict)
        XCTAssertEqual(r.verdict, .different, r.summary)
    }

    func testThickerLineIsNotExcusedAsAntialiasing() throws {
        let r = ImageComparator.compare(expected: try TestImages.diagonal(dx: 0, width: 1),
                                        actual: try TestImages.diagonal(dx: 0, width: 2))
        XCTAssertEqual(r.verdict, .different, r.summary)
    }

    func testVanishedBlobFailsThoughGlobalRMSIsUnderPytestMplDefault() {
        let expected = TestImages.block(width: 1000, height: 1000, x: 480, y: 490, size: 7)
        let actual = TestImages.block(width: 1000, height: 1000, x: 0, y: 0, size: 0)
        let r = ImageComparator.compare(expected: expected, actual: actual, makesDiffImage: true)
        XCTAssertEqual(r.rms, 1.785, accuracy: 0.001)          // < pytest-mpl's default tolerance 2
        XCTAssertEqual(r.verdict, .different, r.summary)
        XCTAssertEqual(r.significantPixels, 49)
        XCTAssertEqual(r.antialiasedPixels + r.shiftedPixels, 0)
        XCTAssertGreaterThan(r.worstTileRMS, 50)
        XCTAssertEqual(r.significantBounds, PixelRect(x: 480, y: 490, width: 7, height: 7))
        XCTAssertTrue(r.failedRules.contains { $0.contains("tile RMS") }, r.summary)
        // Diff image: red where the blob was, faded grey elsewhere.
        let d = try! XCTUnwrap(r.diffImage)
        XCTAssertTrue(d.pixel(x: 483, y: 493) == (255, 0, 0, 255))
        XCTAssertTrue(d.pixel(x: 10, y: 10) == (255, 255, 255, 255))
        // The same tile metric with a global-only rule would have passed:
        XCTAssertTrue(ImageComparator.compare(expected: expected, actual: actual,
                                              tolerance: Tolerance(maxDiffPixels: 1000, maxTileRMS: 255, maxRMS: 2)).passed)
    }

    func testColourChangeOfOneClusterFails() throws {
        let r = ImageComparator.compare(expected: try TestImages.scatter(), actual: try TestImages.scatter(recolor: Color(hex: "#d62728")!))
        XCTAssertEqual(r.verdict, .different, r.summary)
        XCTAssertGreaterThan(r.significantPixels, 500)
        // A subtle recolour (orange a few levels darker) is still caught by the pixel count.
        let subtle = ImageComparator.compare(expected: try TestImages.scatter(), actual: try TestImages.scatter(recolor: Color(hex: "#e8700a")!))
        XCTAssertEqual(subtle.verdict, .different, subtle.summary)
    }

    func testSizeMismatch() {
        let r = ImageComparator.compare(expected: RGBAImage(width: 10, height: 10, fill: (0, 0, 0, 255)),
                                        actual: RGBAImage(width: 10, height: 11, fill: (0, 0, 0, 255)))
        XCTAssertEqual(r.verdict, .sizeMismatch)
        XCTAssertFalse(r.passed)
        XCTAssertTrue(r.summary.contains("10×10"), r.summary)
    }

    func testRMSMatchesMatplotlibOnRGBAndRGBA() {
        // Opaque: mean over 3 channels; one channel off by 30 in every pixel → sqrt(900/3).
        let a = RGBAImage(width: 4, height: 4, fill: (100, 100, 100, 255))
        let b = RGBAImage(width: 4, height: 4, fill: (130, 100, 100, 255))
        XCTAssertEqual(ImageComparator.compare(expected: a, actual: b).rms, (900.0 / 3).squareRoot(), accuracy: 1e-9)
        // Transparent: 4 channels.
        let c = RGBAImage(width: 4, height: 4, fill: (100, 100, 100, 128))
        let d = RGBAImage(width: 4, height: 4, fill: (130, 100, 100, 128))
        XCTAssertEqual(ImageComparator.compare(expected: c, actual: d).rms, (900.0 / 4).squareRoot(), accuracy: 1e-9)
    }

    func testSubThresholdBackgroundDriftIsCaughtByTileRMS() {
        let a = RGBAImage(width: 100, height: 100, fill: (255, 255, 255, 255))
        let b = RGBAImage(width: 100, height: 100, fill: (245, 245, 245, 255))
        let r = ImageComparator.compare(expected: a, actual: b)
        XCTAssertEqual(r.significantPixels, 0)          // below the YIQ threshold everywhere
        XCTAssertEqual(r.verdict, .different, r.summary) // but tile RMS 10 > 8
    }

    func testExactMode() {
        var b = RGBAImage(width: 8, height: 8, fill: (255, 255, 255, 255))
        let a = b
        b.pixels[0] = 254
        XCTAssertEqual(ImageComparator.compare(expected: a, actual: b).verdict, .withinTolerance)
        XCTAssertEqual(ImageComparator.compare(expected: a, actual: b, tolerance: .exactMatch).verdict, .different)
    }

    func testCorruptInputsThrowOneLineErrorsNamingTheFile() throws {
        let good = try TestImages.png(width: 50, height: 50) { _ in }
        let cases: [(String, [UInt8], String)] = [
            ("truncated.png", Array(good.prefix(good.count / 2)), "truncated.png"),
            ("text.png", Array("hello, not a png".utf8), "not a PNG"),
            ("empty.png", [], "not a PNG"),
            ("huge.png", pngHeaderOnly(width: 20000, height: 20000), "huge.png"),
        ]
        for (name, bytes, needle) in cases {
            XCTAssertThrowsError(try ImageLoader.decode(bytes, name: name), name) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains(needle) && text.contains(name), text)
                XCTAssertFalse(text.contains("\n"), text)
            }
        }
    }

    func testPixelHashDistinguishesSmallChanges() {
        var a = RGBAImage(width: 64, height: 64, fill: (1, 2, 3, 255))
        let h0 = PixelHash.hash(of: a)
        a.pixels[4095] ^= 1
        XCTAssertNotEqual(PixelHash.hash(of: a), h0)
        XCTAssertNotEqual(PixelHash.hash(of: RGBAImage(width: 32, height: 128, fill: (1, 2, 3, 255))), h0)
        XCTAssertEqual(PixelHash.hash(of: RGBAImage(width: 64, height: 64, fill: (1, 2, 3, 255))), h0)
        XCTAssertEqual(PixelHash.fnv1a(Array("a".utf8)), 0xaf63_dc4c_8601_ec8c)   // FNV-1a 64 test vector
    }

    func testToleranceCodingOmitsDefaults() throws {
        let t = Tolerance(maxTileRMS: 12)
        let json = String(decoding: try JSONEncoder().encode(t), as: UTF8.self)
        XCTAssertEqual(json, #"{"maxTileRMS":12}"#)
        XCTAssertEqual(try JSONDecoder().decode(Tolerance.self, from: Data(json.utf8)), t)
        XCTAssertThrowsError(try JSONDecoder().decode(Tolerance.self, from: Data(#"{"colorThreshold":3}"#.utf8)))
    }

    func testManifestOverridesLayerOnTheManifestDefault() throws {
        let json = #"{"defaultTolerance":{"maxTileRMS":20},"goldens":{"a.png":{"bytes":1,"environment":{},"fileHash":"x","tolerance":{"maxDiffPixels":5}},"b.png":{"bytes":1,"environment":{},"fileHash":"y"}},"version":1}"#
        let m = try JSONDecoder().decode(GoldenManifest.self, from: Data(json.utf8))
        XCTAssertEqual(m.tolerance(for: "a.png"), Tolerance(maxDiffPixels: 5, maxTileRMS: 20))
        XCTAssertEqual(m.tolerance(for: "b.png"), Tolerance(maxTileRMS: 20))
        XCTAssertEqual(m.tolerance(for: "c.png"), Tolerance(maxTileRMS: 20))
        XCTAssertEqual(GoldenManifest().tolerance(for: "c.png"), .default)
    }
}
