import Foundation
import XCTest
@testable import Plotting

/// `scatter(x:y:groups:…)`: one series per category with a legend entry each (seaborn's `hue=`).
final class GroupedScatterTests: XCTestCase {
    func testOrdersColoursAndLegend() throws {
        let fig = Figure(width: 6.4, height: 4.8, dpi: 100, style: .whitegrid)
        let ax = fig.subplots()[0][0]
        let x = [0.0, 1, 2, 3, 4, 5], y = [0.0, 1, 0, 1, 0, 1]
        let g = ["b", "c", "a", "b", "c", "a"]
        // Sorted (default): a, b, c — seaborn's hue_order=sorted; colours C0, C1, C2 of the style.
        let sorted = ax.scatter(x: x, y: y, groups: g)
        XCTAssertEqual(sorted.map(\.label), ["a", "b", "c"])
        XCTAssertEqual(sorted.map(\.color), [.cycle(0), .cycle(1), .cycle(2)])
        XCTAssertEqual(sorted[0].x, [2, 5])
        XCTAssertEqual(sorted[1].y, [0, 1])
        ax.legend()
        let geo = fig.geometry(using: RecordingRenderer(size: fig.size))
        XCTAssertEqual(geo.axes[0].legendTexts.map(\.text), ["a", "b", "c"])
        // The axes' own cycles do not move.
        XCTAssertEqual(ax.scatter(x: [0], y: [0]).color, .cycle(0))
        ax.clear()
        // First seen: b, c, a (seaborn's order for strings without hue_order).
        XCTAssertEqual(ax.scatter(x: x, y: y, groups: g, order: .firstSeen).map(\.label), ["b", "c", "a"])
        ax.clear()
        // Given: only those, in that order; a palette cycles; groupColors win; labels by a closure.
        let red = Color(name: "red")!, blue = Color(name: "blue")!
        let given = ax.scatter(x: x, y: y, groups: [1, -1, 2, 1, -1, 2], order: .given([2, 1, -1]), palette: [red, blue],
                               groupColors: [-1: .black], size: 10, label: { $0 == -1 ? "noise" : "cluster \($0)" })
        XCTAssertEqual(given.map(\.label), ["cluster 2", "cluster 1", "noise"])
        XCTAssertEqual(given.map(\.color), [.uniform(red), .uniform(blue), .uniform(.black)])
        XCTAssertEqual(given[0].sizes, [10])
        XCTAssertEqual(ax.scatter(x: x, y: y, groups: [1, 1, 1, 1, 1, 1], order: .given([7, 1])).map(\.label), ["1"])
        // Integers sort numerically.
        XCTAssertEqual(GroupOrder<Int>.sorted.groups(of: [10, 2, -1, 2]), [-1, 2, 10])
    }
}
