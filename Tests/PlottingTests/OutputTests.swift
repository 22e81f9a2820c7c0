import Foundation
import XCTest
@testable import Plotting

/// Foundation: PNG codec, deterministic writers, atomic output.
final class OutputTests: XCTestCase {
    /// A small drawing with text, alpha, strokes and markers.
    static func sampleDrawing(_ r: Renderer) {
        var frame = Path()
        frame.addRect(Rect(x: 20, y: 20, width: 200, height: 100))
        r.drawPath(frame, fill: Color(red: 0.9, green: 0.95, blue: 1), stroke: StrokeStyle(color: .black, width: 1, snapsToPixels: true))
        var line = Path()
        line.addPolyline([Point(x: 30, y: 110), Point(x: 80, y: 40), Point(x: 140, y: 90), Point(x: 210, y: 30)])
        r.drawPath(line, fill: nil, stroke: StrokeStyle(color: Color(hex: "#4c72b0")!, width: 1.5, dash: [5, 2], cap: .round, join: .round))
        var circle = Path()
        circle.addCircle(center: .zero, radius: 3)
        r.drawMarkers(MarkerBatch(shape: circle, positions: (0..<40).map { Point(x: 30 + Double($0) * 4.7, y: 70 + 20 * sin(Double($0))) },
                                  fillColors: [Color(red: 1, green: 0, blue: 0, alpha: 0.6)], edgeColors: [], edgeWidth: 0))
        r.drawText("Iteration −1 ÄÖÜ", at: Point(x: 120, y: 15), style: TextStyle(size: 12, color: Color(hex: "#262626")!),
                   horizontal: .center, vertical: .baseline, rotation: 0)
        r.drawText("Inertia", at: Point(x: 10, y: 70), style: TextStyle(size: 11), horizontal: .center, vertical: .center, rotation: 90)
    }

    func testPNGRoundTripGivesIdenticalPixels() throws {
        var px = [UInt8](repeating: 0, count: 37 * 23 * 4)
        for i in 0..<(37 * 23) {
            px[i * 4] = UInt8(i % 256); px[i * 4 + 1] = UInt8((i * 7) % 256)
            px[i * 4 + 2] = UInt8((i * 13) % 256); px[i * 4 + 3] = UInt8((i * 3) % 256)
        }
        let image = RGBAImage(width: 37, height: 23, pixels: px, dpi: 144)
        for options in [PNGCodec.Options(), PNGCodec.Options(compressionLevel: 9, adaptiveFilters: true), PNGCodec.Options(compressionLevel: 0)] {
            let decoded = try PNGCodec.decode(try PNGCodec.encode(image, options: options))
            XCTAssertEqual(decoded.width, 37)
            XCTAssertEqual(decoded.height, 23)
            XCTAssertEqual(decoded.pixels, px)
            XCTAssertEqual(decoded.dpi, 144)
        }
    }

    func testRenderedPNGHasPixelSizeAndDPIChunk() throws {
        let bytes = try Canvas.render(format: .png, size: Size(width: 9 * 72, height: 4 * 72), dpi: 100) { Self.sampleDrawing($0) }
        let image = try PNGCodec.decode(bytes)
        XCTAssertEqual(image.width, 900)
        XCTAssertEqual(image.height, 400)
        // pHYs: 3937 pixels per metre = 100 dpi.
        let chunk = Self.chunk("pHYs", in: bytes)
        XCTAssertNotNil(chunk)
        XCTAssertEqual(chunk.map { Array($0.prefix(4)) }, [0, 0, 0x0f, 0x61])
        XCTAssertEqual(image.dpi, 100)
        XCTAssertNil(Self.chunk("tIME", in: bytes))
        // The ink is really there: the red markers and dark text.
        XCTAssertTrue(stride(from: 0, to: image.pixels.count, by: 4).contains { image.pixels[$0] > 200 && image.pixels[$0 + 1] < 140 })
    }

    func testOpaqueImageIsWrittenAsRGB() throws {
        let bytes = try PNGCodec.encode(RGBAImage(width: 4, height: 4, fill: (10, 20, 30, 255)))
        XCTAssertEqual(bytes[25], 2)  // IHDR colour type: truecolour without alpha
        let withAlpha = try PNGCodec.encode(RGBAImage(width: 4, height: 4, fill: (10, 20, 30, 128)))
        XCTAssertEqual(withAlpha[25], 6)
    }

    func testReaderRejectsBadInputWithErrors() throws {
        let good = try PNGCodec.encode(RGBAImage(width: 64, height: 64, fill: (1, 2, 3, 255)), options: .init(compressionLevel: 0))
        // Truncated in the middle of the image data.
        XCTAssertThrowsError(try PNGCodec.decode(Array(good.prefix(good.count / 2)))) { e in
            XCTAssertFalse("\(e)".isEmpty)
        }
        // Not a PNG at all.
        XCTAssertThrowsError(try PNGCodec.decode(Array("hello, this is not an image".utf8))) { e in
            XCTAssertTrue("\(e)".contains("not a PNG"), "\(e)")
        }
        XCTAssertThrowsError(try PNGCodec.decode([]))
        // Corrupt: flip bytes inside the IDAT payload (CRC mismatch / bad zlib stream).
        var corrupt = good
        for i in 60..<90 { corrupt[i] ^= 0x5a }
        XCTAssertThrowsError(try PNGCodec.decode(corrupt))
        // Over-large: a valid header claiming 20000×20000 pixels is refused before allocation.
        let big = Self.headerOnlyPNG(width: 20000, height: 20000)
        XCTAssertThrowsError(try PNGCodec.decode(big)) { e in
            XCTAssertTrue("\(e)".contains("too large"), "\(e)")
        }
        XCTAssertThrowsError(try PNGCodec.decodeFile(atPath: "/nonexistent/file.png"))
    }

    func testReaderHandlesPaletteGray16BitAndInterlacedFiles() throws {
        // Hand-made PNGs with stored (uncompressed) zlib blocks.
        let gray = Self.makePNG(width: 2, height: 2, colorType: 0, bitDepth: 8, rows: [[0, 0x40, 0x80], [0, 0xc0, 0xff]])
        let g = try PNGCodec.decode(gray)
        XCTAssertEqual(g.pixels, [0x40, 0x40, 0x40, 255, 0x80, 0x80, 0x80, 255, 0xc0, 0xc0, 0xc0, 255, 0xff, 0xff, 0xff, 255])
        let rgb16 = Self.makePNG(width: 1, height: 1, colorType: 2, bitDepth: 16, rows: [[0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc]])
        XCTAssertEqual(try PNGCodec.decode(rgb16).pixels, [0x12, 0x56, 0x9a, 255])
        let palette = Self.makePNG(width: 2, height: 1, colorType: 3, bitDepth: 8, rows: [[0, 1, 0]],
                                   extra: [("PLTE", [255, 0, 0, 0, 0, 255]), ("tRNS", [128])])
        XCTAssertEqual(try PNGCodec.decode(palette).pixels, [0, 0, 255, 255, 255, 0, 0, 128])
        let grayAlpha = Self.makePNG(width: 1, height: 1, colorType: 4, bitDepth: 8, rows: [[0, 0x33, 0x44]])
        XCTAssertEqual(try PNGCodec.decode(grayAlpha).pixels, [0x33, 0x33, 0x33, 0x44])
        // Adam7 interlaced 1×1 RGBA: only pass 1 holds the pixel.
        let interlaced = Self.makePNG(width: 1, height: 1, colorType: 6, bitDepth: 8, rows: [[0, 1, 2, 3, 4]], interlace: 1)
        XCTAssertEqual(try PNGCodec.decode(interlaced).pixels, [1, 2, 3, 4])
    }

    func testSameDrawingGivesByteIdenticalOutput() throws {
        for format in OutputFormat.allCases {
            let a = try Canvas.render(format: format, size: Size(width: 240, height: 130), dpi: 150) { Self.sampleDrawing($0) }
            let b = try Canvas.render(format: format, size: Size(width: 240, height: 130), dpi: 150) { Self.sampleDrawing($0) }
            XCTAssertFalse(a.isEmpty)
            XCTAssertEqual(a, b, "\(format) output differs between two renders")
        }
    }

    func testPDFCarriesFixedDateAndSVGSurfaceIDsAreNormalised() throws {
        let pdf = try Canvas.render(format: .pdf, size: Size(width: 240, height: 130)) { Self.sampleDrawing($0) }
        let text = String(decoding: pdf, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("%PDF-"))
        XCTAssertTrue(text.contains("/CreationDate (20000101000000Z)") || text.contains("/CreationDate (D:20000101000000Z)"), "no fixed date")
        let svg = String(decoding: try Canvas.render(format: .svg, size: Size(width: 240, height: 130)) { Self.sampleDrawing($0) }, as: UTF8.self)
        XCTAssertTrue(svg.contains("id=\"surface1\""), "surface ids start at 1")
    }

    func testUnwritableOutputThrowsAndLeavesNoFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cp-unwritable-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Missing folder.
        let missing = dir.appendingPathComponent("no/such/folder/a.png")
        XCTAssertThrowsError(try Canvas.write(to: missing, size: Size(width: 10, height: 10)) { Self.sampleDrawing($0) })
        // A target that is a folder cannot be replaced by a file.
        let asFolder = dir.appendingPathComponent("taken.png")
        try FileManager.default.createDirectory(at: asFolder, withIntermediateDirectories: false)
        XCTAssertThrowsError(try Canvas.write(to: asFolder, size: Size(width: 10, height: 10)) { Self.sampleDrawing($0) })
        // Unknown extension.
        XCTAssertThrowsError(try Canvas.write(to: dir.appendingPathComponent("a.bmp"), size: Size(width: 10, height: 10)) { _ in })
        // A read-only folder (skipped as root, who may write anyway).
        if getuid() != 0 {
            let ro = dir.appendingPathComponent("ro")
            try FileManager.default.createDirectory(at: ro, withIntermediateDirectories: false)
            chmod(ro.path, 0o555)
            XCTAssertThrowsError(try Canvas.write(to: ro.appendingPathComponent("a.png"), size: Size(width: 10, height: 10)) { _ in })
        }
        // Nothing but the folders we made: no partial or temporary files.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "taken.png" && $0 != "ro" }
        XCTAssertEqual(left, [])
        // And a good write leaves exactly the target.
        let ok = dir.appendingPathComponent("ok.svg")
        try Canvas.write(to: ok, size: Size(width: 10, height: 10)) { Self.sampleDrawing($0) }
        XCTAssertTrue(FileManager.default.fileExists(atPath: ok.path))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }, [])
    }

    func testInvalidSizesAreErrorsNotTraps() {
        XCTAssertThrowsError(try Canvas.render(format: .png, size: Size(width: 0, height: 10)) { _ in })
        XCTAssertThrowsError(try Canvas.render(format: .png, size: Size(width: 10, height: 10), dpi: 0) { _ in })
        XCTAssertThrowsError(try Canvas.render(format: .png, size: Size(width: 72 * 200, height: 72 * 200), dpi: 100) { _ in })
        XCTAssertThrowsError(try Canvas.render(format: .pdf, size: Size(width: .nan, height: 10)) { _ in })
    }

    // MARK: helpers

    static func chunk(_ type: String, in png: [UInt8]) -> [UInt8]? {
        var i = 8
        let t = Array(type.utf8)
        while i + 8 <= png.count {
            let len = Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3])
            if Array(png[(i + 4)..<(i + 8)]) == t { return Array(png[(i + 8)..<(i + 8 + len)]) }
            i += 12 + len
        }
        return nil
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xffff_ffff
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xedb8_8320 ^ (c >> 1) : c >> 1 }
        }
        return c ^ 0xffff_ffff
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for x in bytes { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
        return b << 16 | a
    }

    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }

    static func chunkBytes(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let td = Array(type.utf8) + data
        return be32(UInt32(data.count)) + td + be32(crc32(td))
    }

    static func makePNG(width: UInt32, height: UInt32, colorType: UInt8, bitDepth: UInt8, rows: [[UInt8]],
                        interlace: UInt8 = 0, extra: [(String, [UInt8])] = []) -> [UInt8] {
        let raw = rows.flatMap { $0 }
        // zlib header + one stored block.
        let zlib: [UInt8] = [0x78, 0x01, 0x01, UInt8(raw.count & 0xff), UInt8(raw.count >> 8),
                             UInt8(~raw.count & 0xff), UInt8((~raw.count >> 8) & 0xff)] + raw + be32(adler32(raw))
        var png: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
        png += chunkBytes("IHDR", be32(width) + be32(height) + [bitDepth, colorType, 0, 0, interlace])
        for (t, d) in extra { png += chunkBytes(t, d) }
        png += chunkBytes("IDAT", zlib)
        png += chunkBytes("IEND", [])
        return png
    }

    static func headerOnlyPNG(width: UInt32, height: UInt32) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
        png += chunkBytes("IHDR", be32(width) + be32(height) + [8, 6, 0, 0, 0])
        png += chunkBytes("IDAT", [0x78, 0x01])
        png += chunkBytes("IEND", [])
        return png
    }
}
extension OutputTests {
    func testDumpSVGForDebug() throws {
        guard ProcessInfo.processInfo.environment["DUMP_SVG"] != nil else { return }
        let a = try Canvas.render(format: .svg, size: Size(width: 240, height: 130)) { Self.sampleDrawing($0) }
        let b = try Canvas.render(format: .svg, size: Size(width: 240, height: 130)) { Self.sampleDrawing($0) }
        try Data(a).write(to: URL(fileURLWithPath: "/tmp/svgt/a.svg"))
        try Data(b).write(to: URL(fileURLWithPath: "/tmp/svgt/b.svg"))
        let png = try Canvas.render(format: .png, size: Size(width: 240, height: 130), dpi: 200) { Self.sampleDrawing($0) }
        try Data(png).write(to: URL(fileURLWithPath: "/tmp/svgt/a.png"))
        let pdf = try Canvas.render(format: .pdf, size: Size(width: 240, height: 130)) { Self.sampleDrawing($0) }
        try Data(pdf).write(to: URL(fileURLWithPath: "/tmp/svgt/a.pdf"))
    }
}

extension OutputTests {
    /// The striped encoder (many stripes, dictionary priming, combined Adler-32) round-trips exactly
    /// through libpng, for opaque (RGB) and translucent (RGBA) images, and is deterministic.
    func testMultiStripePNGRoundTrip() throws {
        let w = 1200, h = 700
        var px = [UInt8](repeating: 255, count: w * h * 4)
        var state: UInt32 = 12345
        for i in 0..<(w * h) where i % 7 == 0 || (i / w) % 50 < 3 {
            state = state &* 1664525 &+ 1013904223
            px[i * 4] = UInt8(state >> 24); px[i * 4 + 1] = UInt8((state >> 16) & 0xff); px[i * 4 + 2] = UInt8((state >> 8) & 0xff)
        }
        let opaque = RGBAImage(width: w, height: h, pixels: px, dpi: 100)
        let encoded = try PNGCodec.encode(opaque)
        XCTAssertEqual(encoded, try PNGCodec.encode(opaque))
        XCTAssertEqual(encoded[25], 2, "RGB")
        XCTAssertEqual(try PNGCodec.decode(encoded).pixels, px)
        var translucent = px
        for i in stride(from: 3, to: translucent.count, by: 4 * 5) { translucent[i] = UInt8(i % 251) }
        let t = RGBAImage(width: w, height: h, pixels: translucent)
        let te = try PNGCodec.encode(t)
        XCTAssertEqual(te[25], 6, "RGBA")
        XCTAssertEqual(try PNGCodec.decode(te).pixels, translucent)
        for level in [0, 1, 6, 9] {
            XCTAssertEqual(try PNGCodec.decode(try PNGCodec.encode(t, options: .init(compressionLevel: level))).pixels, translucent)
        }
    }
}
