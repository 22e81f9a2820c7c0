import XCTest
@testable import Clustering

final class BlobsTests: XCTestCase {
    /// Every figure's make_blobs call: points, labels and centres, bit for bit.
    func testFigureBlobsMatchScikitLearn() throws {
        for name in ["segmentation", "anomaly", "documents", "iterations", "elbow"] {
            let mb = dict(try Oracle.load(name)["make_blobs"])
            let p = dict(mb["params"])
            let blobs = try makeBlobs(
                samples: int(p["n_samples"]), centers: int(p["centers"]),
                features: p["n_features"] == nil ? 2 : int(p["n_features"]),
                std: double(p["cluster_std"]), seed: int(p["random_state"]))
            assertBits(blobs.points.values, flat(mb["X"]), "\(name) X")
            XCTAssertEqual(blobs.labels, ints(mb["y"]), "\(name) y")
            assertBits(blobs.centers.values, flat(mb["centers"]), "\(name) centers")
            XCTAssertEqual(blobs.points.rows, int(p["n_samples"]))
        }
    }

    func testLiteralFormsAndPerCentreArguments() throws {
        let a = try makeBlobs(samples: 300, centers: 4, std: 1.0, seed: 42)
        let b = try makeBlobs(samples: .total(300), centers: .random(4), std: .same(1.0), seed: 42)
        XCTAssertEqual(a, b)
        // Per-centre counts equal to the even split give the same result.
        let c = try makeBlobs(samples: [75, 75, 75, 75], std: [1.0, 1.0, 1.0, 1.0], seed: 42)
        XCTAssertEqual(a, c)
        // Given centres: no draws for them, so the stream starts with the samples.
        let given = try DataMatrix([[0, 0], [5, 5]])
        let d = try makeBlobs(samples: [3, 1], centers: .given(given), std: [0.0, 2.0], shuffle: false, seed: 0)
        XCTAssertEqual(d.labels, [0, 0, 0, 1])
        XCTAssertEqual(Array(d.points.values[0..<6]), [0, 0, 0, 0, 0, 0])
        var rs = try RandomState(seed: 0)
        let normals = rs.standardNormal(count: 8)
        assertBits(Array(d.points.values[6..<8]), [5 + 2 * normals[6], 5 + 2 * normals[7]], "given centres")
        // Without shuffle the rows stay centre by centre.
        let e = try makeBlobs(samples: 7, centers: 3, shuffle: false, seed: 1)
        XCTAssertEqual(e.labels, [0, 0, 0, 1, 1, 2, 2])
    }

    func testErrors() {
        XCTAssertThrowsError(try makeBlobs(samples: 0, centers: 3, seed: 0)) {
            XCTAssertEqual($0 as? ClusteringError, .invalidSampleCount(0))
        }
        XCTAssertThrowsError(try makeBlobs(samples: 10, centers: 0, seed: 0)) {
            XCTAssertEqual($0 as? ClusteringError, .tooFewClusters(0))
        }
        XCTAssertThrowsError(try makeBlobs(samples: 10, centers: 2, std: -1, seed: 0)) {
            XCTAssertEqual($0 as? ClusteringError, .invalidStandardDeviation(-1))
        }
        XCTAssertThrowsError(try makeBlobs(samples: 10, centers: 2, std: .nan, seed: 0))
        XCTAssertThrowsError(try makeBlobs(samples: 10, centers: 2, seed: -3)) {
            XCTAssertEqual($0 as? ClusteringError, .seedOutOfRange(-3))
        }
        XCTAssertThrowsError(try makeBlobs(samples: 10, centers: 2, seed: 1 << 33))
        XCTAssertThrowsError(try makeBlobs(samples: [2, -1], seed: 0))
        XCTAssertThrowsError(try makeBlobs(samples: [0, 0], seed: 0))
        XCTAssertThrowsError(try makeBlobs(samples: [2, 3], std: [1.0], seed: 0))
        XCTAssertThrowsError(try makeBlobs(samples: [2, 3], centers: .random(3), seed: 0))
        XCTAssertThrowsError(try makeBlobs(samples: 10, centers: 2, features: 0, seed: 0))
        XCTAssertThrowsError(try makeBlobs(samples: 10, centers: 2, centerBox: (0, .infinity), seed: 0))
        XCTAssertThrowsError(try makeBlobs(samples: 4, centers: .given(try! DataMatrix([[.nan, 0]])), seed: 0))
    }

    func testMatrixErrors() {
        XCTAssertThrowsError(try DataMatrix([[1, 2], [3]])) {
            XCTAssertEqual($0 as? ClusteringError, .mismatchedRowLength(row: 1, expected: 2, actual: 1))
        }
        XCTAssertThrowsError(try DataMatrix(rows: 2, columns: 2, values: [1, 2, 3])) {
            XCTAssertEqual($0 as? ClusteringError, .mismatchedStorage(rows: 2, columns: 2, count: 3))
        }
        XCTAssertThrowsError(try DataMatrix(rows: -1, columns: 2, values: []))
    }
}
