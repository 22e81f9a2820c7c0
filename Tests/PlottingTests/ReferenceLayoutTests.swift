import Foundation
import XCTest
@testable import Plotting

/// Limits, ticks, tick labels, axes boxes and legend placement against what matplotlib chose for
/// the seed's figures (Fixtures/reference/figure_layout.json).
final class ReferenceLayoutTests: XCTestCase {
    func refAxes(_ name: String) -> [[String: Any]] {
        let figs = TestFixtures.layout["figures"] as! [String: Any]
        return (figs[name] as! [String: Any])["axes"] as! [[String: Any]]
    }

    func ticks(_ v: Any?) -> [(Double, String)] {
        (v as! [[Any]]).map { (($0[0] as! NSNumber).doubleValue, $0[1] as! String) }
    }

    func testLimitsTicksAndLabelsMatchMatplotlibInFixedLayout() {
        for name in SeedFigures.names {
            let fig = SeedFigures.make(name, layout: .fixed())
            let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
            let ref = refAxes(name)
            XCTAssertEqual(geo.axes.count, ref.count, name)
            for (g, r) in zip(geo.axes, ref) {
                let xl = SeedFigures.doubles(r["xlim"]), yl = SeedFigures.doubles(r["ylim"])
                XCTAssertEqual(g.xLimits.lowerBound, xl[0], accuracy: 1e-12, name)
                XCTAssertEqual(g.xLimits.upperBound, xl[1], accuracy: 1e-12, name)
                XCTAssertEqual(g.yLimits.lowerBound, yl[0], accuracy: 1e-9, name)
                XCTAssertEqual(g.yLimits.upperBound, yl[1], accuracy: 1e-9, name)
                XCTAssertEqual(g.xTicks.locations, SeedFigures.doubles(r["xticks"]), name)
                XCTAssertEqual(g.yTicks.locations, SeedFigures.doubles(r["yticks"]), name)
                XCTAssertEqual(g.xTicks.labels, r["xticklabels"] as! [String], name)
                XCTAssertEqual(g.yTicks.labels, r["yticklabels"] as! [String], name)
                XCTAssertEqual(g.xTicks.visible.map(\.value), ticks(r["xticks_in_view"]).map(\.0), name)
                XCTAssertEqual(g.xTicks.visible.map(\.label), ticks(r["xticks_in_view"]).map(\.1), name)
                XCTAssertEqual(g.yTicks.visible.map(\.label), ticks(r["yticks_in_view"]).map(\.1), name)
                // The fixed layout reproduces matplotlib's axes box (pixels at 100 dpi, y flipped).
                let box = SeedFigures.doubles(r["bbox_px"])
                let k = fig.dpi / 72, H = fig.size.height * k
                XCTAssertEqual(g.rect.minX * k, box[0], accuracy: 1e-6, name)
                XCTAssertEqual(g.rect.maxX * k, box[2], accuracy: 1e-6, name)
                XCTAssertEqual(H - g.rect.maxY * k, box[1], accuracy: 1e-6, name)
                XCTAssertEqual(H - g.rect.minY * k, box[3], accuracy: 1e-6, name)
            }
        }
    }

    func testTightLayoutKeepsMatplotlibTicks() {
        // The measured layout changes the axes box, but not the limits or the ticks of the seed figures.
        for name in SeedFigures.names {
            let fig = SeedFigures.make(name)
            let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
            for (g, r) in zip(geo.axes, refAxes(name)) {
                XCTAssertEqual(g.xTicks.labels, r["xticklabels"] as! [String], name)
                XCTAssertEqual(g.yTicks.labels, r["yticklabels"] as! [String], name)
            }
        }
    }

    func testLegendBestPicksWhatMatplotlibPicked() {
        for name in ["anomaly", "iterations"] {
            for layout in [LayoutMode.fixed(), .tight()] {
                let fig = SeedFigures.make(name, layout: layout)
                let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
                for (g, r) in zip(geo.axes, refAxes(name)) {
                    XCTAssertEqual(g.legendLocation, .upperRight, name)
                    let leg = r["legend"] as! [String: Any]
                    XCTAssertEqual(g.legendTexts.map(\.text), leg["texts"] as! [String])
                    guard case .fixed = layout, let lr = g.legendRect else { continue }
                    // Same box as matplotlib within a few pixels (text widths come from FreeType here).
                    let box = SeedFigures.doubles(leg["bbox_px"])
                    let k = fig.dpi / 72, H = fig.size.height * k
                    XCTAssertEqual(lr.maxX * k, box[2], accuracy: 0.5, name)
                    XCTAssertEqual(H - lr.minY * k, box[3], accuracy: 0.5, name)
                    // matplotlib rounds small text heights up to whole pixels (6 pt: 9 px, not 8.3), hence the slack.
                    XCTAssertEqual(lr.height * k, box[3] - box[1], accuracy: 2.5, name)
                    XCTAssertEqual(lr.width * k, box[2] - box[0], accuracy: 3, name)
                }
            }
        }
    }

    func testSeedStyleMatchesReferenceRcParams() {
        let rc = TestFixtures.layout["rcParams_after_sns_set_whitegrid"] as! [String: Any]
        let s = Style.whitegrid
        XCTAssertEqual(s.fontSize, (rc["font.size"] as! NSNumber).doubleValue)
        XCTAssertEqual(s.titleSize, (rc["axes.titlesize"] as! NSNumber).doubleValue)
        XCTAssertEqual(s.labelSize, (rc["axes.labelsize"] as! NSNumber).doubleValue)
        XCTAssertEqual(s.xTickLabelSize, (rc["xtick.labelsize"] as! NSNumber).doubleValue)
        XCTAssertEqual(s.legendFontSize, (rc["legend.fontsize"] as! NSNumber).doubleValue)
        XCTAssertEqual(s.axesLineWidth, (rc["axes.linewidth"] as! NSNumber).doubleValue)
        XCTAssertEqual(s.gridLineWidth, (rc["grid.linewidth"] as! NSNumber).doubleValue)
        XCTAssertEqual(s.axesEdgeColor, Color.parse(rc["axes.edgecolor"] as! String))
        XCTAssertEqual(s.gridColor, Color.parse(rc["grid.color"] as! String))
        XCTAssertEqual(s.textColor, Color.parse(rc["text.color"] as! String))
        XCTAssertEqual(s.textColor.hexString, "#262626")
        XCTAssertEqual(s.colorCycle.map(\.hexString), rc["axes.prop_cycle"] as! [String])
        XCTAssertEqual(s.legendFrameAlpha, (rc["legend.framealpha"] as! NSNumber).doubleValue)
        XCTAssertEqual(s.titlePad, (rc["axes.titlepad"] as! NSNumber).doubleValue)
        XCTAssertEqual(s.labelPad, (rc["axes.labelpad"] as! NSNumber).doubleValue)
        XCTAssertFalse(s.tickMarks)
        // Per-collection sizes and colours of the seed figures.
        let figs = TestFixtures.layout["figures"] as! [String: Any]
        let anomaly = ((figs["anomaly"] as! [String: Any])["axes"] as! [[String: Any]])[0]
        let colls = anomaly["collections"] as! [[String: Any]]
        XCTAssertEqual(SeedFigures.doubles(colls[0]["sizes_pt2"]), [s.scatterSize])
        XCTAssertEqual(SeedFigures.doubles(colls[0]["linewidths_pt"]), [s.scatterLineWidth])
        let named = TestFixtures.layout["named_colors"] as! [String: String]
        for (n, hex) in named { XCTAssertEqual(Color(name: n)?.hexString, hex, n) }
    }

    func testLabelColormapsMatchReference() {
        let maps = TestFixtures.layout["label_colormaps"] as! [String: Any]
        for (name, v) in maps {
            let m = Colormap.named(name)!
            let hex = (v as! [String: Any])["label_colors_hex"] as! [String]
            let labels = (0..<hex.count).map(Double.init)
            XCTAssertEqual(m.colors(for: labels).map(\.hexString), hex, name)
        }
    }
}
