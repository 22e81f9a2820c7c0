import XCTest
@testable import Clustering

/// PairwiseDistances: argument errors, the memory budget, and agreement between its entry points
/// (the bit-level checks against numpy are in ScoresExtraTests).
final class PairwiseDistancesTests: XCTestCase {
    func testBadArguments() throws {
        let x = try DataMatrix([[0, 0], [3, 4], [6, 8]])
        XCTAssertThrowsError(try PairwiseDistances.euclidean(x, maxElements: 8))
        XCTAssertNoThrow(try PairwiseDistances.euclidean(x, maxElements: 9))
        XCTAssertThrowsError(try PairwiseDistances.euclidean(x, try DataMatrix([[1, 2, 3]])))
        XCTAssertThrowsError(try PairwiseDistances.euclidean(x, to: [1]))
        XCTAssertThrowsError(try PairwiseDistances.euclidean(x, to: [1, .infinity]))
        XCTAssertThrowsError(try PairwiseDistances.euclidean(DataMatrix(rows: 0, columns: 2)))
        XCTAssertThrowsError(try PairwiseDistances.euclidean(try DataMatrix([[0, .nan]])))
        XCTAssertThrowsError(try PairwiseDistances.forEachChunk(of: x, rowsPerChunk: 0) { _, _ in })
        XCTAssertThrowsError(try PairwiseDistances.forEachChunk(of: x, workingMemoryMiB: 0) { _, _ in })
    }

    func testSmallExampleAndEntryPointsAgree() throws {
        let x = try DataMatrix([[0, 0], [3, 4], [6, 8]])
        let d = try PairwiseDistances.euclidean(x)
        XCTAssertEqual(d.values, [0, 5, 10, 5, 0, 5, 10, 5, 0])
        XCTAssertEqual(try PairwiseDistances.euclidean(x, squared: true).values, [0, 25, 100, 25, 0, 25, 100, 25, 0])
        var rs = try RandomState(seed: 3)
        let y = try DataMatrix(rows: 50, columns: 3, values: try rs.uniform(low: -5, high: 5, count: 150))
        let full = try PairwiseDistances.euclidean(y)
        var chunks: [Double] = []
        var starts: [Int] = []
        try PairwiseDistances.forEachChunk(of: y, rowsPerChunk: 7) { start, block in
            starts.append(start)
            chunks.append(contentsOf: block.values)
        }
        XCTAssertEqual(starts, Array(stride(from: 0, to: 50, by: 7)))
        assertBits(chunks, full.values, "chunked = full (one scikit-learn chunk: dsyrk)")
        let point = y.row(4)
        let toPoint = try PairwiseDistances.euclidean(y, to: point)
        let cross = try PairwiseDistances.euclidean(y, try DataMatrix([point]))
        assertBits(toPoint, cross.values, "to a point = against a one-row matrix")
        for i in 0..<50 { XCTAssertEqual(full[i, i], 0) }
    }
}
