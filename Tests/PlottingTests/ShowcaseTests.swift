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
}
