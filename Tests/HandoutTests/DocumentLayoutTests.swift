import Foundation
import XCTest
@testable import Handout
import Plotting

/// Page flow of handouts and slide decks, checked in the PDF itself (pdftotext, pdfimages).
final class DocumentLayoutTests: XCTestCase {
    static let lorem = "Clustering is an **unsupervised machine learning technique** that groups similar data points together. "

    static func figure(width: Double = 648, height: Double = 288) -> FigureContent {
        FigureContent(size: Size(width: width, height: height)) { r in
            var p = Path(); p.addRect(Rect(x: 10, y: 10, width: width - 20, height: height - 20))
            r.drawPath(p, fill: Color(red: 0.9, green: 0.9, blue: 1), stroke: StrokeStyle(color: .black, width: 1))
            var c = Path(); c.addCircle(center: .zero, radius: 3)
            r.drawMarkers(MarkerBatch(shape: c, positions: (0..<50).map { Point(x: 20 + Double($0) * 12, y: height / 2) }, fillColors: [.black]))
            r.drawText("Figure text", at: Point(x: width / 2, y: 30), style: TextStyle(size: 12), horizontal: .center, vertical: .baseline, rotation: 0)
        }
    }

    static func bigTable(rows: Int) -> Table {
        var cells: [[Table.Cell]] = []
        for i in 0..<rows {
            let d = Double(i)
            cells.append([Table.Cell.number(d * 0.5), Table.Cell.number(-d), Table.Cell.number(Double(i % 7)), Table.Cell.number(Double(i % 5))])
        }
        let columns = ["x1", "x2", "dist_to_center_1", "dist_to_center_2"].map { Table.Column($0) }
        var t = Table(columns: columns, rows: cells)
        t.highlight(.min, along: .row, columns: [2, 3])
        return t
    }

    func pdfText(_ pdf: [UInt8]) throws -> [String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("handout-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("d.pdf")
        try Data(pdf).write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = ["-layout", file.path, dir.appendingPathComponent("d.txt").path]
        try p.run(); p.waitUntilExit()
        let text = try String(contentsOf: dir.appendingPathComponent("d.txt"), encoding: .utf8)
        return text.components(separatedBy: "\u{0C}")  // form feed between pages
    }

    func testHandoutFlowsTextFiguresAndLongTablesAcrossPages() throws {
        var blocks: [Block] = [.heading(level: 1, text: RichText(plain: "What is clustering?"))]
        blocks += (0..<6).map { _ in .paragraph(RichText(markdown: String(repeating: Self.lorem, count: 4))) }
        blocks.append(.bullets([BulletItem(RichText(markdown: "**Customer segmentation**")), BulletItem(RichText(markdown: "**Anomaly detection**"), level: 1)]))
        blocks.append(.figure(Self.figure(), caption: RichText(plain: "A figure caption"), width: nil))
        blocks.append(.heading(level: 2, text: RichText(plain: "Distance table")))
        blocks.append(.table(Self.bigTable(rows: 150), caption: nil))
        let doc = Document(format: .a4, title: TitleBlock(title: "Clustering in AI", subtitle: "unsupervised modeling"), blocks: blocks)
        let laid = try doc.layout()
        XCTAssertGreaterThanOrEqual(laid.pageCount, 4)
        XCTAssertEqual(laid.pageSize, PageFormat.a4.size)
        let pdf = try laid.pdf()
        XCTAssertEqual(pdf, try doc.layout().pdf(), "PDF output is byte-deterministic")
        let pages = try pdfText(pdf)
        XCTAssertTrue(pages[0].contains("Clustering in AI"))
        XCTAssertTrue(pages.joined().contains("What is clustering?"))
        // The table header repeats on every page the table continues on.
        let tablePages = pages.filter { $0.contains("dist_to_center_1") }
        XCTAssertGreaterThanOrEqual(tablePages.count, 2)
        // Every row value appears exactly once (no row lost or duplicated across a break).
        let all = pages.joined(separator: "\n")
        for i in [0, 37, 74, 149] {
            let v = String(format: "%.4f", Double(i) * 0.5)
            XCTAssertTrue(all.contains(v), "row \(i) missing")
        }
        // Page numbers.
        XCTAssertTrue(pages[0].replacingOccurrences(of: " ", with: "").contains("1/\(laid.pageCount)"), pages[0])
    }

    func testSlidesAreOnePerPageSixteenByNine() throws {
        let slides: [Block] = (1...12).map { i in
            .slide(title: "Iteration \(i)", bullets: [RichText(plain: "Assign each point to its nearest centre")], figure: Self.figure(width: 300, height: 300), notes: nil)
        }
        let doc = Document(format: .slides, title: TitleBlock(title: "K-Means"), blocks: slides)
        let laid = try doc.layout()
        XCTAssertEqual(laid.pageCount, 13)
        XCTAssertEqual(laid.pageSize.width / laid.pageSize.height, 16.0 / 9.0, accuracy: 1e-9)
        let pages = try pdfText(try laid.pdf())
        for i in 1...12 { XCTAssertTrue(pages[i].contains("Iteration \(i)"), "slide \(i)") }
    }

    func testLongWordsAndHugeTablesWarnInsteadOfOverflowing() throws {
        let word = String(repeating: "Pixel_", count: 40)
        let wide = Table(columns: (0..<40).map { Table.Column("Pixel_\($0)") }, rows: [(0..<40).map { .integer($0 * 6) }])
        let doc = Document(format: .a4, blocks: [.paragraph(RichText(plain: word)), .table(wide, caption: nil)])
        let laid = try doc.layout()
        XCTAssertTrue(laid.warnings.contains { $0.contains("broken") }, "\(laid.warnings)")
        XCTAssertTrue(laid.warnings.contains { $0.contains("shrunk") }, "\(laid.warnings)")
    }
}

extension DocumentLayoutTests {
    func testDumpForManualCheck() throws {
        guard let dir = ProcessInfo.processInfo.environment["DUMP_HANDOUT"] else { return }
        var blocks: [Block] = [.heading(level: 1, text: RichText(plain: "What is clustering?"))]
        blocks += (0..<6).map { _ in .paragraph(RichText(markdown: String(repeating: Self.lorem, count: 4))) }
        blocks.append(.bullets([BulletItem(RichText(markdown: "**Customer segmentation** (e.g., *marketing* campaigns)")), BulletItem(RichText(markdown: "**Anomaly detection** with `KMeans`"), level: 1)]))
        blocks.append(.figure(Self.figure(), caption: RichText(plain: "A figure caption"), width: nil))
        blocks.append(.heading(level: 2, text: RichText(plain: "Distance table")))
        blocks.append(.table(Self.bigTable(rows: 150), caption: nil))
        let doc = Document(format: .a4, title: TitleBlock(title: "Clustering in AI", subtitle: "unsupervised modeling"), blocks: blocks)
        try Data(try doc.layout().pdf()).write(to: URL(fileURLWithPath: dir + "/handout.pdf"))
        let slides: [Block] = (1...3).map { i in
            .slide(title: "Iteration \(i)", bullets: [RichText(plain: "Assign each point to its nearest centre"), RichText(markdown: "Move each centre to the **mean** of its points")], figure: Self.figure(width: 300, height: 300), notes: nil)
        }
        try Data(try Document(format: .slides, title: TitleBlock(title: "K-Means", subtitle: "step by step"), blocks: slides).layout().pdf()).write(to: URL(fileURLWithPath: dir + "/slides.pdf"))
    }
}
