import Foundation
import XCTest
@testable import Clustering

final class ToyDatasetTests: XCTestCase {
    /// Every datasets.json case: moons, circles, transformed and standardised blobs — the points
    /// bit for bit (−0.0 included) and the generator's labels.
    func testDatasetsFamilyBitForBit() throws {
        let family = try WaveCases.load("datasets")
        XCTAssertEqual(family.cases.count, 12)
        for c in family.cases {
            let input = try c.input()
            assertBits(input.points, try c.expectMatrix("points"), "\(c.id) points")
            XCTAssertEqual(input.generatorLabels, try c.expectInts("blob_labels"), "\(c.id) labels")
        }
    }

    /// The input points of every wave-2 family present in the fixtures match their digests, so
    /// each family's tests compare algorithms, not data.
    func testEveryFamilyInputMatchesItsDigest() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: WaveCases.directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertTrue(files.contains("dbscan.json") && files.contains("k_distance.json"))
        var checked = 0
        for file in files {
            let family = try WaveCases.load(String(file.dropLast(5)))
            for c in family.cases where c.expect["points_digest"] != nil {
                XCTAssertNoThrow(try c.input(), "\(c.id)")
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 20)
    }

    func testSHA256KnownAnswers() {
        func hex(_ s: String) -> String {
            WaveDigest.sha256(Array(s.utf8)).map { String(format: "%02x", $0) }.joined()
        }
        XCTAssertEqual(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let bytes = [UInt8]((0..<1024).map { UInt8($0 % 256) })
        XCTAssertEqual(
            WaveDigest.sha256(bytes).map { String(format: "%02x", $0) }.joined(),
            "785b0751fc2c53dc14a4ce3d800e69ef9ce1009eb327ccf458afe09c242c26c9")
    }

    /// Odd counts give the inner moon / circle the extra point; without shuffle the outer points
    /// come first; the moons' ends are exactly (1, 0)…(−1, 0) and (0, 0.5)…(2, 0.5).
    func testLayoutWithoutShuffle() throws {
        let m = try makeMoons(samples: 7, shuffle: false, seed: 0)
        XCTAssertEqual(m.labels, [0, 0, 0, 1, 1, 1, 1])
        XCTAssertEqual(m.points.row(0), [1, 0])
        XCTAssertEqual(m.points[2, 0], -1)
        XCTAssertEqual(m.points.row(3), [0, 0.5])
        XCTAssertEqual(m.points[6, 0], 2)
        let c = try makeCircles(samples: 5, shuffle: false, factor: 0.5, seed: 0)
        XCTAssertEqual(c.labels, [0, 0, 1, 1, 1])
        XCTAssertEqual(c.points.row(0), [1, 0])
        XCTAssertEqual(c.points.row(2), [0.5, 0])
        let one = try makeMoons(samples: 1, shuffle: false, seed: 0)
        XCTAssertEqual(one.points.row(0), [0, 0.5])
        XCTAssertEqual(one.labels, [1])
    }

    /// `noise: nil` draws nothing (factor 0 keeps −0.0), `noise: 0` draws and adds +0.0 (which
    /// turns −0.0 into +0.0); shuffling and noise come from one stream, shuffle first.
    func testNoiseDrawsAndSignedZeros() throws {
        let plain = try makeCircles(samples: 10, shuffle: false, factor: 0, seed: 3)
        XCTAssertTrue(plain.points.values.contains { $0 == 0 && $0.sign == .minus })
        let zeroNoise = try makeCircles(samples: 10, shuffle: false, noise: 0, factor: 0, seed: 3)
        XCTAssertFalse(zeroNoise.points.values.contains { $0 == 0 && $0.sign == .minus })
        XCTAssertEqual(plain.points.values, zeroNoise.points.values)  // equal as numbers

        let noisy = try makeMoons(samples: 9, shuffle: true, noise: 0.1, seed: 11)
        let shuffled = try makeMoons(samples: 9, shuffle: true, seed: 11)
        var rs = try RandomState(seed: 11)
        var order = Array(0..<9)
        rs.shuffle(&order)
        let base = try makeMoons(samples: 9, shuffle: false, seed: 11)
        XCTAssertEqual(shuffled.points, base.points.selectingRows(order))
        let expected = shuffled.points.values.map { $0 + (0.0 + 0.1 * rs.standardNormal()) }
        assertBits(noisy.points.values, expected, "noise after shuffle")
        XCTAssertEqual(noisy.labels, shuffled.labels)
    }

    func testBadArguments() {
        XCTAssertThrowsError(try makeMoons(samples: 0, seed: 0)) {
            XCTAssertEqual($0 as? ClusteringError, .invalidSampleCount(0))
        }
        XCTAssertThrowsError(try makeCircles(samples: -2, seed: 0)) {
            XCTAssertEqual($0 as? ClusteringError, .invalidSampleCount(-2))
        }
        XCTAssertThrowsError(try makeMoons(samples: 10, noise: -0.1, seed: 0)) {
            XCTAssertEqual($0 as? ClusteringError, .invalidStandardDeviation(-0.1))
        }
        XCTAssertThrowsError(try makeCircles(samples: 10, noise: .infinity, seed: 0))
        XCTAssertThrowsError(try makeCircles(samples: 10, noise: .nan, seed: 0))
        XCTAssertThrowsError(try makeCircles(samples: 10, factor: 1, seed: 0))
        XCTAssertThrowsError(try makeCircles(samples: 10, factor: -0.1, seed: 0))
        XCTAssertThrowsError(try makeCircles(samples: 10, factor: .nan, seed: 0))
        XCTAssertThrowsError(try makeMoons(samples: 10, seed: -1)) {
            XCTAssertEqual($0 as? ClusteringError, .seedOutOfRange(-1))
        }
        XCTAssertThrowsError(try makeCircles(samples: 10, seed: 1 << 32))
    }

    /// The case builder rejects misspelt or malformed configs instead of guessing.
    func testCaseBuilderRejectsBadConfigs() throws {
        func build(_ json: String) throws -> WaveInput {
            guard let object = try JSONValue.parse(Array(json.utf8)).object else { throw WaveCaseError("not an object") }
            return try WaveData.build(object, owner: "test")
        }
        XCTAssertThrowsError(try build(#"{"moons": {"samples": 10, "nosie": 0.1}}"#))
        XCTAssertThrowsError(try build(#"{"moons": {"samples": 10}, "circles": {"samples": 10}}"#))
        XCTAssertThrowsError(try build(#"{"moons": {"samples": 10}, "scale": "robust"}"#))
        XCTAssertThrowsError(try build(#"{"moons": {"samples": 10}, "transfrom": [[1, 0], [0, 1]]}"#))
        XCTAssertThrowsError(try build(#"{"csv": {"file": "csv/dbscan_lat_001.csv", "columns": ["z"]}}"#))
        let u = try build(#"{"uniform": {"samples": 3, "low": [0, 10], "high": [1, 20], "seed": 4}}"#)
        var rs = try RandomState(seed: 4)
        var expected: [Double] = []
        for _ in 0..<3 { expected += [0 + 1 * rs.randomSample(), 10 + 10 * rs.randomSample()] }
        assertBits(u.points.values, expected, "per-column uniform")
        XCTAssertNil(u.generatorLabels)
        let c = try build(#"{"concat": [{"blobs": {"samples": 4, "centers": 2}}, {"uniform": {"samples": 2}}]}"#)
        XCTAssertEqual(c.points.rows, 6)
        XCTAssertEqual(Array(c.generatorLabels!.suffix(2)), [-1, -1])
        // -0.0 survives the JSON reader.
        XCTAssertEqual(try JSONValue.parse(Array("[-0.0]".utf8)).doubles?.first?.sign, .minus)
    }
}
