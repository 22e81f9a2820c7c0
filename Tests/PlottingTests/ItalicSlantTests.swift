import Foundation
import XCTest
@testable import Plotting

/// Italics lean forward (the top of an 'l' right of its foot) in PNG, PDF and SVG alike: the
/// slant is a skewed font matrix, not Cairo's synthesized oblique (mirrored in its PDF output).
final class ItalicSlantTests: XCTestCase {
    static let size = Size(width: 120, height: 120)
    static func draw(_ r: Renderer) {
        r.drawText("l", at: Point(x: 40, y: 100), style: TextStyle(size: 100, slant: .italic), horizontal: .left, vertical: .baseline, rotation: 0)
    }

    /// Ink centre x of the top and bottom thirds of the ink.
    static func lean(_ img: RGBAImage) -> (top: Double, bottom: Double) {
        var rows: [(y: Int, x: Double)] = []
        for y in 0..<img.height {
            var sum = 0.0, w = 0.0
            for x in 0..<img.width { let d = 255 - Double(img.pixel(x: x, y: y).r); sum += d * Double(x); w += d }
            if w > 255 { rows.append((y, sum / w)) }
        }
        let n = rows.count / 3
        let top = rows.prefix(n).map(\.x).reduce(0, +) / Double(n), bottom = rows.suffix(n).map(\.x).reduce(0, +) / Double(n)
        return (top, bottom)
    }

    func testPNGLeansForward() throws {
        let img = try PNGCodec.decode(try Canvas.render(format: .png, size: Self.size, dpi: 72, draw: Self.draw))
        let l = Self.lean(img)
        XCTAssertGreaterThan(l.top - l.bottom, 8, "top \(l.top) bottom \(l.bottom)")
    }

    func testPDFLeansForward() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("italic-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("i.pdf")
        try Data(try Canvas.render(format: .pdf, size: Self.size, draw: Self.draw)).write(to: pdf)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftoppm")
        p.arguments = ["-png", "-r", "72", "-singlefile", pdf.path, dir.appendingPathComponent("i").path]
        try p.run()
        p.waitUntilExit()
        let img = try PNGCodec.decodeFile(atPath: dir.appendingPathComponent("i.png").path)
        let l = Self.lean(img)
        XCTAssertGreaterThan(l.top - l.bottom, 8, "top \(l.top) bottom \(l.bottom)")
    }

    func testSVGGlyphLeansForward() throws {
        let svg = String(decoding: try Canvas.render(format: .svg, size: Self.size, draw: Self.draw), as: UTF8.self)
        // The glyph's outline: y grows downwards, so its top points have the smallest y.
        let used = try XCTUnwrap(svg.range(of: "xlink:href=\"#").map { svg[$0.upperBound...].prefix { $0 != "\"" } })
        let symbol = try XCTUnwrap(svg.range(of: "id=\"\(used)\"").map { svg[$0.upperBound...] })
        let d = try XCTUnwrap(symbol.range(of: "d=\"").map { symbol[$0.upperBound...].prefix { $0 != "\"" } })
        let numbers = d.split { !"-.0123456789".contains($0) }.compactMap { Double($0) }
        let points = stride(from: 0, to: numbers.count - 1, by: 2).map { (x: numbers[$0], y: numbers[$0 + 1]) }
        let ys = points.map(\.y).sorted()
        let top = points.filter { $0.y <= ys[ys.count / 4] }, bottom = points.filter { $0.y >= ys[3 * ys.count / 4] }
        let mean = { (p: [(x: Double, y: Double)]) in p.map(\.x).reduce(0, +) / Double(p.count) }
        XCTAssertGreaterThan(mean(top) - mean(bottom), 5, d.prefix(200).description)
    }
}
