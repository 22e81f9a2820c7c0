import XCTest
@testable import Clustering

final class PCATests: XCTestCase {
    /// The contract: coordinates and components within 1e-9 × max|X| of the scaled data, explained
    /// variance ratios within 1e-9. Returns the largest errors seen (coordinates/components
    /// relative to max|X|, ratios absolute) for the report.
    @discardableResult
    func check(
        _ fit: PCAResult, components: [Double], ratios: [Double], projected: [Double], maxAbsX: Double, _ what: String
    ) -> (coordinates: Double, axes: Double, ratios: Double) {
        func worst(_ a: [Double], _ b: [Double]) -> Double {
            XCTAssertEqual(a.count, b.count, "\(what): count")
            return zip(a, b).map { abs($0 - $1) }.max() ?? 0
        }
        let c = worst(fit.projected.values, projected) / maxAbsX
        let v = worst(fit.components.values, components) / maxAbsX
        let r = worst(fit.explainedVarianceRatio, ratios)
        XCTAssertLessThanOrEqual(c, 1e-9, "\(what): projected")
        XCTAssertLessThanOrEqual(v, 1e-9, "\(what): components")
        XCTAssertLessThanOrEqual(r, 1e-9, "\(what): explained variance ratio")
        return (c, v, r)
    }

    /// Every pca.json case (StandardScaler of the CSV columns, PCA(2)), the solver scikit-learn's
    /// `auto` picks included, within the contract; in practice within ~1e-14.
    func testWaveFamilyWithinContract() throws {
        let family = try WaveCases.load("pca")
        XCTAssertEqual(family.cases.count, 8)
        var largest = (0.0, 0.0, 0.0)
        for c in family.cases {
            let x = try c.input(checkDigest: false).points
            let k = try c.expectMatrix("components").rows
            let fit = try PCA(components: k).fit(x)
            XCTAssertEqual(fit.solver.rawValue, c.expect["solver"]?.string, c.id)
            let e = check(
                fit, components: try c.expectMatrix("components").values, ratios: try c.expectDoubles("explained_variance_ratio"),
                projected: try c.expectMatrix("projected").values, maxAbsX: try c.expectDouble("max_abs_x"), c.id)
            largest = (max(largest.0, e.coordinates), max(largest.1, e.axes), max(largest.2, e.ratios))
        }
        XCTAssertLessThan(max(largest.0, largest.1), 1e-12, "largest coordinate/component error \(largest)")
        print("pca.json largest errors (coordinates, components relative to max|X|; ratios):", largest)
    }

    /// scripts/make_pca_reference.py: every component count on iris, 1/2/5/13 on wine
    /// (covariance_eigh), 1…6 on a 35 × 6 table and three counts on 8 × 13 (full SVD, n < 10·d and
    /// n < d), one feature, a constant column, and a 520 × 60 table where scikit-learn would pick
    /// its randomized solver (reference: svd_solver="full").
    func testGeneratedCasesWithinContract() throws {
        let root = try WaveCases.loadJSON("wave2/pca_extra.json")
        let cases = root["cases"]?.array ?? []
        XCTAssertEqual(cases.count, 21)
        var largest = 0.0
        for c in cases {
            let id = c["id"]?.string ?? "?"
            let data = try Self.dataset(root["datasets"]?[c["data"]?.string ?? ""])
            let k = c["components"]?.int ?? 0
            let fit = try PCA(components: k).fit(data)
            let expected = c["reference_solver"]?.string == "full" ? PCA.Solver.full : .covarianceEigh
            XCTAssertEqual(fit.solver, expected, id)
            let e = c["expect"]?.object ?? [:]
            let errors = check(
                fit, components: e["components"]?.doubles ?? [], ratios: e["explained_variance_ratio"]?.doubles ?? [],
                projected: e["projected"]?.doubles ?? [], maxAbsX: e["max_abs_x"]?.double ?? 1, id)
            largest = max(largest, errors.coordinates, errors.axes)
            let scale = max(1, (e["explained_variance"]?.doubles ?? []).max() ?? 1)
            for (a, b) in zip(fit.explainedVariance, e["explained_variance"]?.doubles ?? []) {
                XCTAssertEqual(a, b, accuracy: 1e-9 * scale, "\(id) explained variance")
            }
            for (a, b) in zip(fit.singularValues, e["singular_values"]?.doubles ?? []) {
                XCTAssertEqual(a, b, accuracy: 1e-9 * max(1, b), "\(id) singular values")
            }
            // numpy's column means sum down C-ordered rows sequentially but pairwise for Fortran-ordered
            // input (pandas' to_numpy() of these CSVs); our data is row-major, so ~1e-16 apart.
            for (a, b) in zip(fit.mean, e["mean"]?.doubles ?? []) { XCTAssertEqual(a, b, accuracy: 1e-14, "\(id) mean") }
            XCTAssertEqual(fit.noiseVariance, e["noise_variance"]?.double ?? .nan, accuracy: 1e-9 * scale, "\(id) noise variance")
        }
        XCTAssertLessThan(largest, 1e-11, "largest component/coordinate error")
        print("pca_extra.json largest component/coordinate error relative to max|X|:", largest)
    }

    /// Each component has unit length and the largest-magnitude entry positive; transform of the
    /// training data gives the projected coordinates.
    func testSignRuleAndTransform() throws {
        let x = try makeBlobs(samples: 300, centers: 4, features: 5, seed: 2).points
        for n in [300, 30] {  // covariance_eigh, full
            let data = x.selectingRows(Array(0..<n))
            let fit = try PCA(components: 3).fit(data)
            XCTAssertEqual(fit.solver, n == 300 ? .covarianceEigh : .full)
            for j in 0..<3 {
                let row = fit.components.row(j)
                XCTAssertEqual(row.map { $0 * $0 }.reduce(0, +), 1, accuracy: 1e-12)
                let top = row.max { abs($0) < abs($1) }!
                XCTAssertGreaterThan(top, 0)
            }
            let again = try fit.transform(data)
            for (a, b) in zip(again.values, fit.projected.values) { XCTAssertEqual(a, b, accuracy: 1e-12) }
            XCTAssertGreaterThanOrEqual(fit.explainedVariance[0], fit.explainedVariance[1])
        }
    }

    /// Fixed row blocks and an ordered reduction: the same bits with 1, 2 and 4 threads.
    func testThreadCountDoesNotChangeBits() throws {
        let x = try makeBlobs(samples: 40_001, centers: 3, features: 6, seed: 4).points
        let fits = try [1, 2, 4].map { try PCA(components: 3, threads: $0).fit(x) }
        for f in fits.dropFirst() {
            XCTAssertTrue(f == fits[0])
            assertBits(f.projected.values, fits[0].projected.values, "projected")
            assertBits(f.components.values, fits[0].components.values, "components")
        }
        XCTAssertThrowsError(try PCA(components: 1, threads: 0).fit(x))
    }

    func testBadArgumentsThrow() throws {
        let x = try makeBlobs(samples: 20, centers: 2, features: 3, seed: 0).points
        XCTAssertThrowsError(try PCA(components: 0).fit(x))
        XCTAssertThrowsError(try PCA(components: 4).fit(x))
        XCTAssertThrowsError(try PCA(components: 3).fit(x.selectingRows([0, 1])))
        XCTAssertThrowsError(try PCA(components: 1).fit(x.selectingRows([0])))
        XCTAssertThrowsError(try PCA(components: 1).fit(DataMatrix(rows: 0, columns: 3)))
        var bad = x
        bad[2, 2] = .infinity
        XCTAssertThrowsError(try PCA(components: 1).fit(bad)) { XCTAssertEqual($0 as? ClusteringError, .nonFiniteValue(row: 2, column: 2)) }
        let fit = try PCA(components: 2).fit(x)
        XCTAssertThrowsError(try fit.transform(try DataMatrix([[1.0, 2.0]])))
    }

    /// A dataset of pca_extra.json: stored points, or make_blobs + StandardScaler.
    static func dataset(_ value: JSONValue?) throws -> DataMatrix {
        guard let d = value?.object else { throw WaveCaseError("unknown dataset") }
        if let b = d["blobs"]?.object {
            let blobs = try makeBlobs(
                samples: b["samples"]?.int ?? 0, centers: b["centers"]?.int ?? 0, features: b["features"]?.int ?? 0,
                seed: b["seed"]?.int ?? 0).points
            return try StandardScaler().fitTransform(blobs).points
        }
        return try DataMatrix(rows: d["rows"]?.int ?? -1, columns: d["columns"]?.int ?? -1, values: d["values"]?.doubles ?? [])
    }
}
