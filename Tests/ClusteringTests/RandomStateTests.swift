import XCTest
@testable import Clustering

final class RandomStateTests: XCTestCase {
    func testStreamsMatchNumpy() throws {
        let streams = dict(try Oracle.load("rng_streams")["streams"])
        XCTAssertEqual(Set(streams.keys), ["0", "7", "42", "123", "2024"])
        var checked = 0
        for (seedText, value) in streams {
            let seed = Int(seedText)!
            let s = dict(value)
            var rs = try RandomState(seed: seed)
            XCTAssertEqual((0..<10).map { _ in Int(rs.nextUInt32()) }, ints(s["next32_first_10"]), "seed \(seed) next32")
            rs = try RandomState(seed: seed)
            assertBits(rs.randomSample(count: 10), doubles(s["random_sample_10"]), "seed \(seed) random_sample")
            rs = try RandomState(seed: seed)
            assertBits(rs.standardNormal(count: 11), doubles(s["standard_normal_11"]), "seed \(seed) standard_normal")
            rs = try RandomState(seed: seed)
            assertBits(try rs.uniform(low: -10, high: 10, count: 6), doubles(s["uniform_-10_10_6"]), "seed \(seed) uniform")
            rs = try RandomState(seed: seed)
            assertBits(try rs.normal(loc: 3, scale: 2, count: 5), doubles(s["normal_loc3_scale2_5"]), "seed \(seed) normal")
            rs = try RandomState(seed: seed)
            XCTAssertEqual(try rs.randint(low: 0, high: 10, count: 12), ints(s["randint_0_10_12"]), "seed \(seed) randint 0 10")
            rs = try RandomState(seed: seed)
            XCTAssertEqual(try rs.randint(low: 18, high: 65, count: 5), ints(s["randint_18_65_5"]), "seed \(seed) randint 18 65")
            rs = try RandomState(seed: seed)
            XCTAssertEqual(
                try rs.randint(low: 20000, high: 100_000, count: 5), ints(s["randint_20000_100000_5"]),
                "seed \(seed) randint 20000 100000")
            rs = try RandomState(seed: seed)
            XCTAssertEqual(try rs.permutation(10), ints(s["permutation_10"]), "seed \(seed) permutation")
            rs = try RandomState(seed: seed)
            var a = Array(0..<300)
            rs.shuffle(&a)
            XCTAssertEqual(a, ints(s["shuffle_arange_300"]), "seed \(seed) shuffle")
            rs = try RandomState(seed: seed)
            let p = [Double](repeating: 1.0 / 300.0, count: 300)
            XCTAssertEqual(try rs.choice(300, p: p, count: 5), ints(s["choice_300_uniform_p_x5"]), "seed \(seed) choice")
            checked += 1
        }
        XCTAssertEqual(checked, 5)
    }

    func testSpecCheckValues() throws {
        var rs = try RandomState(seed: 42)
        XCTAssertEqual([rs.nextUInt32(), rs.nextUInt32(), rs.nextUInt32()], [1_608_637_542, 3_421_126_067, 4_083_286_876])
        rs = try RandomState(seed: 42)
        assertBits(rs.randomSample(), 0.3745401188473625, "random_sample")
    }

    func testGaussianCachePersistsAcrossCallsAndIsClearedBySeeding() throws {
        var a = try RandomState(seed: 0)
        let first = a.standardNormal()
        let second = try a.normal(loc: 0, scale: 1)  // served from the cache
        var b = try RandomState(seed: 0)
        let both = b.standardNormal(count: 2)
        assertBits([first, second], both, "cache")
        // Integer draws neither use nor clear the cache.
        var c = try RandomState(seed: 7)
        _ = c.standardNormal()
        _ = try c.randint(low: 0, high: 10)
        var d = try RandomState(seed: 7)
        let pair = d.standardNormal(count: 2)
        assertBits(c.standardNormal(), pair[1], "cache after randint")
        // Re-seeding clears it.
        var e = try RandomState(seed: 3)
        _ = e.standardNormal()
        try e.seed(3)
        XCTAssertEqual(e, try RandomState(seed: 3))
    }

    func testSeedRange() throws {
        XCTAssertThrowsError(try RandomState(seed: -1)) { XCTAssertEqual($0 as? ClusteringError, .seedOutOfRange(-1)) }
        XCTAssertThrowsError(try RandomState(seed: 1 << 32)) { XCTAssertEqual($0 as? ClusteringError, .seedOutOfRange(1 << 32)) }
        XCTAssertNoThrow(try RandomState(seed: 4_294_967_295))
        XCTAssertEqual(try RandomState(seed: 5), RandomState(seed: UInt32(5)))
        var rs = try RandomState(seed: 0)
        XCTAssertThrowsError(try rs.seed(-5))
    }

    func testArgumentErrors() throws {
        var rs = try RandomState(seed: 0)
        XCTAssertThrowsError(try rs.randint(low: 5, high: 5))
        XCTAssertThrowsError(try rs.normal(loc: 0, scale: -1)) {
            XCTAssertEqual($0 as? ClusteringError, .invalidStandardDeviation(-1))
        }
        XCTAssertThrowsError(try rs.uniform(low: 0, high: .infinity))
        XCTAssertThrowsError(try rs.choice(3, p: [0.5, 0.5]))
        XCTAssertThrowsError(try rs.choice(2, p: [0.7, 0.7]))
        XCTAssertThrowsError(try rs.choice(2, p: [-0.5, 1.5]))
        XCTAssertThrowsError(try rs.choice(0))
        XCTAssertThrowsError(try rs.permutation(-1))
        // Error descriptions are sentences.
        XCTAssertTrue(ClusteringError.seedOutOfRange(-1).description.contains("4294967295"))
    }

    func testWideIntegerRanges() throws {
        var rs = try RandomState(seed: 1)
        let v = try rs.randint(low: Int.min, high: Int.max)
        XCTAssertLessThan(v, Int.max)
        let w = try rs.randint(low: 0, high: 1 << 40)
        XCTAssertTrue((0..<(1 << 40)).contains(w))
        XCTAssertEqual(try rs.randint(low: 9, high: 10), 9)
    }
}

final class UniformChoiceTests: XCTestCase {
    /// The streamed equal-weight choice used by k-means++ draws like `choice(n, p)`.
    func testUniformWeightChoiceMatchesChoice() throws {
        for n in [1, 2, 3, 7, 300, 1001, 65_537] {
            for seed in [0, 1, 42] {
                var a = try RandomState(seed: seed)
                var b = try RandomState(seed: seed)
                let p = [Double](repeating: 1.0 / Double(n), count: n)
                for _ in 0..<5 { XCTAssertEqual(a.uniformWeightChoice(n), try b.choice(n, p: p), "n \(n) seed \(seed)") }
            }
        }
    }
}

final class ExactTieTests: XCTestCase {
    /// A sample exactly between two centres: the fast pass cannot separate them, the exact pass
    /// decides, and the first centre wins (scikit-learn's strict `<`).
    func testExactTieGoesToTheFirstCentre() throws {
        let points: [Double] = [0, 5, 0, -5, -1, 0, 1, 0, 0.5, 3, 0, 7, 0, 0.25, 2, 2]
        let centres: [Double] = [-1, 0, 1, 0]
        for threads in [1, 2] {
            let engine = KMeansEngine(x: points, n: 8, d: 2, k: 2, threads: threads)
            var labels = [Int32](repeating: -1, count: 8)
            var newCenters = [Double](repeating: 0, count: 4)
            var shift = [Double](repeating: 0, count: 2)
            _ = engine.step(centers: centres, newCenters: &newCenters, labels: &labels, shift: &shift, update: false)
            XCTAssertEqual(labels, [0, 0, 0, 1, 1, 0, 0, 1])
        }
    }
}
