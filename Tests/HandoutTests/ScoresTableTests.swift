import Clustering
import FigureConfig
import Foundation
import XCTest
@testable import Gallery
@testable import Handout
import Plotting

/// `table: {scores: …}`: the scores of a figure config's clusterings, per k of its elbow or per
/// method, computed through the same pipeline as `clusterplot data`.
final class ScoresTableTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("scores-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try write("elbow.yaml", "data:\n  blobs: {samples: 200, centers: 3, seed: 5}\nclustering:\n  elbow: {k_min: 1, k_max: 5}\n")
        try write("methods.yaml", """
        data:
          blobs: {samples: 150, centers: 3, seed: 2}
        clustering:
          kmeans: {k: 3}
          dbscan: {eps: 0.5}
        """)
        try write("grid.yaml", """
        comparison:
          datasets:
            - {name: Moons, data: {moons: {samples: 100, noise: 0.05, seed: 3}, scale: standard}}
            - {name: Blobs, data: {blobs: {samples: 100, seed: 3}, scale: standard}}
          methods:
            - {name: K-Means, kmeans: {k: 2}}
            - {name: Ward, agglomerative: {k: 2}}
        """)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func table(_ config: String, _ extra: String = "") throws -> Table {
        let yaml = "blocks:\n  - table:\n      scores: {config: \(config)\(extra)}\n"
        let spec = try DocumentLoader.parse(yaml: yaml, file: dir.appendingPathComponent("doc.yaml").path, baseDirectory: dir.path)
        guard case let .table(t)? = spec.blocks.first, let s = t.scores else { XCTFail("no scores table"); throw CocoaError(.coderInvalidValue) }
        return try GallerySources().scoresTable(s, at: t.location)
    }

    func data(_ config: String) throws -> FigureData {
        try FigureData.compute(try FigureLoader.load(path: dir.appendingPathComponent(config).path))
    }

    func number(_ c: Table.Cell) -> Double? { if case let .number(v) = c { return v } else { return nil } }

    func testRowsOfKHoldTheElbowFitsScores() throws {
        let t = try table("elbow.yaml")
        XCTAssertEqual(t.columns.map(\.title), ["k", "inertia", "silhouette", "Calinski–Harabasz", "Davies–Bouldin"])
        XCTAssertEqual(t.rows.count, 5)
        let d = try data("elbow.yaml")
        let elbow = try XCTUnwrap(d.results["elbow"] as? ElbowResult)
        for (row, fit) in zip(t.rows, elbow.sweep.fits) {
            XCTAssertEqual(number(row[1])?.bitPattern, fit.inertia.bitPattern)
            if fit.centers.rows == 1 {
                // k = 1: scikit-learn raises for every score of one cluster, so the cells are empty.
                XCTAssertEqual(row[2], .empty); XCTAssertEqual(row[3], .empty); XCTAssertEqual(row[4], .empty)
            } else {
                XCTAssertEqual(number(row[2])?.bitPattern, try silhouetteScore(d.points, labels: fit.labels).bitPattern)
                XCTAssertEqual(number(row[3])?.bitPattern, try calinskiHarabaszScore(d.points, labels: fit.labels).bitPattern)
                XCTAssertEqual(number(row[4])?.bitPattern, try daviesBouldinScore(d.points, labels: fit.labels).bitPattern)
            }
        }
        let picked = try table("elbow.yaml", ", columns: [silhouette, distortion]")
        XCTAssertEqual(picked.columns.map(\.title), ["k", "silhouette", "distortion"])
    }

    func testRowsOfMethodsCountClustersAndNoise() throws {
        let t = try table("methods.yaml")
        XCTAssertEqual(t.columns.map(\.title), ["method", "clusters", "noise", "silhouette", "Calinski–Harabasz", "Davies–Bouldin", "adjusted Rand"])
        XCTAssertEqual(t.rows.map { $0[0] }, [.text("kmeans"), .text("dbscan")])
        let d = try data("methods.yaml")
        let labels = try XCTUnwrap(d.results["dbscan"]?.values(of: "cluster", in: FieldContext(dataset: d.dataset, iteration: nil))?.categories)
        XCTAssertEqual(t.rows[1][1], .integer(Set(labels.filter { $0 >= 0 }).count))
        XCTAssertEqual(t.rows[1][2], .integer(labels.filter { $0 < 0 }.count))
        XCTAssertEqual(t.rows[0][2], .integer(0))
        XCTAssertEqual(number(t.rows[1][6])?.bitPattern, try adjustedRandScore(labelsTrue: d.blobLabels!, labelsPred: labels).bitPattern)
        let excluded = try table("methods.yaml", ", exclude_noise: true")
        XCTAssertEqual(number(excluded.rows[1][3])?.bitPattern, try silhouetteScore(d.points, labels: labels, noise: .excluded).bitPattern)
    }

    func testComparisonGridGivesOneRowPerCell() throws {
        let t = try table("grid.yaml")
        XCTAssertEqual(t.columns.map(\.title).prefix(3), ["dataset", "method", "clusters"])
        XCTAssertEqual(t.rows.map { [$0[0], $0[1]] }, [[.text("Moons"), .text("K-Means")], [.text("Moons"), .text("Ward")],
                                                     [.text("Blobs"), .text("K-Means")], [.text("Blobs"), .text("Ward")]])
        let one = try table("grid.yaml", ", dataset: Blobs")
        XCTAssertEqual(one.columns.first?.title, "method")
        XCTAssertEqual(one.rows.count, 2)
        XCTAssertThrowsError(try table("grid.yaml", ", dataset: Blob")) { e in
            XCTAssertTrue("\(e)".contains("'Blob' is not a dataset") && "\(e)".contains("did you mean 'Blobs'?"), "\(e)")
        }
        XCTAssertThrowsError(try table("grid.yaml", ", rows: k")) { e in XCTAssertTrue("\(e)".contains("has no elbow"), "\(e)") }
    }

    func testBadScoresTablesAreLocatedErrors() throws {
        func errors(_ body: String) -> [String] {
            let yaml = "blocks:\n  - table:\n      scores: {\(body)}\n"
            do { _ = try DocumentLoader.parse(yaml: yaml, file: "doc.yaml", baseDirectory: dir.path); return [] }
            catch let e as ConfigErrors { return e.errors.map(\.description) } catch { return ["\(error)"] }
        }
        XCTAssertEqual(errors("rows: k"), ["doc.yaml:3:15: scores needs 'config' (a figure config with an elbow, clustering analyses or a comparison grid) (blocks[0].table.scores)"])
        XCTAssertEqual(errors("config: elbow.yaml, columns: [silhuette]").count, 1)
        XCTAssertTrue(errors("config: elbow.yaml, columns: [silhuette]")[0].contains("did you mean 'silhouette'?"))
        XCTAssertEqual(errors("config: methods.yaml, rows: method, columns: [inertia]").count, 1)
        XCTAssertTrue(errors("config: elbow.yaml, colums: [silhouette]")[0].contains("did you mean 'columns'?"))
    }
}
