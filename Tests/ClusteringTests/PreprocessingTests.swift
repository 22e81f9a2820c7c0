import XCTest
@testable import Clustering

/// `X @ T`, `StandardScaler` and `MinMaxScaler` against numpy / scikit-learn numbers made by
/// `scripts/make_minmax_reference.py` (`Fixtures/reference/local/preprocessing.json`).
final class PreprocessingTests: XCTestCase {
    private func reference() throws -> JSONValue { try WaveCases.loadJSON("local/preprocessing.json") }

    private func matrix(_ v: JSONValue?) throws -> DataMatrix {
        guard let rows = v?.rows else { throw WaveCaseError("not a matrix: \(String(describing: v))") }
        return try DataMatrix(rows)
    }

    func testMinMaxScalerBitForBit() throws {
        let cases = try reference()["minmax"]?.array ?? []
        XCTAssertEqual(cases.count, 6)
        for c in cases {
            let id = c["id"]?.string ?? "?"
            let range = c["feature_range"]?.doubles ?? []
            let fit = try MinMaxScaler(featureRange: (range[0], range[1])).fitTransform(try matrix(c["x"]))
            assertBits(fit.points, try matrix(c["expect"]), "\(id) points")
            assertBits(fit.dataMin, c["data_min"]?.doubles ?? [], "\(id) data_min")
            assertBits(fit.dataMax, c["data_max"]?.doubles ?? [], "\(id) data_max")
            assertBits(fit.dataRange, c["data_range"]?.doubles ?? [], "\(id) data_range")
            assertBits(fit.scale, c["scale"]?.doubles ?? [], "\(id) scale")
            assertBits(fit.offset, c["min"]?.doubles ?? [], "\(id) min")
        }
    }

    func testStandardScalerBitForBit() throws {
        let cases = try reference()["standard"]?.array ?? []
        XCTAssertEqual(cases.count, 5)
        for c in cases {
            let id = c["id"]?.string ?? "?"
            let fit = try StandardScaler().fitTransform(try matrix(c["x"]))
            assertBits(fit.points, try matrix(c["expect"]), "\(id) points")
            assertBits(fit.mean, c["mean"]?.doubles ?? [], "\(id) mean")
            assertBits(fit.variance, c["var"]?.doubles ?? [], "\(id) var")
            assertBits(fit.scale, c["scale"]?.doubles ?? [], "\(id) scale")
        }
    }

    /// Constant columns keep scale 1 (scikit-learn's near-constant test on the variance).
    func testStandardScalerConstantColumn() throws {
        let x = try DataMatrix([[5, 1], [5, 2], [5, 4]])
        let fit = try StandardScaler().fitTransform(x)
        XCTAssertEqual(fit.scale[0], 1)
        XCTAssertEqual(fit.points.column(0), [0, 0, 0])
        XCTAssertEqual(fit.mean, [5, 7.0 / 3.0])
    }

    /// The gemm FMA chain for 2 (the README's `fma(x1, T[1][j], x0 * T[0][j])`), 3, 4, 5 and 15
    /// features, square and rectangular T.
    func testLinearTransformMatchesNumpyDot() throws {
        let cases = try reference()["dot"]?.array ?? []
        XCTAssertEqual(cases.count, 7)
        for c in cases {
            let y = try linearTransform(try matrix(c["x"]), by: try matrix(c["t"]))
            assertBits(y, try matrix(c["expect"]), c["id"]?.string ?? "?")
        }
        let x = try DataMatrix([[0.1, 0.7], [-3, 2.5]])
        let t = try DataMatrix([[0.6, -0.6], [-0.4, 0.8]])
        let y = try linearTransform(x, by: t)
        for i in 0..<2 {
            for j in 0..<2 {
                assertBits(y[i, j], (x[i, 0] * t[0, j]).addingProduct(x[i, 1], t[1, j]), "2x2 \(i),\(j)")
            }
        }
    }

    func testBadArguments() throws {
        let x = try DataMatrix([[1, 2], [3, 4]])
        XCTAssertThrowsError(try linearTransform(x, by: try DataMatrix([[1, 0, 0]]))) {
            XCTAssertEqual($0 as? ClusteringError, .mismatchedRowLength(row: 0, expected: 2, actual: 1))
        }
        XCTAssertThrowsError(try linearTransform(x, by: DataMatrix(rows: 0, columns: 0)))
        XCTAssertThrowsError(try linearTransform(x, by: try DataMatrix([[1, .nan], [0, 1]])))
        XCTAssertThrowsError(try StandardScaler().fitTransform(DataMatrix(rows: 0, columns: 2))) {
            XCTAssertEqual($0 as? ClusteringError, .emptyData)
        }
        XCTAssertThrowsError(try StandardScaler().fitTransform(try DataMatrix([[1, .nan]]))) {
            XCTAssertEqual($0 as? ClusteringError, .nonFiniteValue(row: 0, column: 1))
        }
        XCTAssertThrowsError(try MinMaxScaler(featureRange: (1, 1)).fitTransform(x))
        XCTAssertThrowsError(try MinMaxScaler(featureRange: (0, .infinity)).fitTransform(x))
        XCTAssertThrowsError(try MinMaxScaler().fitTransform(try DataMatrix([[.infinity, 0]])))
    }
}
