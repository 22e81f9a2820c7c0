import Foundation
import XCTest
@testable import Plotting

/// An element that only maps values through a colour map (for the colorbar lookup).
final class ValueStrip: PlotElement {
    func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? { DataLimits(x: 0...1, y: 0...1) }
    func draw(in context: AxesContext, with renderer: Renderer) {}
    var colorMapping: ColorMapping? { ColorMapping(colormap: .viridis, vmin: -2, vmax: 8) }
}

/// A plot element written outside Plotting (the protocol's defaults, a sticky edge, one-axis limits).
final class Marks: PlotElement {
    var xs: [Double]
    var sticky: StickyEdges = .none
    var axes: DataLimitAxes = .both
    init(_ xs: [Double]) { self.xs = xs }
    func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? {
        guard let lo = xs.min(), let hi = xs.max() else { return nil }
        return DataLimits(x: lo...hi, y: lo...hi)
    }
    var stickyEdges: StickyEdges { sticky }
    var dataLimitAxes: DataLimitAxes { axes }
    func draw(in context: AxesContext, with renderer: Renderer) {}
}

/// The custom element of docs/plotting.md: a rug of ticks along the bottom (x limits only).
final class Rug: PlotElement {
    var x: [Double], label: String?
    init(x: [Double], label: String? = nil) { self.x = x; self.label = label }

    func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? {
        guard let lo = x.min(), let hi = x.max() else { return nil }
        return DataLimits(x: lo...hi, y: 0...0)
    }
    var dataLimitAxes: DataLimitAxes { .x }

    func draw(in context: AxesContext, with renderer: Renderer) {
        var p = Path()
        for v in x {
            let px = context.xPosition(v)
            p.move(to: Point(x: px, y: context.position(axesFraction: 0, 0).y))
            p.line(to: Point(x: px, y: context.position(axesFraction: 0, 0.03).y))
        }
        renderer.drawPath(p, fill: nil, stroke: StrokeStyle(color: context.style.textColor, width: 1))
    }
}

/// What every element relies on: autoscale with sticky edges and per-axis limits, the clip, legend
/// handles and `best`, the colorbar lookup, the colour cycles.
final class ElementTests: XCTestCase {
    func figure() -> (Figure, Axes) {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        return (fig, fig.subplots()[0][0])
    }

    /// matplotlib: `barh([0, 1, 2], [3, 5, 2])` gives xlim (0, 5.25) — the 5 % margin stops at the
    /// bars' sticky 0 — and ylim (−0.54, 2.54).
    func testBarsAutoscaleWithStickyEdges() {
        let (_, ax) = figure()
        let bars = ax.barh(y: [0, 1, 2], width: [3, 5, 2])
        XCTAssertTrue(ax.elements.first === bars)
        XCTAssertEqual(bars.color, .cycle(0))
        let lim = ax.viewLimits()
        XCTAssertEqual(lim.x.lowerBound, 0)
        XCTAssertEqual(lim.x.upperBound, 5.25, accuracy: 1e-12)
        XCTAssertEqual(lim.y.lowerBound, -0.54, accuracy: 1e-12)
        XCTAssertEqual(lim.y.upperBound, 2.54, accuracy: 1e-12)
        // Bars to the left stick at their right end.
        bars.values = [-3, -5, -2]
        XCTAssertEqual(ax.viewLimits().x.upperBound, 0)
        XCTAssertEqual(ax.viewLimits().x.lowerBound, -5.25, accuracy: 1e-12)
        // Other elements' data joins the limits; the stickies still hold.
        bars.values = [3, 5, 2]
        ax.scatter(x: [6, 7], y: [1, 2])
        XCTAssertEqual(ax.dataLimits()?.x, 0...7)
        XCTAssertEqual(ax.viewLimits().x.lowerBound, 0)
        // Fixed limits ignore stickies.
        ax.xLimits = -1...8
        XCTAssertEqual(ax.viewLimits().x, -1...8)
        // The legacy enum view lists the scatter and line series only.
        XCTAssertEqual(ax.series.count, 1)
        XCTAssertEqual(ax.elements.count, 2)
    }

    func testStickyEdgeRule() {
        // Only with a margin; a sticky within the tolerance of the data edge counts.
        XCTAssertEqual(Ticker.autoscale(dataMin: 0, dataMax: 10, margin: 0.05, stickyEdges: [0]).0, 0)
        XCTAssertEqual(Ticker.autoscale(dataMin: 1e-7, dataMax: 10, margin: 0.05, stickyEdges: [0]).0, 0)
        XCTAssertEqual(Ticker.autoscale(dataMin: 2, dataMax: 10, margin: 0.05, stickyEdges: [0]).0, 1.6, accuracy: 1e-12)
        XCTAssertEqual(Ticker.autoscale(dataMin: 0, dataMax: 10, margin: 0, stickyEdges: [0]).0, 0)
        XCTAssertEqual(Ticker.autoscale(dataMin: 0, dataMax: 10, margin: 0.05, stickyEdges: [5]).0, -0.5, accuracy: 1e-12)
        XCTAssertEqual(Ticker.autoscale(dataMin: 0, dataMax: 10, margin: 0.05, stickyEdges: [10.2]).1, 10.2, accuracy: 1e-12)
        // Without stickies: exactly the old rule.
        XCTAssertEqual(Ticker.autoscale(dataMin: -3, dataMax: 7, margin: 0.05, stickyEdges: []).0,
                       Ticker.autoscale(dataMin: -3, dataMax: 7, margin: 0.05).0)
        // Log axes: positive stickies only, margins in log space.
        let (lo, hi) = Ticker.logAutoscale(dataMin: 1, dataMax: 1000, margin: 0.05, stickyEdges: [1, 0, -4])
        XCTAssertEqual(lo, 1)
        XCTAssertEqual(log10(hi), 3.15, accuracy: 1e-12)
        XCTAssertEqual(Ticker.logAutoscale(dataMin: 1, dataMax: 1000, margin: 0.05, stickyEdges: [0]).0,
                       Ticker.logAutoscale(dataMin: 1, dataMax: 1000).0)
    }

    /// An element counts for the axes in its `dataLimitAxes` only (matplotlib's blended transforms).
    func testDataLimitsPerAxis() {
        let (_, ax) = figure()
        let m = ax.add(Marks([2, 4]))
        m.axes = .y
        XCTAssertNil(ax.dataLimits())
        XCTAssertNil(ax.axisDataLimits().x)
        XCTAssertEqual(ax.axisDataLimits().y, 2...4)
        // No x data: the x view is the default 0…1 (matplotlib: axhline alone keeps xlim (0, 1)).
        XCTAssertEqual(ax.viewLimits().x, 0...1)
        XCTAssertEqual(ax.viewLimits().y.lowerBound, 1.9, accuracy: 1e-12)
        ax.add(Marks([-1, 0]))
        XCTAssertEqual(ax.axisDataLimits().x, -1...0)
        XCTAssertEqual(ax.axisDataLimits().y, -1...4)
        XCTAssertEqual(ax.dataLimits()?.y, -1...4)
    }

    func testTheDocumentedCustomElement() throws {
        let (fig, ax) = figure()
        ax.scatter(x: [0, 1], y: [5, 6])
        let rug = ax.add(Rug(x: [-2, 3]))
        XCTAssertEqual(ax.axisDataLimits().x, -2...3)
        XCTAssertEqual(ax.axisDataLimits().y, 5...6)
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0]
        guard case .path(let p, nil, _)? = rec.calls.first(where: { if case .path(_, nil, let s?) = $0 { return s.width == 1 && s.color == Style.classic.textColor }; return false })
        else { return XCTFail("no rug") }
        XCTAssertEqual(p.controlBounds?.maxY ?? 0, geo.rect.maxY, accuracy: 1e-9)
        XCTAssertEqual(p.controlBounds?.height ?? 0, 0.03 * geo.rect.height, accuracy: 1e-9)
        XCTAssertNil(rug.label)
    }

    func testBarsDrawClippedWithLegendHandleAndBestLocation() throws {
        let (fig, ax) = figure()
        // Long bars fill the upper part of the axes (y grows upwards: the last bar is on top).
        let blue = Color(red: 0.2, green: 0.4, blue: 0.6)
        let bars = ax.barh(y: [0, 1, 2, 3], width: [1, 1, 10, 10], color: blue, label: "Bars")
        ax.legend()
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        // The bars are one path, drawn inside the data-area clip; without an edge the stroke is the
        // invisible one that snaps the rectangles to pixels.
        let begin = try XCTUnwrap(rec.calls.firstIndex { if case .beginClip = $0 { return true }; return false })
        guard case .path(let path, let fill, let stroke) = rec.calls[begin + 1] else { return XCTFail("the bars are not drawn first in the clip") }
        XCTAssertEqual(fill, blue)
        XCTAssertEqual(stroke?.color.alpha, 0)
        XCTAssertEqual(stroke?.snapsToPixels, true)
        XCTAssertEqual(path.elements.count, 4 * 5)
        if case .endClip = rec.calls[begin + 2] {} else { XCTFail("one call for the bars") }
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        let a = geo.axes[0]
        XCTAssertEqual(a.legendTexts.map(\.text), ["Bars"])
        // Upper right and upper left are covered by the bars' boxes: best goes low.
        XCTAssertEqual(a.legendLocation, .lowerRight)
        // The handle is a rectangle 2 em × 0.7 em in the bar colour, inside the legend box.
        let legend = try XCTUnwrap(a.legendRect)
        let handles = rec.calls.compactMap { c -> Rect? in
            guard case .path(let p, let f, _) = c, f == blue, let b = p.controlBounds, legend.contains(b) else { return nil }
            return b
        }
        XCTAssertEqual(handles.count, 1)
        let fs = fig.style.legendFontSize
        XCTAssertEqual(handles[0].width, 2 * fs, accuracy: 1e-9)
        XCTAssertEqual(handles[0].height, 0.7 * fs, accuracy: 1e-9)
        // Without obstacles in the way the first candidate wins.
        bars.values = [1, 1, 1, 1]
        XCTAssertEqual(fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0].legendLocation, .upperRight)
        // Labels starting with "_" stay out of the legend.
        bars.label = "_hidden"
        XCTAssertNil(fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0].legendRect)
    }

    func testColorbarUsesTheLastElementWithAColorMapping() throws {
        let (fig, ax) = figure()
        ax.scatter(x: [0, 1], y: [0, 1], values: [0, 1])
        ax.add(ValueStrip())
        ax.barh(y: [0], width: [1])
        ax.colorbar(label: "value")
        XCTAssertEqual(ax.mappedScale(), ColorMapping(colormap: .viridis, vmin: -2, vmax: 8))
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        XCTAssertNotNil(geo.axes[0].colorbarRect)
        let labels = geo.axes[0].texts.filter { $0.role == .colorbarTickLabel }.map(\.text)
        XCTAssertEqual(labels, ["−2", "0", "2", "4", "6", "8"])
    }

    /// matplotlib: `scatter`, `bar`, `fill_between` (and `hist`) take colours from one patches
    /// cycle (C0, C1, C2); `plot` has its own; `axhline`, `LineCollection`, `Ellipse` and `Polygon`
    /// default to C0 without advancing anything (probe: scatter #1f77b4, bar #ff7f0e, fill #2ca02c,
    /// plot #1f77b4, axhline/LineCollection/Ellipse #1f77b4).
    func testCycleColoursFollowMatplotlibsLineAndPatchCycles() {
        let (_, ax) = figure()
        XCTAssertEqual(ax.scatter(x: [0], y: [0]).color, .cycle(0))
        XCTAssertEqual(ax.bar(x: [0], height: [1]).color, .cycle(1))
        XCTAssertEqual(ax.fillBetween(x: [0, 1], y1: [1, 1]).color, .cycle(2))
        XCTAssertEqual(ax.plot(x: [0], y: [0]).color, .cycle(0))
        XCTAssertEqual(ax.axhline(y: 1).color, .cycle(0))
        XCTAssertEqual(ax.lineCollection([[(0, 0), (1, 1)]]).color, .cycle(0))
        XCTAssertEqual(ax.ellipse(center: (0, 0), width: 1, height: 1).faceColor, .cycle(0))
        XCTAssertEqual(ax.hist([1, 2, 3])?.bars.color, .cycle(3))
        XCTAssertEqual(ax.scatter(x: [0], y: [0]).color, .cycle(4))
        XCTAssertEqual(ax.nextPatchColor(), .cycle(5))
        XCTAssertEqual(ax.plot(x: [0], y: [0]).color, .cycle(1))
        ax.clear()
        XCTAssertTrue(ax.elements.isEmpty)
        XCTAssertEqual(ax.bar(x: [0], height: [1]).color, .cycle(0))
    }
}
