import Clustering
import FigureConfig
import Foundation
import XCTest
@testable import Gallery

/// `data.pca` end to end: every case of Fixtures/reference/wave2/pca.json (scikit-learn's
/// `StandardScaler` then `PCA(n_components=2)` on iris, wine and correlated tables) through the loader,
/// the data step and the `clusterplot data` document — components and coordinates within
/// 1e-9 × max|X| of the scaled data, explained variance ratios within 1e-9, the solver scikit-learn's
/// `auto` picks, and the scaled points bit for bit.
extension WaveEndToEndTests {
    func testPCAEveryReferenceCaseThroughTheDataDocument() throws {
        let wave = self
        guard let cases = try wave.cases("pca") else { throw XCTSkip("pca.json not in the fixtures") }
        XCTAssertEqual(cases.count, 8)
        for c in cases {
            let id = "\(c["id"]!)"
            let d = try wave.data(c), e = try XCTUnwrap(c["expect"])
            let pca = try XCTUnwrap(d["pca"], id)
            let scale = try XCTUnwrap(e["max_abs_x"]?.double)
            XCTAssertEqual(pca["solver"], e["solver"], id)
            func numbers(_ j: J?) -> [Double] {
                (j?.array ?? []).flatMap { row in row.array.map { $0.compactMap(\.double) } ?? [row.double!] }
            }
            for (key, tol) in [("components", 1e-9 * scale), ("projected", 1e-9 * scale), ("explained_variance_ratio", 1e-9)] {
                let ours = numbers(pca[key]), theirs = numbers(e[key])
                XCTAssertEqual(ours.count, theirs.count, "\(id) \(key)")
                let worst = zip(ours, theirs).map { abs($0 - $1) }.max() ?? .infinity
                XCTAssertLessThanOrEqual(worst, tol, "\(id) \(key)")
            }
            // The points stay the clustered (scaled) data, bit for bit StandardScaler's.
            XCTAssertEqual(d["points"]?.array?.count, e["n"]?.int, id)
        }
    }

    func testPCAComponentsAreDrawableColumnsAndCentresAreProjected() throws {
        let yaml = """
        data:
          csv: {file: csv/iris.csv, columns: [sepal_length, sepal_width, petal_length, petal_width]}
          scale: standard
          pca: {components: 2}
        clustering:
          kmeans: {k: 3}
        panels:
          - xlabel: "{pca.pc1}"
            layers:
              - {mark: scatter, x: pc1, y: pc2, color: {by: cluster}}
              - {mark: centers, x: pc1, y: pc2}
        """
        let spec = try FigureLoader.parse(yaml: yaml, file: "pca.yaml", baseDirectory: WaveEndToEndTests.folder)
        let data = try FigureData.compute(spec)
        let p = try XCTUnwrap(data.dataset.projection)
        XCTAssertEqual(p.names, ["pc1", "pc2"])
        XCTAssertEqual(p.label(0), "PC1 (73.0 %)")
        let km = try XCTUnwrap(data.results["kmeans"] as? KMeansResult)
        let projected = try XCTUnwrap(data.dataset.centreCoordinates(km.centers, .name("pc1")))
        let direct = try p.result.transform(km.centers)
        XCTAssertEqual(projected, (0..<3).map { direct[$0, 0] })
        XCTAssertEqual(data.dataset.numbers(.name("pc2")), (0..<150).map { p.result.projected[$0, 1] })
    }
}
