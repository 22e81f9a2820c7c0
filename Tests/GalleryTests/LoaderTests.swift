import Clustering
import FigureConfig
import Foundation
import Plotting
import XCTest
@testable import Gallery

/// The problems of a config as the loader and the data step report them, one line each.
func loadErrors(_ yaml: String, overrides: [String] = [], file: String = "t.yaml", baseDirectory: String = ".") -> [String] {
    do {
        let spec = try FigureLoader.parse(yaml: yaml, file: file, baseDirectory: baseDirectory,
                                          overrides: overrides.map { try! Override(parsing: $0) })
        _ = try FigureData.dataset(for: spec)
        return []
    } catch let e as ConfigErrors {
        return e.errors.map(\.description)
    } catch {
        return ["\(error)"]
    }
}

final class LoaderTests: XCTestCase {
    let minimal = """
    data:
      blobs: {samples: 1000, centers: 5, features: 3, std: 0.5, seed: 7}
    clustering:
      kmeans: {k: 5, seed: 7}
    """

    func testMinimalFormIsValid() throws {
        let spec = try FigureLoader.parse(yaml: minimal, file: "min.yaml")
        guard let b = spec.data.source as? BlobsSource else { return XCTFail("not blobs") }
        XCTAssertEqual(b.samples, 1000); XCTAssertEqual(b.centers, 5); XCTAssertEqual(b.features, 3)
        XCTAssertEqual(b.std, .same(0.5)); XCTAssertEqual(b.seed, 7)
        XCTAssertEqual(spec.analysis(KMeansSpec.self)?.k, 5); XCTAssertEqual(spec.analysis(KMeansSpec.self)?.settings.seed, 7)
        XCTAssertTrue(spec.panelsAreDefault)
        XCTAssertEqual(spec.panels.count, 1)
        XCTAssertEqual(spec.output.formats, [.png])
        XCTAssertEqual(spec.figure.width, 6.4)
    }

    func testEveryFixtureConfigIsValid() throws {
        for name in ["segmentation", "anomaly", "documents", "iterations", "elbow"] {
            let spec = try FigureLoader.load(path: fixture("Fixtures/configs/\(name).yaml"))
            XCTAssertEqual(spec.name, name)
            XCTAssertEqual(spec.figure.dpi, 100)
        }
        let grid = try FigureLoader.load(path: fixture("Fixtures/configs/iterations.yaml"))
        XCTAssertEqual(grid.panels.count, 12)
        XCTAssertEqual(grid.panels.map(\.title), (1...12).map { "Iteration \($0)" })
        XCTAssertEqual(grid.panels[4].row, 1); XCTAssertEqual(grid.panels[4].column, 1)
        XCTAssertEqual(grid.figure.rows, 4); XCTAssertEqual(grid.figure.columns, 3)
        XCTAssertEqual(grid.figure.width, 12); XCTAssertEqual(grid.figure.height, 16)
        guard let b = grid.data.source as? BlobsSource else { return XCTFail() }
        XCTAssertEqual(b.samples, 150); XCTAssertEqual(b.std, .same(2.0))
        let elbow = try FigureLoader.load(path: fixture("Fixtures/configs/elbow.yaml"))
        XCTAssertEqual(elbow.analysis(ElbowSpec.self)?.ks, Array(1...9))
        let customers = try FigureLoader.load(path: fixture("Fixtures/data/customers.yaml"))
        guard let c = customers.data.source as? CSVSource else { return XCTFail() }
        XCTAssertEqual(c.columns, ["age", "annual_income", "spending_score"])
        XCTAssertNil(c.rowCount, "rows are read by the data step, not the loader")
        XCTAssertEqual(try FigureData.dataset(for: customers).points.rows, 320)
    }

    func testStarterConfigsMatchFixturesAndValidate() throws {
        for (kind, _) in StarterConfig.kinds {
            let text = try XCTUnwrap(StarterConfig.text(for: kind))
            let path = try XCTUnwrap(StarterConfig.fixturePaths[kind])
            XCTAssertEqual(text, try String(contentsOfFile: fixture(path), encoding: .utf8), "init \(kind) differs from \(path)")
            let dir = URL(fileURLWithPath: fixture(path)).deletingLastPathComponent().path
            XCTAssertNoThrow(try FigureLoader.parse(yaml: text, file: "\(kind).yaml", baseDirectory: dir), kind)
        }
        XCTAssertNil(StarterConfig.text(for: "nope"))
    }

    func testOverrides() throws {
        let o = try ["data.blobs.samples=500", "figure.dpi=200", "figure.size=[12, 8]", "output.formats=png,svg"].map { try Override(parsing: $0) }
        let spec = try FigureLoader.parse(yaml: minimal, file: "m.yaml", overrides: o)
        guard let b = spec.data.source as? BlobsSource else { return XCTFail() }
        XCTAssertEqual(b.samples, 500)
        XCTAssertEqual(spec.figure.dpi, 200)
        XCTAssertEqual(spec.figure.width, 12); XCTAssertEqual(spec.figure.height, 8)
        XCTAssertEqual(spec.output.formats, [.png, .svg])
        let grid = try FigureLoader.load(path: fixture("Fixtures/configs/iterations.yaml"),
                                         overrides: [try Override(parsing: "panels.0.title=Step {iteration}"),
                                                     try Override(parsing: "clustering.lloyd_trace.iterations=6")])
        XCTAssertEqual(grid.panels.count, 6)
        XCTAssertEqual(grid.panels[5].title, "Step 6")
    }

    func testOverrideErrorsNameTheArgument() {
        XCTAssertEqual(loadErrors(minimal, overrides: ["data.blobs.smaples=5"]),
                       ["--set data.blobs.smaples=5:1:18: unknown key 'smaples' (data.blobs.smaples); did you mean 'samples'?"])
        XCTAssertEqual(loadErrors(minimal, overrides: ["figure.dpi=-1"]),
                       ["--set figure.dpi=-1:1:18: must be positive, got -1 (figure.dpi)"])
        XCTAssertEqual(loadErrors(minimal, overrides: ["data.blobs.samples.x=1"]).first?.hasPrefix("--set data.blobs.samples.x=1:1:26: cannot set 'x'"), true)
        XCTAssertThrowsError(try Override(parsing: "novalue"))
    }

    func testErrorsAreCollectedInOneLineEach() {
        let errs = loadErrors("""
        data:
          blobs: {samples: 10, centers: 2, std: -1, sede: 3}
        figure:
          dpi: 0
        """)
        XCTAssertEqual(errs.count, 3, "\(errs)")
        XCTAssertTrue(errs.allSatisfy { !$0.contains("\n") && $0.hasPrefix("t.yaml:") })
        XCTAssertTrue(errs.contains("t.yaml:2:45: unknown key 'sede' (data.blobs.sede); did you mean 'seed'?"), "\(errs)")
    }

    func testSpelling() {
        XCTAssertEqual(Spelling.suggestion(for: "clustring", among: FigureLoader.topLevelKeys.names), "clustering")
        XCTAssertEqual(Spelling.suggestion(for: "rde", among: ColorValue.names), "red")
        XCTAssertNil(Spelling.suggestion(for: "zzzzzz", among: FigureLoader.topLevelKeys.names))
    }

    func testColorsAndPalettes() {
        XCTAssertEqual(ColorValue(parsing: "red"), .rgba(red: 1, green: 0, blue: 0, alpha: 1))
        XCTAssertEqual(ColorValue(parsing: "#f0027f")?.description, "#f0027f")
        XCTAssertEqual(ColorValue(parsing: "C3"), .cycle(3))
        XCTAssertNil(ColorValue(parsing: "blurple"))
        let accent = Palette(colormap: "Accent")!
        XCTAssertEqual((0...3).map { accent.color(for: $0, lowest: 0, highest: 3).description }, ["#7fc97f", "#fdc086", "#f0027f", "#666666"])
        let set2 = Palette(colormap: "Set2")!
        XCTAssertEqual((0...2).map { set2.color(for: $0, lowest: 0, highest: 2).description }, ["#66c2a5", "#a6d854", "#b3b3b3"])
    }

    func testCSVReader() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cp-csv-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "\u{FEFF}name,\"x, quoted\",y\r\n\"a\",1,2\r\n\r\nb, 3.5 ,-4e1\r\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let spec = try FigureLoader.parse(yaml: "data:\n  csv: {file: d.csv, columns: [\"x, quoted\", y]}\n", file: "c.yaml", baseDirectory: dir.path)
        XCTAssertEqual(try FigureData.dataset(for: spec).points.rowArrays, [[1, 2], [3.5, -40]])
        try "a,b\n1,2\n3,x\n".write(to: dir.appendingPathComponent("e.csv"), atomically: true, encoding: .utf8)
        XCTAssertEqual(loadErrors("data:\n  csv: {file: \(dir.path)/e.csv}\n"),
                       ["\(dir.path)/e.csv:3:3: 'x' is not a number (column 'b'); list the numeric columns to cluster in data.csv.columns (text columns can be drawn, coloured, split or filtered by)"])
    }

    func testConfigFilesExpandFolders() {
        let (files, errors) = ConfigFiles.expand([fixture("Fixtures/configs"), "/nonexistent.yaml"])
        let listed = try? FileManager.default.contentsOfDirectory(atPath: fixture("Fixtures/configs")).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertEqual(files.map { URL(fileURLWithPath: $0).lastPathComponent }, listed)
        XCTAssertTrue(files.map { URL(fileURLWithPath: $0).lastPathComponent }.contains("cluster-comparison.yaml"))
        XCTAssertEqual(errors.map(\.description), ["/nonexistent.yaml:1:1: no such file or folder"])
    }
}

/// The extension points seen from a config: fields by plain, dotted or analysis name; keys of one
/// layer kind on another; requirements declared once.
final class ExtensionPointTests: XCTestCase {
    let base = """
    data:
      blobs: {samples: 60, centers: 3, seed: 1}
    clustering:
      kmeans: {k: 3, seed: 1}

    """

    func testFieldNamesResolveTheSameWay() throws {
        var colours: [[Color]] = []
        for by in ["cluster", "kmeans", "kmeans.cluster"] {
            let spec = try FigureLoader.parse(yaml: base + "panels:\n  - layers: [{mark: scatter, color: {by: \(by)}}]\n", file: "f.yaml")
            let fig = try FigureBuilder.figure(for: spec, data: try FigureData.compute(spec))
            let series = fig.axes[0].series
            guard let first = series.first, case let .scatter(s) = first, case let .perPoint(c) = s.color else { return XCTFail(by) }
            colours.append(c)
        }
        XCTAssertEqual(colours[0], colours[1])
        XCTAssertEqual(colours[0], colours[2])
        XCTAssertEqual(loadErrors(base + "panels:\n  - layers: [{mark: scatter, color: {by: kmeans.clusters}}]\n"),
                       ["t.yaml:6:42: unknown field 'kmeans.clusters'; did you mean 'kmeans.cluster'? (panels[0].layers[0].color.by)"]
                        .map { $0.replacingOccurrences(of: "; did you mean 'kmeans.cluster'? (panels[0].layers[0].color.by)",
                                                       with: " (panels[0].layers[0].color.by); did you mean 'kmeans.cluster'?") })
        XCTAssertEqual(loadErrors(base + "panels:\n  - layers: [{mark: scatter, where: {outlier: true}}]\n"),
                       ["t.yaml:6:47: 'outlier' needs clustering.distance_threshold (panels[0].layers[0].where.outlier)"])
        XCTAssertEqual(loadErrors(base + "panels:\n  - layers: [{mark: scatter, where: {clustr: 1}}]\n"),
                       ["t.yaml:6:38: unknown key 'clustr' (panels[0].layers[0].where.clustr); did you mean 'cluster'?"])
    }

    func testKeysOfAnotherKindDoNotApply() {
        let other = loadErrors(base + "panels:\n  - layers: [{mark: scatter, mark_knee: true}]\n")
        XCTAssertEqual(other.count, 1)
        XCTAssertTrue(other.first?.hasPrefix("t.yaml:6:30: 'mark_knee' does not apply to a scatter layer drawn from 'points' (it applies to: line from elbow") == true, "\(other)")
        XCTAssertEqual(loadErrors(base + "panels:\n  - layers: [{mark: scatter, from: elbow}]\n"),
                       ["t.yaml:6:36: a scatter layer cannot draw 'elbow' (panels[0].layers[0].from)"])
        XCTAssertEqual(loadErrors(base + "panels:\n  - layers: [{mark: line, from: elbow}]\n"),
                       ["t.yaml:6:33: needs clustering.elbow (panels[0].layers[0].from)"])
    }

    func testRequirementsComeFromTheDeclaration() {
        XCTAssertEqual(loadErrors("data:\n  blobs: {samples: 10}\nclustering:\n  distance_threshold: {}\n"),
                       ["t.yaml:4:23: needs clustering.kmeans (distances are measured to the k-means centres) (clustering.distance_threshold)"])
    }

    func testRowChecksWaitForTheCSV() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cp-rows-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "a,b\n1,2\n3,4\n".write(to: dir.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let yaml = "data:\n  csv: {file: d.csv}\nclustering:\n  kmeans: {k: 3}\n"
        XCTAssertNoThrow(try FigureLoader.parse(yaml: yaml, file: "t.yaml", baseDirectory: dir.path))
        XCTAssertEqual(loadErrors(yaml, baseDirectory: dir.path), ["t.yaml:4:15: k = 3 is more than the 2 data points (clustering.kmeans.k)"])
    }
}

/// Problems that do not stop a figure are warnings; absurd work is refused before it starts.
final class WarningsAndBudgetTests: XCTestCase {
    func testShortColourListAndEmptyTraceClustersWarn() throws {
        let yaml = """
        data:
          blobs: {samples: 60, centers: 3, seed: 1}
        clustering:
          kmeans: {k: 3}
        panels:
          - layers: [{mark: scatter, color: {by: cluster, colors: [red, blue]}}]
        """
        let spec = try FigureLoader.parse(yaml: yaml, file: "w.yaml")
        XCTAssertEqual(spec.warnings.map(\.warningDescription),
                       ["w.yaml:6:59: warning: has 2 colours for the 3 categories of kmeans.cluster; categories 2… reuse them from the start (panels[0].layers[0].color.colors)"])
        // A trace started far from the data: the far centre gets no point in the first iteration.
        let trace = """
        data:
          blobs: {samples: 30, centers: [[0, 0]], seed: 1}
        clustering:
          lloyd_trace: {iterations: 2, initial_centers: [[0, 0], [100, 100]]}
        """
        let tspec = try FigureLoader.parse(yaml: trace, file: "t.yaml")
        let data = try FigureData.compute(tspec)
        XCTAssertEqual(data.warnings.map(\.warningDescription),
                       ["t.yaml:4:16: warning: iteration 1: cluster 2 got no points, so its centre becomes NaN (the pandas mean of no rows) and is not drawn from then on (clustering.lloyd_trace)"])
    }

    func testMarkKneeOnACurveWithoutKneeWarns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("knee-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "x,y\n1,1\n2,2\n3,3\n4,4\n".write(to: dir.appendingPathComponent("line.csv"), atomically: true, encoding: .utf8)
        try "x,y\n1,10\n2,3\n3,2\n4,1.5\n5,1.2\n".write(to: dir.appendingPathComponent("elbow.csv"), atomically: true, encoding: .utf8)
        func warnings(_ file: String) throws -> [String] {
            let yaml = "data:\n  csv: {file: \(file)}\nclustering:\n  knee: {x: x, y: y}\npanels:\n  - layers:\n      - {mark: line, from: knee, mark_knee: true}\n"
            let spec = try FigureLoader.parse(yaml: yaml, file: "k.yaml", baseDirectory: dir.path)
            return try FigureData.compute(spec).warnings.map(\.warningDescription)
        }
        XCTAssertEqual(try warnings("line.csv"),
                       ["k.yaml:7:9: warning: mark_knee: the 'knee' curve has no knee, so none is marked (panels[0].layers[0].mark_knee)"])
        XCTAssertEqual(try warnings("elbow.csv"), [])
    }

    func testWorkBudgetCountsEveryAnalysisAndCanBeRaised() throws {
        let yaml = """
        data:
          blobs: {samples: 1000000, centers: 5, seed: 1}
        clustering:
          kmeans: {k: 50, n_init: 10, max_iter: 1000}
          elbow: {k_min: 1, k_max: 50}
        """
        let errors = loadErrors(yaml)
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors.first?.contains("more than the work budget of 1e+12") == true, "\(errors)")
        XCTAssertEqual(loadErrors(yaml, overrides: ["clustering.budget=1e13"]), [])
        XCTAssertTrue(loadErrors(yaml + "\n  budget: 0\n").contains("t.yaml:6:11: must be positive, got 0 (clustering.budget)"))
    }
}

/// `clustering.kmeans.init` reaches the fit (the fits themselves are checked against scikit-learn in
/// ClusteringTests).
final class KMeansInitTests: XCTestCase {
    func testInitChoicesReachTheFit() throws {
        let base = "data:\n  blobs: {samples: 200, centers: 3, seed: 4}\nclustering:\n  kmeans: {k: 3, seed: 9"
        func fit(_ extra: String) throws -> KMeansResult {
            let spec = try FigureLoader.parse(yaml: base + extra + "}\n", file: "i.yaml")
            return try XCTUnwrap(FigureData.compute(spec).results["kmeans"] as? KMeansResult)
        }
        let points = try FigureData.compute(try FigureLoader.parse(yaml: base + "}\n", file: "p.yaml")).points
        XCTAssertEqual(try fit(", init: random"), try KMeans(k: 3, seed: 9, init: .random).fit(points))
        XCTAssertEqual(try fit(", init: random, n_init: 1"), try KMeans(k: 3, seed: 9, init: .random, nInit: 1).fit(points))
        XCTAssertEqual(try fit(", init: k-means++"), try KMeans(k: 3, seed: 9).fit(points))
        let given = try DataMatrix([[0, 0], [5, 5], [-5, 5]])
        XCTAssertEqual(try fit(", init: [[0, 0], [5, 5], [-5, 5]]"), try KMeans(k: 3, seed: 9, init: .centers(given)).fit(points))
        XCTAssertEqual(loadErrors(base + ", init: [[0, 0, 1], [5, 5, 1], [-5, 5, 1]]}\n").first,
                       "t.yaml:4:34: expected a centre with 2 coordinates, got 3 values (clustering.kmeans.init[0])")
        XCTAssertEqual(loadErrors(base + ", init: kmeans++}\n").first,
                       "t.yaml:4:33: unknown value 'kmeans++' (clustering.kmeans.init); did you mean 'k-means++'?")
    }
}
