import FigureConfig
import Foundation
import Plotting
import XCTest
@testable import Gallery

/// `figure.style`, `context`, `font_scale`, `rc`, `share_limits` and `hide_empty`: decoded, applied,
/// and every mistake reported at its place with a hint.
final class ThemeConfigTests: XCTestCase {
    let base = """
    data:
      blobs: {samples: 60, centers: 3, seed: 1}
    clustering:
      kmeans: {k: 3, seed: 1}

    """

    func spec(_ figure: String) throws -> FigureSpec { try FigureLoader.parse(yaml: base + figure, file: "t.yaml") }

    func testStyleContextFontScaleAndRcMakeTheStyle() throws {
        let s = try spec("""
        figure:
          style: darkgrid
          context: talk
          font_scale: 1.2
          rc: {text.color: white, axes.facecolor: "#1e1e1e", grid.linestyle: "--", axes.prop_cycle: [red, blue]}
        """).figure.style
        XCTAssertEqual(s.fontSize, 18 * 1.2, accuracy: 1e-12)
        XCTAssertEqual(s.axesLineWidth, 1.875)
        XCTAssertEqual(s.textColor, .white)
        XCTAssertEqual(s.axesFaceColor.hexString, "#1e1e1e")
        XCTAssertEqual(s.gridLineStyle, .dashed)
        XCTAssertEqual(s.colorCycle.map(\.hexString), ["#ff0000", "#0000ff"])
        XCTAssertEqual(s.gridColor, .white, "darkgrid")
        let dark = try spec("figure: {style: dark_background}\n").figure.style
        XCTAssertEqual(dark.figureFaceColor, .black)
        // A theme re-resolves the same recipe: a document's style first, the config's rc after.
        let settings = try spec("figure: {style: white, rc: {axes.linewidth: 3}}\n").figure
        let themed = settings.resolvedStyle(style: "dark_background", context: .poster)
        XCTAssertEqual(themed.axesFaceColor, .black)
        XCTAssertEqual(themed.fontSize, 24)
        XCTAssertEqual(themed.axesLineWidth, 3)
    }

    func testMistakesAreLocatedWithHints() {
        let e = loadErrors(base + """
        figure:
          style: drakgrid
          context: tlak
          font_scale: 0
          rc: {text.colour: white, grid.linestyle: dots, axes.facecolor: nocolour, lines.linewidth: wide}
        """)
        XCTAssertEqual(e.count, 7, e.joined(separator: "\n"))
        XCTAssertTrue(e[0] == "t.yaml:6:10: unknown value 'drakgrid' (figure.style); did you mean 'darkgrid'?", e[0])
        XCTAssertTrue(e[1].contains("did you mean 'talk'?"), e[1])
        XCTAssertTrue(e[2] == "t.yaml:8:15: must be positive, got 0 (figure.font_scale)", e[2])
        XCTAssertTrue(e[3] == "t.yaml:9:8: unknown rc key 'text.colour' (figure.rc.text.colour); did you mean 'text.color'?", e[3])
        XCTAssertTrue(e[4].contains("grid.linestyle") && e[4].contains("(figure.rc.grid.linestyle)"), e[4])
        XCTAssertTrue(e[5].contains("'nocolour' is not a colour"), e[5])
        XCTAssertTrue(e[6].contains("'wide' is not a number"), e[6])
    }

    func testIterationFacetsShareLimitsUnlessOptedOut() throws {
        let path = fixture("Fixtures/configs/iterations.yaml")
        let spec = try FigureLoader.load(path: path)
        let data = try FigureData.compute(spec)
        let fig = try FigureBuilder.figure(for: spec, data: data)
        let limits = Set(fig.axes.map { "\($0.viewLimits())" })
        XCTAssertEqual(limits.count, 1, "one set of limits for the 12 iterations")
        let frames = try IterationFigures.figures(try IterationFigures.specs(spec, data: data, path: path, at: spec.data.source.location), data: data)
        XCTAssertEqual(frames.count, 12)
        XCTAssertEqual(Set(frames.map { "\($0.axes[0].viewLimits())" }), limits, "slides and frames: the grid's limits")
        let free = try FigureLoader.load(path: path, overrides: [try Override(parsing: "figure.share_limits=none")])
        let freeFig = try FigureBuilder.figure(for: free, data: data)
        XCTAssertGreaterThan(Set(freeFig.axes.map { "\($0.viewLimits())" }).count, 1, "each iteration autoscaled on its own")
        let xOnly = try FigureLoader.load(path: path, overrides: [try Override(parsing: "figure.share_limits=x")])
        let xFig = try FigureBuilder.figure(for: xOnly, data: data)
        XCTAssertEqual(Set(xFig.axes.map { "\($0.viewLimits().x)" }).count, 1)
    }

    func testEmptyGridCellsAreHidden() throws {
        let path = fixture("Fixtures/configs/iterations.yaml")
        let spec = try FigureLoader.load(path: path, overrides: [try Override(parsing: "clustering.lloyd_trace.iterations=10")])
        let fig = try FigureBuilder.figure(for: spec, data: try FigureData.compute(spec))
        XCTAssertEqual(fig.axes.map(\.isVisible), Array(repeating: true, count: 10) + [false, false])
        let shown = try FigureLoader.load(path: path, overrides: [try Override(parsing: "clustering.lloyd_trace.iterations=10"),
                                                                  try Override(parsing: "figure.hide_empty=false")])
        XCTAssertTrue(try FigureBuilder.figure(for: shown, data: try FigureData.compute(shown)).axes.allSatisfy(\.isVisible))
    }

    func testDocsListEveryRcKey() throws {
        let text = try String(contentsOfFile: fixture("docs/config.md"), encoding: .utf8)
        let section = try XCTUnwrap(text.range(of: "### figure.rc").map { text[$0.upperBound...] })
        let table = section.prefix { _ in true }.components(separatedBy: "\n## ")[0]
        let documented = Set(table.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        XCTAssertEqual(Set(Style.keys).subtracting(documented), [], "rc keys missing from docs/config.md#figurerc")
    }
}
