import Foundation
import Plotting
import XCTest

/// The presentation layer end to end through the binary: a dark talk deck from one theme key whose
/// text is never under 18 pt, iteration slides with one set of axis limits, animations for slide
/// tools (GIF, APNG, MP4), speaker notes, and bad input refused with nothing written.
final class PresentationCLITests: XCTestCase {
    static let root = HandoutCLITests.root
    var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("present-cli-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func tool(_ path: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    struct Word { let text: String; let x: Double; let y: Double; let height: Double }

    /// `pdftotext -bbox` words, page by page.
    func words(_ pdf: URL) throws -> [[Word]] {
        let html = try tool("/usr/bin/pdftotext", ["-bbox", pdf.path, "-"])
        let re = try NSRegularExpression(pattern: #"<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>"#)
        return html.components(separatedBy: "<page ").dropFirst().map { page in
            re.matches(in: page, range: NSRange(page.startIndex..., in: page)).map { m in
                func g(_ i: Int) -> String { String(page[Range(m.range(at: i), in: page)!]) }
                return Word(text: g(4), x: Double(g(1))!, y: Double(g(2))!, height: Double(g(3))! - Double(g(2))!)
            }
        }
    }

    func deck() throws -> URL {
        let out = tmp.appendingPathComponent("dark.pdf")
        let r = try CLITests.run(["handout", Self.root.appendingPathComponent("Fixtures/handouts/clustering-slides-dark.yaml").path, "-o", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "", "no layout warnings")
        return out
    }

    func testDarkTalkDeckHasNoTextUnder18Points() throws {
        let pdf = try deck()
        let pages = try words(pdf)
        XCTAssertEqual(pages.count, 20)
        // DejaVu Sans boxes in poppler are the hhea height: (1901 + 483) / 2048 em.
        let em = (1901.0 + 483.0) / 2048
        for (i, page) in pages.enumerated() {
            // Everything but the page number (bottom right), marker glyphs (no text) and the words of
            // rotated y labels (their box height is a width: they share one column).
            let rotated = Set(page.indices.filter { j in page.indices.contains { k in k != j && abs(page[k].x - page[j].x) < 1e-3 && abs(page[k].y - page[j].y) > 1 } })
            let texts = page.indices.filter { !rotated.contains($0) }.map { page[$0] }
                .filter { !($0.y > 480 && Int($0.text) == i + 1) && $0.text.unicodeScalars.allSatisfy { $0.value != 0xFFFD } && $0.height > 1 }
            guard let smallest = texts.map({ $0.height / em }).min() else { continue }
            XCTAssertGreaterThanOrEqual(smallest, 17.95, "slide \(i + 1): \(texts.min { $0.height < $1.height }!.text)")
        }
        // The pages are the theme's black, figures included.
        let png = tmp.appendingPathComponent("p3")
        _ = try tool("/usr/bin/pdftoppm", ["-png", "-r", "20", "-f", "3", "-l", "3", "-singlefile", pdf.path, png.path])
        let img = try PNGCodec.decodeFile(atPath: png.path + ".png")
        XCTAssertEqual(img.pixel(x: 2, y: 2).r, 0)
        XCTAssertEqual(img.pixel(x: img.width / 2, y: img.height * 3 / 4).r, 0, "inside the figure")
    }

    func testIterationSlidesHaveIdenticalAxisLimits() throws {
        let pages = try words(try deck())
        // Slides 7…18: the tick labels (numbers, not those of "Cluster 1" or "Iteration 3") and where they sit.
        let ticks = pages[6...17].map { page in
            page.indices.filter { j in
                Double(page[j].text.replacingOccurrences(of: "\u{2212}", with: "-")) != nil && page[j].y > 90 && page[j].y < 480
                    && (j == 0 || !["Cluster", "Iteration", "iteration", "of"].contains(page[j - 1].text))
            }.map { "\(page[$0].text)@\(Int(page[$0].x.rounded())),\(Int(page[$0].y.rounded()))" }.sorted()
        }
        XCTAssertGreaterThan(ticks[0].count, 6)
        for (i, t) in ticks.enumerated() { XCTAssertEqual(t, ticks[0], "iteration \(i + 1)") }
    }

    func testAnimationFormatsAndBudget() throws {
        let config = Self.root.appendingPathComponent("Fixtures/configs/iterations.yaml").path
        let gif = tmp.appendingPathComponent("k.gif")
        let r = try CLITests.run(["animate", config, "-o", gif.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("GIF, 12 frames"), r.stdout)
        let bytes = [UInt8](try Data(contentsOf: gif))
        let info = GIF.frameInfo(bytes)
        XCTAssertEqual(info.frames, 12)
        XCTAssertEqual(info.delays, Array(repeating: 0.5, count: 12))
        XCTAssertEqual([info.width, info.height], [500, 500])
        XCTAssertEqual(try CLITests.run(["animate", config, "-o", gif.path]).status, 0)
        XCTAssertEqual([UInt8](try Data(contentsOf: gif)), bytes, "deterministic")
        // Any other extension, and a GIF over its pixel budget: located errors, exit 2, nothing written.
        let bmp = tmp.appendingPathComponent("k.bmp")
        let bad = try CLITests.run(["animate", config, "-o", bmp.path])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.hasPrefix("\(bmp.path):1:1: cannot write an animation as '.bmp'"), bad.stderr)
        let big = tmp.appendingPathComponent("big.gif")
        let over = try CLITests.run(["animate", config, "-o", big.path, "--dpi", "1000"])
        XCTAssertEqual(over.status, 2, over.stderr)
        XCTAssertNotNil(over.stderr.range(of: #"^[^:]+\.yaml:\d+:\d+: a GIF frame may have at most 4 megapixels"#, options: .regularExpression), over.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), ["k.gif"])
        // MP4 when ffmpeg is there; otherwise a message saying so.
        let mp4 = tmp.appendingPathComponent("k.mp4")
        let v = try CLITests.run(["animate", config, "-o", mp4.path])
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/ffmpeg") {
            XCTAssertEqual(v.status, 0, v.stderr)
            XCTAssertEqual(Array([UInt8](try Data(contentsOf: mp4))[4..<8]), Array("ftyp".utf8))
        } else {
            XCTAssertEqual(v.status, 1)
            XCTAssertTrue(v.stderr.contains("ffmpeg, which is not installed"), v.stderr)
        }
    }

    func testSpeakerNotesAsNotesPagesOrPdfpc() throws {
        let doc = Self.root.appendingPathComponent("Fixtures/handouts/clustering-slides-dark.yaml").path
        let deck = tmp.appendingPathComponent("d.pdf"), pdfpc = tmp.appendingPathComponent("d.pdfpc")
        let r = try CLITests.run(["handout", doc, "-o", deck.path, "--notes", pdfpc.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: pdfpc)) as! [String: Any]
        let pages = json["pages"] as! [[String: Any]]
        XCTAssertEqual(pages.count, 13)
        XCTAssertEqual(pages[0]["idx"] as? Int, 1)
        XCTAssertTrue((pages[0]["note"] as! String).hasPrefix("Start with the shop-floor example"))
        let notes = tmp.appendingPathComponent("n.pdf")
        XCTAssertEqual(try CLITests.run(["handout", doc, "-o", deck.path, "--notes", notes.path]).status, 0)
        let text = try tool("/usr/bin/pdftotext", [notes.path, "-"]).components(separatedBy: "\u{0C}")
        XCTAssertTrue(text[1].contains("Ask the room for one more use"), text[1])
        XCTAssertTrue(text[1].contains("What is clustering?"), "the slide itself is on its notes page")
        let bad = try CLITests.run(["handout", doc, "-o", tmp.appendingPathComponent("e.pdf").path, "--notes", tmp.appendingPathComponent("n.txt").path])
        XCTAssertEqual(bad.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("e.pdf").path))
    }

    func testGIFPlaysInHeadlessChromium() throws {
        // `make test` installs chromium; only a bare `swift test` elsewhere may skip.
        let installed = FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
        if ProcessInfo.processInfo.environment["CI"] != nil { XCTAssertTrue(installed, "chromium missing in CI (make test-deps)") }
        guard installed else { throw XCTSkip("chromium is not installed") }
        let script = Self.root.appendingPathComponent("scripts/gif-plays-in-browser.sh").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [script, CLITests.binary.path, tmp.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("the GIF plays"), text)
    }
}
