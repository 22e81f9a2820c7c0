import Foundation
import XCTest
@testable import Plotting

/// The element figures (`ElementFigures`) against matplotlib's rendering of the same calls
/// (`Fixtures/reference/elements.json`, from `scripts/make_element_reference.py`): view limits,
/// visible ticks and x tick labels of every axes, legend texts and the `best` location matplotlib
/// chose. With CLUSTERPLOT_ELEMENT_RENDERS=<dir> the PNGs are written there, to be looked at beside
/// matplotlib's (the script writes those with a directory argument).
final class ElementFigureTests: XCTestCase {
    static var reference: [String: Any] { TestFixtures.json("elements.json") }

    static func location(_ name: String) -> LegendLocation? {
        LegendLocation.allCases.first { $0.rawValue == name }
    }

    func testElementFiguresMatchMatplotlib() throws {
        let figures = try XCTUnwrap(Self.reference["figures"] as? [String: [[String: Any]]])
        let dir = ProcessInfo.processInfo.environment["CLUSTERPLOT_ELEMENT_RENDERS"].map { URL(fileURLWithPath: $0) }
        var layoutDependent: [String] = []
        for (name, make) in ElementFigures.all {
            for (styleName, style) in [("classic", Style.classic), ("whitegrid", Style.whitegrid)] {
                let id = "\(name)-\(styleName)"
                let fig = make(style)
                let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
                let expected = try XCTUnwrap(figures[id], id)
                XCTAssertEqual(geo.axes.count, expected.count, id)
                for (i, (a, e)) in zip(geo.axes, expected).enumerated() {
                    let where_ = "\(id) axes \(i)"
                    let ax = fig.axes[i]
                    // Limits: matplotlib gives inverted axes high to low.
                    for (lim, key, inverted) in [(a.xLimits, "xlim", ax.xAxis.isInverted), (a.yLimits, "ylim", ax.yAxis.isInverted)] {
                        let l = try XCTUnwrap(e[key] as? [Double])
                        XCTAssertEqual(l[0] > l[1], inverted, "\(where_) \(key) direction")
                        let lo = min(l[0], l[1]), hi = max(l[0], l[1])
                        XCTAssertEqual(lim.lowerBound, lo, accuracy: 1e-9 * max(1, abs(hi - lo)), "\(where_) \(key)")
                        XCTAssertEqual(lim.upperBound, hi, accuracy: 1e-9 * max(1, abs(hi - lo)), "\(where_) \(key)")
                    }
                    for (ticks, key, isX) in [(a.xTicks, "xticks", true), (a.yTicks, "yticks", false)] {
                        let want = try XCTUnwrap(e[key] as? [Double])
                        // The automatic ticks depend on the axes size (MaxNLocator's nbins = axis
                        // length / 3 or 2 label sizes): compared where the layouts give the same.
                        let length = isX ? a.rect.width : a.rect.height
                        let size = isX ? style.xTickLabelSize : style.yTickLabelSize
                        let space = Int((length / (size * (isX ? 3 : 2))).rounded(.down))
                        if let mpl = e[isX ? "xtickspace" : "ytickspace"] as? Int, mpl != space,
                           (isX ? ax.xAxis : ax.yAxis).locator == nil {
                            layoutDependent.append("\(where_) \(key): tick space \(space), matplotlib \(mpl)")
                            continue
                        }
                        let got = ticks.visible.map(\.value)
                        XCTAssertEqual(got.count, want.count, "\(where_) \(key): \(got) vs \(want)")
                        for (g, w) in zip(got, want) { XCTAssertEqual(g, w, accuracy: 1e-9, "\(where_) \(key)") }
                    }
                    if !layoutDependent.contains(where: { $0.hasPrefix("\(where_) xticks") }) {
                        XCTAssertEqual(a.xTicks.visible.map(\.label), e["xticklabels"] as? [String], "\(where_) x tick labels")
                    }
                    XCTAssertEqual(a.legendTexts.isEmpty ? nil : a.legendTexts.map(\.text), e["legend"] as? [String], "\(where_) legend")
                    if let loc = e["legend_location"] as? String {
                        // matplotlib's "right" and "center right" are the same place.
                        let want = Self.location(loc)
                        let got = a.legendLocation == .centerRight ? .right : a.legendLocation
                        XCTAssertEqual(got, want, "\(where_) legend location")
                    }
                }
                let canvas = Rect(x: 0, y: 0, width: fig.size.width, height: fig.size.height)
                for t in geo.allTexts { XCTAssertTrue(canvas.contains(t.rect, tolerance: 0.01), "\(id): \(t.text) clipped") }
                if let dir {
                    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                    try fig.save(to: dir.appendingPathComponent("\(id).png"))
                } else {
                    _ = try fig.render(format: .png)
                }
            }
        }
        // matplotlib's tight layout makes these axes 230.7 pt wide: 6.99 tick label widths, so 6 bins
        // (the ellipse axes still gets the same ticks, the polygon axes 0, 2, 4 instead of −1…4).
        XCTAssertEqual(layoutDependent, ["patches-whitegrid axes 0 xticks: tick space 7, matplotlib 6",
                                         "patches-whitegrid axes 1 xticks: tick space 7, matplotlib 6"])
    }
}
