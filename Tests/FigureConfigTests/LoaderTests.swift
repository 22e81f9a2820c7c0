import Foundation
import XCTest
@testable import FigureConfig

/// The package root, found from this file's path (tests never read outside the package).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func fixture(_ path: String) -> String { packageRoot.appendingPathComponent(path).path }

func loadErrors(_ yaml: String, overrides: [String] = [], file: String = "t.yaml") -> [String] {
    do {
        _ = try ConfigLoader.parse(yaml: yaml, file: file, overrides: overrides.map { try! Override(parsing: $0) })
        return []
    } catch {
        return error.errors.map(\.description)
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
        let spec = try ConfigLoader.parse(yaml: minimal, file: "min.yaml")
        guard case let .blobs(b) = spec.data else { return XCTFail("not blobs") }
        XCTAssertEqual(b.samples, 1000); XCTAssertEqual(b.centers, 5); XCTAssertEqual(b.features, 3)
        XCTAssertEqual(b.std, 0.5); XCTAssertEqual(b.seed, 7)
        XCTAssertEqual(spec.clustering.kmeans?.k, 5); XCTAssertEqual(spec.clustering.kmeans?.seed, 7)
        XCTAssertTrue(spec.panelsAreDefault)
        XCTAssertEqual(spec.panels.count, 1)
        XCTAssertEqual(spec.output.formats, ["png"])
        XCTAssertEqual(spec.figure.width, 6.4)
    }

    func testEveryFixtureConfigIsValid() throws {
        for name in ["segmentation", "anomaly", "documents", "iterations", "elbow"] {
            let spec = try ConfigLoader.load(path: fixture("Fixtures/configs/\(name).yaml"))
            XCTAssertEqual(spec.name, name)
            XCTAssertEqual(spec.figure.dpi, 100)
        }
        let grid = try ConfigLoader.load(path: fixture("Fixtures/configs/iterations.yaml"))
        XCTAssertEqual(grid.panels.count, 12)
        XCTAssertEqual(grid.panels.map(\.title), (1...12).map { "Iteration \($0)" })
        XCTAssertEqual(grid.panels[4].row, 1); XCTAssertEqual(grid.panels[4].column, 1)
        XCTAssertEqual(grid.figure.rows, 4); XCTAssertEqual(grid.figure.columns, 3)
        XCTAssertEqual(grid.figure.width, 12); XCTAssertEqual(grid.figure.height, 16)
        guard case let .blobs(b) = grid.data else { return XCTFail() }
        XCTAssertEqual(b.samples, 150); XCTAssertEqual(b.std, 2.0)
        let elbow = try ConfigLoader.load(path: fixture("Fixtures/configs/elbow.yaml"))
        XCTAssertEqual(elbow.clustering.elbow?.ks, Array(1...9))
        let customers = try ConfigLoader.load(path: fixture("Fixtures/data/customers.yaml"))
        guard case let .csv(c) = customers.data else { return XCTFail() }
        XCTAssertEqual(c.table?.columns, ["age", "annual_income", "spending_score"])
        XCTAssertEqual(c.table?.rows.count, 320)
    }

    func testStarterConfigsMatchFixturesAndValidate() throws {
        for (kind, _) in StarterConfig.kinds {
            let text = try XCTUnwrap(StarterConfig.text(for: kind))
            let path = try XCTUnwrap(StarterConfig.fixturePaths[kind])
            XCTAssertEqual(text, try String(contentsOfFile: fixture(path), encoding: .utf8), "init \(kind) differs from \(path)")
            let dir = URL(fileURLWithPath: fixture(path)).deletingLastPathComponent().path
            XCTAssertNoThrow(try ConfigLoader.parse(yaml: text, file: "\(kind).yaml", baseDirectory: dir), kind)
        }
        XCTAssertNil(StarterConfig.text(for: "nope"))
    }

    func testOverrides() throws {
        let o = try ["data.blobs.samples=500", "figure.dpi=200", "figure.size=[12, 8]", "output.formats=png,svg"].map { try Override(parsing: $0) }
        let spec = try ConfigLoader.parse(yaml: minimal, file: "m.yaml", overrides: o)
        guard case let .blobs(b) = spec.data else { return XCTFail() }
        XCTAssertEqual(b.samples, 500)
        XCTAssertEqual(spec.figure.dpi, 200)
        XCTAssertEqual(spec.figure.width, 12); XCTAssertEqual(spec.figure.height, 8)
        XCTAssertEqual(spec.output.formats, ["png", "svg"])
        let grid = try ConfigLoader.load(path: fixture("Fixtures/configs/iterations.yaml"),
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
        XCTAssertEqual(Spelling.suggestion(for: "clustring", among: ConfigLoader.topLevelKeys), "clustering")
        XCTAssertEqual(Spelling.suggestion(for: "rde", among: ColorValue.names), "red")
        XCTAssertNil(Spelling.suggestion(for: "zzzzzz", among: ConfigLoader.topLevelKeys))
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
        let spec = try ConfigLoader.parse(yaml: "data:\n  csv: {file: d.csv, columns: [\"x, quoted\", y]}\n", file: "c.yaml", baseDirectory: dir.path)
        guard case let .csv(c) = spec.data else { return XCTFail() }
        XCTAssertEqual(c.table?.rows, [[1, 2], [3.5, -40]])
        try "a,b\n1,2\n3,x\n".write(to: dir.appendingPathComponent("e.csv"), atomically: true, encoding: .utf8)
        XCTAssertEqual(loadErrors("data:\n  csv: {file: \(dir.path)/e.csv}\n"), ["\(dir.path)/e.csv:3:3: 'x' is not a number (column 'b')"])
    }

    func testConfigFilesExpandFolders() {
        let (files, errors) = ConfigFiles.expand([fixture("Fixtures/configs"), "/nonexistent.yaml"])
        XCTAssertEqual(files.map { URL(fileURLWithPath: $0).lastPathComponent },
                       ["anomaly.yaml", "documents.yaml", "elbow.yaml", "iterations.yaml", "segmentation.yaml"])
        XCTAssertEqual(errors.map(\.description), ["/nonexistent.yaml:1:1: no such file or folder"])
    }
}
