import Foundation
import XCTest
@testable import Plotting

/// Tables, rich text layout, placed (embedded) rendering and APNG: the elements handouts are built from.
final class DocumentElementsTests: XCTestCase {
    /// Runs `body` with a real Cairo renderer (fonts measured by FreeType).
    func withMeasuringRenderer(_ body: (Renderer) -> Void) throws {
        _ = try Canvas.render(format: .svg, size: Size(width: 100, height: 100)) { body($0) }
    }

    func testMarkdownInlineSubset() {
        let t = RichText(markdown: "Clustering is an **unsupervised** technique, see *K-Means* and `fit()`.")
        XCTAssertEqual(t.runs, [
            TextRun("Clustering is an "), TextRun("unsupervised", emphasis: .bold), TextRun(" technique, see "),
            TextRun("K-Means", emphasis: .italic), TextRun(" and "), TextRun("fit()", emphasis: .code), TextRun("."),
        ])
        // Unclosed markers and snake_case stay literal; escapes work.
        XCTAssertEqual(RichText(markdown: "a ** b").plainText, "a ** b")
        XCTAssertEqual(RichText(markdown: "Cluster_Label is empty").plainText, "Cluster_Label is empty")
        XCTAssertEqual(RichText(markdown: "\\*not italic\\*").runs, [TextRun("*not italic*")])
        XCTAssertEqual(RichText(markdown: "***both***").runs, [TextRun("both", emphasis: .boldItalic)])
    }

    func testParagraphWrapsWithinWidthAndBreaksLongWords() throws {
        try withMeasuringRenderer { r in
            let style = TextStyle(size: 10)
            let text = RichText(markdown: "Data points that are **far from the cluster center** are flagged as anomalies, great for fraud detection.")
            let layout = TextBlockLayout(text, width: 150, base: style, measure: r)
            XCTAssertGreaterThan(layout.lines.count, 2)
            for line in layout.lines { XCTAssertLessThanOrEqual(line.width, 150 + 1e-9) }
            // Words survive in order.
            let rejoined = layout.lines.map { $0.fragments.map(\.text).joined() }.joined(separator: " ")
            XCTAssertEqual(rejoined.split(separator: " "), text.plainText.split(separator: " "))
            XCTAssertTrue(layout.lines.flatMap(\.fragments).contains { $0.style.weight == .bold && $0.text.contains("far") })
            XCTAssertEqual(layout.brokenWords, [])
            let long = TextBlockLayout(RichText(plain: "Supercalifragilisticexpialidocious-and-even-longer"), width: 60, base: style, measure: r)
            XCTAssertEqual(long.brokenWords.count, 1)
            XCTAssertGreaterThan(long.lines.count, 1)
            for line in long.lines { XCTAssertLessThanOrEqual(line.width, 60 + 1e-9) }
        }
    }

    func testTableAlignmentFormattingAndRowMinimumHighlight() throws {
        var table = Table(columns: [Table.Column("x1"), Table.Column("d1"), Table.Column("d2"), Table.Column("Cluster_Label")],
                          rows: [[.number(1.5), .number(3.25), .number(0.5), .empty],
                                 [.number(-2), .number(0.75), .number(4), .empty]])
        XCTAssertEqual(table.formatted(.number(-2), column: 0), "\u{2212}2.0000")
        XCTAssertEqual(table.formatted(.integer(42), column: 0), "42")
        XCTAssertEqual(table.formatted(.number(-0.0), column: 0), "0.0000")
        XCTAssertEqual(table.formatted(.number(-0.00001), column: 0), "0.0000")
        XCTAssertEqual(table.alignment(of: 1), .right)
        XCTAssertEqual(table.alignment(of: 3), .left)
        table.highlight(.min, along: .row, columns: [1, 2])
        XCTAssertEqual(Set(table.highlights.keys), [Table.CellIndex(row: 0, column: 2), Table.CellIndex(row: 1, column: 1)])
        table.highlights = [:]
        table.highlight(.max, along: .column, columns: [0])
        XCTAssertEqual(Set(table.highlights.keys), [Table.CellIndex(row: 0, column: 0)])
    }

    func testTableFitsWidthWrapsTextAndPaginatesBetweenRows() throws {
        let reviews = ["Great product, loved the quality!", "Terrible support. Never buying again.",
                       "Okay-ish experience. Could be better.", "Fast delivery and nice packaging.", "Didn't meet my expectations."]
        let table = Table(columns: [Table.Column("Review_Text"), Table.Column("Cluster_Label")],
                          rows: reviews.map { [.text($0), .empty] })
        try withMeasuringRenderer { r in
            let wide = table.layout(maxWidth: 500, measure: r)
            XCTAssertLessThanOrEqual(wide.width, 500)
            let narrow = table.layout(maxWidth: 120, measure: r)
            XCTAssertLessThanOrEqual(narrow.width, 120 + 1e-6)
            XCTAssertGreaterThan(narrow.rowHeights[0], wide.rowHeights[0], "narrow columns wrap onto more lines")
            // Pagination: rows fit whole, the header counts on every page.
            let first = narrow.rowsFitting(height: narrow.headerHeight + narrow.rowHeights[0] + narrow.rowHeights[1] + 0.5, from: 0)
            XCTAssertEqual(first, 2)
            XCTAssertEqual(narrow.rowsFitting(height: 1, from: 0), 1, "always progress by one row")
        }
        let png = try PNGCodec.decode(try table.render(format: .png))
        XCTAssertGreaterThan(png.width, 100)
        XCTAssertGreaterThan(png.height, 50)
    }

    func testPlacedRendererScalesAndOffsetsEverything() throws {
        // A figure drawn through PlacedRenderer at half scale matches a direct half-size drawing.
        let size = Size(width: 200, height: 100)
        func drawing(_ r: Renderer, scale: Double) {
            var p = Path(); p.addRect(Rect(x: 10 * scale, y: 10 * scale, width: 100 * scale, height: 50 * scale))
            r.drawPath(p, fill: .black, stroke: nil)
        }
        let direct = try PNGCodec.decode(try Canvas.render(format: .png, size: size, dpi: 72) { r in
            var p = Path(); p.addRect(Rect(x: 50 + 5, y: 20 + 5, width: 50, height: 25))
            r.drawPath(p, fill: .black, stroke: nil)
        })
        let placed = try PNGCodec.decode(try Canvas.render(format: .png, size: size, dpi: 72) { r in
            drawing(PlacedRenderer(base: r, origin: Point(x: 50, y: 20), scale: 0.5, size: Size(width: 200, height: 100)), scale: 1)
        })
        XCTAssertEqual(direct.pixels, placed.pixels)
    }

    func testAPNGHasFramesAndDelays() throws {
        let frames = (0..<12).map { i in RGBAImage(width: 8, height: 6, fill: (UInt8(i * 20), 0, 0, 255)) }
        let apng = try APNG.encode(frames: frames, delay: 0.5)
        let info = try APNG.frameInfo(apng)
        XCTAssertEqual(info.frames, 12)
        XCTAssertEqual(info.delays, Array(repeating: 0.5, count: 12))
        // A plain PNG decoder sees the first frame.
        let first = try PNGCodec.decode(apng)
        XCTAssertEqual(first.pixels, frames[0].pixels)
        XCTAssertThrowsError(try APNG.encode(frames: [], delay: 0.5))
        XCTAssertThrowsError(try APNG.encode(frames: frames, delay: -1))
        XCTAssertThrowsError(try APNG.encode(frames: [frames[0], RGBAImage(width: 2, height: 2, fill: (0, 0, 0, 255))], delay: 1))
    }
}

extension DocumentElementsTests {
    func testDumpAPNGForManualCheck() throws {
        guard let path = ProcessInfo.processInfo.environment["DUMP_APNG"] else { return }
        let frames = (0..<12).map { i in RGBAImage(width: 8, height: 6, fill: (UInt8(i * 20), 0, 0, 255)) }
        try Data(try APNG.encode(frames: frames, delay: 0.5)).write(to: URL(fileURLWithPath: path))
    }
}
