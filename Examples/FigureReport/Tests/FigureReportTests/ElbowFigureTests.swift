import ClusterPlotTesting
import FigureReport
import XCTest

/// The README's "Testing your figures" example: the figure against __Goldens__/elbow.png.
final class ElbowFigureTests: XCTestCase {
    func testElbowFigureMatchesGolden() throws {
        let inertias = try ElbowFigure.inertias()
        XCTAssertEqual(inertias.count, 8)
        XCTAssertTrue(zip(inertias, inertias.dropFirst()).allSatisfy { $0 >= $1 }, "inertia falls with k")
        assertFigureMatchesGolden(ElbowFigure.figure(inertias: inertias, chosenK: 4), named: "elbow")
    }
}
