import XCTest
@testable import Plotting

/// The libdeflate fast path of PNG decoding against libpng: same pixels for every file it takes,
/// and every file it must not take (other formats, colour keys, damage) left to libpng.
final class PNGFastDecodeTests: XCTestCase {
    func libpng(_ bytes: [UInt8]) throws -> RGBAImage {
        try bytes.withUnsafeBytes { try PNGCodec.decode($0, pixelLimit: PNGCodec.defaultPixelLimit, libpngOnly: true) }
    }

    /// A noisy image with flat areas, so adaptive filtering picks every filter type.
    func testImage(width w: Int, height h: Int, alpha: Bool) -> RGBAImage {
        var px = [UInt8](repeating: 255, count: w * h * 4)
        var state: UInt32 = 99
        for i in 0..<(w * h) {
            let x = i % w, y = i / w
            if (x / 7 + y / 5) % 3 == 0 {
                state = state &* 1664525 &+ 1013904223
                px[4 * i] = UInt8(state >> 24); px[4 * i + 1] = UInt8(state >> 16 & 0xff); px[4 * i + 2] = UInt8(x & 0xff)
            } else {
                px[4 * i] = UInt8((x * 3) & 0xff); px[4 * i + 1] = UInt8((y * 5) & 0xff); px[4 * i + 2] = UInt8((x + y) & 0xff)
            }
            if alpha { px[4 * i + 3] = UInt8((x * y) % 256) }
        }
        return RGBAImage(width: w, height: h, pixels: px)
    }

    func testEncodedImagesDecodeIdenticallyOnBothPaths() throws {
        for alpha in [false, true] {
            let image = testImage(width: 301, height: 97, alpha: alpha)
            for options in [PNGCodec.Options(compressionLevel: 6, adaptiveFilters: true), PNGCodec.Options(compressionLevel: 1),
                            PNGCodec.Options(compressionLevel: 0), PNGCodec.Options(compressionLevel: 9, adaptiveFilters: true)] {
                let bytes = try PNGCodec.encode(image, options: options)
                let fast = try XCTUnwrap(PNGCodec.fastPathDecode(bytes), "fast path taken (alpha \(alpha), \(options))")
                XCTAssertEqual(fast.pixels, image.pixels, "alpha \(alpha), \(options)")
                XCTAssertEqual(try libpng(bytes).pixels, image.pixels)
                XCTAssertEqual(try PNGCodec.decode(bytes).pixels, image.pixels)
            }
        }
    }

    func testEveryFilterTypeByHand() throws {
        // Three pixels a row; rows use filters None, Sub, Up, Average, Paeth, then Paeth/Average
        // again over non-trivial prior rows.
        for (colorType, channels) in [(UInt8(2), 3), (UInt8(6), 4)] {
            var rows: [[UInt8]] = []
            for (y, filter) in [0, 1, 2, 3, 4, 4, 3, 1, 2].enumerated() {
                rows.append([UInt8(filter)] + (0..<(3 * channels)).map { UInt8((y * 37 + $0 * 91 + 13) & 0xff) })
            }
            let png = OutputTests.makePNG(width: 3, height: UInt32(rows.count), colorType: colorType, bitDepth: 8, rows: rows)
            let fast = try XCTUnwrap(PNGCodec.fastPathDecode(png))
            XCTAssertEqual(fast.pixels, try libpng(png).pixels, "colour type \(colorType)")
        }
    }

    func testFilesLeftToLibpng() throws {
        let row: [UInt8] = [0, 10, 20, 30, 40, 50, 60]
        // A colour key (tRNS) on RGB: libpng turns matching pixels transparent.
        let keyed = OutputTests.makePNG(width: 2, height: 1, colorType: 2, bitDepth: 8, rows: [row],
                                        extra: [("tRNS", [0, 10, 0, 20, 0, 30])])
        XCTAssertNil(PNGCodec.fastPathDecode(keyed))
        XCTAssertEqual(try PNGCodec.decode(keyed).pixels, [10, 20, 30, 0, 40, 50, 60, 255])
        // Other formats.
        XCTAssertNil(PNGCodec.fastPathDecode(OutputTests.makePNG(width: 1, height: 1, colorType: 0, bitDepth: 8, rows: [[0, 7]])))
        XCTAssertNil(PNGCodec.fastPathDecode(OutputTests.makePNG(
            width: 1, height: 1, colorType: 6, bitDepth: 8, rows: [[0, 1, 2, 3, 4]], interlace: 1)))
        // An unknown ancillary chunk is skipped by both; an unknown critical chunk is libpng's to refuse.
        let ancillary = OutputTests.makePNG(width: 2, height: 1, colorType: 2, bitDepth: 8, rows: [row], extra: [("teXt", [1, 2])])
        XCTAssertEqual(try XCTUnwrap(PNGCodec.fastPathDecode(ancillary)).pixels, try libpng(ancillary).pixels)
        let critical = OutputTests.makePNG(width: 2, height: 1, colorType: 2, bitDepth: 8, rows: [row], extra: [("ZZZZ", [1])])
        XCTAssertNil(PNGCodec.fastPathDecode(critical))
        XCTAssertThrowsError(try PNGCodec.decode(critical))
        // A bad filter type.
        let badFilter = OutputTests.makePNG(width: 2, height: 1, colorType: 2, bitDepth: 8, rows: [[5] + row.dropFirst()])
        XCTAssertNil(PNGCodec.fastPathDecode(badFilter))
        XCTAssertThrowsError(try PNGCodec.decode(badFilter))
        // Damage anywhere: a wrong CRC, a wrong Adler-32, truncation.
        var crc = OutputTests.makePNG(width: 2, height: 1, colorType: 2, bitDepth: 8, rows: [row])
        crc[29] ^= 1  // the IHDR CRC
        XCTAssertNil(PNGCodec.fastPathDecode(crc))
        XCTAssertThrowsError(try PNGCodec.decode(crc))
        let good = try PNGCodec.encode(testImage(width: 64, height: 64, alpha: false))
        XCTAssertNotNil(PNGCodec.fastPathDecode(good))
        XCTAssertNil(PNGCodec.fastPathDecode(Array(good.prefix(good.count - 20))))
        var adler = good
        let idat = try XCTUnwrap((0..<(adler.count - 4)).first { adler[$0..<($0 + 4)].elementsEqual("IDAT".utf8) })
        let length = Int(adler[idat - 4]) << 24 | Int(adler[idat - 3]) << 16 | Int(adler[idat - 2]) << 8 | Int(adler[idat - 1])
        adler[idat + 4 + length - 1] ^= 0xff  // last Adler-32 byte, then repair the chunk CRC
        let fixed = OutputTests.be32(OutputTests.crc32(Array(adler[idat..<(idat + 4 + length)])))
        adler.replaceSubrange((idat + 4 + length)..<(idat + 8 + length), with: fixed)
        XCTAssertNil(PNGCodec.fastPathDecode(adler))
        XCTAssertThrowsError(try PNGCodec.decode(adler))
    }
}
