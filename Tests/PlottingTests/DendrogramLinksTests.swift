import Foundation
import XCTest
@testable import Plotting

/// `Axes.dendrogram` against scipy's `_plot_dendrogram` (scipy 1.17.1, matplotlib 3.11.2): limits,
/// leaf ticks and labels, label size and rotation rules, sides, inversion, collections per colour.
final class DendrogramLinksTests: XCTestCase {
    func dendrogram(_ o: DendrogramOrientation, style: Style = .classic, labels: [String] = DendrogramReference.labels,
                    leafGrid: Bool = false) -> (Figure, Axes, [LineCollection]) {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: style)
        let ax = fig.subplots()[0][0]
        let links = ax.dendrogram(icoord: DendrogramReference.icoord, dcoord: DendrogramReference.dcoord,
                                  colors: DendrogramReference.colors.map { style.color($0)! }, leafLabels: labels,
                                  orientation: o, aboveThresholdColor: style.color("C0"), leafGrid: leafGrid)
        return (fig, ax, links)
    }

    /// scipy: ylim (0, 18.477442787786785) = 1.05 × the highest link, xlim (0, 120) for 12 leaves,
    /// leaf ticks 5, 15, … 115 labelled with `ivl`, height ticks 0 … 17.5.
    func testLimitsAndTicksOfEachOrientation() throws {
        let dvw = 17.59756455979694 * 1.05
        for o in DendrogramOrientation.allCases {
            let (fig, ax, _) = dendrogram(o)
            let geo = fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0]
            let leaf = o.leavesAlongX ? geo.xTicks : geo.yTicks
            let height = o.leavesAlongX ? geo.yTicks : geo.xTicks
            XCTAssertEqual(o.leavesAlongX ? geo.xLimits : geo.yLimits, 0...120, "\(o)")
            let h = o.leavesAlongX ? geo.yLimits : geo.xLimits
            XCTAssertEqual(h.lowerBound, 0)
            XCTAssertEqual(h.upperBound, 17.59756455979694 + 17.59756455979694 * 0.05, "\(o)")
            XCTAssertEqual(h.upperBound, dvw, accuracy: 1e-12)
            XCTAssertEqual(leaf.visible.map(\.value), stride(from: 5.0, through: 115, by: 10).map { $0 })
            XCTAssertEqual(leaf.visible.map(\.label), DendrogramReference.labels)
            XCTAssertEqual(height.visible.map(\.value), [0, 2.5, 5, 7.5, 10, 12.5, 15, 17.5], "\(o)")
            // scipy: bottom inverts y (ylim (dvw, 0)), left inverts x; the leaf labels move to the top / right.
            XCTAssertEqual(ax.yAxis.isInverted, o == .bottom)
            XCTAssertEqual(ax.xAxis.isInverted, o == .left)
            let leafAxis = o.leavesAlongX ? ax.xAxis : ax.yAxis
            XCTAssertEqual(leafAxis.side, o == .bottom || o == .left ? .opposite : .standard)
            XCTAssertFalse(leafAxis.showsTickMarks)
            XCTAssertEqual(leafAxis.showsGrid, false)
            XCTAssertEqual(leafAxis.labelSize, 12)
            XCTAssertEqual(leafAxis.labelRotation, 0)
            let labels = geo.texts.filter { $0.role == (o.leavesAlongX ? .xTickLabel : .yTickLabel) }
            switch o {
            case .top: XCTAssertTrue(labels.allSatisfy { $0.rect.minY >= geo.rect.maxY })
            case .bottom: XCTAssertTrue(labels.allSatisfy { $0.rect.maxY <= geo.rect.minY })
            case .left: XCTAssertTrue(labels.allSatisfy { $0.rect.minX >= geo.rect.maxX })
            case .right: XCTAssertTrue(labels.allSatisfy { $0.rect.maxX <= geo.rect.minX })
            }
            // The title goes above leaf labels at the top.
            if o == .bottom, let title = geo.texts.first(where: { $0.role == .title }) {
                XCTAssertLessThanOrEqual(title.rect.maxY, labels.map(\.rect.minY).min()!)
            }
        }
    }

    func testLinksAreOneCollectionPerColourAboveThresholdLast() throws {
        let (fig, ax, links) = dendrogram(.top)
        let st = fig.style
        XCTAssertEqual(links.map(\.color), [.uniform(st.color("C1")!), .uniform(st.color("C2")!), .uniform(st.color("C0")!)])
        XCTAssertEqual(links.map(\.segments.count), [4, 6, 1])
        XCTAssertEqual(links[2].segments[0].map(\.x), [14.375, 14.375, 81.25, 81.25])
        XCTAssertEqual(links[2].segments[0].map(\.y)[1], 17.59756455979694)
        XCTAssertTrue(links.allSatisfy { $0.lineWidth == nil })   // rcParams lines.linewidth
        XCTAssertEqual(ax.elements.count, 3)
        // Left/right swap the coordinates.
        let (_, _, side) = dendrogram(.right)
        XCTAssertEqual(side[2].segments[0].map(\.y), [14.375, 14.375, 81.25, 81.25])
        // Drawn: three stroked paths, all rectilinear (snapped), in that order.
        let rec = RecordingRenderer(size: fig.size)
        fig.draw(into: rec)
        let strokes = rec.calls.compactMap { c -> StrokeStyle? in
            if case .path(_, nil, let s?) = c, s.width == st.lineWidth, s.join == .round { return s }; return nil
        }
        XCTAssertEqual(strokes.map(\.color), ["C1", "C2", "C0"].map { st.color($0)! })
        XCTAssertTrue(strokes.allSatisfy(\.snapsToPixels))
    }

    /// scipy's `_get_tick_text_size` and `_get_tick_rotation`.
    func testLeafLabelSizeAndRotationRules() {
        XCTAssertEqual([1, 20, 21, 30, 31, 50, 51, 85, 86, 500].map(Axes.dendrogramLeafFontSize), [12, 12, 10, 10, 8, 8, 6, 6, 5, 5])
        XCTAssertEqual([1, 20, 21, 40, 41].map(Axes.dendrogramLeafRotation), [0, 0, 45, 45, 90])
        // 45 leaves along x: 8 pt labels turned 90°; along y: no rotation unless asked.
        let labels = (0..<45).map { "leaf \($0)" }
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        let ax = fig.subplots()[0][0]
        ax.dendrogram(icoord: [[5, 5, 15, 15]], dcoord: [[0, 1, 1, 0]], colors: [.black], leafLabels: labels)
        XCTAssertEqual(ax.xAxis.labelSize, 8)
        XCTAssertEqual(ax.xAxis.labelRotation, 90)
        XCTAssertEqual(ax.xLimits, 0...450)
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0]
        let t = geo.texts.first { $0.role == .xTickLabel }!
        // Turned labels hang below the axis, centred on their tick (matplotlib's default rotation mode).
        XCTAssertGreaterThan(t.rect.height, t.rect.width)
        XCTAssertEqual(t.rect.midX, geo.rect.minX + 5 / 450 * geo.rect.width, accuracy: 1e-9)
        let side = fig.subplots()[0][0]
        side.dendrogram(icoord: [[5, 5, 15, 15]], dcoord: [[0, 1, 1, 0]], colors: [.black], leafLabels: labels, orientation: .left)
        XCTAssertEqual(side.yAxis.labelRotation, 0)
        side.dendrogram(icoord: [[5, 5, 15, 15]], dcoord: [[0, 1, 1, 0]], colors: [.black], leafLabels: labels,
                        orientation: .left, leafFontSize: 7, leafRotation: 30)
        XCTAssertEqual(side.yAxis.labelRotation, 30)
        XCTAssertEqual(side.yAxis.labelSize, 7)
    }

    func testLeafGridAndNoLabels() throws {
        let (fig, ax, _) = dendrogram(.top, style: .whitegrid, leafGrid: true)
        XCTAssertNil(ax.xAxis.showsGrid)
        let gridLines = { (fig: Figure) -> Int in
            let rec = RecordingRenderer(size: fig.size)
            fig.draw(into: rec)
            guard case .path(let p, nil, _)? = rec.calls.first(where: { if case .path(_, nil, let s?) = $0 { return s.color == fig.style.gridColor }; return false })
            else { return 0 }
            return p.elements.count / 2
        }
        XCTAssertEqual(gridLines(fig), 12 + 8)          // scipy under whitegrid: a line at every leaf too
        let (plain, _, _) = dendrogram(.top, style: .whitegrid)
        XCTAssertEqual(gridLines(plain), 8)             // the default: the height axis only
        let none = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        let a = none.subplots()[0][0]
        a.dendrogram(icoord: DendrogramReference.icoord, dcoord: DendrogramReference.dcoord,
                     colors: DendrogramReference.colors.map { Style.classic.color($0)! }, leafLabels: DendrogramReference.labels,
                     showLeafLabels: false)
        XCTAssertTrue(none.geometry(using: RecordingRenderer(size: none.size)).axes[0].xTicks.visible.isEmpty)
        XCTAssertEqual(a.xLimits, 0...120)
    }

    /// Inverted axes map the upper limit to the left / bottom, ticks and all.
    func testInvertedAxisMapsBackwards() {
        let ctx = AxesContext(dataArea: Rect(x: 0, y: 0, width: 100, height: 50), style: .classic, xLimits: 0...10,
                              yLimits: 0...5, xInverted: true, yInverted: true)
        XCTAssertEqual(ctx.xPosition(0), 100)
        XCTAssertEqual(ctx.xPosition(10), 0)
        XCTAssertEqual(ctx.yPosition(0), 0)
        XCTAssertEqual(ctx.yPosition(5), 50)
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        let ax = fig.subplots()[0][0]
        ax.plot(x: [0, 10], y: [0, 5])
        ax.yAxis.isInverted = true
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0]
        let labels = geo.texts.filter { $0.role == .yTickLabel }
        // The first (lowest) tick label is at the top.
        XCTAssertLessThan(labels.first!.rect.midY, labels.last!.rect.midY)
    }
}
