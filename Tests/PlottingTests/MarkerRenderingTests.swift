import Foundation
import XCTest
@testable import Plotting

/// Sprite-stamped raster markers against Cairo drawing every marker as a path (true arcs).
final class MarkerRenderingTests: XCTestCase {
    struct Diff { var max = 0; var mean = 0.0; var over8 = 0 }

    func compare(positions: [Point], colors: [Color], shape: Path, edgeWidth: Double, dpi: Double = 100) throws -> Diff {
        let size = Size(width: 300, height: 200)
        let stamped = try PNGCodec.decode(try Canvas.render(format: .png, size: size, dpi: dpi) { r in
            r.withClip(Rect(x: 10, y: 10, width: 280, height: 180)) {
                r.drawMarkers(MarkerBatch(shape: shape, positions: positions, fillColors: colors, edgeColors: colors, edgeWidth: edgeWidth))
            }
        })
        let paths = try PNGCodec.decode(try Canvas.render(format: .png, size: size, dpi: dpi) { r in
            r.withClip(Rect(x: 10, y: 10, width: 280, height: 180)) {
                for (i, p) in positions.enumerated() {
                    let c = colors.count == 1 ? colors[0] : colors[i]
                    r.drawPath(shape.translatedBy(dx: p.x, dy: p.y), fill: c,
                               stroke: edgeWidth > 0 ? StrokeStyle(color: c, width: edgeWidth) : nil)
                }
            }
        })
        XCTAssertEqual(stamped.width, paths.width)
        var d = Diff(), total = 0
        for i in 0..<stamped.pixels.count {
            let e = abs(Int(stamped.pixels[i]) - Int(paths.pixels[i]))
            d.max = max(d.max, e); total += e
            if e > 8 { d.over8 += 1 }
        }
        d.mean = Double(total) / Double(stamped.pixels.count)
        return d
    }

    func testStampedMarkersMatchPathsAtQuarterPixelPositions() throws {
        // At positions on the sprites' quarter-pixel grid the sprite is the same coverage, composited
        // with pixman's exact OVER arithmetic: the images agree to rounding.
        let k = 100.0 / 72
        var pos: [Point] = [], cols: [Color] = []
        let palette = Colormap.accent.colors.map { $0.withAlpha(0.6) } + Colormap.tab10.colors
        for i in 0..<800 {
            let px = Double(20 + (i * 37) % 380) + Double(i % 4) / 4, py = Double(20 + (i * 53) % 240) + Double((i / 4) % 4) / 4
            pos.append(Point(x: px / k, y: py / k))
            cols.append(palette[i % palette.count])
        }
        let d = try compare(positions: pos, colors: cols, shape: Marker.circle.path(area: 36), edgeWidth: 1)
        XCTAssertLessThanOrEqual(d.max, 2, "\(d)")
    }

    func testStampedMarkersLookLikeArcsAnywhere() throws {
        var seed: UInt64 = 42
        func rnd() -> Double { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Double(seed >> 11) / 9007199254740992 }
        let pos = (0..<1000).map { _ in Point(x: 5 + rnd() * 290, y: 5 + rnd() * 190) }
        let palette = Colormap.viridis.colors(for: [0, 1, 2, 3]) + [Color(name: "red")!.withAlpha(0.6)]
        let cols = pos.indices.map { palette[$0 % palette.count] }
        for (shape, ew) in [(Marker.circle.path(area: 20), 1.0), (Marker.circle.path(area: 5), 1.0), (Marker.square.path(area: 36), 0.0),
                            (Marker.x.path(area: 50), 2.0)] {
            let d = try compare(positions: pos, colors: cols, shape: shape, edgeWidth: ew)
            // Positions are quantised to 1/8 pixel: edge pixels may differ slightly, interiors not.
            XCTAssertLessThan(d.mean, 0.5, "\(d)")
            XCTAssertLessThanOrEqual(d.max, 40, "\(d)")
            print("sprite vs path:", d)
        }
    }
}
