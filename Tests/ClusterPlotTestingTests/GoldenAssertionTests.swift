import ClusterPlotTesting
import Foundation
import Plotting
import XCTest

/// `assertFigureMatchesGolden` and `FigureGoldens.verify`: record, match, fail with images.
final class GoldenAssertionTests: XCTestCase {
    static func elbow(lastInertia: Double = 2.5) -> Figure {
        let fig = Figure(width: 4, height: 3, dpi: 60)
        let ax = fig.axes()
        ax.plot(x: [1, 2, 3, 4, 5], y: [9.1, 4.2, 2.8, 2.6, lastInertia], marker: .circle, label: "inertia")
        ax.axvline(x: 3, color: "red", lineStyle: .dashed)
        ax.title = "Elbow"
        return fig
    }

    /// The committed golden beside this file (Tests/ClusterPlotTestingTests/__Goldens__/elbow.png).
    func testCommittedGoldenMatches() {
        assertFigureMatchesGolden(Self.elbow(), named: "elbow")
    }

    func testRecordsMissingGoldensThenMatchesThenFailsOnAChange() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cpt-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        // With CI set a missing golden is a failure, nothing recorded.
        let ci = try XCTUnwrap(FigureGoldens.verify(Self.elbow(), named: "elbow", in: dir, environment: ["CI": "true"]))
        XCTAssertTrue(ci.hasPrefix("no golden"), ci)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path))
        // Recorded once (and reported), then it matches.
        let first = try XCTUnwrap(FigureGoldens.verify(Self.elbow(), named: "elbow", in: dir, environment: [:]))
        XCTAssertTrue(first.hasPrefix("recorded \(dir.path)/elbow.png"), first)
        XCTAssertNil(FigureGoldens.verify(Self.elbow(), named: "elbow", in: dir, environment: ["CI": "1"]))
        // A changed curve fails, naming the metrics and the images it left.
        let changed = try XCTUnwrap(FigureGoldens.verify(Self.elbow(lastInertia: 6), named: "elbow", in: dir, environment: ["CI": "1"]))
        XCTAssertTrue(changed.contains("does not match") && changed.contains("significant px"), changed)
        let diff = FigureGoldens.artifactsDirectory.appendingPathComponent("elbow.diff.png").path
        XCTAssertTrue(changed.contains("diff: \(diff)"), changed)
        XCTAssertTrue(FileManager.default.fileExists(atPath: diff))
        // A generous tolerance lets it pass; record mode rewrites it.
        XCTAssertNil(FigureGoldens.verify(Self.elbow(lastInertia: 6), named: "elbow", in: dir,
                                          tolerance: Tolerance(maxDiffPixels: 100_000, maxTileRMS: 255), environment: ["CI": "1"]))
        XCTAssertNotNil(FigureGoldens.verify(Self.elbow(lastInertia: 6), named: "elbow", in: dir, environment: ["CLUSTERPLOT_RECORD": "1"]))
        XCTAssertNil(FigureGoldens.verify(Self.elbow(lastInertia: 6), named: "elbow", in: dir, environment: ["CI": "1"]))
    }
}
