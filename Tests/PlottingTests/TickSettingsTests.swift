import Foundation
import XCTest
@testable import Plotting

/// Tick locators and formatters set per axis, and the scale defaults.
final class TickSettingsTests: XCTestCase {
    func figure() -> (Figure, Axes) {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .classic)
        return (fig, fig.subplots()[0][0])
    }

    func ticks(_ fig: Figure) -> AxesGeometry { fig.geometry(using: RecordingRenderer(size: fig.size)).axes[0] }

    func testCategoryLabelsAtZeroToNMinusOneAndAtGivenPositions() {
        let (fig, ax) = figure()
        ax.plot(x: [0, 1, 2], y: [3, 1, 2])
        ax.xAxis.setCategories(["cluster 0", "cluster 1", "cluster 2"])
        ax.yAxis.setCategories(["low", "high"], at: [1, 3])
        let g = ticks(fig)
        XCTAssertEqual(g.xTicks.locations, [0, 1, 2])
        XCTAssertEqual(g.xTicks.visible.map(\.label), ["cluster 0", "cluster 1", "cluster 2"])
        XCTAssertEqual(g.xTicks.offsetText, "")
        XCTAssertEqual(g.yTicks.visible.map(\.value), [1, 3])
        XCTAssertEqual(g.yTicks.visible.map(\.label), ["low", "high"])
        // The labels are drawn as tick labels at their positions.
        XCTAssertEqual(g.texts.filter { $0.role == .xTickLabel }.map(\.text), ["cluster 0", "cluster 1", "cluster 2"])
        // xTicks reads the fixed locator back.
        XCTAssertEqual(ax.xTicks, [0, 1, 2])
    }

    func testFixedTicksKeepScalarLabelsAndFixedFormatterPadsMissingLabels() {
        let (fig, ax) = figure()
        ax.plot(x: [0, 10], y: [0, 1])
        ax.xTicks = [0, 2.5, 5, 10]
        XCTAssertTrue(ax.xAxis.locator is FixedLocator)
        XCTAssertEqual(ticks(fig).xTicks.labels, ["0.0", "2.5", "5.0", "10.0"])
        ax.xAxis.formatter = FixedFormatter(["a", "b"])
        XCTAssertEqual(ticks(fig).xTicks.labels, ["a", "b", "", ""])
        ax.xTicks = nil
        ax.xAxis.formatter = nil
        XCTAssertNil(ax.xAxis.locator)
        XCTAssertEqual(ticks(fig).xTicks.visible.map(\.label), ["0", "2", "4", "6", "8", "10"])
    }

    func testFunctionFormatterAndMaxNLocator() {
        let (fig, ax) = figure()
        ax.plot(x: [0, 1], y: [0, 100])
        ax.yAxis.locator = MaxNLocator(maxBins: 3)
        ax.yAxis.formatter = FunctionFormatter { value, index in "#\(index): \(Int(value))%" }
        let g = ticks(fig)
        // View −5…105: steps of 50, one tick beyond each end (drawn: the ones in view).
        XCTAssertEqual(g.yTicks.locations, [-50, 0, 50, 100, 150])
        XCTAssertEqual(g.yTicks.visible.map(\.label), ["#1: 0%", "#2: 50%", "#3: 100%"])
        XCTAssertEqual(g.yTicks.offsetText, "")
    }

    func testScaleDefaults() {
        XCTAssertTrue(AxisScale.linear.defaultLocator is MaxNLocator)
        XCTAssertTrue(AxisScale.log.defaultLocator is LogLocator)
        XCTAssertTrue(AxisScale.linear.defaultFormatter(for: MaxNLocator()) is ScalarFormatter)
        XCTAssertTrue(AxisScale.log.defaultFormatter(for: LogLocator()) is LogFormatter)
        let plain = AxisScale.log.defaultFormatter(for: FixedLocator([10])) as? ScalarFormatter
        XCTAssertEqual(plain?.formatsEachValueAlone, true)
    }

    /// The log pair gives exactly `Ticker.logTicks`' locations and labels, over wide and narrow views.
    func testLogDefaultsEqualLogTicks() {
        var views: [(Double, Double)] = [(1, 1e6), (1e-10, 1e10), (300, 20_000), (20, 50), (0.7, 1.3), (3e-7, 4e-5)]
        for e in stride(from: -12.0, through: 12, by: 0.7) { views.append((pow(10, e), pow(10, e + 0.35))); views.append((pow(10, e), pow(10, e + 2.6))) }
        for (lo, hi) in views {
            for bins in [2, 5, 9] {
                // An axis length that gives `bins` (y axis, 10 pt labels: floor(length / 20)).
                let c = TickContext(view: lo...hi, scale: .log, axisLength: Double(bins) * 20 + 1, tickLabelSize: 10, isXAxis: false)
                XCTAssertEqual(c.autoBins, bins)
                let expected = Ticker.logTicks(lo, hi, maxTicks: bins)
                let locs = LogLocator().tickLocations(in: c)
                XCTAssertEqual(locs, expected.locations, "\(lo)…\(hi)")
                XCTAssertEqual(LogFormatter().tickLabels(for: locs, in: c).labels, expected.labels, "\(lo)…\(hi)")
            }
        }
    }

    func testLogAxisTicks() {
        let (fig, ax) = figure()
        ax.yScale = .log
        ax.plot(x: [1, 2, 3], y: [10, 100, 1000])
        XCTAssertEqual(ticks(fig).yTicks.visible.map(\.label), ["10¹", "10²", "10³"])
        // Fixed ticks on a log axis: non-positive ones dropped, plain numbers (as before locators
        // existed); the LogFormatter labels them as powers when asked.
        ax.yTicks = [-1, 0, 10, 100, 1000]
        XCTAssertEqual(ticks(fig).yTicks.locations, [10, 100, 1000])
        XCTAssertEqual(ticks(fig).yTicks.labels, ["10", "100", "1000"])
        ax.yAxis.formatter = LogFormatter()
        XCTAssertEqual(ticks(fig).yTicks.labels, ["10¹", "10²", "10³"])
        XCTAssertEqual(LogFormatter().tickLabels(for: [30, 0.02, 7], in: TickContext(view: 1...100, scale: .log, axisLength: 100,
                                                                                  tickLabelSize: 10, isXAxis: true)).labels,
                       ["3×10¹", "2×10⁻²", "7×10⁰"])
    }
}
