import Foundation
import Plotting
@testable import VisualDiff

/// Test images built with Plotting's Canvas/Renderer or directly as RGBAImage.
enum TestImages {
    static func png(width: Double, height: Double, _ draw: (Renderer) -> Void) throws -> [UInt8] {
        try Canvas.render(format: .png, size: Size(width: width, height: height), dpi: 72) { draw($0) }
    }

    static func decoded(width: Double, height: Double, _ draw: (Renderer) -> Void) throws -> RGBAImage {
        try PNGCodec.decode(png(width: width, height: height, draw))
    }

    /// An anti-aliased diagonal line, moved right by `dx` pixels.
    static func diagonal(dx: Double, width: Double = 1, color: Color = .black) throws -> RGBAImage {
        try decoded(width: 300, height: 200) { r in
            var p = Path()
            p.move(to: Point(x: 20 + dx, y: 20)); p.line(to: Point(x: 270 + dx, y: 180))
            r.drawPath(p, fill: nil, stroke: StrokeStyle(color: color, width: width))
        }
    }

    /// Three clusters of circle markers; `recolor` replaces the second cluster's colour.
    static func scatter(recolor: Color? = nil) throws -> RGBAImage {
        let colors = [Color(hex: "#1f77b4")!, recolor ?? Color(hex: "#ff7f0e")!, Color(hex: "#2ca02c")!]
        let centres = [Point(x: 100, y: 100), Point(x: 300, y: 180), Point(x: 180, y: 300)]
        var rng = SplitMix(seed: 7)
        return try decoded(width: 400, height: 400) { r in
            for (c, centre) in zip(colors, centres) {
                var pts: [Point] = []
                for _ in 0..<60 {
                    pts.append(Point(x: centre.x + rng.normal() * 30, y: centre.y + rng.normal() * 30))
                }
                var shape = Path(); shape.addCircle(center: .zero, radius: 3)
                r.drawMarkers(MarkerBatch(shape: shape, positions: pts, fillColors: [c],
                                          edgeColors: [Color.white], edgeWidth: 0.5))
            }
        }
    }

    /// A white image with a black w×h block at (x, y) (no block when `size` is 0).
    static func block(width: Int, height: Int, x: Int, y: Int, size: Int) -> RGBAImage {
        var img = RGBAImage(width: width, height: height, fill: (255, 255, 255, 255))
        for yy in y..<(y + size) { for xx in x..<(x + size) {
            let i = (yy * width + xx) * 4
            img.pixels[i] = 0; img.pixels[i + 1] = 0; img.pixels[i + 2] = 0
        } }
        return img
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func normal() -> Double {
        let u1 = max(uniform(), 1e-12), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

/// CRC-32 (PNG chunks) for hand-built test files.
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes {
        c ^= UInt32(b)
        for _ in 0..<8 { c = (c & 1) != 0 ? (0xEDB8_8320 ^ (c >> 1)) : (c >> 1) }
    }
    return c ^ 0xFFFF_FFFF
}

/// A PNG signature plus a valid IHDR chunk claiming `width`×`height`, and nothing else.
func pngHeaderOnly(width: UInt32, height: UInt32) -> [UInt8] {
    func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)] }
    let body: [UInt8] = Array("IHDR".utf8) + be(width) + be(height) + [8, 6, 0, 0, 0]
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be(13) + body + be(crc32(body))
}
