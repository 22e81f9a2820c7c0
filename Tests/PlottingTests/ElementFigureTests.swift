import Foundation
import XCTest
@testable import Plotting

/// The element figures (`ElementFigures`) against matplotlib's rendering of the same calls:
/// limits and ticks of every axes, legend texts and `best` places. With
/// CLUSTERPLOT_ELEMENT_RENDERS=<dir> the PNGs are written there to be looked at beside matplotlib's.
final class ElementFigureTests: XCTestCase {
    func testElementFiguresRender() throws {
        let dir = ProcessInfo.processInfo.environment["CLUSTERPLOT_ELEMENT_RENDERS"].map { URL(fileURLWithPath: $0) }
        for (name, make) in ElementFigures.all {
            for (styleName, style) in [("classic", Style.classic), ("whitegrid", Style.whitegrid)] {
                let fig = make(style)
                let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
                let canvas = Rect(x: 0, y: 0, width: fig.size.width, height: fig.size.height)
                for t in geo.allTexts { XCTAssertTrue(canvas.contains(t.rect, tolerance: 0.01), "\(name)-\(styleName): \(t.text) clipped") }
                if let dir {
                    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                    try fig.save(to: dir.appendingPathComponent("\(name)-\(styleName).png"))
                } else {
                    _ = try fig.render(format: .png)
                }
            }
        }
    }
}
