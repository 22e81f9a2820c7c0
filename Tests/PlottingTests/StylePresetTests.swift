import Foundation
import XCTest
@testable import Plotting

/// seaborn 0.13.2's styles and contexts and matplotlib's dark_background, value by value.
final class StylePresetTests: XCTestCase {
    func testSeabornStylesHaveRcmodValues() {
        XCTAssertEqual(Style.darkgrid.axesFaceColor.hexString, "#eaeaf2")
        XCTAssertEqual(Style.darkgrid.axesEdgeColor, .white)
        XCTAssertEqual(Style.darkgrid.gridColor, .white)
        XCTAssertTrue(Style.darkgrid.grid)
        XCTAssertFalse(Style.dark.grid)
        XCTAssertEqual(Style.dark.axesFaceColor.hexString, "#eaeaf2")
        XCTAssertEqual(Style.white.axesEdgeColor.hexString, "#262626")
        XCTAssertFalse(Style.white.grid)
        XCTAssertFalse(Style.white.tickMarks)
        XCTAssertTrue(Style.ticks.tickMarks, "ticks: xtick.bottom / ytick.left True")
        XCTAssertEqual(Style.ticks.tickSize, 6)
        for s in [Style.darkgrid, .whitegrid, .dark, .white, .ticks] {
            XCTAssertEqual(s.textColor.hexString, "#262626")
            XCTAssertEqual(s.colorCycle, Colormap.deep.colors)
            XCTAssertEqual([s.fontSize, s.labelSize, s.titleSize, s.xTickLabelSize, s.legendFontSize], [12, 12, 12, 11, 11])
            XCTAssertEqual([s.axesLineWidth, s.gridLineWidth, s.lineWidth, s.markerSize, s.tickWidth], [1.25, 1, 1.5, 6, 1.25])
        }
        // whitegrid is what it was before the presets (the seed figures' style).
        XCTAssertEqual(Style.whitegrid.suptitleSize, 14.4)
        XCTAssertEqual(Style.whitegrid.scatterSize, 36)
        XCTAssertEqual(Style.whitegrid.axesEdgeColor.hexString, "#cccccc")
        XCTAssertEqual(Style.names, ["darkgrid", "whitegrid", "dark", "white", "ticks", "dark_background", "classic"])
    }

    func testContextsScaleEverythingAndFontScaleOnlyText() throws {
        let talk = try XCTUnwrap(Style.theme(style: "whitegrid", context: .talk))
        XCTAssertEqual([talk.fontSize, talk.labelSize, talk.xTickLabelSize, talk.legendFontSize], [18, 18, 16.5, 16.5])
        XCTAssertEqual(talk.axesLineWidth, 1.875)
        XCTAssertEqual(talk.markerSize, 9)
        XCTAssertEqual(talk.scatterSize, 81)
        XCTAssertEqual(talk.tickSize, 9)
        let poster = try XCTUnwrap(Style.theme(style: "darkgrid", context: .poster, fontScale: 1.5))
        XCTAssertEqual(poster.fontSize, 36)
        XCTAssertEqual(poster.xTickLabelSize, 33)
        XCTAssertEqual(poster.lineWidth, 3, "font_scale leaves lines alone")
        let paper = try XCTUnwrap(Style.theme(style: "white", context: .paper))
        XCTAssertEqual(paper.fontSize, 9.6, accuracy: 1e-12)
        // matplotlib styles keep their sizes unless a context is named; font_scale still applies.
        let classic = try XCTUnwrap(Style.theme(style: "classic", fontScale: 2))
        XCTAssertEqual(classic.fontSize, 20)
        XCTAssertEqual(classic.axesLineWidth, 0.8)
        XCTAssertNil(Style.theme(style: "solarized"))
    }

    func testDarkBackgroundIsMatplotlibsSheet() {
        let s = Style.darkBackground
        XCTAssertEqual(s.figureFaceColor, .black)
        XCTAssertEqual(s.axesFaceColor, .black)
        for c in [s.textColor, s.labelColor, s.tickLabelColor, s.tickColor, s.axesEdgeColor, s.gridColor] { XCTAssertEqual(c, .white) }
        XCTAssertEqual(s.colorCycle.first?.hexString, "#8dd3c7")
        XCTAssertEqual(s.colorCycle.count, 10)
        XCTAssertEqual(s.fontSize, 10)
    }

    func testStyleErrorsCarryCandidates() {
        var s = Style.whitegrid
        XCTAssertThrowsError(try s.set("text.colour", "white")) { e in
            let se = e as! StyleError
            XCTAssertTrue(se.unknownKey)
            XCTAssertTrue(se.candidates.contains("text.color"))
        }
        XCTAssertThrowsError(try s.set("grid.linestyle", "dots")) { e in
            XCTAssertEqual((e as! StyleError).candidates, ["-", "--", ":", "-."])
        }
        XCTAssertNoThrow(try s.set("patch.linewidth", "2"))
        XCTAssertEqual(s.scatterLineWidth, 2)
    }
}

/// Text, canvas and markers as matplotlib 3.11's Agg makes them.
final class MatplotlibRasterTests: XCTestCase {
    func testCanvasIsTruncatedLikeAgg() throws {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 72)
        fig.subplots()
        let png = try PNGCodec.decode(try fig.render(format: .png))
        XCTAssertEqual([png.width, png.height], [460, 345])
        let exact = Figure(width: 9, height: 4, dpi: 100)
        exact.subplots()
        let e = try PNGCodec.decode(try exact.render(format: .png))
        XCTAssertEqual([e.width, e.height], [900, 400])
    }

    func testOneLineTextBoxIsTheTypographicEm() {
        let r = RecordingRenderer(size: Size(width: 100, height: 100))
        let m = r.measureText("1", style: TextStyle(size: 10))
        XCTAssertEqual(m.ascent + m.descent, 10, accuracy: 1e-9, "DejaVu Sans OS/2: 1556 + 492 = 2048 units")
        XCTAssertEqual(m.ascent, 10 * 1556 / 2048, accuracy: 1e-9)
        // Ink beyond the typographic box counts (an accented capital).
        XCTAssertGreaterThan(r.measureText("Å", style: TextStyle(size: 10)).ascent, m.ascent)
    }

    func testOneColourMarkersSitOnWholePixels() throws {
        // A marker at x = 10.3 px is drawn centred on 10 px (floor(x + 0.5)), as Agg's draw_markers does.
        func inkCentre(_ batch: MarkerBatch) throws -> Double {
            let png = try Canvas.render(format: .png, size: Size(width: 20, height: 20), dpi: 72) { $0.drawMarkers(batch) }
            let img = try PNGCodec.decode(png)
            var sum = 0.0, weight = 0.0
            for x in 0..<img.width {
                for y in 0..<img.height {
                    let d = 255 - Double(img.pixel(x: x, y: y).r)
                    sum += d * (Double(x) + 0.5); weight += d
                }
            }
            return sum / weight
        }
        var circle = Path()
        circle.addCircle(center: Point(x: 0, y: 0), radius: 1.5)
        let snapped = try inkCentre(MarkerBatch(shape: circle, positions: [Point(x: 10.3, y: 10.3)], fillColors: [.black]))
        XCTAssertEqual(snapped, 10, accuracy: 0.01)
        // Per-point colours are a path collection in matplotlib: not snapped.
        let free = try inkCentre(MarkerBatch(shape: circle, positions: [Point(x: 10.3, y: 10.3), Point(x: 30, y: 30)], fillColors: [.black, .black]))
        XCTAssertEqual(free, 10.3, accuracy: 0.05)
    }
}

/// Text that cannot fit is reported, not silently cut.
final class FitWarningTests: XCTestCase {
    func testTooLongTextsAreReported() {
        let fig = Figure(width: 4, height: 2.25)
        let ax = fig.subplots()[0][0]
        ax.plot(x: [0, 1], y: [0, 1])
        ax.title = "Customer groups found by K-Means on the synthetic data"
        ax.yLabel = "A very long y label that cannot fit"
        ax.setFontSizes(title: 22, label: 22, tickLabel: 22)
        let w = fig.fitWarnings()
        XCTAssertTrue(w.contains { $0.hasPrefix("title 'Customer groups") && $0.contains("wider than the figure (288 pt)") }, "\(w)")
        XCTAssertTrue(w.contains { $0.hasPrefix("y label 'A very long") && $0.contains("taller than its axes") }, "\(w)")
        XCTAssertEqual(SeedFigures.make("elbow").fitWarnings(), [], "the seed figures fit")
        XCTAssertEqual(SeedFigures.make("iterations").fitWarnings(), [])
    }
}
