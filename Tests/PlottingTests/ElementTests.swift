import Foundation
import XCTest
@testable import Plotting

/// Horizontal bars from 0, as a plot element written outside the built-in ones would be: the
/// example of docs/plotting.md (matplotlib's `barh(y, width, height=0.8)`), plus legend obstacles
/// and a switch for its sticky edge.
final class HorizontalBars: PlotElement {
    var y: [Double], widths: [Double], height = 0.8, color: SeriesColor, label: String?
    var sticks = true
    init(y: [Double], widths: [Double], color: SeriesColor, label: String? = nil) {
        self.y = y; self.widths = widths; self.color = color; self.label = label
    }

    func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? {
        guard let lo = widths.min(), let hi = widths.max(), let y0 = y.min(), let y1 = y.max() else { return nil }
        return DataLimits(x: min(0, lo)...max(0, hi), y: (y0 - height / 2)...(y1 + height / 2))
    }
    var stickyEdges: StickyEdges { sticks ? StickyEdges(x: [0]) : .none }

    func draw(in context: AxesContext, with renderer: Renderer) {
        var p = Path()
        for (yi, w) in zip(y, widths) {
            let a = context.position(x: min(0, w), y: yi + height / 2), b = context.position(x: max(0, w), y: yi - height / 2)
            p.addRect(Rect(x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y))
        }
        renderer.drawPath(p, fill: color.colors(in: context.style, count: 1)[0], stroke: nil)
    }

    func drawLegendHandle(in area: LegendHandleArea, context: AxesContext, with renderer: Renderer) {
        var p = Path()
        p.addRect(area.rect.insetBy(dx: 0, dy: area.height * 0.2))
        renderer.drawPath(p, fill: color.colors(in: context.style, count: 1)[0], stroke: nil)
    }

    /// Each bar's outline counts once when it crosses a candidate legend box.
    func legendObstacles(in context: AxesContext) -> LegendObstacles {
        LegendObstacles(polylines: zip(y, widths).map { yi, w in
            [context.position(x: 0, y: yi - height / 2), context.position(x: w, y: yi - height / 2),
             context.position(x: w, y: yi + height / 2), context.position(x: 0, y: yi + height / 2)]
        })
    }
}

extension Axes {
    /// Horizontal bars from 0, like matplotlib's `barh`.
    @discardableResult
    func barh(y: [Double], widths: [Double], color: Color? = nil, label: String? = nil) -> HorizontalBars {
        add(HorizontalBars(y: y, widths: widths, color: color.map { .uniform($0) } ?? nextCycleColor(for: HorizontalBars.self),
                           label: label))
    }
}

/// An element that only maps values through a colour map (for the colorbar lookup).
final class ValueStrip: PlotElement {
    func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? { DataLimits(x: 0...1, y: 0...1) }
    func draw(in context: AxesContext, with renderer: Renderer) {}
    var colorMapping: ColorMapping? { ColorMapping(colormap: .viridis, vmin: -2, vmax: 8) }
}

final class ElementTests: XCTestCase {
    func figure() -> (Figure, Axes) {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        return (fig, fig.subplots()[0][0])
    }

    /// matplotlib: `barh([0, 1, 2], [3, 5, 2])` gives xlim (0, 5.25) — the 5 % margin stops at the
    /// bars' sticky 0 — and ylim (−0.54, 2.54).
    func testCustomElementAutoscalesWithStickyEdges() {
        let (_, ax) = figure()
        let bars = ax.barh(y: [0, 1, 2], widths: [3, 5, 2])
        XCTAssertTrue(ax.elements.first === bars)
        XCTAssertEqual(bars.color, .cycle(0))
        let lim = ax.viewLimits()
        XCTAssertEqual(lim.x.lowerBound, 0)
        XCTAssertEqual(lim.x.upperBound, 5.25, accuracy: 1e-12)
        XCTAssertEqual(lim.y.lowerBound, -0.54, accuracy: 1e-12)
        XCTAssertEqual(lim.y.upperBound, 2.54, accuracy: 1e-12)
        // Without the sticky edge the margin passes 0.
        bars.sticks = false
        XCTAssertEqual(ax.viewLimits().x.lowerBound, -0.25, accuracy: 1e-12)
        // A sticky value inside the data does not matter; bars to the left stick at their right end.
        bars.sticks = true
        bars.widths = [-3, -5, -2]
        XCTAssertEqual(ax.viewLimits().x.upperBound, 0)
        XCTAssertEqual(ax.viewLimits().x.lowerBound, -5.25, accuracy: 1e-12)
        // Other elements' data joins the limits; the stickies still hold.
        bars.widths = [3, 5, 2]
        ax.scatter(x: [6, 7], y: [1, 2])
        XCTAssertEqual(ax.dataLimits()?.x, 0...7)
        XCTAssertEqual(ax.viewLimits().x.lowerBound, 0)
        // Fixed limits ignore stickies.
        ax.xLimits = -1...8
        XCTAssertEqual(ax.viewLimits().x, -1...8)
        // The legacy enum view lists the built-in series only.
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

    func testCustomElementDrawsClippedWithLegendHandleAndBestLocation() throws {
        let (fig, ax) = figure()
        // Long bars fill the upper part of the axes (y grows upwards: the last bar is on top).
        let blue = Color(red: 0.2, green: 0.4, blue: 0.6)
        let bars = ax.barh(y: [0, 1, 2, 3], widths: [1, 1, 10, 10], color: blue, label: "Bars")
        ax.legend()
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        // The bars are drawn inside the data-area clip.
        let begin = try XCTUnwrap(rec.calls.firstIndex { if case .beginClip = $0 { return true }; return false })
        guard case .path(_, let fill, nil) = rec.calls[begin + 1] else { return XCTFail("the bars are not drawn first in the clip") }
        XCTAssertEqual(fill, blue)
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        let a = geo.axes[0]
        XCTAssertEqual(a.legendTexts.map(\.text), ["Bars"])
        // Upper right and upper left are covered by the bars' outlines: best goes low.
        XCTAssertEqual(a.legendLocation, .lowerRight)
        // The handle is painted by the element, inside the legend box.
        let legend = try XCTUnwrap(a.legendRect)
        let handles = rec.calls.compactMap { c -> Rect? in
            guard case .path(let p, let f, nil) = c, f == blue, let b = p.controlBounds, legend.contains(b) else { return nil }
            return b
        }
        XCTAssertEqual(handles.count, 1)
        // Without obstacles in the way the first candidate wins.
        bars.widths = [1, 1, 1, 1]
        XCTAssertEqual(fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0].legendLocation, .upperRight)
        // Labels starting with "_" stay out of the legend.
        bars.label = "_hidden"
        XCTAssertNil(fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0].legendRect)
    }

    func testColorbarUsesTheLastElementWithAColorMapping() throws {
        let (fig, ax) = figure()
        ax.scatter(x: [0, 1], y: [0, 1], values: [0, 1])
        ax.add(ValueStrip())
        ax.barh(y: [0], widths: [1])
        ax.colorbar(label: "value")
        XCTAssertEqual(ax.mappedScale(), ColorMapping(colormap: .viridis, vmin: -2, vmax: 8))
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        XCTAssertNotNil(geo.axes[0].colorbarRect)
        let labels = geo.axes[0].texts.filter { $0.role == .colorbarTickLabel }.map(\.text)
        XCTAssertEqual(labels, ["−2", "0", "2", "4", "6", "8"])
    }

    func testCycleColoursCountPerElementKind() {
        let (_, ax) = figure()
        XCTAssertEqual(ax.scatter(x: [0], y: [0]).color, .cycle(0))
        XCTAssertEqual(ax.plot(x: [0], y: [0]).color, .cycle(0))
        XCTAssertEqual(ax.scatter(x: [0], y: [0]).color, .cycle(1))
        XCTAssertEqual(ax.barh(y: [0], widths: [1]).color, .cycle(0))
        XCTAssertEqual(ax.nextCycleColor(for: HorizontalBars.self), .cycle(1))
        ax.clear()
        XCTAssertTrue(ax.elements.isEmpty)
        XCTAssertEqual(ax.scatter(x: [0], y: [0]).color, .cycle(0))
    }
}
