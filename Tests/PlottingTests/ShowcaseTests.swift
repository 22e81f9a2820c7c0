import Foundation
import XCTest
@testable import Plotting

/// Renders the seed figures and the feature showcase into docs/showcase/ when
/// CLUSTERPLOT_SHOWCASE=1 (otherwise renders them in memory only, as a smoke test).
final class ShowcaseTests: XCTestCase {
    static let outDir = TestFixtures.root.appendingPathComponent("docs/showcase")
    static var writes: Bool { ProcessInfo.processInfo.environment["CLUSTERPLOT_SHOWCASE"] == "1" }

    func testSeedFiguresRender() throws {
        for name in SeedFigures.names {
            let fig = SeedFigures.make(name)
            let png = try fig.render(format: .png)
            let img = try PNGCodec.decode(png)
            XCTAssertEqual(img.width, Int((fig.width * fig.dpi).rounded()), name)
            XCTAssertEqual(img.height, Int((fig.height * fig.dpi).rounded()), name)
            if Self.writes {
                try FileManager.default.createDirectory(at: Self.outDir, withIntermediateDirectories: true)
                try fig.save(to: Self.outDir.appendingPathComponent("\(name).png"))
                try fig.save(to: Self.outDir.appendingPathComponent("\(name).pdf"))
                let fixed = SeedFigures.make(name, layout: .fixed())
                try fixed.save(to: Self.outDir.appendingPathComponent("\(name)-fixed.png"))
            }
        }
    }

    func testFeatureShowcaseRenders() throws {
        for (name, make) in Showcase.all {
            let fig = make()
            let rec = RecordingRenderer(size: fig.size)
            let geo = fig.geometry(using: rec)
            let canvas = Rect(x: 0, y: 0, width: fig.size.width, height: fig.size.height)
            for t in geo.allTexts { XCTAssertTrue(canvas.contains(t.rect, tolerance: 0.01), "\(name): \(t.text) clipped") }
            if Self.writes {
                try FileManager.default.createDirectory(at: Self.outDir, withIntermediateDirectories: true)
                try fig.save(to: Self.outDir.appendingPathComponent("\(name).png"))
                if name != "dense-scatter" { try fig.save(to: Self.outDir.appendingPathComponent("\(name).svg")) }
            } else {
                _ = try fig.render(format: .png)
            }
        }
    }
}
