import Foundation
import XCTest

/// `clusterplot compare` through the real binary.
final class VisualDiffCLITests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("vd-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// White RGB image, optionally with a black square.
    static func png(width: Int, height: Int, square: (x: Int, y: Int, size: Int)? = nil) -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width {
                var v: UInt8 = 255
                if let s = square, x >= s.x, x < s.x + s.size, y >= s.y, y < s.y + s.size { v = 0 }
                raw += [v, v, v]
            }
        }
        return MiniPNG.encodeRGB(width: width, height: height, filteredRows: raw)
    }

    func testCompareExitCodes() throws {
        let a = try write("a.png", Self.png(width: 300, height: 200, square: (140, 90, 7)))
        let b = try write("b.png", Self.png(width: 300, height: 200))
        let a2 = try write("a2.png", Self.png(width: 300, height: 200, square: (140, 90, 7)))
        let small = try write("small.png", Self.png(width: 30, height: 20))

        let same = try CLITests.run(["compare", a, a2])
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertTrue(same.stdout.hasPrefix("PASS identical"), same.stdout)

        let diffPath = dir.appendingPathComponent("diff.png").path
        let changed = try CLITests.run(["compare", a, b, "--diff", diffPath])
        XCTAssertEqual(changed.status, 1, changed.stdout + changed.stderr)
        XCTAssertTrue(changed.stdout.hasPrefix("FAIL"), changed.stdout)
        XCTAssertTrue(changed.stdout.contains("49 significant px"), changed.stdout)
        XCTAssertEqual(changed.stdout.split(separator: "\n").count, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: diffPath))

        let loose = try CLITests.run(["compare", a, b, "--max-diff-pixels", "100", "--max-tile-rms", "100"])
        XCTAssertEqual(loose.status, 0, loose.stdout)

        let badFlag = try CLITests.run(["compare", a, b, "--threshold", "3"])
        XCTAssertEqual(badFlag.status, 2)
        XCTAssertTrue(badFlag.stderr.contains("colorThreshold"), badFlag.stderr)

        let size = try CLITests.run(["compare", a, small])
        XCTAssertEqual(size.status, 1)
        XCTAssertTrue(size.stdout.contains("size mismatch"), size.stdout)

        let good = Self.png(width: 300, height: 200)
        var huge = Array(good.prefix(33))   // signature + IHDR
        huge.replaceSubrange(16..<24, with: [0, 0, 0x4E, 0x20, 0, 0, 0x4E, 0x20])  // 20000×20000
        let crc = MiniPNG.crc32(Array(huge[12..<29]))
        huge.replaceSubrange(29..<33, with: MiniPNG.be32(crc))
        let inputs: [(String, [UInt8])] = [
            ("truncated.png", Array(good.prefix(good.count / 2))),
            ("notpng.png", Array("GIF89a, not a png at all".utf8)),
            ("huge.png", huge + MiniPNG.chunk("IEND", [])),
        ]
        for (name, bytes) in inputs {
            let path = try write(name, bytes)
            let r = try CLITests.run(["compare", a, path])
            XCTAssertEqual(r.status, 2, "\(name): \(r.stdout) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(name), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            // The same broken file twice is still broken (no same-bytes shortcut).
            XCTAssertEqual(try CLITests.run(["compare", path, path]).status, 2, name)
        }
        let missing = try CLITests.run(["compare", a, dir.appendingPathComponent("nope.png").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("nope.png"), missing.stderr)
    }
}

/// A tiny PNG writer (stored deflate blocks) so these tests need no image library.
enum MiniPNG {
    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c ^= UInt32(b); for _ in 0..<8 { c = (c & 1) != 0 ? (0xEDB8_8320 ^ (c >> 1)) : (c >> 1) } }
        return c ^ 0xFFFF_FFFF
    }
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(UInt32(data.count)) + body + be32(crc32(body))
    }
    static func encodeRGB(width: Int, height: Int, filteredRows raw: [UInt8]) -> [UInt8] {
        var z: [UInt8] = [0x78, 0x01]
        var i = 0
        repeat {
            let n = min(65535, raw.count - i)
            z.append(i + n == raw.count ? 1 : 0)
            z += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            z += raw[i..<i + n]
            i += n
        } while i < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for v in raw { a = (a + UInt32(v)) % 65521; b = (b + a) % 65521 }
        z += be32(b << 16 | a)
        let ihdr = be32(UInt32(width)) + be32(UInt32(height)) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IDAT", z) + chunk("IEND", [])
    }
}
