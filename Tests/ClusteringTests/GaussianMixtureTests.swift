import XCTest
@testable import Clustering

final class GaussianMixtureTests: XCTestCase {
    /// Largest |ours − reference| / max|reference| over a field (0 when bit-identical).
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        let scale = b.map { abs($0) }.max() ?? 0
        var worst = 0.0
        for (u, v) in zip(a, b) where u.bitPattern != v.bitPattern { worst = max(worst, abs(u - v) / max(scale, .leastNormalMagnitude)) }
        return worst
    }

    static func covariance(_ name: String) throws -> GaussianMixture.CovarianceType {
        guard let t = GaussianMixture.CovarianceType(rawValue: name) else { throw WaveCaseError("unknown covariance \(name)") }
        return t
    }

    /// Every gmm.json case: labels, n_iter and converged identical; weights, means, covariances
    /// and lower_bound bit-identical (the contract allows 1e-9 × the field's largest magnitude; we
    /// measure 0), with 1, 2 and 4 threads.
    func testWaveFamilyBitIdentical() throws {
        let family = try WaveCases.load("gmm")
        XCTAssertEqual(family.cases.count, 10)
        var worst = 0.0
        for c in family.cases {
            let x = try c.input().points
            let p = try c.clustering("gmm")
            let model = GaussianMixture(
                k: try p.int("k"), covariance: try Self.covariance(try p.string("covariance", default: "full")),
                seed: try p.int("seed", default: 0), maxIter: try p.int("max_iter", default: 100),
                tol: try p.double("tol", default: 1e-3), nInit: try p.int("n_init", default: 1),
                regCovar: try p.double("reg_covar", default: 1e-6))
            for threads in [1, 2, 4] {
                var m = model
                m.threads = threads
                let fit = try m.fit(x)
                let what = "\(c.id) (\(threads) threads)"
                assertSameInts(fit.labels, try c.expectInts("labels"), "\(what) labels")
                XCTAssertEqual(fit.iterations, try c.expectInt("n_iter"), "\(what) n_iter")
                XCTAssertEqual(fit.converged, try c.expectValue("converged").bool, "\(what) converged")
                let covariances = try c.expectValue("covariances").flattenedNumbers
                assertBits(fit.weights, try c.expectDoubles("weights"), "\(what) weights")
                assertBits(fit.means.values, try c.expectMatrix("means").values, "\(what) means")
                assertBits(fit.covariances, covariances, "\(what) covariances")
                assertBits(fit.lowerBound, try c.expectDouble("lower_bound"), "\(what) lower_bound")
                worst = max(worst, Self.relativeError(fit.weights, try c.expectDoubles("weights")),
                            Self.relativeError(fit.means.values, try c.expectMatrix("means").values),
                            Self.relativeError(fit.covariances, covariances))
                XCTAssertEqual(fit.covarianceShape.reduce(1, *), fit.covariances.count, what)
            }
        }
        XCTAssertEqual(worst, 0, "largest relative error")
    }

    /// The cases of scripts/make_gmm_reference.py (BIC-vs-k sweep for the four covariance types,
    /// n_init 3 and 5 where a later initialisation wins, d = 1, 4, 5, 9, k = 1, max_iter = 1,
    /// predict_proba / score_samples / predict on other data, 130,000 samples, a singular
    /// covariance): every number bit-identical.
    func testGeneratedCasesBitIdentical() throws {
        let cases = try WaveCases.loadJSON("wave2/gmm_extra.json")["cases"]?.array ?? []
        XCTAssertEqual(cases.count, 66)
        var groups: [String: Int] = [:]
        for c in cases {
            let id = c["id"]?.string ?? "?"
            groups[c["group"]?.string ?? "?", default: 0] += 1
            let x = try Self.points(c["data"])
            let p = WaveParameters(owner: id, values: c["params"]?.object ?? [:])
            let model = GaussianMixture(
                k: try p.int("k"), covariance: try Self.covariance(try p.string("covariance")), seed: try p.int("seed"),
                maxIter: try p.int("max_iter"), tol: try p.double("tol"), nInit: try p.int("n_init"),
                regCovar: try p.double("reg_covar"), threads: 2)
            let e = c["expect"]?.object ?? [:]
            if let message = e["error"]?.string {
                XCTAssertThrowsError(try model.fit(x), id) { error in
                    XCTAssertEqual(error as? ClusteringError, .illDefinedCovariance, id)
                    XCTAssertEqual((error as? ClusteringError)?.description, message, id)
                }
                continue
            }
            let fit = try model.fit(x)
            func numbers(_ key: String) -> [Double] { e[key]?.flattenedNumbers ?? [] }
            if let labels = e["labels"]?.ints {
                assertSameInts(fit.labels, labels, "\(id) labels")
            } else {
                var sum = 0
                for (i, l) in fit.labels.enumerated() { sum = (sum + i * l) % 1_000_003 }
                XCTAssertEqual(sum, e["labels_sum"]?.int, "\(id) labels checksum")
            }
            XCTAssertEqual(fit.iterations, e["n_iter"]?.int, "\(id) n_iter")
            XCTAssertEqual(fit.converged, e["converged"]?.bool, "\(id) converged")
            assertBits(fit.lowerBound, e["lower_bound"]?.double ?? .nan, "\(id) lower_bound")
            assertBits(fit.lowerBounds, numbers("lower_bounds"), "\(id) lower_bounds")
            assertBits(fit.weights, numbers("weights"), "\(id) weights")
            assertBits(fit.means.values, numbers("means"), "\(id) means")
            assertBits(fit.covariances, numbers("covariances"), "\(id) covariances")
            assertBits(fit.precisionsCholesky, numbers("precisions_cholesky"), "\(id) precisions_cholesky")
            assertBits(try fit.bic(x), e["bic"]?.double ?? .nan, "\(id) bic")
            assertBits(try fit.aic(x), e["aic"]?.double ?? .nan, "\(id) aic")
            assertBits(try fit.score(x), e["score"]?.double ?? .nan, "\(id) score")
            if e["proba"] != nil {
                assertBits(fit.probabilities.values, numbers("proba"), "\(id) predict_proba")
                assertBits(try fit.predictProbabilities(x).values, numbers("proba"), "\(id) predictProbabilities")
                assertBits(fit.logLikelihoods, numbers("score_samples"), "\(id) score_samples")
                let other = try Self.points(.object(["points": e["other_points"] ?? .null]))
                assertSameInts(try fit.predict(other), e["other_labels"]?.ints ?? [], "\(id) predict(other)")
                assertBits(try fit.bic(other), e["other_bic"]?.double ?? .nan, "\(id) bic(other)")
            }
        }
        XCTAssertEqual(groups, ["bic_sweep": 24, "n_init": 8, "shapes": 26, "proba": 1, "large": 6, "ill_defined": 1])
    }

    /// BIC picks the right model on scikit-learn's selection example: 2 full components.
    func testBICSweepMinimum() throws {
        let cases = try WaveCases.loadJSON("wave2/gmm_extra.json")["cases"]?.array ?? []
        let sweep = cases.filter { $0["group"]?.string == "bic_sweep" }
        let x = try Self.points(sweep[0]["data"])
        var best: (Double, String) = (.infinity, "")
        for type in GaussianMixture.CovarianceType.allCases {
            for k in 1...6 {
                let bic = try GaussianMixture(k: k, covariance: type, seed: 42).fit(x).bic(x)
                if bic < best.0 { best = (bic, "\(type.rawValue)-\(k)") }
            }
        }
        XCTAssertEqual(best.1, "full-2")
    }

    /// The same bits whatever the thread count, on a fit large enough for many E-step ranges.
    func testThreadCountDoesNotChangeBits() throws {
        let x = try makeBlobs(samples: 10_001, centers: 4, features: 3, std: 2.0, seed: 7).points
        for type in GaussianMixture.CovarianceType.allCases {
            let fits = try [1, 2, 4].map { try GaussianMixture(k: 4, covariance: type, seed: 1, threads: $0).fit(x) }
            for (f, threads) in zip(fits.dropFirst(), [2, 4]) {
                let what = "\(type.rawValue), \(threads) threads"
                XCTAssertTrue(f == fits[0], what)
                assertBits(f.means.values, fits[0].means.values, "\(what) means")
                assertBits(f.covariances, fits[0].covariances, "\(what) covariances")
                assertBits(f.probabilities.values, fits[0].probabilities.values, "\(what) probabilities")
                XCTAssertEqual(f.labels, fits[0].labels, what)
            }
        }
    }

    func testNonConvergenceIsNotAnError() throws {
        let x = try makeBlobs(samples: 300, centers: 3, seed: 0).points
        let fit = try GaussianMixture(k: 3, seed: 0, maxIter: 1, tol: 0).fit(x)
        XCTAssertFalse(fit.converged)
        XCTAssertEqual(fit.iterations, 1)
        XCTAssertEqual(fit.lowerBounds.count, 1)
    }

    func testModelAccessors() throws {
        let x = try makeBlobs(samples: 200, centers: 2, features: 3, seed: 3).points
        for type in GaussianMixture.CovarianceType.allCases {
            let fit = try GaussianMixture(k: 2, covariance: type, seed: 0).fit(x)
            XCTAssertEqual(fit.covarianceShape.reduce(1, *), fit.covariances.count)
            XCTAssertEqual(fit.precisionsCholesky.count, fit.covariances.count)
            XCTAssertEqual(fit.probabilities.rows, 200)
            XCTAssertEqual(fit.labels, try fit.predict(x))
            for i in 0..<200 {
                let row = fit.probabilities.row(i)
                XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-12)
            }
            let cov = fit.covariance(ofComponent: 1)
            XCTAssertEqual(cov.rows, 3)
            XCTAssertEqual(cov[0, 1], cov[1, 0], accuracy: 1e-12)
            let expected = [GaussianMixture.CovarianceType.full: 19, .tied: 13, .diag: 13, .spherical: 9][type]
            XCTAssertEqual(fit.parameterCount, expected, type.rawValue)
        }
    }

    func testBadArgumentsThrow() throws {
        let x = try makeBlobs(samples: 20, centers: 2, seed: 0).points
        func expect(_ m: GaussianMixture, _ data: DataMatrix, _ error: ClusteringError, line: UInt = #line) {
            XCTAssertThrowsError(try m.fit(data), line: line) { XCTAssertEqual($0 as? ClusteringError, error, line: line) }
        }
        expect(GaussianMixture(k: 0, seed: 0), x, .tooFewClusters(0))
        expect(GaussianMixture(k: 21, seed: 0), x, .tooManyClusters(clusters: 21, samples: 20))
        expect(GaussianMixture(k: 2, seed: -1), x, .seedOutOfRange(-1))
        XCTAssertThrowsError(try GaussianMixture(k: 2, seed: 0, maxIter: 0).fit(x))
        XCTAssertThrowsError(try GaussianMixture(k: 2, seed: 0, tol: -1).fit(x))
        XCTAssertThrowsError(try GaussianMixture(k: 2, seed: 0, tol: .nan).fit(x))
        XCTAssertThrowsError(try GaussianMixture(k: 2, seed: 0, nInit: 0).fit(x))
        XCTAssertThrowsError(try GaussianMixture(k: 2, seed: 0, regCovar: -1e-6).fit(x))
        XCTAssertThrowsError(try GaussianMixture(k: 2, seed: 0, threads: 0).fit(x))
        XCTAssertThrowsError(try GaussianMixture(k: 1, seed: 0).fit(try DataMatrix([[1.0, 2.0]])))
        var bad = x
        bad[3, 1] = .nan
        expect(GaussianMixture(k: 2, seed: 0), bad, .nonFiniteValue(row: 3, column: 1))
        expect(GaussianMixture(k: 2, seed: 0), DataMatrix(rows: 0, columns: 2), .emptyData)
        let fit = try GaussianMixture(k: 2, seed: 0).fit(x)
        XCTAssertThrowsError(try fit.predict(try DataMatrix([[1.0, 2.0, 3.0]])))
        XCTAssertThrowsError(try fit.bic(bad))
        // Collapsed data with no regularisation: scikit-learn's ValueError, as a ClusteringError.
        let same = DataMatrix(rows: 10, columns: 2, repeating: 1.5)
        for type in GaussianMixture.CovarianceType.allCases {
            expect(GaussianMixture(k: 1, covariance: type, seed: 0, regCovar: 0), same, .illDefinedCovariance)
        }
        XCTAssertTrue(ClusteringError.illDefinedCovariance.description.contains("increase reg_covar"))
    }

    /// A case's data: `{"points": {rows, columns, values}}` or `{"blobs": {...}}` (makeBlobs).
    static func points(_ value: JSONValue?) throws -> DataMatrix {
        guard let data = value?.object else { throw WaveCaseError("case without data") }
        if let p = data["points"]?.object {
            return try DataMatrix(rows: p["rows"]?.int ?? -1, columns: p["columns"]?.int ?? -1, values: p["values"]?.doubles ?? [])
        }
        guard let b = data["blobs"]?.object else { throw WaveCaseError("unknown data \(data.keys)") }
        let p = WaveParameters(owner: "blobs", values: b)
        return try makeBlobs(
            samples: try p.int("samples"), centers: try p.int("centers"), features: try p.int("features"),
            std: try p.double("std"), seed: try p.int("seed")).points
    }
}

extension JSONValue {
    /// Every number of a (nested) array, in order (a scalar gives one).
    var flattenedNumbers: [Double] {
        if let d = double { return [d] }
        return (array ?? []).flatMap { $0.flattenedNumbers }
    }
}
