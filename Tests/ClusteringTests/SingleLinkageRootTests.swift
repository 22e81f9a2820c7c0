import XCTest
@testable import Clustering

/// `SingleLinkage.primEdges` keeps its running minima as squared distances; scikit-learn's
/// `mst_linkage_core` keeps square roots and picks the first sample (index order) with the smallest
/// root. Distinct squares can share a root, so here the two are compared on points built to make
/// that happen at many steps: coordinates a few ulps apart near 1.5 (where two or three squares
/// round to each root), in 2 and 3 dimensions.
final class SingleLinkageRootTests: XCTestCase {
    /// scikit-learn 1.9.1's `mst_linkage_core` as written: index order, a square root per pair.
    /// `rootTies` counts the steps where the smallest square is not the chosen sample's square.
    private func sklearnPrim(_ points: [[Double]], rootTies: inout Int) -> (from: [Int], to: [Int], weight: [Double]) {
        let n = points.count
        var inTree = [Bool](repeating: false, count: n)
        var current = [Double](repeating: .infinity, count: n)
        var squares = [Double](repeating: .infinity, count: n)
        var from: [Int] = [], to: [Int] = [], weight: [Double] = []
        var node = 0
        for _ in 1..<n {
            inTree[node] = true
            var best = Double.infinity, next = 0
            for j in 0..<n where !inTree[j] {
                var s = 0.0
                for f in points[j].indices { let t = points[node][f] - points[j][f]; s += t * t }
                squares[j] = min(squares[j], s)
                let dist = s.squareRoot()
                if dist < current[j] { current[j] = dist }
                if current[j] < best { best = current[j]; next = j }
            }
            let smallest = (0..<n).filter { !inTree[$0] }.map { squares[$0] }.min()!
            if squares[next] != smallest { rootTies += 1 }
            from.append(node); to.append(next); weight.append(best)
            node = next
        }
        return (from, to, weight)
    }

    func testSquaredMinimaPickTheSameSampleAsRoots() throws {
        var state: UInt64 = 0x5DEE_CE66
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var rootTies = 0
        for trial in 0..<60 {
            let d = 2 + trial % 2, n = 8 + random(40)
            var points: [[Double]] = [[Double](repeating: 0, count: d)]
            for _ in 1..<n {
                points.append((0..<d).map { f in
                    var v = f == 0 ? 1.5 : [0, 0x1p-26, 0x1.6a09e667f3bcdp-26, 0x1p-25][random(4)]
                    for _ in 0..<random(6) { v = v.nextUp }
                    return v
                })
            }
            let expected = sklearnPrim(points, rootTies: &rootTies)
            let got = try XCTUnwrap(SingleLinkage.primEdges(try DataMatrix(points)))
            XCTAssertEqual(got.from, expected.from, "trial \(trial)")
            XCTAssertEqual(got.to, expected.to, "trial \(trial)")
            XCTAssertEqual(got.weight.map(\.bitPattern), expected.weight.map(\.bitPattern), "trial \(trial)")
        }
        // The rule is exercised: steps where choosing by the square would have picked another sample.
        XCTAssertGreaterThan(rootTies, 20)
    }

    func testAnOverflowingDistanceIsReported() throws {
        let x = try DataMatrix([[0, 0], [1e200, 1e200]])
        XCTAssertNil(SingleLinkage.primEdges(x))
        XCTAssertNotNil(SingleLinkage.primEdges(try DataMatrix([[0, 0], [1e150, 1e150]])))
    }
}
