import Foundation
import XCTest
@testable import Plotting

/// Animated GIFs through giflib: frames, delays, looping, the palette, determinism and the budget.
final class GIFTests: XCTestCase {
    static func frame(_ shade: UInt8, width: Int = 40, height: Int = 30) -> RGBAImage {
        RGBAImage(width: width, height: height, fill: (shade, 255 - shade, 128, 255))
    }

    func testFramesDelaysAndSizeRoundTrip() throws {
        let frames = (0..<5).map { Self.frame(UInt8($0 * 40)) }
        let gif = try GIF.encode(frames: frames, delay: 0.25)
        XCTAssertEqual(Array(gif.prefix(6)), Array("GIF89a".utf8))
        XCTAssertEqual(gif.last, 0x3b, "trailer")
        let info = GIF.frameInfo(gif)
        XCTAssertEqual(info.frames, 5)
        XCTAssertEqual(info.delays, [0.25, 0.25, 0.25, 0.25, 0.25])
        XCTAssertEqual([info.width, info.height], [40, 30])
        XCTAssertNotNil(String(decoding: gif, as: UTF8.self).range(of: "NETSCAPE2.0"), "loops forever")
        XCTAssertEqual(try GIF.encode(frames: frames, delay: 0.25), gif, "deterministic")
    }

    func testFewColoursAreKeptExactlyAndManyAreQuantisedDeterministically() throws {
        let exact = Palette(frames: (0..<5).map { Self.frame(UInt8($0 * 40)) })
        XCTAssertEqual(exact.colors.count, 5)
        XCTAssertTrue(exact.colors.contains(Palette.RGB(r: 40, g: 215, b: 128)))
        // A gradient of 4096 colours: 256 chosen, the same each time.
        var px: [UInt8] = []
        for i in 0..<4096 { px += [UInt8(i & 0xff), UInt8((i >> 4) & 0xff), UInt8((i >> 8) << 4), 255] }
        let img = RGBAImage(width: 64, height: 64, pixels: px)
        let a = Palette(frames: [img]), b = Palette(frames: [img])
        XCTAssertEqual(a.colors.count, 256)
        XCTAssertEqual(a.colors, b.colors)
        XCTAssertEqual(try GIF.encode(frames: [img], delay: 0), try GIF.encode(frames: [img], delay: 0))
    }

    func testBudgetAndBadInputAreErrors() {
        XCTAssertThrowsError(try GIF.checkBudget(frames: GIF.maxFrames + 1, width: 10, height: 10)) { XCTAssertTrue("\($0)".contains("at most \(GIF.maxFrames) frames")) }
        XCTAssertThrowsError(try GIF.checkBudget(frames: 1, width: 3000, height: 3000)) { XCTAssertTrue("\($0)".contains("megapixels")) }
        XCTAssertThrowsError(try GIF.checkBudget(frames: 100, width: 1500, height: 1000))
        XCTAssertNoThrow(try GIF.checkBudget(frames: 12, width: 500, height: 500))
        XCTAssertThrowsError(try GIF.encode(frames: [], delay: 1))
        XCTAssertThrowsError(try GIF.encode(frames: [Self.frame(0), Self.frame(0, width: 41)], delay: 1))
        XCTAssertThrowsError(try GIF.encode(frames: [Self.frame(0)], delay: -1))
    }
}
