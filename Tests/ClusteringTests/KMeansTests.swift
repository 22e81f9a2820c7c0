import XCTest
@testable import Clustering

final class KMeansTests: XCTestCase {
    /// Compares one fit with an oracle `kmeans` record: every number, bit for bit.
    func check(_ fit: KMeansResult, _ ref: [String: Any], _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        assertBits(fit.mean, doubles(ref["X_mean"]), "\(what) X_mean", file: file, line: line)
        assertBits(fit.absoluteTolerance, double(ref["tol"]), "\(what) tol", file: file, line: line)
        XCTAssertEqual(fit.initialIndices, ints(ref["init_indices"]), "\(what) init indices", file: file, line: line)
        assertBits(fit.initialCenters.values, flat(ref["init_centers"]), "\(what) init centres", file: file, line: line)
        XCTAssertEqual(fit.labels, ints(ref["labels"]), "\(what) labels", file: file, line: line)
        assertBits(fit.centers.values, flat(ref["cluster_centers"]), "\(what) centres", file: file, line: line)
        assertBits(fit.inertia, double(ref["inertia"]), "\(what) inertia", file: file, line: line)
        XCTAssertEqual(fit.iterations, int(ref["n_iter"]), "\(what) n_iter", file: file, line: line)
        let trace = ref["trace"] as? [Any] ?? []
        XCTAssertEqual(fit.centerHistory.count, trace.count, "\(what) trace length", file: file, line: line)
        for (i, (h, t)) in zip(fit.centerHistory, trace).enumerated() {
            assertBits(h.values, flat(t), "\(what) centres after iteration \(i + 1)", file: file, line: line)
        }
    }

    func fitFigure(_ name: String, threads: Int) throws -> (KMeansResult, [String: Any]) {
        let root = try Oracle.load(name)
        let ref = dict(root["kmeans"])
        let p = dict(ref["params"])
        var x = try matrix(dict(root["make_blobs"])["X"])
        if name == "anomaly" { x = try matrix(root["X_combined"]) }
        let fit = try KMeans(
            k: int(p["n_clusters"]), seed: int(p["random_state"]), threads: threads, recordHistory: true
        ).fit(x)
        return (fit, ref)
    }

    func testFigureFitsMatchScikitLearnWithOneTwoAndFourThreads() throws {
        for name in ["segmentation", "anomaly", "documents"] {
            for threads in [1, 2, 4] {
                let (fit, ref) = try fitFigure(name, threads: threads)
                try check(fit, ref, "\(name) (\(threads) threads)")
            }
        }
    }

    func testElbowSweepMatchesScikitLearn() throws {
        let root = try Oracle.load("elbow")
        let x = try matrix(dict(root["make_blobs"])["X"])
        let refs = root["kmeans"] as? [Any] ?? []
        XCTAssertEqual(refs.count, 9)
        for threads in [1, 2, 4] {
            let curve = try elbowSweep(points: x, clusterCounts: ints(root["Ks"]), seed: 42, threads: threads)
            assertBits(curve.inertias, doubles(root["inertias"]), "elbow inertias (\(threads) threads)")
            for (k, ref) in refs.enumerated() {
                let fit = try KMeans(k: k + 1, seed: 42, threads: threads, recordHistory: true).fit(x)
                try check(fit, dict(ref), "elbow k=\(k + 1) (\(threads) threads)")
            }
        }
    }

    /// Larger inputs exercise several 256-sample chunks, both reference blocks, gemv blocks of 2048
    /// and the parallel label path; every thread count must give the same bits.
    func testThreadCountDoesNotChangeBits() throws {
        let blobs = try makeBlobs(samples: 20_000, centers: 8, features: 3, seed: 3)
        let base = try KMeans(k: 8, seed: 0, threads: 1, recordHistory: true).fit(blobs.points)
        for threads in [2, 3, 4, 8] {
            let other = try KMeans(k: 8, seed: 0, threads: threads, recordHistory: true).fit(blobs.points)
            XCTAssertEqual(other.labels, base.labels)
            assertBits(other.centers.values, base.centers.values, "centres, \(threads) threads")
            assertBits(other.inertia, base.inertia, "inertia, \(threads) threads")
            XCTAssertEqual(other.initialIndices, base.initialIndices)
            XCTAssertEqual(other.iterations, base.iterations)
            XCTAssertEqual(other.centerHistory, base.centerHistory)
        }
    }

    func testEmptyClusterRelocationAndGivenCentres() throws {
        // Two far groups, three centres given, one of them far away from everything: it gets no
        // points in the first E-step and is relocated to the farthest point.
        let x = try DataMatrix([[0, 0], [0, 1], [1, 0], [10, 10], [10, 11], [11, 10], [5, 40]])
        let given = try DataMatrix([[0, 0], [10, 10], [100, 100]])
        let fit = try KMeans(k: 3, seed: 0, init: .centers(given)).fit(x)
        XCTAssertEqual(Set(fit.labels).count, 3)
        XCTAssertEqual(fit.initialIndices, [])
        XCTAssertEqual(fit.initialCenters, given)  // exact here: small integers survive centring
        XCTAssertTrue(fit.inertia.isFinite)
    }

    func testRandomInitAndSeveralRuns() throws {
        let blobs = try makeBlobs(samples: 500, centers: 4, seed: 1)
        let fit = try KMeans(k: 4, seed: 5, init: .random).fit(blobs.points)
        XCTAssertEqual(Set(fit.initialIndices).count, 4)
        let single = try KMeans(k: 4, seed: 5, nInit: 1).fit(blobs.points)
        let multi = try KMeans(k: 4, seed: 5, nInit: 3).fit(blobs.points)
        XCTAssertLessThanOrEqual(multi.inertia, single.inertia)
    }

    /// Larger fits made with scikit-learn 1.9.1 in the peer venv (Fixtures/reference/larger_fits.json):
    /// 5,000 × 3, 20,001 × 2, 3,000 × 16 and 2,001 × 5 samples run through many 256-sample chunks,
    /// several 2,048-sample dgemv blocks, the n % 4 tail and the general-width kernels; labels,
    /// centres, inertia and n_iter must be identical (scripts/make_larger_fits.py makes the file).
    func testLargerFitsMatchScikitLearn() throws {
        let cases = try Oracle.load("larger_fits")["cases"] as? [Any] ?? []
        XCTAssertEqual(cases.count, 4)
        for c in cases.map(dict) {
            let blobs = try makeBlobs(
                samples: int(c["n_samples"]), centers: int(c["centers"]), features: int(c["n_features"]),
                seed: int(c["blobs_seed"]))
            assertBits(blobs.points.row(0), doubles(c["X_first"]), "first row")
            assertBits(blobs.points.row(blobs.points.rows - 1), doubles(c["X_last"]), "last row")
            for threads in [1, 2, 4] {
                let fit = try KMeans(k: int(c["k"]), seed: int(c["kmeans_seed"]), threads: threads).fit(blobs.points)
                let what = "n=\(int(c["n_samples"])) (\(threads) threads)"
                XCTAssertEqual(fit.labels, ints(c["labels"]), "\(what) labels")
                assertBits(fit.centers.values, flat(c["cluster_centers"]), "\(what) centres")
                assertBits(fit.inertia, double(c["inertia"]), "\(what) inertia")
                XCTAssertEqual(fit.iterations, int(c["n_iter"]), "\(what) n_iter")
            }
        }
    }

    /// Tiny and degenerate inputs run without trapping (duplicate points, k = n, one feature,
    /// more clusters than distinct points, which scikit-learn leaves with empty clusters).
    func testTinyAndDegenerateInputs() throws {
        for (rows, k) in [([[1.0, 2.0]], 1), ([[0.0, 0.0], [1.0, 1.0]], 2), ([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]], 3),
                          ([[3.0, 3.0], [3.0, 3.0], [3.0, 3.0], [3.0, 3.0], [3.0, 3.0]], 3),
                          ([[1.0], [2.0], [10.0], [11.0], [12.0]], 2)] {
            let x = try DataMatrix(rows)
            for threads in [1, 2] {
                let fit = try KMeans(k: k, seed: 0, threads: threads).fit(x)
                XCTAssertEqual(fit.labels.count, rows.count)
                XCTAssertEqual(fit.centers.rows, k)
                XCTAssertTrue(fit.inertia.isFinite)
                XCTAssertTrue(fit.labels.allSatisfy { (0..<k).contains($0) })
            }
        }
        let five = try makeBlobs(samples: 5, centers: 5, features: 1, seed: 9)
        _ = try KMeans(k: 5, seed: 1, init: .random).fit(five.points)
        _ = try elbowSweep(points: five.points, clusterCounts: [1, 2, 5], seed: 3)
    }

    func testErrors() throws {
        let x = try DataMatrix([[0, 0], [1, 1], [2, 2]])
        XCTAssertThrowsError(try KMeans(k: 0, seed: 0).fit(x)) { XCTAssertEqual($0 as? ClusteringError, .tooFewClusters(0)) }
        XCTAssertThrowsError(try KMeans(k: 4, seed: 0).fit(x)) {
            XCTAssertEqual($0 as? ClusteringError, .tooManyClusters(clusters: 4, samples: 3))
        }
        XCTAssertThrowsError(try KMeans(k: 1, seed: 0).fit(try DataMatrix([[Double]]()))) {
            XCTAssertEqual($0 as? ClusteringError, .emptyData)
        }
        XCTAssertThrowsError(try KMeans(k: 1, seed: 0).fit(try DataMatrix([[0, 1], [.nan, 2]]))) {
            XCTAssertEqual($0 as? ClusteringError, .nonFiniteValue(row: 1, column: 0))
        }
        XCTAssertThrowsError(try KMeans(k: 1, seed: 0).fit(try DataMatrix([[0, 1], [.infinity, 2]])))
        XCTAssertThrowsError(try KMeans(k: 1, seed: -1).fit(x)) { XCTAssertEqual($0 as? ClusteringError, .seedOutOfRange(-1)) }
        XCTAssertThrowsError(try KMeans(k: 1, seed: 1 << 32).fit(x))
        XCTAssertThrowsError(try KMeans(k: 1, seed: 0, maxIter: 0).fit(x))
        XCTAssertThrowsError(try KMeans(k: 1, seed: 0, tol: -1).fit(x))
        XCTAssertThrowsError(try KMeans(k: 1, seed: 0, nInit: 0).fit(x))
        XCTAssertThrowsError(try KMeans(k: 1, seed: 0, threads: 0).fit(x))
        XCTAssertThrowsError(try KMeans(k: 2, seed: 0, init: .centers(try DataMatrix([[0, 0]]))).fit(x))
        XCTAssertThrowsError(try DataMatrix([[0, 0], [1]])) {
            XCTAssertEqual($0 as? ClusteringError, .mismatchedRowLength(row: 1, expected: 2, actual: 1))
        }
    }
}

final class KernelTests: XCTestCase {
    /// The blockwise potential (per-2048-block lane sums added in block order, then the tail)
    /// equals OpenBLAS dgemv's single pass as the specification writes it, for both lane layouts.
    func testBlockwisePotentialEqualsTheReferenceOrder() throws {
        let n = 5003, d = 2
        var rs = try RandomState(seed: 4)
        let x = rs.standardNormal(count: n * d).map { $0 * 3 }
        var norms = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let a = x[2 * i], b = x[2 * i + 1]
            norms[i] = a * a + b * b
        }
        for fourLanes in [true, false] {
            var closest = (0..<n).map { _ in rs.randomSample() * 20 }
            let mk = n - n % 4
            let blockCount = (mk + Kernels.gemvBlock - 1) / Kernels.gemvBlock
            var sums = [Double](repeating: 0, count: blockCount)
            x.withUnsafeBufferPointer { xv in
                norms.withUnsafeBufferPointer { nv in
                    closest.withUnsafeMutableBufferPointer { cv in
                        sums.withUnsafeMutableBufferPointer { sv in
                            Kernels.updateBlocks(
                                x: xv.baseAddress!, norms: nv.baseAddress!, d: d, center: 17,
                                closest: cv.baseAddress!, blocks: 0..<blockCount, limit: mk, fourLanes: fourLanes,
                                sums: sv.baseAddress!)
                        }
                    }
                }
            }
            var y = 0.0
            for s in sums { y = y + s }
            y = y + ((closest[mk] + closest[mk + 1]) + closest[mk + 2])
            let reference = closest.withUnsafeBufferPointer { BLASOrder.gemvOnesRow($0.baseAddress!, n, fourLanes: fourLanes) }
            assertBits(y, reference, "potential (\(fourLanes ? 4 : 2) lanes)")
        }
    }

    /// `shuffleRows(of:)` moves rows exactly like shuffling an index array and gathering.
    func testShuffleRowsMatchesIndexShuffle() throws {
        var values: [Double] = []
        for i in 0..<50 { values += [Double(i), -Double(i)] }
        var m = try DataMatrix(rows: 50, columns: 2, values: values)
        var a = try RandomState(seed: 8), b = try RandomState(seed: 8)
        a.shuffleRows(of: &m)
        var idx = Array(0..<50)
        b.shuffle(&idx)
        XCTAssertEqual(m.column(0), idx.map(Double.init))
        XCTAssertEqual(m.column(1), idx.map { -Double($0) })
    }
}
