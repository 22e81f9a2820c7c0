import XCTest
@testable import Clustering

/// `Fixtures/reference/local/scores_extra.json` (scripts/make_scores_reference.py): distances whose
/// dot products fall into OpenBLAS's other-order tail tiles (dsyrk one and two threads, chunked
/// dgemm, dgemv/ddot), silhouettes on the chunked path, and the cluster scores for d = 1…13,
/// singletons, duplicates and noise — all bit for bit.
final class ScoresExtraTests: XCTestCase {
    private static let root = Result { try WaveCases.loadJSON("local/scores_extra.json") }

    private func cases(_ prefix: String) throws -> [JSONValue] {
        try XCTUnwrap(try Self.root.get()["cases"]?.array).filter { $0["id"]!.string!.hasPrefix(prefix) }
    }

    /// The generated data (`uniform` or `lattice`, see the script).
    static func data(_ spec: JSONValue) throws -> DataMatrix {
        let n = spec["n"]!.int!, d = spec["d"]!.int!
        var rs = try RandomState(seed: spec["seed"]!.int!)
        if spec["kind"]!.string! == "uniform" {
            return try DataMatrix(rows: n, columns: d, values: try rs.uniform(low: spec["low"]!.double!, high: spec["high"]!.double!, count: n * d))
        }
        let q = spec["q"]!.double!
        let ints = try rs.randint(low: spec["low"]!.int!, high: spec["high"]!.int!, count: n * d)
        return try DataMatrix(rows: n, columns: d, values: ints.map { Double($0) * q })
    }

    static func labels(_ spec: JSONValue, _ n: Int) throws -> [Int] {
        var rs = try RandomState(seed: spec["seed"]!.int!)
        var labels = try rs.randint(low: 0, high: spec["k"]!.int!, count: n)
        for (j, i) in (spec["singletons"]?.ints ?? []).enumerated() { labels[i] = spec["k"]!.int! + j }
        for i in spec["noise"]?.ints ?? [] { labels[i] = -1 }
        return labels
    }

    static func hash(_ values: [Double]) -> String {
        var h: UInt64 = 0
        for (i, v) in values.enumerated() { h = h &+ v.bitPattern &* (2 &* UInt64(i) &+ 1) }
        return String(h)
    }

    func testDistanceMatricesMatchNumpyBits() throws {
        let all = try cases("distances-")
        XCTAssertEqual(all.count, 23)
        for c in all {
            let id = c["id"]!.string!
            let x = try Self.data(c["data"]!)
            XCTAssertEqual(Self.hash(try PairwiseDistances.euclidean(x).values), c["self_hash"]!.string, "\(id) euclidean_distances(X)")
            var rows: [Double] = []
            try PairwiseDistances.forEachChunk(of: x, rowsPerChunk: 97, workingMemoryMiB: c["working_memory"]!.double!) { _, chunk in
                rows.append(contentsOf: chunk.values)
            }
            XCTAssertEqual(PairwiseDistances.sklearnChunkRows(x.rows, workingMemoryMiB: c["working_memory"]!.double!), c["chunk_rows"]!.int, id)
            XCTAssertEqual(Self.hash(rows), c["chunked_hash"]!.string, "\(id) pairwise_distances_chunked")
            let y = x.selectingRows(Array(0..<c["m"]!.int!))
            XCTAssertEqual(Self.hash(try PairwiseDistances.euclidean(x, y).values), c["cross_hash"]!.string, "\(id) euclidean_distances(X, Y)")
        }
    }

    /// The tail tiles matter: without them these products would differ from numpy's.
    func testSpecialTilesArePresent() {
        XCTAssertFalse(GemmOrderPlan.syrk(n: 500, k: 2).specials.isEmpty)          // two threads
        XCTAssertFalse(GemmOrderPlan.syrk(n: 300, k: 2).specials.isEmpty)          // one thread
        XCTAssertTrue(GemmOrderPlan.syrk(n: 300, k: 2).specials.contains { $0.order == .pairs })
        XCTAssertTrue(GemmOrderPlan.syrk(n: 150, k: 8).specials.contains { $0.order == .quads })
        XCTAssertFalse(GemmOrderPlan.gemm(m: 300, n: 150, k: 2).specials.isEmpty)  // the 296..<300 tail
    }

    func testSilhouetteCases() throws {
        let all = try cases("silhouette-")
        XCTAssertEqual(all.count, 11)
        for c in all {
            let id = c["id"]!.string!
            let x = try Self.data(c["data"]!)
            let labels = try Self.labels(c["labels"]!, x.rows)
            let wm = c["working_memory"]!.isNull ? PairwiseDistances.workingMemoryMiB : c["working_memory"]!.double!
            for threads in [1, 3] {
                let s = try silhouette(x, labels: labels, noise: .asCluster, threads: threads, workingMemoryMiB: wm)
                assertBits(s.samples, c["samples"]!.doubles!, "\(id) samples")
                assertBits(s.score, c["score"]!.double!, "\(id) score")
            }
        }
    }

    func testScoreCases() throws {
        let all = try cases("scores-")
        XCTAssertEqual(all.count, 18)
        for c in all {
            let id = c["id"]!.string!
            let x: DataMatrix, labels: [Int]
            if let points = c["points"]?.rows {
                x = try DataMatrix(points)
                labels = c["fixed_labels"]!.ints!
                assertBits(try silhouetteScore(x, labels: labels), c["silhouette"]!.double!, "\(id) silhouette")
            } else {
                x = try Self.data(c["data"]!)
                labels = try Self.labels(c["labels"]!, x.rows)
                let truth = try Self.labels(c["truth"]!, x.rows)
                assertBits(try adjustedRandScore(labelsTrue: truth, labelsPred: labels), c["adjusted_rand"]!.double!, "\(id) adjusted_rand")
                if let ex = c["excluded"] {
                    assertBits(try calinskiHarabaszScore(x, labels: labels, noise: .excluded), ex["calinski_harabasz"]!.double!, "\(id) CH excluded")
                    assertBits(try daviesBouldinScore(x, labels: labels, noise: .excluded), ex["davies_bouldin"]!.double!, "\(id) DB excluded")
                    assertBits(try silhouetteScore(x, labels: labels, noise: .excluded), ex["silhouette"]!.double!, "\(id) silhouette excluded")
                    assertBits(try distortionScore(x, labels: labels, noise: .excluded), ex["distortion"]!.double!, "\(id) distortion excluded")
                    assertBits(try adjustedRandScore(labelsTrue: truth, labelsPred: labels, noise: .excluded), ex["adjusted_rand"]!.double!, "\(id) ARI excluded")
                }
            }
            assertBits(try calinskiHarabaszScore(x, labels: labels), c["calinski_harabasz"]!.double!, "\(id) calinski_harabasz")
            assertBits(try daviesBouldinScore(x, labels: labels), c["davies_bouldin"]!.double!, "\(id) davies_bouldin")
            assertBits(try distortionScore(x, labels: labels), c["distortion"]!.double!, "\(id) distortion")
        }
    }
}
