import Clustering
import FigureConfig
import Foundation
import XCTest
@testable import Gallery

/// The analyst's flow on real tables: clustered and other columns (text too), missing values,
/// scaling, names and numbering, profiles, assignments, hulls, histograms and pair plots.
final class RealDataTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("realdata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "sepal_length,sepal_width,petal_length,petal_width,species\n5.1,3.5,1.4,0.2,setosa\n4.9,,1.4,0.2,setosa\n6.3,3.3,6.0,2.5,\"virginica, big\"\n5.8,2.7,4.1,1.0,versicolor\n\n7.0,3.2,4.7,1.4,versicolor\n"
            .write(to: dir.appendingPathComponent("small.csv"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func spec(_ yaml: String) throws -> FigureSpec {
        try FigureLoader.parse(yaml: yaml, file: dir.appendingPathComponent("c.yaml").path, baseDirectory: dir.path)
    }

    static let small = """
    data:
      csv: {file: small.csv, columns: [sepal_length, sepal_width, petal_length, petal_width], missing: drop}
    clustering:
      kmeans: {k: 2, names: {0: A, 1: B}}
    """

    func testTheIrisFixtureEndToEnd() throws {
        let spec = try FigureLoader.load(path: fixture("Fixtures/data/iris.yaml"))
        XCTAssertEqual((spec.data.source as? CSVSource)?.others, ["species"], "only the other columns the config names are read")
        let data = try FigureData.compute(spec)
        XCTAssertEqual(data.dataset.projection?.names, ["pc1", "pc2"])
        XCTAssertEqual(data.dataset.unscaled?.values.count, 600)
        let p = try XCTUnwrap(data.results["profiles"] as? ClusterProfiles)
        XCTAssertEqual(p.names, ["Medium", "Small", "Large"])
        XCTAssertEqual(p.sizes.reduce(0, +), 150)
        // pandas: df.groupby(KMeans(3, random_state=0).fit(StandardScaler().fit_transform(X)).labels_).mean()
        XCTAssertEqual(p.numbers[0].values, [5.80188679245283, 5.006, 6.780851063829787])
        XCTAssertEqual(p.numbers[3].values, [1.4132075471698113, 0.24600000000000002, 1.972340425531915])
        XCTAssertEqual(p.counts[0].levels.map(\.value), ["setosa", "versicolor", "virginica"])
        XCTAssertEqual(p.counts[0].levels.map(\.counts), [[0, 50, 0], [39, 0, 11], [14, 0, 36]])
        let png = try Gallery.render(spec)[0].bytes
        XCTAssertGreaterThan(png.count, 10_000)
    }

    func testMinMaxScalingIsScikitLearnsAndOriginalsStay() throws {
        let spec = try FigureLoader.parse(yaml: """
        data:
          csv: {file: iris.csv, columns: [sepal_length, sepal_width, petal_length, petal_width]}
          scale: minmax
        """, file: "m.yaml", baseDirectory: fixture("Fixtures/data"))
        let d = try FigureData.dataset(for: spec)
        // MinMaxScaler().fit_transform(X)[7]
        XCTAssertEqual((0..<4).map { d.points[7, $0] }, [0.19444444444444442, 0.5833333333333333, 0.0847457627118644, 0.04166666666666667])
        XCTAssertEqual(d.originalNumbers(.name("sepal_length"))?[7], 5.0)
        XCTAssertEqual(d.numbers(.name("sepal_length"))?[7], 0.19444444444444442, "drawn as clustered")
    }

    func testMissingValuesDropRowsAndAreCounted() throws {
        let data = try FigureData.compute(try spec(Self.small))
        XCTAssertEqual(data.points.rows, 4)
        XCTAssertEqual(data.dataset.records?.kept, [0, 2, 3, 4])
        XCTAssertEqual(data.warnings.map(\.message), ["1 of 5 rows left out for a missing value in a clustered column (first: \(dir.path)/small.csv:3, column 'sepal_width')"])
        let json = try J.parse(data.json(spec: try spec(Self.small)).serialized())
        XCTAssertEqual(json["missing"]?["rows"]?.int, 4)
        XCTAssertEqual(json["missing"]?["dropped"]?.array?.first?["line"]?.int, 3)
        XCTAssertEqual(json["kmeans"]?["names"], .object(["0": .string("A"), "1": .string("B")]))
    }

    func testAssignmentsKeepEveryRecordInOrder() throws {
        let s = try spec(Self.small)
        let csv = try AssignmentsCSV.text(spec: s, data: try FigureData.compute(s))
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "sepal_length,sepal_width,petal_length,petal_width,species,cluster,cluster_name,distance,dropped")
        XCTAssertEqual(lines.count, 7)
        XCTAssertTrue(lines[1].hasPrefix("5.1,3.5,1.4,0.2,setosa,0,A,"), lines[1])
        XCTAssertEqual(lines[2], "4.9,,1.4,0.2,setosa,,,,missing sepal_width")
        XCTAssertTrue(lines[3].hasPrefix("6.3,3.3,6.0,2.5,\"virginica, big\",1,B,0.0,"), lines[3])
        XCTAssertThrowsError(try AssignmentsCSV.text(spec: s, data: try FigureData.compute(s), of: "dbscan"))
    }

    func testLegendNumberingIsZeroBasedWithNamesAndPlusOne() {
        var style = LayerStyle()
        style.split = FieldRef(owner: "kmeans", name: "cluster")
        style.label = "{cluster} / {cluster+1} / {kmeans.cluster}"
        XCTAssertEqual(style.label(for: 0), "0 / 1 / 0")
        XCTAssertEqual(style.label(for: 2, named: "Large"), "Large / 3 / Large")
    }

    func testTextAndNumberColumnsAsCategories() throws {
        let s = try spec("""
        data:
          csv: {file: small.csv, columns: [sepal_length, petal_length]}
        clustering:
          kmeans: {k: 2}
        panels:
          - layers: [{mark: scatter, color: {by: species}, split: petal_width, where: {species: versicolor}}]
        """)
        let d = try FigureData.dataset(for: s)
        XCTAssertEqual(d.categories(.name("species"))?.names, ["setosa", "virginica, big", "versicolor"], "texts in first-seen order")
        XCTAssertEqual(d.categories(.name("species"))?.codes, [0, 0, 1, 2, 2])
        XCTAssertEqual(d.categories(.name("petal_width"))?.names, ["0.2", "1", "1.4", "2.5"], "numbers sorted")
    }

    func testConvexHullsOfFewPoints() {
        let h = HullLayer.convexHull
        XCTAssertEqual(h([(x: 1, y: 1)]).count, 1)
        XCTAssertEqual(h([(x: 1, y: 1), (x: 1, y: 1)]).count, 1)
        XCTAssertEqual(h([(x: 0, y: 0), (x: 2, y: 2), (x: 1, y: 1)]).map { [$0.x, $0.y] }, [[0, 0], [2, 2]], "collinear: the segment")
        let square = h([(x: 0, y: 0), (x: 1, y: 0), (x: 1, y: 1), (x: 0, y: 1), (x: 0.5, y: 0.5), (x: 0.5, y: 0)])
        XCTAssertEqual(square.map { [$0.x, $0.y] }, [[0, 0], [1, 0], [1, 1], [0, 1]])
    }

    func testHistogramBinsFollowNumpysAutoRule() throws {
        let d = try FigureData.dataset(for: try FigureLoader.parse(yaml: "data:\n  csv: {file: iris.csv, columns: [sepal_length, sepal_width, petal_length, petal_width]}\n",
                                                                  file: "h.yaml", baseDirectory: fixture("Fixtures/data")))
        // np.histogram_bin_edges(x, "auto") on the four iris columns.
        XCTAssertEqual(d.columns.map { HistogramLayer.autoBins(d.numbers(.name($0))!) }, [9, 13, 9, 9])
    }

    func testPairsLayoutIsAGridWithOneLegend() throws {
        let s = try FigureLoader.parse(yaml: """
        data:
          csv: {file: iris.csv, columns: [sepal_length, sepal_width, petal_length]}
        clustering:
          kmeans: {k: 3}
        figure:
          pairs: {columns: [sepal_length, petal_length, species_free_check], color: cluster}
        """.replacingOccurrences(of: ", species_free_check", with: ""), file: "p.yaml", baseDirectory: fixture("Fixtures/data"))
        XCTAssertEqual(s.panels.count, 4)
        XCTAssertEqual([s.figure.rows, s.figure.columns], [2, 2])
        XCTAssertTrue(s.panels[0].layers[0] is HistogramLayer)
        XCTAssertEqual(s.panels.filter { $0.legend.show == true }.map { [$0.row, $0.column] }, [[0, 1]])
        XCTAssertEqual([s.figure.width, s.figure.height], [6.5, 5])
        XCTAssertThrowsError(try FigureLoader.parse(yaml: "data:\n  csv: {file: iris.csv}\nfigure:\n  pairs: [sepal_length]\n",
                                                    file: "p.yaml", baseDirectory: fixture("Fixtures/data")))
    }
}
