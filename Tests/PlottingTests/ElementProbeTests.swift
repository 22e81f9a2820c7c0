import Foundation
import XCTest
@testable import Plotting

/// Each element's data limits, sticky edges and defaults against matplotlib's for the same call
/// (`probes` in `Fixtures/reference/elements.json`, from `scripts/make_element_reference.py`).
final class ElementProbeTests: XCTestCase {
    static var probes: [String: Any] { TestFixtures.json("elements.json")["probes"] as! [String: Any] }

    func axes() -> Axes { Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic).subplots()[0][0] }

    /// The axes' view limits equal matplotlib's for probe `name`.
    func assertLimits(_ ax: Axes, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let p = try XCTUnwrap(Self.probes[name] as? [String: [Double]], name, file: file, line: line)
        let v = ax.viewLimits()
        for (got, want, axis) in [(v.x, p["x"]!, "x"), (v.y, p["y"]!, "y")] {
            XCTAssertEqual(got.lowerBound, want[0], accuracy: 1e-12, "\(name) \(axis) low", file: file, line: line)
            XCTAssertEqual(got.upperBound, want[1], accuracy: 1e-12, "\(name) \(axis) high", file: file, line: line)
        }
    }

    // MARK: bar, barh

    func testBarLimitsAndStickyBaselines() throws {
        var ax = axes(); ax.bar(x: [0, 1, 2], height: [3, 5, 2]); try assertLimits(ax, "bar")
        ax = axes(); ax.bar(x: [0, 1, 2], height: [3, 5, 2], bottom: 1); try assertLimits(ax, "bar_bottom")
        ax = axes(); ax.bar(x: [0, 1, 2], height: [3, -5, 2]); try assertLimits(ax, "bar_negative")
        ax = axes(); ax.bar(x: [0, 1, 2], height: [3, 5, 2], width: 0.5); try assertLimits(ax, "bar_width")
        ax = axes(); ax.bar(x: [0, 1, 2], height: [3, 5, 2], align: .edge); try assertLimits(ax, "bar_edge")
        ax = axes(); ax.barh(y: [0, 1, 2], width: [3, 5, 2]); try assertLimits(ax, "barh")
        ax = axes(); ax.barh(y: [0, 1, 2], width: [3, 5, 2], height: 0.5, left: -1); try assertLimits(ax, "barh_left")
        let b = ax.bar(x: [0, 1], height: [1, 2], bottoms: [0.5, -1])
        XCTAssertEqual(b.stickyEdges, StickyEdges(y: [0.5, -1]))
        XCTAssertEqual(ax.barh(y: [0], width: [1], left: 2).stickyEdges, StickyEdges(x: [2]))
    }

    func testBarGeometryColoursAndTickLabels() throws {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        let ax = fig.subplots()[0][0]
        let red = Color(name: "red")!, blue = Color(name: "blue")!
        let bars = ax.bar(x: [0, 1, 2, 3], height: [1, 2, 3, 4], widths: [0.5, 0.5, 1, 1], colors: [red, blue, red, blue],
                          edgeColor: .black, edgeWidth: 2, alpha: 0.5, tickLabels: ["a", "b", "c", "d"], label: "bars")
        XCTAssertEqual(bars.extent(2).across.0, 1.5)
        XCTAssertEqual(bars.extent(2).along.1, 3)
        XCTAssertEqual(ax.xTicks, [0, 1, 2, 3])
        ax.legend()
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        // One path per face colour (first seen first), stroked with the edge; alpha on both.
        let clipped = clippedCalls(rec)
        XCTAssertEqual(clipped.count, 2)
        guard case .path(let p0, let f0, let s0) = clipped[0], case .path(let p1, let f1, _) = clipped[1] else { return XCTFail() }
        XCTAssertEqual(f0, red.withAlpha(0.5))
        XCTAssertEqual(f1, blue.withAlpha(0.5))
        XCTAssertEqual(s0?.color, Color.black.withAlpha(0.5))
        XCTAssertEqual(s0?.width, 2)
        XCTAssertEqual(s0?.snapsToPixels, true)
        XCTAssertEqual(p0.elements.count, 10)
        XCTAssertEqual(p1.elements.count, 10)
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        XCTAssertEqual(geo.axes[0].xTicks.visible.map(\.label), ["a", "b", "c", "d"])
        XCTAssertEqual(geo.axes[0].legendTexts.map(\.text), ["bars"])
    }

    /// 10⁵ bars of one colour are one renderer call; two colours, two.
    func testManyBarsDrawInOneCallPerColour() {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        let ax = fig.subplots()[0][0]
        let n = 100_000
        let x = (0..<n).map(Double.init)
        ax.bar(x: x, height: x.map { sin($0) + 1.5 })
        ax.bar(x: x, height: x.map { cos($0) }, colors: (0..<n).map { $0 % 2 == 0 ? Color.black : Color.white })
        let segs = (0..<n).map { i -> [(x: Double, y: Double)] in [(Double(i), 0), (Double(i), 1)] }
        ax.lineCollection(segs, colors: (0..<n).map { $0 % 3 == 0 ? Color.black : Color(name: "red")! })
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        XCTAssertEqual(clippedCalls(rec).count, 1 + 2 + 2)
    }

    /// The invisible stroke that snaps unstroked bars to pixels leaves vector output byte-identical
    /// to a plain fill (Cairo draws nothing for a clear source).
    func testSnappingStrokeLeavesNoTraceInVectorOutput() throws {
        for format in [OutputFormat.pdf, .svg] {
            func render(_ stroke: StrokeStyle?) throws -> [UInt8] {
                try Canvas.render(format: format, size: Size(width: 100, height: 100)) { r in
                    var p = Path(); p.addRect(Rect(x: 10.3, y: 10.6, width: 50.2, height: 40.1))
                    r.drawPath(p, fill: .black, stroke: stroke)
                }
            }
            final class Ratio: Renderer {
                let size = Size(width: 1, height: 1), pixelsPerPoint = 1.0
                func drawPath(_ path: Path, fill: Color?, stroke: StrokeStyle?) {}
                func drawMarkers(_ batch: MarkerBatch) {}
                func drawText(_ text: String, at position: Point, style: TextStyle, horizontal: HorizontalAlignment,
                              vertical: VerticalAlignment, rotation: Double) {}
                func measureText(_ text: String, style: TextStyle) -> TextMetrics { TextMetrics(width: 0, ascent: 0, descent: 0) }
                func withClip(_ rect: Rect, _ body: () -> Void) { body() }
            }
            XCTAssertEqual(try render(nil), try render(PatchPaint.snappingStroke(Ratio())), "\(format)")
        }
    }

    // MARK: hist

    /// numpy's histograms, decoded exactly (JSONSerialization rounds some doubles).
    struct NumpyHistogram: Decodable { var counts: [Double]; var edges: [Double]; var values: [Double]? }
    struct HistogramProbes: Decodable { var probes: Probes; struct Probes: Decodable { var hist: [String: NumpyHistogram] } }

    /// Counts and edges equal numpy's bit for bit.
    func testHistogramMatchesNumpy() throws {
        let data = try Data(contentsOf: TestFixtures.reference.appendingPathComponent("elements.json"))
        let h = try JSONDecoder().decode(HistogramProbes.self, from: data).probes.hist
        let values = [1, 2, 2, 3, 3, 3, 4, 4, 5, 9.5]
        func check(_ got: Histogram?, _ name: String) throws {
            let got = try XCTUnwrap(got, name)
            let want = try XCTUnwrap(h[name])
            XCTAssertEqual(got.counts, want.counts, name)
            XCTAssertEqual(got.edges.map(\.bitPattern), want.edges.map(\.bitPattern), name)
        }
        try check(Histogram.compute(values, bins: .count(4)), "count4")
        try check(Histogram.compute(values, bins: .edges([0, 2, 5, 10]), density: true), "edges_density")
        try check(Histogram.compute(values, bins: .count(5), range: 0...5), "count5_range")
        let g = (0..<1000).map(ElementFigures.gauss)
        try check(Histogram.compute(g, bins: .count(10)), "gauss10")
        try check(Histogram.compute(g, bins: .count(20), range: -1...1), "gauss20_range")
        try check(Histogram.compute(g, bins: .edges([-3, -1, 0, 0.5, 1, 3])), "gauss_edges")
        let onEdges = try XCTUnwrap(h["edge_values7"]?.values)
        try check(Histogram.compute(onEdges, bins: .count(7)), "edge_values7")
        // numpy's special cases and refusals.
        XCTAssertEqual(Histogram.compute([2, 2], bins: .count(2))?.edges, [1.5, 2, 2.5])
        XCTAssertEqual(Histogram.compute([], bins: .count(2))?.edges, [0, 0.5, 1])
        XCTAssertEqual(Histogram.compute([1, .nan, 2], bins: .count(1))?.counts, [2])
        XCTAssertNil(Histogram.compute([1], bins: .count(0)))
        XCTAssertNil(Histogram.compute([1], bins: .edges([2, 1])))
        XCTAssertNil(Histogram.compute([1], bins: .edges([1])))
    }

    func testHistBarsStickToZero() throws {
        let h = try XCTUnwrap(Self.probes["hist"] as? [String: [String: Any]])
        let values = [1, 2, 2, 3, 3, 3, 4, 4, 5, 9.5]
        for (name, bins, range, density) in [("count4", HistogramBins.count(4), nil as ClosedRange<Double>?, false),
                                             ("edges_density", .edges([0, 2, 5, 10]), nil, true),
                                             ("count5_range", .count(5), 0...5, false)] {
            let ax = axes()
            let r = try XCTUnwrap(ax.hist(values, bins: bins, range: range, density: density))
            XCTAssertEqual(r.counts, h[name]?["counts"] as? [Double])
            XCTAssertEqual(r.bars.count, r.counts.count)
            let want = try XCTUnwrap(h[name]?["limits"] as? [String: [Double]])
            let v = ax.viewLimits()
            XCTAssertEqual(v.x.lowerBound, want["x"]![0], accuracy: 1e-12, name)
            XCTAssertEqual(v.x.upperBound, want["x"]![1], accuracy: 1e-12, name)
            XCTAssertEqual(v.y.lowerBound, 0, name)
            XCTAssertEqual(v.y.upperBound, want["y"]![1], accuracy: 1e-12, name)
        }
        // Each bar spans its bin exactly; rwidth narrows them about the bin centre.
        let ax = axes()
        let r = try XCTUnwrap(ax.hist([0, 1, 2, 3], bins: .count(3), rwidth: 0.5, orientation: .horizontal))
        XCTAssertEqual(r.bars.orientation, .horizontal)
        XCTAssertEqual(r.bars.extent(0).across.0, 0.25, accuracy: 1e-12)
        XCTAssertEqual(r.bars.extent(0).across.1, 0.75, accuracy: 1e-12)
        XCTAssertNil(ax.hist([1], bins: .count(0)))
        XCTAssertEqual(ax.elements.count, 1)
    }

    // MARK: fills

    func testFillBetweenLimitsHaveNoStickyEdges() throws {
        var ax = axes(); ax.fillBetween(x: [0, 1, 2], y1: [1, 2, 1]); try assertLimits(ax, "fill_between")
        ax = axes(); ax.fillBetween(x: [0, 1, 2], y1: [1, 2, 1], y2: [0.5, 0.5, 0.2]); try assertLimits(ax, "fill_between_y2")
        ax = axes()
        let f = ax.fillBetweenX(y: (10..<20).map(Double.init), x1: [0], x2: ElementFigures.linspace(0.1, 0.8, 10))
        try assertLimits(ax, "fill_betweenx")
        XCTAssertEqual(f.stickyEdges, .none)
        XCTAssertEqual(f.direction, .y)
    }

    func testFillBetweenPolygonsFollowMatplotlibsVertexOrder() throws {
        let ax = axes()
        let f = ax.fillBetween(x: [0, 1, 2, 3, 4], y1: [1, 2, .nan, 2, 1], y2: [0], where: [true, true, true, true, false])
        let polys = f.polygons()
        // The NaN and the unselected point split the points into runs [0, 1] and [3].
        XCTAssertEqual(polys.count, 2)
        XCTAssertEqual(polys[0].map(\.x), [0, 0, 1, 1, 1, 0])
        XCTAssertEqual(polys[0].map(\.y), [0, 1, 2, 0, 0, 0])
        XCTAssertEqual(polys[1].map(\.x), [3, 3, 3, 3])
        XCTAssertEqual(ax.axisDataLimits().x, 0...3)
        XCTAssertEqual(ax.axisDataLimits().y, 0...2)
        // fill_betweenx swaps the roles: t is y.
        let g = ax.fillBetweenX(y: [5, 6], x1: [1, 2], x2: [0, 0])
        XCTAssertEqual(g.polygons()[0].map(\.x), [0, 1, 2, 0, 0, 0])
        XCTAssertEqual(g.polygons()[0].map(\.y), [5, 5, 6, 6, 6, 5])
    }

    func testFillColourEdgeAndLegendHandle() throws {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .whitegrid)
        let ax = fig.subplots()[0][0]
        let c = Color(name: "tab:green")!
        // color= paints the edge too (matplotlib's Collection.set_color); edgeColor .clear removes it.
        let f = ax.fillBetween(x: [0, 1], y1: [1, 2], color: c, alpha: 0.3, label: "band")
        XCTAssertEqual(f.edgeColor, c)
        XCTAssertNil(ax.fillBetween(x: [0, 1], y1: [1, 2], color: c, edgeColor: .clear).edgeStroke())
        XCTAssertNil(ax.fillBetween(x: [0, 1], y1: [1, 2]).edgeColor)
        ax.legend()
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        let first = clippedCalls(rec)[0]
        guard case .path(let p, let fill, let stroke) = first else { return XCTFail() }
        XCTAssertEqual(fill, c.withAlpha(0.3))
        XCTAssertEqual(stroke?.color, c.withAlpha(0.3))
        XCTAssertEqual(stroke?.join, .round)
        XCTAssertEqual(p.elements.count, 6 + 1)
        let legend = try XCTUnwrap(fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0].legendRect)
        XCTAssertTrue(rec.calls.contains { call in
            guard case .path(let hp, c.withAlpha(0.3), _) = call, let b = hp.controlBounds else { return false }
            return legend.contains(b)
        })
    }

    // MARK: LineCollection

    func testLineCollectionLimitsColoursAndHandle() throws {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        let ax = fig.subplots()[0][0]
        let lc = ax.lineCollection([[(0, 0), (1, 2)], [(3, 1), (4, -1), (5, 0)]])
        try assertLimits(ax, "line_collection")
        let colors = try XCTUnwrap(Self.probes["colors"] as? [String: Any])
        XCTAssertEqual(lc.color, .cycle(0))  // matplotlib: lines.color C0 = #1f77b4
        XCTAssertEqual(Style.classic.colorCycle[0].hexString, colors["line_collection"] as? String)
        XCTAssertEqual(Style.classic.lineWidth, colors["line_collection_width"] as? Double)
        // Rectilinear collections snap to pixels, others do not; butt caps, round joins.
        let rec = RecordingRenderer(size: fig.size)
        let u = ax.lineCollection([[(0, 0), (0, 1), (1, 1), (1, 0)]], color: .black, lineStyle: .dashed, label: "U")
        ax.legend()
        fig.draw(into: rec)
        let strokes = clippedCalls(rec).compactMap { c -> StrokeStyle? in if case .path(_, nil, let s) = c { return s }; return nil }
        XCTAssertEqual(strokes.map(\.snapsToPixels), [false, true])
        XCTAssertEqual(strokes[1].cap, .butt)
        XCTAssertEqual(strokes[1].join, .round)
        XCTAssertEqual(strokes[1].dash, LineStyle.dashed.dashes(lineWidth: Style.classic.lineWidth))
        XCTAssertEqual(u.label, "U")
        // No legend obstacles (matplotlib's best location ignores a LineCollection).
        XCTAssertTrue(u.legendObstacles(in: AxesContext(dataArea: Rect(x: 0, y: 0, width: 100, height: 100), style: .classic,
                                                        xLimits: 0...1, yLimits: 0...1)).polylines.isEmpty)
    }

    // MARK: patches

    func testEllipseAndPolygonLimitsAreMatplotlibs() throws {
        var ax = axes(); ax.ellipse(center: (1, 2), width: 4, height: 2, angle: 30); try assertLimits(ax, "ellipse")
        ax = axes(); ax.ellipse(center: (0.5, -1.0), width: 3.0, height: 0.7, angle: 180 + 63.4); try assertLimits(ax, "ellipse_gmm")
        ax = axes(); ax.polygon([(0, 0), (2, 1), (1, 3)]); try assertLimits(ax, "polygon")
        // add_artist: not in the limits.
        ax = axes()
        ax.scatter(x: [0, 1], y: [0, 1])
        let e = ax.ellipse(center: (1, 2), width: 4, height: 2, angle: 30, autoscale: false)
        try assertLimits(ax, "ellipse_artist")
        XCTAssertNil(e.dataLimits(xScale: .linear, yScale: .linear))
        XCTAssertNil(ax.polygon([(9, 9), (10, 10), (9, 10)], autoscale: false).dataLimits(xScale: .linear, yScale: .linear))
        // The outline is matplotlib's unit circle: 25 vertices, on-curve every third.
        let v = EllipsePatch(center: (0, 0), width: 2, height: 2).vertices()
        XCTAssertEqual(v.count, 25)
        XCTAssertEqual(v[6].x, 1); XCTAssertEqual(v[6].y, 0)
    }

    func testPatchDefaultsAndColour() throws {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        let ax = fig.subplots()[0][0]
        let filled = ax.ellipse(center: (0, 0), width: 1, height: 1)
        XCTAssertNil(filled.edge())                       // matplotlib: filled patches have no edge
        XCTAssertEqual(filled.face(.classic), Style.classic.colorCycle[0])
        let open = ax.ellipse(center: (0, 0), width: 1, height: 1, fill: false)
        XCTAssertNil(open.face(.classic))
        XCTAssertEqual(open.edge()?.color, .black)        // unfilled: patch.edgecolor black
        let c = Color(name: "C1")!
        let gmm = ax.ellipse(center: (0, 0), width: 2, height: 1, angle: 210, color: c, alpha: 0.5, label: "cov")
        XCTAssertEqual(gmm.face(.classic), c.withAlpha(0.5))
        XCTAssertEqual(gmm.edge()?.color, c.withAlpha(0.5))  // color= is face and edge
        XCTAssertEqual(gmm.edge()?.width, 1)
        let hull = ax.polygon([(0, 0), (1, 0), (1, 1), (0, 1)], color: c, alpha: 0.2)
        XCTAssertEqual(hull.edge(snaps: false)?.color, c.withAlpha(0.2))
        ax.legend()
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        // The ellipse is four… eight Béziers; the square polygon is snapped (rectilinear).
        let calls = clippedCalls(rec)
        guard case .path(let ep, _, _) = calls[0] else { return XCTFail() }
        XCTAssertEqual(ep.elements.filter { if case .curve = $0 { return true }; return false }.count, 8)
        guard case .path(_, _, let hs) = calls[3] else { return XCTFail() }
        XCTAssertEqual(hs?.snapsToPixels, true)
        // The legend handle of a patch is a rectangle (matplotlib's HandlerPatch).
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        XCTAssertEqual(geo.axes[0].legendTexts.map(\.text), ["cov"])
    }

    // MARK: axhline, axvline

    func testReferenceLinesCountAcrossOnly() throws {
        var ax = axes(); ax.axhline(y: 2); try assertLimits(ax, "axhline")
        ax = axes(); ax.axvline(x: 2); try assertLimits(ax, "axvline")
        ax = axes(); ax.scatter(x: [0, 1], y: [0, 1]); ax.axhline(y: 2); try assertLimits(ax, "axhline_scatter")
        ax = axes(); ax.scatter(x: [0, 1], y: [0, 1]); ax.axvline(x: -1); try assertLimits(ax, "axvline_scatter")
        // On a log axis a value ≤ 0 is not shown and not counted.
        ax = axes(); ax.yScale = .log
        XCTAssertNil(ax.axhline(y: 0).dataLimits(xScale: .linear, yScale: .log))
    }

    func testReferenceLineSpansTheAxesFraction() throws {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        let ax = fig.subplots()[0][0]
        ax.scatter(x: [0, 10], y: [0, 10])
        let line = ax.axvline(x: 5, ymin: 0.25, ymax: 0.75, color: .black, lineWidth: 2, label: "v")
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        let r = geo.axes[0].rect
        let ctx = AxesContext(dataArea: r, style: .classic, xLimits: geo.axes[0].xLimits, yLimits: geo.axes[0].yLimits)
        let ends = try XCTUnwrap(line.ends(ctx))
        XCTAssertEqual(ends.0.y, r.maxY - 0.25 * r.height, accuracy: 1e-9)
        XCTAssertEqual(ends.1.y, r.maxY - 0.75 * r.height, accuracy: 1e-9)
        XCTAssertEqual(ends.0.x, ctx.xPosition(5), accuracy: 1e-9)
        XCTAssertEqual(line.legendObstacles(in: ctx).points.count, 2)
        XCTAssertEqual(line.stroke(.classic, snaps: true).snapsToPixels, true)
        XCTAssertEqual(line.dataLimitAxes, .x)
    }

    // MARK: text

    func testTextDoesNotChangeLimitsAndIsLaidOutUnclipped() throws {
        let ax = axes()
        ax.scatter(x: [0, 1], y: [0, 1])
        let t = ax.text("far", x: 5, y: 5)
        try assertLimits(ax, "text_scatter")
        XCTAssertNil(t.dataLimits(xScale: .linear, yScale: .linear))
        // A text right of the data stays on the canvas in the measured layout and is drawn outside the clip.
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        let b = fig.subplots()[0][0]
        b.scatter(x: [0, 1], y: [0, 1])
        b.text("a long note right of the axes", x: 1.1, y: 0.5, vertical: .center)
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        let note = try XCTUnwrap(geo.axes[0].texts.first { $0.role == .text })
        XCTAssertGreaterThan(note.rect.minX, geo.axes[0].rect.maxX)
        XCTAssertLessThanOrEqual(note.rect.maxX, fig.size.width)
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        let end = try XCTUnwrap(rec.calls.firstIndex { if case .endClip = $0 { return true }; return false })
        let drawn = try XCTUnwrap(rec.calls.firstIndex { if case .text("a long note right of the axes", _, _, _, _, _, _) = $0 { return true }; return false })
        XCTAssertGreaterThan(drawn, end)
    }

    func testTextAlignmentAndRotation() throws {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        let ax = fig.subplots()[0][0]
        ax.xLimits = 0...1; ax.yLimits = 0...1
        ax.text("up", x: 0.5, y: 0.5, color: .white, fontSize: 20, horizontal: .center, vertical: .bottom, rotation: 90)
        ax.text("anchor", x: 0.2, y: 0.2, rotation: 45, rotationMode: .anchor)
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        let a = geo.axes[0]
        let ctx = AxesContext(dataArea: a.rect, style: .classic, xLimits: 0...1, yLimits: 0...1)
        let p = ctx.position(x: 0.5, y: 0.5)
        let up = try XCTUnwrap(a.texts.first { $0.text == "up" })
        // matplotlib's default rotation mode: the rotated box, centred on x, its bottom on the anchor.
        XCTAssertEqual(up.rect.midX, p.x, accuracy: 1e-9)
        XCTAssertEqual(up.rect.maxY, p.y, accuracy: 1e-9)
        XCTAssertGreaterThan(up.rect.height, up.rect.width)
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        XCTAssertTrue(rec.calls.contains { if case .text("up", _, let st, _, _, 90, _) = $0 { return st.size == 20 && st.color == .white }; return false })
        // The anchor mode turns the left/baseline text about the anchor itself.
        XCTAssertTrue(rec.calls.contains { call in
            guard case .text("anchor", let at, _, .left, .baseline, 45, _) = call else { return false }
            let q = ctx.position(x: 0.2, y: 0.2)
            return abs(at.x - q.x) < 1e-9 && abs(at.y - q.y) < 1e-9
        })
    }

    func testBestLegendAvoidsTexts() {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        let ax = fig.subplots()[0][0]
        ax.plot(x: [0, 1], y: [0, 0], label: "line")
        ax.xLimits = 0...1; ax.yLimits = 0...1
        ax.legend()
        XCTAssertEqual(fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0].legendLocation, .upperRight)
        ax.text("a note in the upper right corner", x: 0.99, y: 0.97, horizontal: .right, vertical: .top)
        XCTAssertEqual(fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0].legendLocation, .upperLeft)
    }

    // MARK: helpers

    /// The calls drawn inside the data-area clip.
    func clippedCalls(_ rec: RecordingRenderer) -> [RecordingRenderer.Call] {
        guard let b = rec.calls.firstIndex(where: { if case .beginClip = $0 { return true }; return false }),
              let e = rec.calls.firstIndex(where: { if case .endClip = $0 { return true }; return false }) else { return [] }
        return Array(rec.calls[(b + 1)..<e])
    }
}
