import XCTest
@testable import Clustering

/// K-Means fits in which several clusters go empty in one Lloyd iteration
/// (`Fixtures/reference/local/kmeans_empty.json`, scripts/make_kmeans_empty_reference.py):
/// scikit-learn relocates them to `np.argpartition(distances, -n_empty)[:-n_empty-1:-1]`, whose
/// order among tied distances is numpy's x86-simd-sort order (network, partition and std::sort
/// paths all occur here). Labels, centres (bits), inertia (bits) and n_iter with 1, 2 and 4 threads.
final class KMeansEmptyClusterTests: XCTestCase {
    private static let root = Result { try WaveCases.loadJSON("local/kmeans_empty.json") }

    private func matrix(_ v: JSONValue?, _ what: String) throws -> DataMatrix {
        guard let rows = v?.rows else { throw WaveCaseError("\(what) is not a matrix") }
        return try DataMatrix(rows)
    }

    func testFitsWithSeveralEmptyClustersMatchScikitLearn() throws {
        let cases = try Self.root.get()["cases"]?.array ?? []
        XCTAssertGreaterThanOrEqual(cases.count, 15)
        var oldRuleCases = 0
        for c in cases {
            let id = c["id"]?.string ?? "?"
            let x = try matrix(c["x"], "\(id) x")
            let given = try matrix(c["init"], "\(id) init")
            let centres = try matrix(c["cluster_centers"], "\(id) centres")
            let relocations = c["relocations"]?.ints ?? []
            XCTAssertTrue(relocations.contains { $0 <= -2 }, "\(id): no iteration with two empty clusters")
            if c["old_rule_differs"]?.bool == true { oldRuleCases += 1 }
            for threads in [1, 2, 4] {
                let what = "\(id) (\(threads) threads)"
                let fit = try KMeans(k: c["k"]?.int ?? 0, seed: 0, init: .centers(given), threads: threads).fit(x)
                assertSameInts(fit.labels, c["labels"]?.ints ?? [], "\(what) labels")
                assertBits(fit.centers, centres, "\(what) centres")
                assertBits(fit.inertia, c["inertia"]?.double ?? .nan, "\(what) inertia")
                XCTAssertEqual(fit.iterations, c["n_iter"]?.int, "\(what) n_iter")
            }
        }
        // Cases whose result the former rule (largest first, lower index on ties) got wrong.
        XCTAssertGreaterThanOrEqual(oldRuleCases, 5)
    }
}
