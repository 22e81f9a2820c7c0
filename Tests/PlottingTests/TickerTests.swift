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
