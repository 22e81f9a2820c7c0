import Foundation
import XCTest
@testable import Plotting

final class StyleAndMarkerTests: XCTestCase {
    func testColourStrings() {
        XCTAssertEqual(Color(name: "red")?.hexString, "#ff0000")
        XCTAssertEqual(Color(name: "green")?.hexString, "#008000")
        XCTAssertEqual(Color(name: "SteelBlue")?.hexString, "#4682b4")
        XCTAssertEqual(Color(name: "rebeccapurple")?.hexString, "#663399")
        XCTAssertEqual(Color(name: ".8")?.hexString, "#cccccc")
        XCTAssertEqual(Color(name: "0.15")?.hexString, "#262626")
        XCTAssertEqual(Color(name: "C0")?.hexString, "#1f77b4")
        XCTAssertEqual(Style.whitegrid.color("C1")?.hexString, "#dd8452")
        XCTAssertEqual(Color(name: "tab:orange")?.hexString, "#ff7f0e")
        XCTAssertEqual(Color(name: "k")?.hexString, "#000000")
        XCTAssertEqual(Color(name: "#ff000080")?.alpha ?? 0, 128.0 / 255, accuracy: 1e-12)
        XCTAssertEqual(Color(name: "none")?.alpha, 0)
        XCTAssertNil(Color(name: "notacolour"))
        XCTAssertNil(Color(name: "1.5"))
        XCTAssertNil(Color(name: "-0.2"))
        XCTAssertEqual(Color.cssColors.count, 148)
    }

    func testListedColormapIndexing() {
        XCTAssertEqual(Colormap.accent.colors(for: [0, 1, 2, 3]).map(\.hexString), ["#7fc97f", "#fdc086", "#f0027f", "#666666"])
        XCTAssertEqual(Colormap.set2.colors(for: [0, 1, 2]).map(\.hexString), ["#66c2a5", "#a6d854", "#b3b3b3"])
        XCTAssertEqual(Colormap.tab10.colors(for: Array(0...9).map(Double.init)).map(\.hexString),
                       ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"])
        XCTAssertEqual(Colormap.set1.count, 9)
        XCTAssertEqual(Colormap.paired.count, 12)
        XCTAssertEqual(Colormap.deep.colors.map(\.hexString), ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd"])
        // Out of range values clip; equal vmin/vmax maps everything to the first colour.
        XCTAssertEqual(Colormap.accent(-0.5).hexString, "#7fc97f")
        XCTAssertEqual(Colormap.accent(7).hexString, "#666666")
        XCTAssertEqual(Colormap.accent.colors(for: [5, 5]).map(\.hexString), ["#7fc97f", "#7fc97f"])
        XCTAssertEqual(Colormap.accent(.nan).alpha, 0)
        XCTAssertEqual(Colormap.named("Accent_r")?.colors.first?.hexString, "#666666")
        XCTAssertEqual(Colormap.named("set2"), Colormap.set2)
    }

    func testViridisIsMatplotlibs() {
        let v = Colormap.viridis
        XCTAssertEqual(v.count, 256)
        XCTAssertEqual(v.colors[0], Color(red: 0.267004, green: 0.004874, blue: 0.329415))
        XCTAssertEqual(v.colors[128], Color(red: 0.127568, green: 0.566949, blue: 0.550556))
        XCTAssertEqual(v.colors[255], Color(red: 0.993248, green: 0.906157, blue: 0.143936))
        XCTAssertEqual(v.colors(for: [0, 1, 2, 3], vmin: 0, vmax: 3).map(\.hexString), ["#440154", "#31688e", "#35b779", "#fde725"])
    }

    func testMarkerGeometryFollowsMatplotlib() {
        func bounds(_ m: Marker, _ s: Double) -> Rect { m.path(size: s).controlBounds! }
        XCTAssertEqual(Marker.circle.path(area: 36).controlBounds!.width, 6, accuracy: 1e-12)  // 'o' diameter = sqrt(s)
        XCTAssertEqual(Marker.circle.path(area: 20).controlBounds!.width, 20.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(bounds(.point, 6).width, 3, accuracy: 1e-12)
        XCTAssertEqual(bounds(.square, 6).width, 6, accuracy: 1e-12)
        XCTAssertEqual(bounds(.diamond, 6).width, 6 * 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(bounds(.triangleUp, 6), Rect(x: -3, y: -3, width: 6, height: 6))
        XCTAssertEqual(bounds(.x, 10), Rect(x: -5, y: -5, width: 10, height: 10))
        XCTAssertEqual(bounds(.plus, 10), Rect(x: -5, y: -5, width: 10, height: 10))
        XCTAssertEqual(bounds(.star, 10).height, 5 + 5 * cos(.pi / 5), accuracy: 1e-9)
        XCTAssertFalse(Marker.x.isFilled)
        XCTAssertFalse(Marker.plus.isFilled)
        XCTAssertTrue(Marker.allCases.filter { $0 != .x && $0 != .plus }.allSatisfy(\.isFilled))
        XCTAssertEqual(Marker(symbol: "^"), .triangleUp)
        XCTAssertEqual(Marker(symbol: "triangle_down"), .triangleDown)
        // Triangle up points up (y grows downwards).
        let tri = Marker.triangleUp.path(size: 6)
        if case .move(let apex) = tri.elements[0] { XCTAssertEqual(apex.y, -3) } else { XCTFail() }
    }

    func testLineStylesScaleWithWidth() {
        XCTAssertEqual(LineStyle.dashed.dashes(lineWidth: 2), [7.4, 3.2])
        XCTAssertEqual(LineStyle.dotted.dashes(lineWidth: 1.5), [1.5, 2.4749999999999996])
        XCTAssertEqual(LineStyle.dashDot.dashes(lineWidth: 1), [6.4, 1.6, 1, 1.6])
        XCTAssertEqual(LineStyle.solid.dashes(lineWidth: 3), [])
        XCTAssertEqual(LineStyle(matplotlibName: "--"), .dashed)
        XCTAssertEqual(LineStyle(matplotlibName: "-."), .dashDot)
    }

    func testStyleOverridesPerAxesAndSeries() {
        let fig = Figure(width: 6, height: 4, style: .whitegrid)
        let grid = fig.subplots(rows: 1, columns: 2)
        grid[0][1].updateStyle { $0.grid = false; $0.axesEdgeColor = .black }
        XCTAssertTrue(grid[0][0].effectiveStyle.grid)
        XCTAssertFalse(grid[0][1].effectiveStyle.grid)
        let s1 = grid[0][0].scatter(x: [1], y: [1])
        let s2 = grid[0][0].scatter(x: [1], y: [1])
        let l1 = grid[0][0].plot(x: [1, 2], y: [1, 2])
        XCTAssertEqual(s1.color, .cycle(0)); XCTAssertEqual(s2.color, .cycle(1)); XCTAssertEqual(l1.color, .cycle(0))
        XCTAssertEqual(Style.named("whitegrid"), .whitegrid)
        XCTAssertEqual(LegendLocation(matplotlibName: "upper left"), .upperLeft)
        XCTAssertEqual(LegendLocation(matplotlibName: "lower_right"), .lowerRight)
    }

    func testPNGSizeIsInchesTimesDPI() throws {
        let fig = Figure(width: 9, height: 4, dpi: 100)
        fig.axes().plot(x: [1, 2, 3], y: [3, 1, 2], lineStyle: .dashed, marker: .diamond, label: "d")
        let img = try PNGCodec.decode(try fig.render(format: .png))
        XCTAssertEqual(img.width, 900); XCTAssertEqual(img.height, 400); XCTAssertEqual(img.dpi, 100)
        fig.dpi = 200
        let big = try PNGCodec.decode(try fig.render(format: .png))
        XCTAssertEqual(big.width, 1800); XCTAssertEqual(big.height, 800)
        let pdf = String(decoding: try fig.render(format: .pdf), as: UTF8.self)
        XCTAssertTrue(pdf.contains("/MediaBox [ 0 0 648 288 ]"), "PDF page is 9×4 in")
        let svg = String(decoding: try fig.render(format: .svg), as: UTF8.self)
        XCTAssertTrue(svg.contains("width=\"648pt\""))
    }
}

final class StyleKeyTests: XCTestCase {
    func testSetByRcParamsName() throws {
        var s = Style.whitegrid
        try s.set("axes.edgecolor", "black")
        try s.set("grid.linewidth", "0.5")
        try s.set("axes.grid", "false")
        try s.set("axes.prop_cycle", "tab10")
        try s.set("legend.loc", "upper left")
        try s.set("axes.titlesize", "8")
        try s.set("figure.layout", "fixed")
        XCTAssertEqual(s.axesEdgeColor, .black)
        XCTAssertEqual(s.gridLineWidth, 0.5)
        XCTAssertFalse(s.grid)
        XCTAssertEqual(s.colorCycle, Colormap.tab10.colors)
        XCTAssertEqual(s.legendLocation, .upperLeft)
        XCTAssertEqual(s.titleSize, 8)
        XCTAssertEqual(s.layout, .fixed())
        try s.set("axes.prop_cycle", "red, #00ff00, C0")
        XCTAssertEqual(s.colorCycle.map(\.hexString), ["#ff0000", "#00ff00", "#1f77b4"])
        XCTAssertThrowsError(try s.set("axes.edgecolour", "red")) { XCTAssertTrue("\($0)".contains("axes.edgecolour")) }
        XCTAssertThrowsError(try s.set("grid.linewidth", "wide")) { XCTAssertTrue("\($0)".contains("grid.linewidth")) }
        XCTAssertThrowsError(try s.set("grid.linewidth", "-1"))
        XCTAssertThrowsError(try s.set("axes.facecolor", "nocolour"))
        XCTAssertGreaterThan(Style.keys.count, 50)
    }
}

final class FigureOutputTests: XCTestCase {
    func testSaveChoosesFormatAndHonoursPNGOptions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cp-figure-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fig = SeedFigures.make("elbow")
        for ext in ["png", "pdf", "svg"] { try fig.save(to: dir.appendingPathComponent("e.\(ext)")) }
        XCTAssertEqual(Array(try Data(contentsOf: dir.appendingPathComponent("e.png")).prefix(4)), [0x89, 0x50, 0x4e, 0x47])
        XCTAssertTrue(String(decoding: try Data(contentsOf: dir.appendingPathComponent("e.pdf")).prefix(5), as: UTF8.self) == "%PDF-")
        try fig.save(to: dir.appendingPathComponent("e.bin"), format: .svg)
        XCTAssertTrue(String(decoding: try Data(contentsOf: dir.appendingPathComponent("e.bin")), as: UTF8.self).contains("<svg"))
        XCTAssertThrowsError(try fig.save(to: dir.appendingPathComponent("e.bmp")))
        XCTAssertThrowsError(try fig.save(to: dir.appendingPathComponent("missing/e.png")))
        let level6 = try fig.render(format: .png)
        fig.pngOptions = PNGCodec.Options(compressionLevel: 0)
        let level0 = try fig.render(format: .png)
        XCTAssertGreaterThan(level0.count, level6.count)
        XCTAssertEqual(try PNGCodec.decode(level0).pixels, try PNGCodec.decode(level6).pixels)
        // Deterministic: the same figure twice gives the same bytes, in every format.
        for f in OutputFormat.allCases { XCTAssertEqual(try fig.render(format: f), try fig.render(format: f)) }
    }
}
