import FigureConfig
import Foundation
import XCTest
@testable import Handout
import Plotting

/// Document configs: validation errors with FILE:LINE:COLUMN, and building documents from specs.
final class DocumentConfigTests: XCTestCase {
    struct FakeSources: HandoutSources {
        func figure(_ request: FigureRequest) throws -> FigureContent {
            FigureContent(size: Size(width: 400, height: 200)) { r in
                r.drawText(URL(fileURLWithPath: request.config).lastPathComponent, at: Point(x: 10, y: 20), style: TextStyle(size: 10),
                           horizontal: .left, vertical: .baseline, rotation: 0)
            }
        }
        func iterationFigures(_ request: FigureRequest) throws -> [FigureContent] {
            try (0..<12).map { _ in try figure(request) }
        }
        func distanceTable(config path: String, iteration: Int, at location: SourceLocation) throws -> Table {
            var t = Table(columns: [Table.Column("x1"), Table.Column("dist_to_center_1"), Table.Column("dist_to_center_2")],
                          rows: [[.number(1), .number(2), .number(0.5)], [.number(3), .number(0.1), .number(4)]])
            t.highlightColumns = [1, 2]
            return t
        }
        func scoresTable(_ spec: ScoresTableSpec, at location: SourceLocation) throws -> Table {
            Table(columns: [Table.Column("k"), Table.Column("silhouette")], rows: [[.integer(2), .number(0.5)]])
        }
    }

    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("docconfig-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "figure: {size: [4, 3]}\n".write(to: dir.appendingPathComponent("fig.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func errors(_ yaml: String) -> [String] {
        let file = dir.appendingPathComponent("doc.yaml").path
        do {
            _ = try DocumentLoader.parse(yaml: yaml, file: file, baseDirectory: dir.path)
            return []
        } catch {
            return error.errors.map { String($0.description.dropFirst(file.count)) }
        }
    }

    func testMalformedDocumentsGetLocatedOneLineErrors() {
        let cases: [(String, String)] = [
            ("blocks: [", ":1:"),
            ("documnt: {format: a4}\nblocks: [paragraph: hi]", ":1:1: unknown key 'documnt' (documnt); did you mean 'document'?"),
            ("document: {format: a5}\nblocks: [paragraph: hi]", ":1:20: unknown value 'a5' (document.format); did you mean 'a4'?"),
            ("document: {margin: -3}\nblocks: [paragraph: hi]", ":1:20: must not be negative, got -3 (document.margin)"),
            ("blocks:\n  - figure: {config: missing.yaml}", ":2:22: figure config not found: missing.yaml (blocks[0].figure.config)"),
            ("blocks:\n  - paragraf: hello", ":2:5: unknown key 'paragraf' (blocks[0].paragraf); did you mean 'paragraph'?"),
            ("blocks:\n  - table: {columns: [a, b], rows: [[1, 2, 3]]}", ":2:37: row has 3 cells but the table has 2 columns (blocks[0].table.rows[0])"),
            ("blocks:\n  - table: {columns: [a]}", ":2:12: a table needs exactly one of"),
            ("blocks:\n  - heading: {text: Hi, level: 9}", ":2:32: must be between 1 and 3, got 9 (blocks[0].heading.level)"),
            ("blocks: []", ":1:9: 'blocks' is empty"),
            ("document: {format: slides}", ":1:1: a document needs 'blocks'"),
            ("blocks:\n  - table:\n      random_integers: {seed: -1, columns: [{name: A, low: 5, high: 1}]}", ":3:31: must be between 0 and 4294967295, got -1 (blocks[0].table.random_integers.seed)"),
        ]
        for (yaml, expected) in cases {
            let e = errors(yaml)
            XCTAssertFalse(e.isEmpty, "no error for: \(yaml)")
            XCTAssertTrue(e.contains { $0.hasPrefix(expected) || $0.contains(expected) }, "\(yaml)\n→ \(e)\nexpected \(expected)")
            for line in e { XCTAssertFalse(line.contains("\n"), "one line each") }
        }
    }

    func testBuildsBlocksTablesAndIterationSlides() throws {
        let yaml = """
        document: {format: slides, title: Deck}
        blocks:
          - markdown: |
              ## Section
              Some **text**.
          - table:
              random_integers: {seed: 0, rows: 5, columns: [{name: Age, low: 18, high: 65}]}
              empty_columns: [Cluster_Label]
          - table:
              distances: {config: fig.yaml, iteration: 12}
              highlight: {extremum: min, along: row}
          - iteration_slides: {config: fig.yaml, title: "Iteration {iteration} of {count}"}
        """
        let spec = try DocumentLoader.parse(yaml: yaml, file: "doc.yaml", baseDirectory: dir.path)
        let doc = try DocumentBuilder.build(spec, sources: FakeSources())
        XCTAssertEqual(doc.format, .slides)
        XCTAssertEqual(doc.title?.title, "Deck")
        var tables: [Table] = []
        var slides: [String] = []
        for b in doc.blocks {
            if case .table(let t, _) = b { tables.append(t) }
            if case .slide(let slide) = b { slides.append(slide.title) }
        }
        // np.random.seed(0); np.random.randint(18, 65, size=5) → [62, 65-18=...]: numpy gives 62, 18, 21, 39, 54... checked below by value range and determinism.
        XCTAssertEqual(tables[0].columns.map(\.title), ["Age", "Cluster_Label"])
        XCTAssertEqual(tables[0].rows.count, 5)
        for row in tables[0].rows {
            guard case .integer(let v) = row[0] else { return XCTFail("integer cells") }
            XCTAssertTrue((18..<65).contains(v))
            XCTAssertEqual(row[1], .empty)
        }
        XCTAssertEqual(Set(tables[1].highlights.keys), [Table.CellIndex(row: 0, column: 2), Table.CellIndex(row: 1, column: 1)],
                       "row minimum among the distance columns only")
        XCTAssertEqual(slides.count, 12)
        XCTAssertEqual(slides.first, "Iteration 1 of 12")
        XCTAssertEqual(slides.last, "Iteration 12 of 12")
    }
}
