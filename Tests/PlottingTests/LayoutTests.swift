import Foundation
import XCTest
@testable import Plotting

/// The measured layout: nothing clipped, nothing overlapping a neighbour, for many grids.
final class LayoutTests: XCTestCase {
    func makeGrid(rows: Int, columns: Int, width: Double, height: Double, longLabels: Bool, style: Style = .whitegrid) -> Figure {
        let fig = Figure(width: width, height: height, dpi: 100, style: style)
        let grid = fig.subplots(rows: rows, columns: columns)
        for (r, row) in grid.enumerated() {
            for (c, ax) in row.enumerated() {
                let n = 40
                let xs = (0..<n).map { Double($0) * (r % 2 == 0 ? 1234.5 : 0.01) - 50 }
                let ys = (0..<n).map { sin(Double($0) / 3) * (c % 2 == 0 ? 1e4 : 1) }
                ax.scatter(x: xs, y: ys, label: "points")
                ax.plot(x: xs, y: ys.map { $0 * 0.5 }, label: "half")
                ax.title = longLabels ? "A rather long axes title number \(r * columns + c + 1)" : "T\(r)\(c)"
                ax.xLabel = longLabels ? "Horizontal quantity (units)" : "x"
                ax.yLabel = longLabels ? "Vertical quantity (units)" : "y"
                ax.legend()
            }
        }
        return fig
    }

    func assertNothingClippedOrOverlapping(_ fig: Figure, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let rec = RecordingRenderer(size: fig.size)
        let geo = fig.geometry(using: rec)
        let canvas = Rect(x: 0, y: 0, width: fig.size.width, height: fig.size.height)
        for box in geo.allTexts {
            XCTAssertTrue(canvas.contains(box.rect, tolerance: 0.01), "\(what): \(box.role) '\(box.text)' \(box.rect) leaves the canvas", file: file, line: line)
        }
        for (i, a) in geo.axes.enumerated() {
            let aBoxes = a.texts.map(\.rect) + [a.rect]
            for (j, b) in geo.axes.enumerated() where j != i {
                for t in a.texts {
                    XCTAssertFalse(t.rect.intersects(b.rect), "\(what): \(t.role) '\(t.text)' of axes \(i) overlaps axes \(j)", file: file, line: line)
                    for u in b.texts {
                        XCTAssertFalse(t.rect.intersects(u.rect), "\(what): '\(t.text)' (\(i)) overlaps '\(u.text)' (\(j))", file: file, line: line)
                    }
                }
                _ = aBoxes
            }
            // Within one axes: labels and title do not overlap tick labels or each other.
            let singles = a.texts.filter { [.title, .xLabel, .yLabel].contains($0.role) }
            for s in singles {
                for t in a.texts where t != s {
                    XCTAssertFalse(s.rect.intersects(t.rect), "\(what): '\(s.text)' overlaps '\(t.text)'", file: file, line: line)
                }
                XCTAssertFalse(s.rect.intersects(a.rect), "\(what): '\(s.text)' overlaps its axes", file: file, line: line)
            }
            // Neighbouring tick labels do not collide.
            for role in [TextRole.xTickLabel, .yTickLabel] {
                let ts = a.texts.filter { $0.role == role }
                for k in ts.indices.dropFirst() {
                    XCTAssertFalse(ts[k].rect.intersects(ts[k - 1].rect), "\(what): tick labels '\(ts[k - 1].text)' and '\(ts[k].text)' collide", file: file, line: line)
                }
            }
            if let l = a.legendRect {
                if a.legendLocation?.isOutside == true {
                    XCTAssertTrue(canvas.contains(l, tolerance: 0.01), "\(what): outside legend \(l) leaves the canvas", file: file, line: line)
                    XCTAssertFalse(l.intersects(a.rect), "\(what): outside legend overlaps its axes", file: file, line: line)
                    for t in a.texts {
                        XCTAssertFalse(l.intersects(t.rect), "\(what): outside legend overlaps '\(t.text)'", file: file, line: line)
                    }
                    for (j, b) in geo.axes.enumerated() where j != i {
                        XCTAssertFalse(l.intersects(b.tightBounds), "\(what): legend of axes \(i) overlaps axes \(j)", file: file, line: line)
                    }
                } else {
                    XCTAssertTrue(a.rect.contains(l, tolerance: 0.01), "\(what): legend leaves its axes", file: file, line: line)
                }
            }
            if let s = geo.suptitle {
                XCTAssertFalse(s.rect.intersects(a.tightBounds), "\(what): suptitle overlaps axes \(i)", file: file, line: line)
            }
        }
    }

    /// Legends outside the axes get room from the measured layout, for single axes and grids.
    func testOutsideLegendsGetRoomAndNeverOverlap() {
        for (rows, columns, w, h) in [(1, 1, 6.4, 4.8), (1, 2, 9.0, 4.0), (2, 2, 10.0, 8.0), (2, 3, 12.0, 7.0)] {
            let fig = makeGrid(rows: rows, columns: columns, width: w, height: h, longLabels: true)
            for ax in fig.axes { ax.legend(location: .outsideRight) }
            assertNothingClippedOrOverlapping(fig, "\(rows)×\(columns) outside legends")
            let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
            for a in geo.axes {
                let l = try? XCTUnwrap(a.legendRect)
                XCTAssertEqual(a.legendLocation, .outsideRight)
                // Right of the data area, top-aligned with it.
                XCTAssertGreaterThan(l?.minX ?? 0, a.rect.maxX)
                XCTAssertEqual(l?.minY ?? 0, a.rect.minY, accuracy: 0.01)
            }
            // The room is taken from the axes: narrower than with the legend inside.
            let inside = makeGrid(rows: rows, columns: columns, width: w, height: h, longLabels: true)
            let insideWidth = inside.geometry(using: RecordingRenderer(size: inside.size)).axes[0].rect.width
            XCTAssertLessThan(geo.axes[0].rect.width, insideWidth - 20)
        }
        XCTAssertEqual(LegendLocation(matplotlibName: "outside right upper"), .outsideRight)
        XCTAssertEqual(LegendLocation(matplotlibName: "outside_right"), .outsideRight)
        XCTAssertEqual(LegendLocation(matplotlibName: "outside upper right"), .outsideRight)
        XCTAssertNil(LegendLocation(matplotlibName: "outside left"))
    }

    func testSeedFiguresNeverClipOrOverlap() {
        for name in SeedFigures.names {
            assertNothingClippedOrOverlapping(SeedFigures.make(name), name)
        }
    }

    func testMatplotlibFixedLayoutClipsWhereMatplotlibDoes() {
        // The fixed layout is matplotlib's: at 6.4×4.8 in "Inertia" leaves the canvas, as in elbow.png.
        let fig = SeedFigures.make("elbow", layout: .fixed())
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        let ylabel = geo.axes[0].texts.first { $0.role == .yLabel }!
        XCTAssertLessThan(ylabel.rect.minX, 0)
    }

    func testYLabelLongerThanItsAxesKeepsTheTightLayout() {
        // A short figure with a long 18 pt y label (the k-distance figure on a slide): shrinking the
        // axes cannot make the label fit, so the tight layout must not try (it used to shrink them
        // pass after pass, then give up on the layout and cut the tick labels off).
        let fig = Figure(width: 6.4, height: 2.4)
        fig.layout = .tight()
        let ax = fig.axes()
        ax.plot(x: [0, 1, 2, 3], y: [0.1, 0.2, 0.15, 0.3])
        ax.yLabel = "Distance to the 5th nearest neighbour"
        ax.title = "Sorted 5-distances"
        var style = Style.whitegrid
        style.scaleFonts(by: 1.8)      // every text 18 pt or more, as on a slide
        ax.style = style
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        let label = geo.axes[0].texts.first { $0.role == .yLabel }!
        XCTAssertGreaterThan(label.rect.height, geo.axes[0].rect.height, "the label is longer than the axes")
        XCTAssertGreaterThan(geo.axes[0].rect.height, fig.size.height * 0.4, "the axes keep their height: \(geo.axes[0].rect) label \(label.rect)")
        XCTAssertTrue(fig.fitWarnings().contains { $0.contains("taller than its axes") })
        XCTAssertFalse(fig.fitWarnings().contains { $0.contains("cut off") }, "\(fig.fitWarnings())")
    }

    func testManyGridsNeverClipOrOverlap() {
        for (r, c, w, h) in [(1, 1, 6.4, 4.8), (4, 3, 12.0, 16.0), (2, 2, 8.0, 6.0), (1, 3, 12.0, 3.5), (3, 1, 5.0, 10.0), (2, 4, 14.0, 6.0)] {
            for long in [false, true] {
                for style in [Style.whitegrid, .classic] {
                    let fig = makeGrid(rows: r, columns: c, width: w, height: h, longLabels: long, style: style)
                    fig.suptitle = long ? "A figure title above every subplot" : nil
                    assertNothingClippedOrOverlapping(fig, "\(r)×\(c) long=\(long)")
                }
            }
        }
    }

    func testGridFontSizesAndRecordedText() {
        let fig = SeedFigures.make("iterations")
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        let texts = rec.texts
        XCTAssertEqual(texts.filter { $0.text.hasPrefix("Iteration") }.map(\.style.size), Array(repeating: 8, count: 12))
        XCTAssertEqual(Set(texts.filter { $0.text == "x1" }.map(\.style.size)), [8])
        XCTAssertEqual(Set(texts.filter { $0.text.hasPrefix("Cluster") }.map(\.style.size)), [6])
        XCTAssertEqual(Set(texts.filter { $0.text == "\u{2212}10" }.map(\.style.size)), [6])
        XCTAssertEqual(Set(texts.map(\.style.color.hexString)), ["#262626"])
        // y labels are rotated.
        if case .text(_, _, _, _, _, let rot, _)? = rec.calls.first(where: { if case .text("x2", _, _, _, _, _, _) = $0 { return true }; return false }) {
            XCTAssertEqual(rot, 90)
        } else { XCTFail("no x2 label") }
    }

    func testWhitegridDrawsGridBehindDataAndLightSpinesWithoutTicks() {
        let fig = SeedFigures.make("segmentation")
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        var sawGrid = false, sawMarkers = false, spinesAfterMarkers = 0
        for call in rec.calls {
            switch call {
            case .path(_, _, let stroke?) where stroke.color == .grey(0.8) && stroke.width == 1:
                XCTAssertFalse(sawMarkers, "grid drawn over the data"); sawGrid = true
                XCTAssertTrue(stroke.snapsToPixels)
            case .markers: sawMarkers = true
            case .path(_, _, let stroke?) where stroke.width == 1.25:
                XCTAssertEqual(stroke.color.hexString, "#cccccc"); spinesAfterMarkers += sawMarkers ? 1 : 0
            default: break
            }
        }
        XCTAssertTrue(sawGrid && sawMarkers)
        XCTAssertEqual(spinesAfterMarkers, 4)
        // Markers: s = 36 circles (diameter 6 pt) with a 1 pt edge in the face colour, Accent colours.
        let batch = rec.markerBatches[0]
        XCTAssertEqual(batch.shape.controlBounds!.width, 6, accuracy: 1e-9)
        XCTAssertEqual(batch.edgeWidth, 1)
        XCTAssertEqual(Set(batch.fillColors.map(\.hexString)), ["#7fc97f", "#fdc086", "#f0027f", "#666666"])
        XCTAssertEqual(batch.fillColors, batch.edgeColors)
    }

    func testClassicStyleDrawsTickMarks() {
        let fig = Figure(width: 4, height: 3, style: .classic)
        fig.axes().plot(x: [0, 1, 2], y: [1, 3, 2])
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        let ticks = rec.calls.contains { if case .path(_, _, let s?) = $0 { return s.width == 0.8 && s.color == .black && s.snapsToPixels }; return false }
        XCTAssertTrue(ticks)
    }

    func testEmbeddedDrawingScalesIntoRect() {
        let fig = SeedFigures.make("elbow")
        let rec = RecordingRenderer(size: Size(width: 595, height: 842))
        fig.draw(into: rec, in: Rect(x: 50, y: 100, width: 230.4, height: 500))
        for t in rec.texts {
            XCTAssertTrue(Rect(x: 50, y: 100 + (500 - 172.8) / 2, width: 230.4, height: 172.8).contains(t.bounds, tolerance: 0.5), "\(t.text) \(t.bounds)")
        }
    }
}

extension LayoutTests {
    /// Annotations: the text sits `offset` points from its data point, the arrow ends just short of
    /// the point, notes outside the view are dropped, and a note pushed past the axes gets room.
    func testAnnotationsArePlacedAndKeptInsideTheCanvas() throws {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100)
        let ax = fig.subplots(rows: 1, columns: 1)[0][0]
        ax.plot(x: [0, 1, 2, 3], y: [10, 4, 2, 1.5])
        ax.title = "Annotated"
        ax.annotate("steep", x: 1, y: 4, offset: (30, 40), arrow: true)
        ax.annotate("a note far to the right of the last point", x: 3, y: 1.5, offset: (20, 0))
        ax.annotate("never drawn", x: 50, y: 50)
        let painter = FigurePainter(figure: fig, renderer: RecordingRenderer(size: fig.size))
        let p = try XCTUnwrap(painter.layoutPlans().first)
        let notes = p.texts.filter { $0.role == .annotation }
        XCTAssertEqual(notes.map(\.text), ["steep", "a note far to the right of the last point"])
        // Anchored at the offset (left/bottom-aligned for a text up and to the right).
        XCTAssertEqual(notes[0].at.x, p.px(1) + 30, accuracy: 1e-9)
        XCTAssertEqual(notes[0].at.y, p.py(4) - 40, accuracy: 1e-9)
        XCTAssertEqual(notes[0].rect.minX, p.px(1) + 30, accuracy: 0.5)
        // One arrow (the second note has none), ending 3 pt short of the point.
        XCTAssertEqual(p.arrows.count, 1)
        let end = p.arrows[0].to
        let gap = ((end.x - p.px(1)) * (end.x - p.px(1)) + (end.y - p.py(4)) * (end.y - p.py(4))).squareRoot()
        XCTAssertEqual(gap, 3, accuracy: 1e-9)
        // It starts 2 pt outside the text box, on the side facing the point.
        let start = p.arrows[0].from
        XCTAssertLessThanOrEqual(start.y, notes[0].rect.maxY + 2.01)
        XCTAssertGreaterThan(start.y, notes[0].rect.maxY)
        // The long note leaves the data area; the layout keeps it on the canvas.
        XCTAssertGreaterThan(notes[1].rect.maxX, p.rect.maxX)
        assertNothingClippedOrOverlapping(fig, "annotations")
        XCTAssertNotNil(try? fig.render(format: .png))
    }
}

extension LayoutTests {
    /// A colorbar: beside the data area, as tall as it, ticks within the value range, bands from the
    /// colormap's first colour (bottom) to its last (top), room made by the layout, an outside
    /// legend placed beyond it; no colorbar without a value-mapped scatter.
    func testColorbarLayoutAndBands() throws {
        for columns in [1, 2] {
            let fig = Figure(width: 4.5 * Double(columns), height: 4, dpi: 100)
            for ax in fig.subplots(rows: 1, columns: columns)[0] {
                let xs = (0..<50).map { Double($0) }
                ax.scatter(x: xs, y: xs.map { $0 * $0 }, values: xs.map { $0 / 7 }, colormap: .viridis, label: "points")
                ax.title = "Coloured by value"; ax.xLabel = "x"; ax.yLabel = "y"
                ax.colorbar(label: "value")
                ax.legend(location: .outsideRight)
            }
            assertNothingClippedOrOverlapping(fig, "\(columns) colorbar axes")
            let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
            for a in geo.axes {
                let bar = try XCTUnwrap(a.colorbarRect)
                XCTAssertGreaterThan(bar.minX, a.rect.maxX)
                XCTAssertEqual(bar.minY, a.rect.minY, accuracy: 1e-9)
                XCTAssertEqual(bar.height, a.rect.height, accuracy: 1e-9)
                let ticks = a.texts.filter { $0.role == .colorbarTickLabel }
                XCTAssertGreaterThanOrEqual(ticks.count, 3)
                XCTAssertEqual(ticks.first?.text, "0")
                XCTAssertTrue(ticks.allSatisfy { $0.rect.minX > bar.maxX })
                let label = try XCTUnwrap(a.texts.first { $0.role == .colorbarLabel })
                XCTAssertGreaterThan(label.rect.minX, ticks.map(\.rect.maxX).max()!)
                // The outside legend sits beyond the colorbar's texts.
                XCTAssertGreaterThan(try XCTUnwrap(a.legendRect).minX, label.rect.maxX)
            }
        }
        // Bands: 256 viridis fills, bottom first.
        let fig = Figure(width: 5, height: 4, dpi: 100)
        let ax = fig.subplots(rows: 1, columns: 1)[0][0]
        ax.scatter(x: [0, 1, 2], y: [0, 1, 2], values: [0, 1, 2], colormap: .viridis)
        ax.colorbar()
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        let fills: [(Rect, Color)] = rec.calls.compactMap {
            if case let .path(path, fill?, nil) = $0, let b = path.controlBounds, b.width < 30, b.height < 5 { return (b, fill) }
            return nil
        }
        let bands = fills.filter { f in Colormap.viridis.colors.contains(f.1) }
        XCTAssertEqual(bands.count, 256)
        XCTAssertEqual(bands.first?.1, Colormap.viridis.colors.first)
        XCTAssertEqual(bands.last?.1, Colormap.viridis.colors.last)
        XCTAssertGreaterThan(bands.first!.0.minY, bands.last!.0.minY)
        // Without a value-mapped scatter there is nothing to show.
        let plain = Figure(width: 5, height: 4, dpi: 100)
        let pax = plain.subplots(rows: 1, columns: 1)[0][0]
        pax.scatter(x: [0, 1], y: [0, 1])
        pax.colorbar()
        XCTAssertNil(plain.geometry(using: RecordingRenderer(size: plain.size)).axes[0].colorbarRect)
    }
}
