import XCTest
@testable import Clustering

final class SeedFigureTests: XCTestCase {
    func testIterationGridMatchesTheSeed() throws {
        let root = try Oracle.load("iterations")
        let p = dict(dict(root["make_blobs"])["params"])
        let blobs = try makeBlobs(
            samples: int(p["n_samples"]), centers: int(p["centers"]), features: int(p["n_features"]),
            std: double(p["cluster_std"]), seed: int(p["random_state"]))
        var global = try RandomState(seed: 42)  // np.random.seed(42)
        let initial = try seedInitialCenters(from: &global)
        assertBits(initial.values, flat(root["initial_centers"]), "initial centres")
        let trace = try seedLloyd(points: blobs.points, initialCenters: initial, iterations: 12)
        let refs = root["iterations"] as? [Any] ?? []
        XCTAssertEqual(trace.iterations.count, 12)
        XCTAssertEqual(refs.count, 12)
        for (it, r) in zip(trace.iterations, refs) {
            let ref = dict(r)
            XCTAssertEqual(it.index + 1, int(ref["iteration"]))
            assertBits(it.centers.values, flat(ref["centers"]), "iteration \(it.index + 1) centres")
            assertBits(it.distances.values, flat(ref["distances"]), "iteration \(it.index + 1) distances")
            XCTAssertEqual(it.assignments, ints(ref["closest"]), "iteration \(it.index + 1) closest")
            XCTAssertEqual(it.counts, ints(ref["counts"]), "iteration \(it.index + 1) counts")
        }
        assertBits(trace.finalCenters.values, flat(root["centers_after_last_update"]), "centres after the last update")
    }

    func testAnomalyFigureMatchesTheSeed() throws {
        let root = try Oracle.load("anomaly")
        let blobs = try makeBlobs(samples: 290, centers: 1, std: 1.0, seed: 42)
        var global = try RandomState(seed: 0)  // np.random.seed(0)
        let anomalies = try DataMatrix(rows: 10, columns: 2, values: try global.uniform(low: -6, high: 6, count: 20))
        assertBits(anomalies.values, flat(dict(root["anomalies"])["values"]), "anomalies")
        let x = try blobs.points.appendingRows(of: anomalies)
        assertBits(x.values, flat(root["X_combined"]), "X combined")
        for threads in [1, 2, 4] {
            let scores = try detectAnomalies(points: x, seed: 42, threads: threads)
            assertBits(scores.distances, doubles(root["distances"]), "distances")
            assertBits(scores.threshold, double(root["threshold"]), "threshold")
            XCTAssertEqual(scores.outliers, bools(root["outliers"]))
            XCTAssertEqual(scores.outlierCount, int(root["n_outliers"]))
        }
    }

    func testPercentileSteps() throws {
        let root = try Oracle.load("anomaly")
        let pc = dict(root["percentile"])
        let sorted = doubles(root["distances"]).sorted()
        assertBits(sorted[int(pc["prev_index"])], double(pc["sorted_prev"]), "sorted prev")
        assertBits(sorted[int(pc["next_index"])], double(pc["sorted_next"]), "sorted next")
        assertBits(Double(299) * (95.0 / 100.0) - 284, double(pc["gamma"]), "gamma")
        XCTAssertEqual(try NumpyMath.percentile([1, 2, 3, 4], 100), 4)
        XCTAssertEqual(try NumpyMath.percentile([1, 2, 3, 4], 0), 1)
        XCTAssertEqual(try NumpyMath.percentile([1, 2, 3, 4], 50), 2.5)
        XCTAssertThrowsError(try NumpyMath.percentile([], 50))
        XCTAssertThrowsError(try NumpyMath.percentile([1], 101))
    }

    func testKnee() throws {
        let root = try Oracle.load("elbow")
        let curve = ElbowCurve(clusterCounts: ints(root["Ks"]), inertias: doubles(root["inertias"]), fits: [])
        XCTAssertEqual(curve.knee, 3)
        XCTAssertEqual(kneeIndex(x: [1, 2, 3, 4, 5], y: [100, 40, 20, 15, 12]), 1)
        XCTAssertNil(kneeIndex(x: [1, 2, 3], y: [3, 2, 1]))  // a straight line
        XCTAssertNil(kneeIndex(x: [1, 2], y: [2, 1]))
        XCTAssertNil(kneeIndex(x: [1, 2, 3], y: [2, 1]))
        XCTAssertNil(kneeIndex(x: [1, 2, 3], y: [2, .nan, 1]))
    }

    func testErrors() throws {
        let x = try DataMatrix([[0, 0], [1, 1]])
        XCTAssertThrowsError(try seedLloyd(points: x, initialCenters: try DataMatrix([[0, 0, 0]])))
        XCTAssertThrowsError(try seedLloyd(points: x, initialCenters: x, iterations: 0))
        XCTAssertThrowsError(try seedLloyd(points: try DataMatrix([[Double]]()), initialCenters: x)) {
            XCTAssertEqual($0 as? ClusteringError, .emptyData)
        }
        XCTAssertThrowsError(try anomalyScores(points: x, center: [0]))
        XCTAssertThrowsError(try anomalyScores(points: x, center: [0, .nan]))
        XCTAssertThrowsError(try anomalyScores(points: x, center: [0, 0], percentile: -1))
        XCTAssertThrowsError(try elbowSweep(points: x, clusterCounts: []))
        XCTAssertThrowsError(try elbowSweep(points: x, clusterCounts: [1, 2, 3])) {
            XCTAssertEqual($0 as? ClusteringError, .tooManyClusters(clusters: 3, samples: 2))
        }
        var rs = try RandomState(seed: 0)
        XCTAssertThrowsError(try seedInitialCenters(from: &rs, count: 0))
    }
}
