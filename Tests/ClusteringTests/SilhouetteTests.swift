import XCTest
@testable import Clustering

/// `silhouette.json`: silhouette_samples / silhouette_score on the reference labels, bit for bit,
/// with 1, 2 and 4 threads; argument errors.
final class SilhouetteTests: XCTestCase {
    func testEveryReferenceCaseBitExact() throws {
        let family = try WaveCases.load("silhouette")
        XCTAssertEqual(family.cases.count, 10)
        for c in family.cases {
            let x = try c.input().points
            let labels = try c.expectInts("labels")
            let expected = try c.expectDoubles("samples")
            for threads in [1, 2, 4] {
                let s = try silhouette(x, labels: labels, threads: threads)
                assertBits(s.samples, expected, "\(c.id) samples, \(threads) threads")
                assertBits(s.score, try c.expectDouble("score"), "\(c.id) score, \(threads) threads")
            }
        }
    }

    func testScoreIsPairwiseMeanOfSamples() throws {
        let c = try WaveCases.load("silhouette").case("silhouette-000")
        let x = try c.input().points
        let s = try silhouette(x, labels: try c.expectInts("labels"))
        XCTAssertEqual(s.score.bitPattern, (NumpyMath.pairwiseSum(s.samples) / Double(s.samples.count)).bitPattern)
        XCTAssertEqual(s.rows, Array(0..<x.rows))
        XCTAssertEqual(s.clusters, [0, 1, 2, 3])
    }

    func testBadArguments() throws {
        let x = try DataMatrix([[0, 0], [1, 0], [5, 5], [6, 5]])
        // One label, or as many labels as samples: scikit-learn's check_number_of_labels.
        XCTAssertThrowsError(try silhouette(x, labels: [0, 0, 0, 0]))
        XCTAssertThrowsError(try silhouette(x, labels: [0, 1, 2, 3]))
        XCTAssertThrowsError(try silhouette(x, labels: [0, 1, 1]))
        XCTAssertThrowsError(try silhouette(DataMatrix(rows: 0, columns: 2), labels: []))
        XCTAssertThrowsError(try silhouette(try DataMatrix([[0, .nan], [1, 0], [2, 2]]), labels: [0, 0, 1]))
        XCTAssertThrowsError(try silhouette(x, labels: [0, 0, 1, 1], threads: 0))
        XCTAssertThrowsError(try silhouette(x, labels: [-1, -1, -1, -1], noise: .excluded))
        XCTAssertThrowsError(try silhouette(x, labels: [-1, 0, 0, 0], noise: .excluded))
        XCTAssertNoThrow(try silhouette(x, labels: [0, 0, 1, 1]))
    }

    func testNoiseHandling() throws {
        let x = try DataMatrix([[0, 0], [1, 0], [0, 1], [5, 5], [6, 5], [5, 6], [20, 20]])
        let labels = [0, 0, 0, 1, 1, 1, -1]
        let asCluster = try silhouette(x, labels: labels)
        XCTAssertEqual(asCluster.clusters, [-1, 0, 1])
        XCTAssertEqual(asCluster.samples.count, 7)
        XCTAssertEqual(asCluster.samples[6], 0)  // a singleton cluster: nan_to_num gives 0
        let excluded = try silhouette(x, labels: labels, noise: .excluded)
        XCTAssertEqual(excluded.rows, [0, 1, 2, 3, 4, 5])
        let direct = try silhouette(x.selectingRows(Array(0..<6)), labels: Array(labels[0..<6]))
        assertBits(excluded.samples, direct.samples, "excluded = dropped rows")
    }
}
