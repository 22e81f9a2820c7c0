import Foundation
import XCTest

/// `compare` and `check` on inputs they must refuse (Tests/CLITests/Corpus), through the real binary.
final class HardeningVisualDiffCLITests: XCTestCase {
    static let root = HardeningCLITests.root
    static let corpus = root.appendingPathComponent("Tests/CLITests/Corpus")
    static let goldenPDF = root.appendingPathComponent("Fixtures/golden/elbow.pdf").path
    var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("cp-hvd-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    static let unreadablePDFs = ["truncated.pdf": "not a readable PDF", "garbage.pdf": "not a readable PDF",
                                 "zero-pages.pdf": "not a readable PDF", "not-a-pdf.pdf": "not a PDF file"]

    /// Each unreadable PDF, on either side of `compare`: exit 2, one line naming it.
    func testUnreadablePDFsInCompare() throws {
        try XCTSkipIf(PDFTools.missing, "poppler-utils not installed")
        for (name, text) in Self.unreadablePDFs.sorted(by: { $0.key < $1.key }) {
            let bad = Self.corpus.appendingPathComponent("pdf/\(name)").path
            for args in [[Self.goldenPDF, bad], [bad, Self.goldenPDF]] {
                let r = try CLITests.run(["compare"] + args)
                XCTAssertEqual(r.status, 2, "\(name): \(r.stdout) \(r.stderr)")
                XCTAssertTrue(r.stderr.contains("\(bad): \(text)"), "\(name): \(r.stderr)")
                XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            }
        }
    }

    /// A copy of one seed config with its goldens, the PDF golden replaced by `pdf`.
    func goldenSuite(pdf: String? = nil, manifest: String? = nil) throws -> (configs: String, golden: String) {
        let configs = tmp.appendingPathComponent("configs"), golden = tmp.appendingPathComponent("golden")
        for d in [configs, golden] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
        let fm = FileManager.default
        try? fm.removeItem(at: golden.appendingPathComponent("elbow.pdf"))
        try? fm.removeItem(at: golden.appendingPathComponent("manifest.json"))
        if !fm.fileExists(atPath: configs.appendingPathComponent("elbow.yaml").path) {
            try fm.copyItem(at: Self.root.appendingPathComponent("Fixtures/configs/elbow.yaml"), to: configs.appendingPathComponent("elbow.yaml"))
            try fm.copyItem(at: Self.root.appendingPathComponent("Fixtures/golden/elbow.png"), to: golden.appendingPathComponent("elbow.png"))
        }
        try fm.copyItem(atPath: pdf ?? Self.goldenPDF, toPath: golden.appendingPathComponent("elbow.pdf").path)
        if let manifest { try fm.copyItem(atPath: manifest, toPath: golden.appendingPathComponent("manifest.json").path) }
        return (configs.path, golden.path)
    }

    /// An unreadable golden PDF is an error of that golden (exit 2), not a regression (exit 1).
    func testUnreadableGoldenPDFsInCheck() throws {
        try XCTSkipIf(PDFTools.missing, "poppler-utils not installed")
        for name in Self.unreadablePDFs.keys.sorted() where name != "not-a-pdf.pdf" {
            let s = try goldenSuite(pdf: Self.corpus.appendingPathComponent("pdf/\(name)").path)
            let r = try GoldenCLITests.run(["check", "--configs", s.configs, "--golden", s.golden])
            XCTAssertEqual(r.status, 2, "\(name): \(r.stdout)")
            XCTAssertTrue(r.stdout.contains("ERROR elbow.pdf: \(s.golden)/elbow.pdf: not a readable PDF"), "\(name): \(r.stdout)")
            XCTAssertTrue(r.stdout.contains("PASS elbow.png"), r.stdout)
        }
    }

    /// Page counts are compared before anything is rasterised: 3,000 pages against 1 fails at
    /// once; two 1,500-page PDFs are over the page limit (exit 2).
    func testPageCountsBeforeRasterising() throws {
        try XCTSkipIf(PDFTools.missing, "poppler-utils not installed")
        let many = tmp.appendingPathComponent("many.pdf").path
        try Data(PDFTools.blankPDF(pages: 3_000)).write(to: URL(fileURLWithPath: many))
        let t0 = Date()
        let r = try CLITests.run(["compare", Self.goldenPDF, many])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stdout, "FAIL: 3000 pages, expected 1\n")
        XCTAssertLessThan(Date().timeIntervalSince(t0), 10)
        let a = tmp.appendingPathComponent("a.pdf").path, b = tmp.appendingPathComponent("b.pdf").path
        try Data(PDFTools.blankPDF(pages: 1_500, comment: "a")).write(to: URL(fileURLWithPath: a))
        try Data(PDFTools.blankPDF(pages: 1_500, comment: "b")).write(to: URL(fileURLWithPath: b))
        let over = try CLITests.run(["compare", a, b])
        XCTAssertEqual(over.status, 2, over.stdout)
        XCTAssertTrue(over.stderr.contains("\(b): the PDF has 1500 pages; at most 1000 are compared"), over.stderr)
        // Rasterising leaves no temporary folder of ours behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("cp-pdf-") }
        XCTAssertEqual(leftovers, [])
    }

    /// Manifest errors (a misspelt tolerance key, an unknown entry key or version): exit 2, one line.
    func testManifestErrors() throws {
        let cases = ["misspelt-tolerance.json": "unknown tolerance key 'maxDifPixels'; did you mean 'maxDiffPixels'?",
                     "misspelt-default-tolerance.json": "unknown manifest key 'defaultTolerence'; did you mean 'defaultTolerance'?",
                     "unknown-entry-key.json": "unknown golden entry key 'tolerence'; did you mean 'tolerance'?",
                     "unknown-version.json": "unsupported manifest version 2 (this clusterplot reads version 1)"]
        for (name, text) in cases.sorted(by: { $0.key < $1.key }) {
            let s = try goldenSuite(manifest: Self.corpus.appendingPathComponent("manifests/\(name)").path)
            let r = try GoldenCLITests.run(["check", "--configs", s.configs, "--golden", s.golden])
            XCTAssertEqual(r.status, 2, "\(name): \(r.stdout) \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("manifest.json: \(text)"), "\(name): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
    }

    /// `--golden` naming a regular file, and FIFO inputs to compare.
    func testGoldenFileAndFIFOInputs() throws {
        let file = tmp.appendingPathComponent("not-a-folder").path
        FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        let r = try GoldenCLITests.run(["check", "--configs", Self.root.appendingPathComponent("Fixtures/configs").path, "--golden", file])
        XCTAssertEqual(r.status, 2, r.stdout)
        XCTAssertTrue(r.stderr.contains("\(file): not a folder"), r.stderr)
        XCTAssertFalse(r.stdout.contains("MISSING"), r.stdout)
        let fifo = tmp.appendingPathComponent("pipe.png").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let c = try CLITests.run(["compare", fifo, Self.root.appendingPathComponent("Fixtures/golden/elbow.png").path])
        XCTAssertEqual(c.status, 2)
        XCTAssertTrue(c.stderr.contains("\(fifo): not a regular file"), c.stderr)
    }
}

extension HardeningVisualDiffCLITests {
    /// Foundation errors reach the user as plain reasons, never as `NSCocoaErrorDomain` text.
    func testFolderErrorsAreInPlainWords() throws {
        let file = tmp.appendingPathComponent("plain").path
        FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        let s = try goldenSuite()
        let report = try GoldenCLITests.run(["check", "--configs", s.configs, "--golden", s.golden, "--report", "\(file)/sub"])
        XCTAssertEqual(report.status, 2, report.stdout)
        XCTAssertTrue(report.stderr.contains("\(file)/sub: cannot create the report folder (Not a directory)"), report.stderr)
        let update = try GoldenCLITests.run(["update", "--configs", s.configs, "--golden", "\(file)/golden"])
        XCTAssertEqual(update.status, 2, update.stdout)
        XCTAssertTrue(update.stderr.contains("cannot create the golden folder (Not a directory)"), update.stderr)
        for r in [report, update] { XCTAssertFalse((r.stdout + r.stderr).contains("NSCocoaErrorDomain"), r.stderr) }
    }
}

/// Small PDFs made in the test.
enum PDFTools {
    static let missing = ["/usr/bin/pdftoppm", "/usr/bin/pdfinfo"].contains { !FileManager.default.isExecutableFile(atPath: $0) }

    /// A valid PDF of `pages` blank A4 pages (a comment makes two otherwise equal files differ).
    static func blankPDF(pages: Int, comment: String = "") -> [UInt8] {
        var objects = ["<< /Type /Catalog /Pages 2 0 R >>",
                       "<< /Type /Pages /Kids [\((0..<pages).map { "\($0 + 3) 0 R" }.joined(separator: " "))] /Count \(pages) >>"]
        for _ in 0..<pages { objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>") }
        var out = Array("%PDF-1.4\n%\(comment)\n".utf8)
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(i + 1) 0 obj\n\(o)\nendobj\n".utf8)
        }
        let xref = out.count
        var tail = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { tail += String(repeating: "0", count: 10 - String(o).count) + "\(o) 00000 n \n" }
        tail += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Array(tail.utf8)
    }
}
