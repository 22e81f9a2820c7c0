import FigureConfig
import Foundation
import XCTest
@testable import Handout
import Plotting

/// The slide schema (columns, nested bullets, pictures, notes, figure options), themes on pages
/// and figures, 4:3 pages, table captions kept with their table, and a handout page golden with
/// italics.
final class SlideDocumentTests: XCTestCase {
    var dir: URL!
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("slides-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let red = RGBAImage(width: 20, height: 10, fill: (255, 0, 0, 255))
        try Data(try PNGCodec.encode(red)).write(to: dir.appendingPathComponent("logo.png"))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    var elbow: String { Self.root.appendingPathComponent("Fixtures/configs/elbow.yaml").path }

    func testSlideSchemaDecodes() throws {
        let yaml = """
        document: {format: slides-4x3, theme: {style: darkgrid, context: poster, background: "#101010", heading_color: orange}}
        blocks:
          - slide:
              title: Two columns
              notes: Say *this*.
              columns:
                - bullets: [Top, [Nested, [Deeper]], Next]
                - figure: {config: \(elbow), place: below, fill: false, min_font_size: 24, caption: Elbow, set: {panels.0.title: Hi}}
          - slide: {title: Logo, bullets: [A], image: {file: logo.png, width: 120, caption: Ours}}
          - image: {file: logo.png}
          - iteration_slides: {config: \(Self.root.appendingPathComponent("Fixtures/configs/iterations.yaml").path), set: {figure.share_limits: none}, min_font_size: 0, notes: N}
        """
        let spec = try DocumentLoader.parse(yaml: yaml, file: "d.yaml", baseDirectory: dir.path)
        XCTAssertEqual(spec.format, .slides4x3)
        XCTAssertEqual(spec.theme?.style, "darkgrid")
        XCTAssertEqual(spec.theme?.context, .poster)
        XCTAssertEqual(spec.theme?.background?.hexString, "#101010")
        guard case .slide(let s) = spec.blocks[0] else { return XCTFail("slide") }
        XCTAssertEqual(s.notes, "Say *this*.")
        XCTAssertEqual(s.columns.count, 2)
        XCTAssertEqual(s.columns[0].bullets.map(\.level), [0, 1, 2, 0])
        let f = try XCTUnwrap(s.columns[1].figure)
        XCTAssertEqual(f.place, .below)
        XCTAssertEqual(f.fill, false)
        XCTAssertEqual(f.minFontSize, 24)
        XCTAssertEqual(f.overrides.map { $0.path }, [["panels", "0", "title"]])
        guard case .slide(let logo) = spec.blocks[1], let img = logo.main.image else { return XCTFail("image slide") }
        XCTAssertEqual(img.width, 120)
        guard case .iterationSlides(let it) = spec.blocks[3] else { return XCTFail("iterations") }
        XCTAssertEqual(it.figure.minFontSize, 0)
        XCTAssertEqual(it.notes, "N")
        // Built and laid out through the real pipeline.
        let doc = try DocumentBuilder.build(spec, sources: GallerySources())
        XCTAssertEqual(doc.theme.background.hexString, "#101010")
        XCTAssertEqual(doc.theme.heading.hexString, "#ffa500")
        let laid = try doc.layout()
        XCTAssertEqual(laid.pageSize.width, 720)
        XCTAssertEqual(laid.pageCount, 3 + 12)
        XCTAssertEqual(laid.notes.keys.sorted(), [0] + Array(3..<15))
        // The picture is drawn (red) where the second slide puts it.
        let page = try PNGCodec.decode(try laid.png(page: 1, dpi: 36))
        var reds = 0
        for y in 0..<page.height { for x in 0..<page.width { let p = page.pixel(x: x, y: y); if p.r > 200 && p.g < 60 { reds += 1 } } }
        XCTAssertGreaterThan(reds, 100)
    }

    func testThemeReachesFiguresUnlessTheyKeepTheirBackground() throws {
        let yaml = """
        document: {format: slides, theme: dark}
        blocks:
          - slide: {title: A, figure: {config: \(elbow)}}
          - slide: {title: B, figure: {config: \(elbow), keep_background: true}}
        """
        let doc = try DocumentBuilder.build(try DocumentLoader.parse(yaml: yaml, file: "d.yaml", baseDirectory: dir.path), sources: GallerySources())
        XCTAssertEqual(doc.theme.background, .black)
        XCTAssertEqual(doc.theme.text, .white)
        let laid = try doc.layout()
        func centre(_ i: Int) throws -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
            let p = try PNGCodec.decode(try laid.png(page: i, dpi: 36))
            // Right of the axes' data area, inside the figure: the figure background.
            return p.pixel(x: p.width - 30, y: p.height / 2)
        }
        XCTAssertEqual(try centre(0).r, 0, "themed figure: black")
        XCTAssertEqual(try centre(1).r, 255, "kept its white background")
        // On slides the figure text is talk-sized and at least 18 pt.
        var request = FigureRequest(config: elbow, location: SourceLocation(file: "d.yaml", line: 1, column: 1))
        request.onSlide = true
        let content = try GallerySources().figure(request)
        XCTAssertEqual(content.smallestText, 16.5, "talk context: 11 × 1.5")
        let resized = try XCTUnwrap(content.resized)(Size(width: 500, height: 380), 18)
        XCTAssertEqual(resized.size.width, 500)
        XCTAssertEqual(resized.smallestText, 18, accuracy: 1e-9)
    }

    func testTableCaptionStaysWithItsTable() throws {
        let rows = (0..<56).map { i in [Table.Cell.integer(i), Table.Cell.text("row \(i)")] }
        let table = Table(columns: [Table.Column("n"), Table.Column("label")], rows: rows)
        let doc = Document(format: .a4, blocks: [.paragraph(RichText(plain: "Intro")), .table(table, caption: RichText(plain: "The caption of the long table")),
                                                 .table(Table(columns: [Table.Column("other")], rows: [[.text("x")]]), caption: nil)])
        let laid = try doc.layout()
        let pdf = dir.appendingPathComponent("t.pdf")
        try Data(try laid.pdf()).write(to: pdf)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = ["-layout", pdf.path, dir.appendingPathComponent("t.txt").path]
        try p.run(); p.waitUntilExit()
        let pages = try String(contentsOf: dir.appendingPathComponent("t.txt"), encoding: .utf8).components(separatedBy: "\u{0C}")
        let captionPage = try XCTUnwrap(pages.firstIndex { $0.contains("The caption of the long table") })
        XCTAssertTrue(pages[captionPage].contains("row 55"), "the caption is on the page of the table's last row")
        XCTAssertTrue(pages[captionPage].components(separatedBy: "\n").contains { $0.contains("row ") }, "with rows above it")
    }

    func testItalicHandoutPageMatchesItsGolden() throws {
        let doc = Document(format: .a4, title: TitleBlock(title: "Italics", subtitle: "with *italic* text"), blocks: [
            .paragraph(RichText(markdown: "An *Introduction to Statistical Learning*, a **bold** word and ***both***.")),
            .bullets([BulletItem(RichText(markdown: "*cluster* centres")), BulletItem(RichText(markdown: "nested *italic*"), level: 1)]),
        ])
        let png = try doc.layout().png(page: 0, dpi: 144)
        let golden = Self.root.appendingPathComponent("Fixtures/golden/handouts/italic-page.png")
        if ProcessInfo.processInfo.environment["CLUSTERPLOT_UPDATE_GOLDENS"] != nil { try Data(png).write(to: golden) }
        let expected = try PNGCodec.decodeFile(atPath: golden.path)
        XCTAssertEqual(try PNGCodec.decode(png).pixels, expected.pixels,
                       "Fixtures/golden/handouts/italic-page.png changed; regenerate with CLUSTERPLOT_UPDATE_GOLDENS=1 and look at it")
    }
}
