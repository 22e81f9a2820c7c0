import XCTest
@testable import Clustering

/// AgglomerativeClustering against scikit-learn 1.9.1: every wave-2 `agglomerative.json` case and
/// the generated `local/agglomerative_extra.json` cases (labels, children, distances bit for bit),
/// with 1, 2 and 4 threads; plus the argument checks and the memory budget.
final class AgglomerativeTests: XCTestCase {
    private func assertTree(
        _ fit: AgglomerativeResult, children: [[Int]], distances: [Double], _ what: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(fit.children.count, children.count, "\(what): merges", file: file, line: line)
        let ours = fit.children.map { [$0.first, $0.second] }
        if let i = zip(ours, children).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            XCTFail("\(what): children differ first at merge \(i): \(ours[i]) vs \(children[i])", file: file, line: line)
        }
        assertBits(fit.distances, distances, "\(what): distances", file: file, line: line)
    }

    func testEveryWave2CaseIsBitExact() throws {
        let family = try WaveCases.load("agglomerative")
        XCTAssertEqual(family.cases.count, 12)
        for c in family.cases {
            let x = try c.input().points
            let p = try c.clustering("agglomerative")
            let linkage = try XCTUnwrap(Linkage(rawValue: try p.string("linkage", default: "ward")), c.id)
            let k = p.has("k") ? try p.int("k") : nil
            let t = try p.optionalDouble("distance_threshold")
            let children = try XCTUnwrap(c.expectValue("children").array?.map { try XCTUnwrap($0.ints) })
            for threads in [1, 2, 4] {
                let fit = try AgglomerativeClustering(k: k, distanceThreshold: t, linkage: linkage, threads: threads).fit(x)
                let what = "\(c.id) (\(linkage), \(threads) threads)"
                assertTree(fit, children: children, distances: try c.expectDoubles("distances"), what)
                assertSameInts(fit.labels, try c.expectInts("labels"), "\(what): labels")
                XCTAssertEqual(fit.clusterCount, try c.expectInt("n_clusters"), what)
            }
        }
    }

    /// Integer and decimal lattices in 1–5 dimensions, duplicates, n = 2 and 3, k = 1 and k = n,
    /// thresholds exactly at merge heights (scripts/make_agglomerative_reference.py).
    func testGeneratedTieCasesAreBitExact() throws {
        let doc = try WaveCases.loadJSON("local/agglomerative_extra.json")
        let cases = try XCTUnwrap(doc["cases"]?.array)
        XCTAssertEqual(cases.count, 21)
        var checked = 0
        for c in cases {
            let id = try XCTUnwrap(c["id"]?.string)
            let x = try DataMatrix(try XCTUnwrap(c["points"]?.rows))
            for f in try XCTUnwrap(c["fits"]?.array) {
                let linkage = try XCTUnwrap(Linkage(rawValue: try XCTUnwrap(f["linkage"]?.string)))
                let children = try XCTUnwrap(f["children"]?.array?.map { try XCTUnwrap($0.ints) })
                let distances = try XCTUnwrap(f["distances"]?.doubles)
                for cut in try XCTUnwrap(f["k"]?.array) {
                    let k = try XCTUnwrap(cut["k"]?.int)
                    let fit = try AgglomerativeClustering(k: k, linkage: linkage, threads: 1 + checked % 2).fit(x)
                    assertTree(fit, children: children, distances: distances, "\(id) \(linkage) k=\(k)")
                    assertSameInts(fit.labels, try XCTUnwrap(cut["labels"]?.ints), "\(id) \(linkage) k=\(k): labels")
                    checked += 1
                }
                for cut in try XCTUnwrap(f["threshold"]?.array) {
                    let t = try XCTUnwrap(cut["t"]?.double)
                    let fit = try AgglomerativeClustering(distanceThreshold: t, linkage: linkage).fit(x)
                    XCTAssertEqual(fit.clusterCount, try XCTUnwrap(cut["n_clusters"]?.int), "\(id) \(linkage) t=\(t)")
                    assertSameInts(fit.labels, try XCTUnwrap(cut["labels"]?.ints), "\(id) \(linkage) t=\(t): labels")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 300)
    }

    func testOneAndAllClusters() throws {
        let x = try DataMatrix([[0, 0], [0, 0], [1, 0], [5, 5], [5, 6]])
        for linkage in Linkage.allCases {
            let one = try AgglomerativeClustering(k: 1, linkage: linkage).fit(x)
            XCTAssertEqual(one.labels, [0, 0, 0, 0, 0])
            XCTAssertEqual(one.children.count, 4, "the full tree is built also with k")
            let all = try AgglomerativeClustering(k: 5, linkage: linkage).fit(x)
            XCTAssertEqual(Set(all.labels).count, 5)
            XCTAssertEqual(all.tree, one.tree)
            // Threshold 0: every merge height is >= 0, so n clusters even with the duplicate pair.
            let zero = try AgglomerativeClustering(distanceThreshold: 0, linkage: linkage).fit(x)
            XCTAssertEqual(zero.clusterCount, 5)
            XCTAssertEqual(zero.distances[0], 0, "the duplicates merge first, at height 0")
        }
    }

    func testThresholdExactlyAtAMergeHeightKeepsThatMergeSplit() throws {
        // Merge heights (single): 1 (0–1), 2 (that pair – 2), 4 (– 3).
        let x = try DataMatrix([[0], [1], [3], [7]])
        let fit = try AgglomerativeClustering(k: 1, linkage: .single).fit(x)
        XCTAssertEqual(fit.distances, [1, 2, 4])
        for (t, clusters) in [(1.0, 4), (1.5, 3), (2.0, 3), (2.0000000000000004, 2), (4.0, 2), (4.5, 1), (.infinity, 1)] {
            let cut = try AgglomerativeClustering(distanceThreshold: t, linkage: .single).fit(x)
            XCTAssertEqual(cut.clusterCount, clusters, "t = \(t)")
            XCTAssertEqual(cut.labels, try fit.tree.labels(height: t))
        }
    }

    func testBadArgumentsThrow() throws {
        let x = try DataMatrix([[0, 0], [1, 1], [2, 2]])
        XCTAssertThrowsError(try AgglomerativeClustering(k: 0).fit(x)) { XCTAssertEqual($0 as? ClusteringError, .tooFewClusters(0)) }
        XCTAssertThrowsError(try AgglomerativeClustering(k: -2).fit(x)) { XCTAssertEqual($0 as? ClusteringError, .tooFewClusters(-2)) }
        XCTAssertThrowsError(try AgglomerativeClustering(k: 4).fit(x)) {
            XCTAssertEqual($0 as? ClusteringError, .tooManyClusters(clusters: 4, samples: 3))
        }
        for bad in [
            AgglomerativeClustering(),
            AgglomerativeClustering(k: 2, distanceThreshold: 1),
            AgglomerativeClustering(distanceThreshold: -0.5),
            AgglomerativeClustering(distanceThreshold: .nan),
            AgglomerativeClustering(k: 2, threads: 0),
        ] {
            XCTAssertThrowsError(try bad.fit(x)) { error in
                guard case .invalidArgument = error as? ClusteringError else { return XCTFail("\(error)") }
            }
        }
        XCTAssertThrowsError(try AgglomerativeClustering(k: 1).fit(DataMatrix(rows: 0, columns: 2))) {
            XCTAssertEqual($0 as? ClusteringError, .emptyData)
        }
        XCTAssertThrowsError(try AgglomerativeClustering(k: 1).fit(try DataMatrix([[1, 2]]))) { error in
            guard case .invalidArgument(let name, _) = error as? ClusteringError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "data")
        }
        for linkage in Linkage.allCases {
            XCTAssertThrowsError(try AgglomerativeClustering(k: 1, linkage: linkage).fit(try DataMatrix([[0, 0], [1, .nan]]))) {
                XCTAssertEqual($0 as? ClusteringError, .nonFiniteValue(row: 1, column: 1))
            }
            // Finite values whose distance overflows: scipy refuses the non-finite matrix.
            XCTAssertThrowsError(try AgglomerativeClustering(k: 1, linkage: linkage).fit(try DataMatrix([[-1e200], [1e200], [0]])))
        }
    }

    func testMemoryBudgetIsCheckedBeforeAllocating() throws {
        XCTAssertEqual(AgglomerativeClustering.defaultMemoryBudget, 2 << 30)
        XCTAssertEqual(AgglomerativeClustering.distanceMatrixBytes(samples: 23_170), 23_170 * 23_169 / 2 * 8)
        XCTAssertLessThanOrEqual(AgglomerativeClustering.distanceMatrixBytes(samples: 23_170), 2 << 30)
        XCTAssertGreaterThan(AgglomerativeClustering.distanceMatrixBytes(samples: 23_171), 2 << 30)
        // 23,171 samples with the default budget: refused at once (nothing is allocated).
        let big = DataMatrix(rows: 23_171, columns: 2, repeating: 1)
        for linkage in [Linkage.ward, .complete, .average] {
            XCTAssertThrowsError(try AgglomerativeClustering(k: 2, linkage: linkage).fit(big)) { error in
                guard case .invalidArgument(let name, let reason) = error as? ClusteringError else { return XCTFail("\(error)") }
                XCTAssertEqual(name, "data")
                XCTAssertTrue(reason.contains("23171 samples"), reason)
                XCTAssertTrue(reason.contains("23171 × 23170 / 2 doubles = 2147488280 bytes (2.00 GiB)"), reason)
                XCTAssertTrue(reason.contains("memory budget of 2147483648 bytes (2.00 GiB"), reason)
            }
        }
        // A small budget: 100 samples need 4,950 doubles = 39,600 bytes.
        let x = try makeBlobs(samples: 100, centers: 3, seed: 1).points
        XCTAssertThrowsError(try AgglomerativeClustering(k: 3, memoryBudget: 39_599).fit(x)) { error in
            XCTAssertTrue("\(error)".contains("39600 bytes (38.67 KiB), over the memory budget of 39599 bytes"), "\(error)")
        }
        XCTAssertNoThrow(try AgglomerativeClustering(k: 3, memoryBudget: 39_600).fit(x))
        // Single linkage needs no matrix: the budget does not apply.
        XCTAssertNoThrow(try AgglomerativeClustering(k: 3, linkage: .single, memoryBudget: 0).fit(x))
    }

    func testThreadCountNeverChangesBits() throws {
        let x = try makeBlobs(samples: 700, centers: 5, features: 3, std: 2.0, seed: 3).points
        for linkage in Linkage.allCases {
            let reference = try AgglomerativeClustering(k: 6, linkage: linkage, threads: 1).fit(x)
            for threads in [2, 4] {
                let fit = try AgglomerativeClustering(k: 6, linkage: linkage, threads: threads).fit(x)
                XCTAssertEqual(fit.children, reference.children, "\(linkage) \(threads)")
                assertBits(fit.distances, reference.distances, "\(linkage) \(threads) threads")
                XCTAssertEqual(fit.labels, reference.labels)
            }
        }
    }

    func testTreeCountsAndValidation() throws {
        let x = try DataMatrix([[0], [1], [3], [7]])
        let tree = try AgglomerativeClustering(k: 1, linkage: .single).fit(x).tree
        XCTAssertEqual(tree.counts, [2, 3, 4])
        XCTAssertEqual(tree.root, 6)
        XCTAssertEqual(try LinkageTree(leafCount: 4, children: tree.children, distances: tree.distances), tree)
        let bad: [(Int, [MergePair], [Double])] = [
            (1, [], []),
            (3, [MergePair(0, 1)], [1]),
            (3, [MergePair(0, 3), MergePair(1, 2)], [1, 2]),
            (3, [MergePair(0, 1), MergePair(1, 2)], [1, 2]),
            (3, [MergePair(0, 1), MergePair(2, 3)], [1, -2]),
            (3, [MergePair(0, 1), MergePair(2, 3)], [1, .nan]),
        ]
        for (n, children, heights) in bad {
            XCTAssertThrowsError(try LinkageTree(leafCount: n, children: children, distances: heights), "\(children)")
        }
    }
}
