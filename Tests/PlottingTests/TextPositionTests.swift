import Foundation
import XCTest
@testable import Plotting

/// Where every text of the five seed figures sits in `layout: none`, against matplotlib 3.11's
/// boxes (Fixtures/reference/figure_layout.json, pixels at 100 dpi): each text's anchor edge (the
/// centre of x tick labels, x labels and titles, the right edge of y tick labels and the y label,
/// the left edge of legend texts) and the top and bottom of its box, within 0.5 px.
final class TextPositionTests: XCTestCase {
    /// One text's differences in pixels: anchor x, top, bottom.
    struct Offset { let figure: String; let role: String; let text: String; let dx: Double; let dTop: Double; let dBottom: Double
        var worst: Double { max(abs(dx), abs(dTop), abs(dBottom)) }
    }

    static func offsets(_ name: String) -> [Offset] {
        let fig = SeedFigures.make(name, layout: .fixed())
        let k = fig.dpi / 72, H = fig.size.height * k
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size, pixelsPerPoint: k, rasterMetrics: true))
        let figs = TestFixtures.layout["figures"] as! [String: Any]
        let ref = (figs[name] as! [String: Any])["axes"] as! [[String: Any]]
        var out: [Offset] = []
        func compare(_ role: String, _ box: TextBox?, _ r: [Double]?, anchor: (Rect) -> Double, refAnchor: ([Double]) -> Double) {
            guard let box, let r else { return }
            let b = box.rect
            out.append(Offset(figure: name, role: role, text: box.text, dx: anchor(b) * k - refAnchor(r),
                              dTop: (H - b.minY * k) - r[3], dBottom: (H - b.maxY * k) - r[1]))
        }
        for (g, r) in zip(geo.axes, ref) {
            let xt = SeedFigures.doubles(r["xticks"]), yt = SeedFigures.doubles(r["yticks"])
            let xb = (r["xticklabel_boxes_px"] as! [Any]).map(SeedFigures.doubles)
            let yb = (r["yticklabel_boxes_px"] as! [Any]).map(SeedFigures.doubles)
            let xTexts = g.texts.filter { $0.role == .xTickLabel }, yTexts = g.texts.filter { $0.role == .yTickLabel }
            for (box, v) in zip(xTexts, g.xTicks.visible.map(\.value)) {
                compare("x tick", box, xt.firstIndex(of: v).map { xb[$0] }, anchor: { $0.midX }, refAnchor: { ($0[0] + $0[2]) / 2 })
            }
            for (box, v) in zip(yTexts, g.yTicks.visible.map(\.value)) {
                compare("y tick", box, yt.firstIndex(of: v).map { yb[$0] }, anchor: { $0.maxX }, refAnchor: { $0[2] })
            }
            func refBox(_ key: String) -> [Double]? { (r[key] as? [String: Any]).map { SeedFigures.doubles($0["bbox_px"]) } }
            compare("x label", g.texts.first { $0.role == .xLabel }, refBox("xlabel"), anchor: { $0.midX }, refAnchor: { ($0[0] + $0[2]) / 2 })
            compare("y label", g.texts.first { $0.role == .yLabel }, refBox("ylabel"), anchor: { $0.maxX }, refAnchor: { $0[2] })
            compare("title", g.texts.first { $0.role == .title }, refBox("title"), anchor: { $0.midX }, refAnchor: { ($0[0] + $0[2]) / 2 })
            if let leg = r["legend"] as? [String: Any] {
                let boxes = (leg["text_boxes_px"] as! [Any]).map(SeedFigures.doubles)
                for (box, rb) in zip(g.legendTexts, boxes) {
                    compare("legend", box, rb, anchor: { $0.minX }, refAnchor: { $0[0] })
                }
            }
        }
        return out
    }

    func testEveryTextWithinHalfAPixelOfMatplotlib() {
        var table = "figure        | role    | texts | max |Δx| | max |Δtop| | max |Δbottom| (px)\n"
        for name in SeedFigures.names {
            let all = Self.offsets(name)
            XCTAssertFalse(all.isEmpty, name)
            for role in ["x tick", "y tick", "x label", "y label", "title", "legend"] {
                let o = all.filter { $0.role == role }
                guard !o.isEmpty else { continue }
                table += String(format: "%-13@ | %-7@ | %5d | %9.3f | %11.3f | %14.3f\n", name as NSString, role as NSString, o.count,
                                o.map { abs($0.dx) }.max()!, o.map { abs($0.dTop) }.max()!, o.map { abs($0.dBottom) }.max()!)
            }
            for o in all where o.role != "title" {
                XCTAssertLessThanOrEqual(o.worst, 0.5, "\(name) \(o.role) '\(o.text)': Δx \(o.dx) Δtop \(o.dTop) Δbottom \(o.dBottom)")
            }
        }
        print(table)
        if let path = ProcessInfo.processInfo.environment["CLUSTERPLOT_TEXT_TABLE"] { try? table.write(toFile: path, atomically: true, encoding: .utf8) }
    }
}
