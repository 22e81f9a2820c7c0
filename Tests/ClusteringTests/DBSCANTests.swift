import XCTest
@testable import Clustering

final class DBSCANTests: XCTestCase {
    /// Every dbscan.json case (blobs, moons, circles, uniform, concat, the lattice tie cases):
    /// labels and core sample indices identical to scikit-learn, with 1, 2 and 4 threads.
    func testWaveFamilyExact() throws {
        let family = try WaveCases.load("dbscan")
        XCTAssertEqual(family.cases.count, 12)
        for c in family.cases {
            let input = try c.input()
            let p = try c.clustering("dbscan")
            let eps = try p.double("eps"), minSamples = try p.int("min_samples", default: 5)
            let labels = try c.expectInts("labels"), core = try c.expectInts("core_sample_indices")
            for threads in [1, 2, 4] {
                let fit = try DBSCAN(eps: eps, minSamples: minSamples, threads: threads).fit(input.points)
                XCTAssertEqual(fit.algorithm, .kdTree, c.id)
                assertSameInts(fit.labels, labels, "\(c.id) labels (\(threads) threads)")
                assertSameInts(fit.coreSampleIndices, core, "\(c.id) core samples (\(threads) threads)")
                XCTAssertEqual(fit.clusterCount, try c.expectInt("n_clusters"), c.id)
            }
        }
    }

    /// Cases made by scripts/make_dbscan_reference.py: n ≤ 11 (auto = brute; 24 of them where the
    /// kd-tree rule would give another answer), more than 15 features, forced algorithms and edge
    /// cases (min_samples 1, all noise, duplicates, one point, one and three features, huge eps).
    func testGeneratedCasesExact() throws {
        let cases = try WaveCases.loadJSON("local/dbscan_extra.json")["cases"]?.array ?? []
        XCTAssertEqual(cases.count, 54)
        var treeWouldDiffer = 0
        for c in cases {
            let id = c["id"]?.string ?? "?"
            let x = try DataMatrix(c["x"]?.rows ?? [])
            let algorithm: NeighborAlgorithm
            switch c["algorithm"]?.string {
            case "brute"?: algorithm = .brute
            case "kd_tree"?: algorithm = .kdTree
            default: algorithm = .auto
            }
            let fit = try DBSCAN(
                eps: c["eps"]?.double ?? .nan, minSamples: c["min_samples"]?.int ?? 0, algorithm: algorithm, threads: 2
            ).fit(x)
            XCTAssertEqual(fit.algorithm, c["method"]?.string == "brute" ? .brute : .kdTree, id)
            assertSameInts(fit.labels, c["labels"]?.ints ?? [], "\(id) labels")
            assertSameInts(fit.coreSampleIndices, c["core_sample_indices"]?.ints ?? [], "\(id) core samples")
            if c["tree_rule_differs"]?.bool == true {
                treeWouldDiffer += 1
                let tree = try DBSCAN(eps: c["eps"]!.double!, minSamples: c["min_samples"]!.int!, algorithm: .kdTree).fit(x)
                XCTAssertTrue(tree.labels != fit.labels || tree.coreSampleIndices != fit.coreSampleIndices, id)
            }
        }
        XCTAssertEqual(treeWouldDiffer, 24)
    }

    /// Cluster growth semantics on a hand-made example: numbering by the lowest core index, a
    /// border point reachable from two clusters joins the first one grown, the point itself counts.
    func testGrowthOrderAndBorderPoints() throws {
        let x = try DataMatrix(
            [[0, 0]]  // border: within eps of one core point of each chain, 3 < 4 neighbours
                + [0.9, 1.3, 1.7, 2.1].map { [$0, 0] }  // chain grown first (holds core index 1)
                + [-0.9, -1.3, -1.7, -2.1].map { [$0, 0] }  // chain grown second
                + [[10, 10]]  // noise
                + (0..<12).map { [100 + 10 * Double($0), 0] })  // more noise, so that auto keeps the tree rule
        let fit = try DBSCAN(eps: 1, minSamples: 4).fit(x)
        XCTAssertEqual(fit.algorithm, .kdTree)
        XCTAssertEqual(Array(fit.labels[0..<10]), [0, 0, 0, 0, 0, 1, 1, 1, 1, -1])
        XCTAssertEqual(Array(fit.neighborCounts[0..<10]), [3, 4, 4, 4, 3, 4, 4, 4, 3, 1])
        XCTAssertEqual(fit.coreSampleIndices, [1, 2, 3, 5, 6, 7])
        XCTAssertFalse(fit.isCore[0])
        XCTAssertEqual(fit.clusterCount, 2)
        XCTAssertEqual(fit.noiseCount, 13)
        // min_samples = 1: every point is core; isolated points are their own clusters.
        let singles = try DBSCAN(eps: 0.1, minSamples: 1).fit(x)
        XCTAssertEqual(singles.labels, Array(0..<x.rows))
        XCTAssertEqual(singles.coreSampleIndices, Array(0..<x.rows))
    }

    /// An exact tie at eps: (0.15, 0.2) is 0.25 away from the origin in real arithmetic; the tree
    /// rule decides with the rounded `0.15² + 0.2²` against `0.25 * 0.25`.
    func testTieAtEpsFollowsTreeRule() throws {
        var rows: [[Double]] = [[0, 0], [0.15, 0.2]]
        rows += (0..<12).map { [50 + Double($0) * 10, 0] }
        let x = try DataMatrix(rows)
        let fit = try DBSCAN(eps: 0.25, minSamples: 2).fit(x)
        let inside = 0.15 * 0.15 + 0.2 * 0.2 <= 0.25 * 0.25
        XCTAssertEqual(fit.labels[0] == 0 && fit.labels[1] == 0, inside)
    }

    /// The grid must agree with a plain all-pairs scan of the same rule, also where cells get
    /// coarse (huge spread, tiny eps) and where eps·eps underflows.
    func testGridMatchesAllPairs() throws {
        var rs = try RandomState(seed: 5)
        for (n, d, eps, scale) in [(500, 2, 0.05, 1.0), (400, 3, 0.2, 1.0), (300, 5, 0.9, 1.0), (200, 2, 1e-3, 1e9),
                                   (200, 2, 1e-170, 1e-165), (200, 2, 1e-170, 1e-160), (300, 1, 0.01, 1.0)] {
            var v = try rs.uniform(low: -1, high: 1, count: n * d).map { ($0 * 64).rounded() / 64 * scale }
            for i in stride(from: 0, to: n * d, by: 7 * d) { v[i] = v[(i + d) % (n * d)] }  // exact copies
            let x = try DataMatrix(rows: n, columns: d, values: v)
            let fit = try DBSCAN(eps: eps, minSamples: 3, algorithm: .kdTree).fit(x)
            let e2 = eps * eps
            let expected: [Int] = x.values.withUnsafeBufferPointer { p in
                (0..<n).map { i in
                    (0..<n).filter { j in NeighborRules.treeRdist(p.baseAddress! + i * d, p.baseAddress! + j * d, d) <= e2 }.count
                }
            }
            XCTAssertEqual(fit.neighborCounts, expected, "n \(n) d \(d) eps \(eps)")
        }
    }

    func testBadArguments() throws {
        let x = try DataMatrix([[0, 0], [1, 1]])
        for eps in [0.0, -1, .nan, .infinity] {
            XCTAssertThrowsError(try DBSCAN(eps: eps).fit(x), "eps \(eps)")
        }
        XCTAssertThrowsError(try DBSCAN(eps: 0.5, minSamples: 0).fit(x))
        XCTAssertThrowsError(try DBSCAN(eps: 0.5, threads: 0).fit(x))
        XCTAssertThrowsError(try DBSCAN(eps: 0.5).fit(DataMatrix(rows: 0, columns: 2))) {
            XCTAssertEqual($0 as? ClusteringError, .emptyData)
        }
        XCTAssertThrowsError(try DBSCAN(eps: 0.5).fit(try DataMatrix([[0, 0], [.nan, 1]]))) {
            XCTAssertEqual($0 as? ClusteringError, .nonFiniteValue(row: 1, column: 0))
        }
    }
}
