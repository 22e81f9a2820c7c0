import XCTest
@testable import Clustering

final class KDistanceTests: XCTestCase {
    /// Every k_distance.json case: the sorted distances bit for bit, with 1, 2 and 4 threads.
    func testWaveFamilyDistancesExact() throws {
        let family = try WaveCases.load("k_distance")
        XCTAssertEqual(family.cases.count, 8)
        for c in family.cases {
            let input = try c.input()
            let k = try c.clustering("k_distance").int("k")
            let expected = try c.expectDoubles("distances")
            for threads in [1, 2, 4] {
                let curve = try kDistanceCurve(input.points, k: k, threads: threads)
                XCTAssertEqual(curve.algorithm, .kdTree, c.id)
                assertBits(curve.distances, expected, "\(c.id) distances (\(threads) threads)")
            }
        }
    }

    /// Cases made by scripts/make_kdistance_reference.py: k ≥ n // 2 and more than 15 features
    /// (auto = brute force, whose arithmetic differs from the tree's in every such case), forced
    /// algorithms, k = 1, k = n, duplicates, one and three features, a very uneven spread.
    func testGeneratedCasesExact() throws {
        let cases = try WaveCases.loadJSON("local/k_distance_extra.json")["cases"]?.array ?? []
        XCTAssertEqual(cases.count, 18)
        for c in cases {
            let id = c["id"]?.string ?? "?"
            let x = try DataMatrix(c["x"]?.rows ?? [])
            let algorithm: NeighborAlgorithm
            switch c["algorithm"]?.string {
            case "brute"?: algorithm = .brute
            case "kd_tree"?: algorithm = .kdTree
            default: algorithm = .auto
            }
            let curve = try kDistanceCurve(x, k: c["k"]?.int ?? 0, algorithm: algorithm, threads: 2)
            XCTAssertEqual(curve.algorithm, c["method"]?.string == "brute" ? .brute : .kdTree, id)
            assertBits(curve.distances, c["distances"]?.doubles ?? [], id)
            if c["tree_rule_differs"]?.bool == true {
                let other = try kDistances(x, k: curve.k, algorithm: curve.algorithm == .brute ? .kdTree : .brute)
                XCTAssertNotEqual(other.map(\.bitPattern), curve.distances.map(\.bitPattern), "\(id): the other rule should differ")
            }
        }
    }

    /// The grid search against a plain scan of every pair, on lattices full of ties and duplicates.
    func testGridMatchesAllPairs() throws {
        var rs = try RandomState(seed: 9)
        for (n, d, k, scale) in [(400, 2, 7, 1.0), (300, 3, 12, 1.0), (250, 5, 4, 1.0), (200, 1, 9, 1.0), (300, 2, 60, 1e8)] {
            let v = try rs.uniform(low: -1, high: 1, count: n * d).map { ($0 * 16).rounded() / 16 * scale }
            let x = try DataMatrix(rows: n, columns: d, values: v)
            let curve = try kDistanceCurve(x, k: k, algorithm: .kdTree)
            let expected: [Double] = x.values.withUnsafeBufferPointer { p in
                (0..<n).map { i in
                    let all = (0..<n).map { j in NeighborRules.treeRdist(p.baseAddress! + i * d, p.baseAddress! + j * d, d) }.sorted()
                    return all[k - 1].squareRoot()
                }
            }
            assertBits(curve.pointDistances, expected, "n \(n) d \(d) k \(k)")
        }
    }

    func testBadArguments() throws {
        let x = try DataMatrix([[0, 0], [1, 1], [2, 2]])
        XCTAssertThrowsError(try kDistances(x, k: 0))
        XCTAssertThrowsError(try kDistances(x, k: 4))
        XCTAssertThrowsError(try kDistances(x, k: 2, threads: 0))
        XCTAssertThrowsError(try kDistances(DataMatrix(rows: 0, columns: 2), k: 1)) {
            XCTAssertEqual($0 as? ClusteringError, .emptyData)
        }
        XCTAssertThrowsError(try kDistances(try DataMatrix([[0, .infinity]]), k: 1)) {
            XCTAssertEqual($0 as? ClusteringError, .nonFiniteValue(row: 0, column: 1))
        }
        XCTAssertEqual(try kDistances(x, k: 1), [0, 0, 0])
    }
}
