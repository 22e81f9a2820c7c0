import Foundation
import XCTest
@testable import Plotting

final class TickerTests: XCTestCase {
    func visibleLabels(_ lo: Double, _ hi: Double, nbins: Int = 9) -> [String] {
        let (a, b) = Ticker.autoscale(dataMin: lo, dataMax: hi)
        let t = Ticker.tickValues(a, b, nbins: nbins)
        let f = Ticker.format(t, viewMin: a, viewMax: b)
        return zip(t, f.labels).filter { Ticker.inView($0.0, a, b) }.map(\.1)
    }

    func testWorkedExamples() {
        XCTAssertEqual(visibleLabels(0, 1), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        XCTAssertEqual(visibleLabels(0, 10), ["0", "2", "4", "6", "8", "10"])
        XCTAssertEqual(visibleLabels(-3.2, 7.9), ["\u{2212}2", "0", "2", "4", "6", "8"])
        XCTAssertEqual(visibleLabels(5, 5), ["4.8", "4.9", "5.0", "5.1", "5.2"])
        XCTAssertEqual(visibleLabels(0.001, 0.0042), ["0.0010", "0.0015", "0.0020", "0.0025", "0.0030", "0.0035", "0.0040"])
        XCTAssertEqual(visibleLabels(101.5, 103.2).first, "101.50")
    }

    func testAutoscaleMarginsAndSingularValues() {
        let (a, b) = Ticker.autoscale(dataMin: 1, dataMax: 9)
        XCTAssertEqual(a, 0.6, accuracy: 1e-15); XCTAssertEqual(b, 9.4, accuracy: 1e-15)
        let (c, d) = Ticker.autoscale(dataMin: 5, dataMax: 5)
        XCTAssertEqual(c, 4.725, accuracy: 1e-12); XCTAssertEqual(d, 5.275, accuracy: 1e-12)
        let (e, f) = Ticker.autoscale(dataMin: 0, dataMax: 0)
        XCTAssertEqual(e, -0.055, accuracy: 1e-12); XCTAssertEqual(f, 0.055, accuracy: 1e-12)
        let (g, h) = Ticker.autoscale(dataMin: .nan, dataMax: 1)
        XCTAssertTrue(g.isFinite && h.isFinite)
    }

    func testAutoBinsFollowAxisLengthAndFontSize() {
        XCTAssertEqual(Ticker.autoBins(axisLength: 502, tickLabelSize: 11, isXAxis: true), 9)
        XCTAssertEqual(Ticker.autoBins(axisLength: 100, tickLabelSize: 10, isXAxis: true), 3)
        XCTAssertEqual(Ticker.autoBins(axisLength: 100, tickLabelSize: 10, isXAxis: false), 5)
        XCTAssertEqual(Ticker.autoBins(axisLength: 5, tickLabelSize: 10, isXAxis: false), 1)
    }

    func testOffsetAndScientificNotation() {
        let (a, b) = Ticker.autoscale(dataMin: 1000, dataMax: 1_000_000)
        let t = Ticker.tickValues(a, b, nbins: 9)
        let f = Ticker.format(t, viewMin: a, viewMax: b)
        XCTAssertEqual(f.offsetText, "1e6")
        XCTAssertTrue(f.labels.contains("1.0"), "\(f.labels)")
        let t2 = Ticker.tickValues(1_000_000.1, 1_000_000.5, nbins: 9)
        let f2 = Ticker.format(t2, viewMin: 1_000_000.1, viewMax: 1_000_000.5)
        XCTAssertEqual(f2.offsetText, "+1e6", "\(f2.labels)")
    }

    func testNoHangOrCrashOnHostileRanges() {
        for (a, b) in [(0.0, 1e-300), (-1e300, 1e300), (1e15, 1e15 + 1), (.infinity, 1), (3, 3)] {
            let t = Ticker.tickValues(a, b, nbins: 9)
            XCTAssertLessThan(t.count, 100)
            _ = Ticker.format(t, viewMin: a.isFinite ? a : 0, viewMax: b)
        }
    }

    func testPythonDivmod() {
        XCTAssertEqual(Ticker.pyDivmod(-7, 2).0, -4)
        XCTAssertEqual(Ticker.pyDivmod(-7, 2).1, 1)
        XCTAssertEqual(Ticker.pyDivmod(7.5, 2.5).0, 3)
        XCTAssertEqual(Ticker.pyFloorDiv(-12.223197739746544, 2.5), -5)
    }
}

final class EdgeCaseTests: XCTestCase {
    func testDegenerateInputsRenderWithoutTrapping() throws {
        let fig = Figure(width: 3, height: 2)
        let g = fig.subplots(rows: 1, columns: 3)
        g[0][0].xLimits = 2...2
        g[0][0].scatter(x: [], y: [])
        g[0][1].scatter(x: [1, .nan, 3], y: [.infinity, 2, 3], values: [0, .nan, 1], label: "nan")
        g[0][1].legend()
        g[0][2].plot(x: [5], y: [5], marker: .star, label: "one point")
        g[0][2].legend(location: .lowerCenter)
        for format in OutputFormat.allCases { XCTAssertFalse(try fig.render(format: format).isEmpty) }
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size, cairoMetrics: false))
        XCTAssertEqual(geo.axes[0].xLimits.lowerBound, 1.9, accuracy: 1e-12)
        XCTAssertEqual(geo.axes[2].xLimits.lowerBound, 4.725, accuracy: 1e-12)
        XCTAssertEqual(geo.axes[1].xLimits.upperBound, 3.165, accuracy: 1e-12)  // only (3, 3) is finite
        // An empty figure draws its background only.
        XCTAssertFalse(try Figure().render(format: .png).isEmpty)
    }
}

/// Log axes: matplotlib's LogLocator decades, 10ⁿ labels, log-space autoscale, masked values.
final class LogScaleTests: XCTestCase {
    func testDecadeTicksAndLabels() {
        let t = Ticker.logTicks(1, 1e6, maxTicks: 9)
        XCTAssertEqual(t.locations, (0...6).map { pow(10, Double($0)) })
        XCTAssertEqual(t.labels, ["10⁰", "10¹", "10²", "10³", "10⁴", "10⁵", "10⁶"])
        // Twenty decades on a short axis: every 5th decade (stride from the tick budget).
        let wide = Ticker.logTicks(1e-10, 1e10, maxTicks: 4)
        XCTAssertEqual(wide.labels, ["10⁻¹⁰", "10⁻⁵", "10⁰", "10⁵", "10¹⁰"])
        // Under two decades: 2× and 5× ticks too; under half a decade, 2×…9×.
        let narrow = Ticker.logTicks(300, 20_000, maxTicks: 9)
        XCTAssertTrue(narrow.labels.contains("5×10²") && narrow.labels.contains("10³") && narrow.labels.contains("2×10⁴"))
        XCTAssertFalse(narrow.labels.contains("3×10³"))
        XCTAssertTrue(Ticker.logTicks(20, 50, maxTicks: 9).labels.contains("3×10¹"))
        XCTAssertEqual(narrow.locations, narrow.locations.sorted())
    }

    func testLogAutoscaleIsInLogSpace() {
        let (a, b) = Ticker.logAutoscale(dataMin: 10, dataMax: 1000, margin: 0.05)
        XCTAssertEqual(log10(a), 0.9, accuracy: 1e-12)
        XCTAssertEqual(log10(b), 3.1, accuracy: 1e-12)
        // A single value: the decades around it.
        let (c, d) = Ticker.logAutoscale(dataMin: 50, dataMax: 50, margin: 0)
        XCTAssertEqual(c, 10, accuracy: 1e-9); XCTAssertEqual(d, 100, accuracy: 1e-9)
    }

}

extension LayoutTests {
    /// A log axis: limits from positive values only, equal ratios at equal distances, masked values
    /// not drawn, nothing clipped.
    func testLogAxisMappingMaskingAndLayout() {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100)
        let ax = fig.subplots(rows: 1, columns: 1)[0][0]
        ax.yScale = .log
        ax.plot(x: [1, 2, 3, 4, 5], y: [1000, 0, 10, -5, 100], label: "with masked values")
        ax.scatter(x: [1, 2], y: [0, 1e4])
        ax.title = "Log axis"; ax.xLabel = "k"; ax.yLabel = "inertia"
        ax.legend()
        // Non-positive values do not count for the limits of a log axis.
        let lim = ax.viewLimits()
        XCTAssertEqual(log10(lim.y.lowerBound), 1 - 0.15, accuracy: 1e-9)
        XCTAssertEqual(log10(lim.y.upperBound), 4 + 0.15, accuracy: 1e-9)
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        let a = geo.axes[0]
        XCTAssertEqual(a.yTicks.visible.map(\.label), ["10¹", "10²", "10³", "10⁴"])
        // Equal ratios, equal distances; 0 and negatives map to nothing drawable.
        let p = FigurePainter(figure: fig, renderer: RecordingRenderer(size: fig.size)).layoutPlans()[0]
        XCTAssertEqual(p.py(10) - p.py(100), p.py(100) - p.py(1000), accuracy: 1e-9)
        XCTAssertTrue(p.py(0).isNaN && p.py(-5).isNaN)
        assertNothingClippedOrOverlapping(fig, "log axis")
        // Rendering with masked values works (no crash, an image of the right size).
        let png = try? fig.render(format: .png)
        XCTAssertNotNil(png)
    }
}
