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

final class CrispLineTests: XCTestCase {
    func testGridLinesAndSpinesAreWholePixels() throws {
        let fig = Figure(width: 4, height: 3, dpi: 100, style: .whitegrid)
        fig.axes().plot(x: [0, 10], y: [0, 10], lineStyle: nil)
        let img = try PNGCodec.decode(try fig.render(format: .png))
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        let a = geo.axes[0], k = fig.dpi / 72
        // A pixel row halfway between two horizontal grid lines, across the axes and its spines.
        let t = a.yTicks.visible.map(\.value)
        let yData = (t[1] + t[2]) / 2
        let y = Int(((a.rect.maxY - (yData - a.yLimits.lowerBound) / (a.yLimits.upperBound - a.yLimits.lowerBound) * a.rect.height) * k).rounded())
        let x0 = Int(a.rect.minX * k) - 3, x1 = Int(a.rect.maxX * k) + 3
        var runs: [Int] = []
        var run = 0
        for x in x0...x1 {
            let p = img.pixel(x: x, y: y)
            XCTAssertTrue(p.r == 255 || p.r == 204, "pixel \(x),\(y) is \(p.r): a blurred line")
            if p.r == 204 { run += 1 } else if run > 0 { runs.append(run); run = 0 }
        }
        if run > 0 { runs.append(run) }
        // The spines at 1.25 pt (1.74 px) are two pixels wide, the grid at 1 pt (1.39 px) one.
        XCTAssertEqual(runs.first, 2, "\(runs)")
        XCTAssertEqual(runs.last, 2, "\(runs)")
        XCTAssertGreaterThanOrEqual(runs.count, 5)
        XCTAssertTrue(runs.dropFirst().dropLast().allSatisfy { $0 == 1 }, "\(runs)")
    }
}
