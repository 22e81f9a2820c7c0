import XCTest
@testable import Clustering

/// `silhouette.json` `scores`: Calinski–Harabasz, Davies–Bouldin and the adjusted Rand index on the
/// reference labels, bit for bit; special cases and argument errors.
final class ClusterScoresTests: XCTestCase {
    func testEveryReferenceCaseScoresBitExact() throws {
        let family = try WaveCases.load("silhouette")
        var ariCases = 0
        for c in family.cases {
            let input = try c.input()
            let labels = try c.expectInts("labels")
            guard let scores = c.expect["scores"]?.object else { return XCTFail("\(c.id): no scores") }
            assertBits(try calinskiHarabaszScore(input.points, labels: labels), scores["calinski_harabasz"]!.double!, "\(c.id) calinski_harabasz")
            assertBits(try daviesBouldinScore(input.points, labels: labels), scores["davies_bouldin"]!.double!, "\(c.id) davies_bouldin")
            assertBits(try silhouetteScore(input.points, labels: labels), scores["silhouette"]!.double!, "\(c.id) silhouette")
            if let ari = scores["adjusted_rand"]?.double {
                let truth = try XCTUnwrap(input.generatorLabels, "\(c.id): generator labels")
                assertBits(try adjustedRandScore(labelsTrue: truth, labelsPred: labels), ari, "\(c.id) adjusted_rand")
                ariCases += 1
            }
        }
        XCTAssertEqual(ariCases, 6)
    }

    func testAdjustedRandSpecialCases() throws {
        XCTAssertEqual(try adjustedRandScore(labelsTrue: [0, 0, 1, 1], labelsPred: [5, 5, 3, 3]), 1.0)
        XCTAssertEqual(try adjustedRandScore(labelsTrue: [0, 0, 0], labelsPred: [1, 1, 1]), 1.0)
        XCTAssertEqual(try adjustedRandScore(labelsTrue: [0, 1, 2], labelsPred: [0, 1, 2]), 1.0)
        XCTAssertEqual(try adjustedRandScore(labelsTrue: [], labelsPred: []), 1.0)
        // scikit-learn's docstring examples.
        XCTAssertEqual(try adjustedRandScore(labelsTrue: [0, 0, 1, 2], labelsPred: [0, 0, 1, 1]), 0.5714285714285714)
        XCTAssertEqual(try adjustedRandScore(labelsTrue: [0, 0, 1, 1], labelsPred: [0, 0, 1, 2]), 0.5714285714285714)
        XCTAssertEqual(try adjustedRandScore(labelsTrue: [0, 0, 0, 0], labelsPred: [0, 1, 2, 3]), 0.0)
        XCTAssertEqual(try adjustedRandScore(labelsTrue: [0, 0, 1, 1], labelsPred: [0, 1, 0, 1]), -0.5)
        XCTAssertThrowsError(try adjustedRandScore(labelsTrue: [0, 1], labelsPred: [0]))
        // Noise rows dropped: the remaining rows agree perfectly.
        XCTAssertEqual(try adjustedRandScore(labelsTrue: [0, 0, 1, 1, 1], labelsPred: [4, 4, 7, 7, -1], noise: .excluded), 1.0)
        XCTAssertLessThan(try adjustedRandScore(labelsTrue: [0, 0, 1, 1, 1], labelsPred: [4, 4, 7, 7, -1]), 1.0)
    }

    func testWideIntegerConversionRoundsLikePython() {
        // 2^64 + 1 → nearest double 2^64; 2^65 + 2^12 + 1 is above the tie 2^65 + 2^12, so it rounds up.
        XCTAssertEqual(Wide(negative: false, high: 1, low: 1).doubleValue, 18446744073709551616.0)
        XCTAssertEqual(Wide(negative: false, high: 2, low: 4097).doubleValue, 36893488147419111424.0)
        XCTAssertEqual(Wide(negative: false, high: 2, low: 4096).doubleValue, 36893488147419103232.0)
        XCTAssertEqual(Wide.product(-3, 5).adding(Wide.product(2, 7)).doubleValue, -1.0)
        XCTAssertEqual(Wide.product(1 << 40, 1 << 40).subtracting(Wide.product(1 << 40, 1 << 40)).doubleValue, 0.0)
    }

    func testDaviesBouldinAndCalinskiEdgeCases() throws {
        // Every cluster a single repeated point: all intra distances 0 → Davies–Bouldin 0, CH 1.
        let x = try DataMatrix([[0, 0], [0, 0], [3, 4], [3, 4]])
        XCTAssertEqual(try daviesBouldinScore(x, labels: [0, 0, 1, 1]), 0.0)
        XCTAssertEqual(try calinskiHarabaszScore(x, labels: [0, 0, 1, 1]), 1.0)
        // scikit-learn's docstring example.
        let y = try DataMatrix([[0, 1], [1, 1], [3, 4]])
        XCTAssertEqual(try daviesBouldinScore(y, labels: [0, 0, 1]), 0.12803687993289598)
        XCTAssertThrowsError(try calinskiHarabaszScore(y, labels: [0, 0, 0]))
        XCTAssertThrowsError(try daviesBouldinScore(y, labels: [0, 1, 2]))
        XCTAssertThrowsError(try daviesBouldinScore(y, labels: [0, 1]))
        XCTAssertThrowsError(try distortionScore(y, labels: [0, 1]))
        XCTAssertThrowsError(try distortionScore(y, labels: [-1, -1, -1], noise: .excluded))
        XCTAssertNoThrow(try distortionScore(y, labels: [0, 0, 0]))
    }
}
