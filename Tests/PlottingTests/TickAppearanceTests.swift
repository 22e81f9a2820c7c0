import Foundation
import XCTest
@testable import Plotting

/// Per-axis tick label rotation, size and side, tick marks and grid (`TickSettings`), and that the
/// defaults lay out exactly as before.
final class TickAppearanceTests: XCTestCase {
    func figure(_ style: Style = .classic) -> (Figure, Axes) {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: style)
        let ax = fig.subplots()[0][0]
        ax.plot(x: [0, 10], y: [0, 5])
        ax.title = "Title"
        return (fig, ax)
    }

    func testRotatedLabelsAlignTheirRotatedBox() throws {
        let (fig, ax) = figure()
        ax.xAxis.setCategories(["alpha", "beta", "gamma"], at: [2, 5, 8])
        ax.xAxis.labelRotation = 45
        ax.xAxis.labelSize = 14
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0]
        let ctx = AxesContext(dataArea: geo.rect, style: .classic, xLimits: geo.xLimits, yLimits: geo.yLimits)
        let labels = geo.texts.filter { $0.role == .xTickLabel }
        XCTAssertEqual(labels.map(\.text), ["alpha", "beta", "gamma"])
        let gap = Style.classic.tickSize + Style.classic.tickPad
        for (t, v) in zip(labels, [2.0, 5, 8]) {
            // matplotlib's rotation_mode='default' with ha=center, va=top: the rotated box's top centre at the tick.
            XCTAssertEqual(t.rect.midX, ctx.xPosition(v), accuracy: 1e-9)
            XCTAssertEqual(t.rect.minY, geo.rect.maxY + gap, accuracy: 1e-9)
        }
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        XCTAssertTrue(rec.calls.contains { if case .text("beta", _, let st, .left, .baseline, 45, _) = $0 { return st.size == 14 }; return false })
    }

    func testOppositeSidesTickMarksAndGrid() throws {
        let (fig, ax) = figure(.whitegrid)
        ax.xAxis.side = .opposite
        ax.yAxis.side = .opposite
        ax.xLabel = "x"; ax.yLabel = "y"
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0]
        let r = geo.rect
        XCTAssertTrue(geo.texts.filter { $0.role == .xTickLabel }.allSatisfy { $0.rect.maxY <= r.minY })
        XCTAssertTrue(geo.texts.filter { $0.role == .yTickLabel }.allSatisfy { $0.rect.minX >= r.maxX })
        // The axis labels stay bottom and left (matplotlib's set_ticks_position moves ticks only);
        // the title goes over the top tick labels.
        XCTAssertGreaterThan(geo.texts.first { $0.role == .xLabel }!.rect.minY, r.maxY)
        XCTAssertLessThan(geo.texts.first { $0.role == .yLabel }!.rect.maxX, r.minX)
        let top = geo.texts.filter { $0.role == .xTickLabel }.map(\.rect.minY).min()!
        XCTAssertLessThanOrEqual(geo.texts.first { $0.role == .title }!.rect.maxY, top)
        // Tick marks at the top/right in a style that draws them; hidden per axis.
        let (cf, cax) = figure(.classic)
        cax.xAxis.side = .opposite
        cax.yAxis.showsTickMarks = false
        let rec = RecordingRenderer(size: cf.size)
        cf.draw(into: rec)
        let g = cf.geometry(using: RecordingRenderer(size: cf.size)).axes[0]
        let marks = rec.calls.compactMap { c -> Path? in
            if case .path(let p, nil, let s?) = c, s.color == Style.classic.tickColor, s.width == Style.classic.tickWidth { return p }; return nil
        }.last!
        let ys = marks.elements.compactMap { e -> Double? in if case .line(let p) = e { return p.y }; return nil }
        XCTAssertEqual(ys.count, g.xTicks.visible.count)
        XCTAssertTrue(ys.allSatisfy { abs($0 - (g.rect.minY - Style.classic.tickSize)) < 1e-9 })
        // Grid per axis: x only.
        let (wf, wax) = figure(.whitegrid)
        wax.yAxis.showsGrid = false
        let wrec = RecordingRenderer(size: wf.size)
        wf.draw(into: wrec)
        let wg = wf.geometry(using: RecordingRenderer(size: wf.size)).axes[0]
        guard case .path(let grid, nil, _)? = wrec.calls.first(where: { if case .path(_, nil, let s?) = $0 { return s.color == Style.whitegrid.gridColor }; return false })
        else { return XCTFail("no grid") }
        XCTAssertEqual(grid.elements.count, 2 * wg.xTicks.visible.count)
        // The axes' grid switch still turns both off, unless an axis says otherwise.
        wax.grid = false
        wax.xAxis.showsGrid = true
        let off = RecordingRenderer(size: wf.size)
        wf.draw(into: off)
        XCTAssertTrue(off.calls.contains { if case .path(_, nil, let s?) = $0 { return s.color == Style.whitegrid.gridColor }; return false })
    }

    /// The default settings lay out as they did before the per-axis settings existed: a figure's
    /// geometry with all defaults equals the one with the defaults set explicitly.
    func testDefaultsLayOutUnchanged() {
        let (a, _) = figure(.whitegrid)
        let (b, bx) = figure(.whitegrid)
        bx.xAxis.labelRotation = 0; bx.xAxis.side = .standard; bx.xAxis.showsTickMarks = true
        bx.yAxis.showsGrid = nil; bx.yAxis.isInverted = false
        let ga = a.geometry(using: RecordingRenderer(size: a.size)), gb = b.geometry(using: RecordingRenderer(size: b.size))
        XCTAssertEqual(ga.allTexts, gb.allTexts)
        XCTAssertEqual(ga.axes.map(\.rect), gb.axes.map(\.rect))
        let ra = RecordingRenderer(size: a.size), rb = RecordingRenderer(size: b.size)
        a.draw(into: ra); b.draw(into: rb)
        XCTAssertEqual(ra.calls.count, rb.calls.count)
    }
}
