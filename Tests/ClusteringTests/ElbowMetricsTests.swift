import XCTest
@testable import Clustering

/// `elbow.json`: KMeans per k, the metric (inertia, distortion, silhouette, Calinski–Harabasz,
/// Davies–Bouldin) and kneedle's knee, bit for bit; the seed elbow under both knee methods.
final class ElbowMetricsTests: XCTestCase {
    func testEveryElbowCase() throws {
        let family = try WaveCases.load("elbow")
        XCTAssertEqual(family.cases.count, 10)
        var metrics = Set<ElbowMetric>()
        for c in family.cases {
            let p = try c.clustering("elbow")
            let metric = try XCTUnwrap(ElbowMetric(rawValue: try p.string("metric")), c.id)
            metrics.insert(metric)
            let kp = WaveParameters(owner: "\(c.id) knee", values: p["knee"]?.object ?? [:])
            XCTAssertEqual(try kp.string("method"), "kneedle")
            let knee = metric.kneeLocator(sensitivity: try kp.double("sensitivity", default: 1.0), online: try kp.bool("online", default: false))
            XCTAssertEqual(knee.curve.rawValue, try c.expectValue("curve").string)
            XCTAssertEqual(knee.direction.rawValue, try c.expectValue("direction").string)
            let counts = Array(try p.int("k_min")...(try p.int("k_max")))
            XCTAssertEqual(counts, try c.expectInts("k"), c.id)
            let curve = try elbowScores(points: try c.input().points, clusterCounts: counts, metric: metric, seed: try p.int("seed"), knee: knee)
            assertBits(curve.values, try c.expectDoubles("values"), "\(c.id) \(metric) values")
            let expected = try c.expectValue("knee")
            XCTAssertEqual(curve.kneeClusterCount, expected.isNull ? nil : expected.int, "\(c.id) knee")
        }
        XCTAssertEqual(metrics, Set(ElbowMetric.allCases))
    }

    /// The seed app's elbow (Fixtures/reference/elbow.json inertias, k = 1…9): the chord rule and
    /// kneedle's default elbow settings (convex, decreasing, S = 1, offline).
    func testSeedElbowKnees() throws {
        let seed = try WaveCases.loadJSON("elbow.json")
        let ks = try XCTUnwrap(seed["Ks"]?.ints)
        let inertias = try XCTUnwrap(seed["inertias"]?.doubles)
        let x = ks.map(Double.init)
        let chord = try KneeLocator(method: .chord).locate(x: x, y: inertias)
        let kneedle = try ElbowMetric.inertia.kneeLocator().locate(x: x, y: inertias)
        XCTAssertEqual(chord.map { ks[$0.index] }, 3)
        XCTAssertEqual(kneedle.map { ks[$0.index] }, 3)
        XCTAssertEqual(kneedle?.y, 1275.4339900299292)  // kneed: knee 3, knee_y 1275.4339900299292
    }

    func testBadArguments() throws {
        let blobs = try makeBlobs(samples: 60, centers: 3, seed: 0)
        XCTAssertThrowsError(try elbowScores(points: blobs.points, clusterCounts: [], seed: 0))
        XCTAssertThrowsError(try elbowScores(points: blobs.points, clusterCounts: [1, 2, 3], metric: .silhouette, seed: 0))
        XCTAssertThrowsError(try elbowScores(points: blobs.points, clusterCounts: [2, 60], metric: .daviesBouldin, seed: 0))
        XCTAssertThrowsError(try elbowScores(points: blobs.points, clusterCounts: [0, 1], seed: 0))
        let inertia = try elbowScores(points: blobs.points, clusterCounts: [1, 2, 3, 4], seed: 0, keepFits: true)
        XCTAssertEqual(inertia.fits.count, 4)
        XCTAssertEqual(inertia.values, inertia.fits.map(\.inertia))
    }
}
