import Foundation
import Plotting
import XCTest

/// `clusterplot handout` and `clusterplot animate` through the real binary: both fixtures build,
/// pages, text, vector figures, determinism, the APNG, and located errors for bad documents.
final class HandoutCLITests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("handout-cli-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func tool(_ name: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/\(name)")
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func pdfInfo(_ pdf: URL) throws -> (pages: Int, size: String) {
        let info = try tool("pdfinfo", [pdf.path])
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.map { Int($0.split(separator: " ").last!)! } ?? 0
        let size = info.split(separator: "\n").first { $0.hasPrefix("Page size:") }.map(String.init) ?? ""
        return (pages, size)
    }

    func build(_ fixture: String) throws -> URL {
        let out = tmp.appendingPathComponent(fixture + ".pdf")
        let r = try CLITests.run(["handout", Self.root.appendingPathComponent("Fixtures/handouts/\(fixture).yaml").path, "-o", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return out
    }

    func testHandoutFixtureBuildsWithEverySectionTableAndVectorFigures() throws {
        let pdf = try build("clustering-handout")
        let (pages, size) = try pdfInfo(pdf)
        XCTAssertGreaterThanOrEqual(pages, 6)
        XCTAssertTrue(size.contains("595.276 x 841.89"), size)
        let text = try tool("pdftotext", ["-layout", pdf.path, "-"])
        for heading in ["What is clustering, and why is it relevant in business?", "1. Customer Segmentation", "2. Anomaly Detection",
                        "3. Document Categorization", "Key characteristics of clustering (Human-in-the-loop)",
                        "Visualizing K-Means Clustering (Custom Implementation)", "How do we know if clustering worked well (Elbow Method)?",
                        "Challenges with K-Means & Alternatives", "Cluster table of the last iteration"] {
            XCTAssertTrue(text.contains(heading), "missing heading: \(heading)")
        }
        for header in ["Age", "Annual Income ($)", "Spending Score", "Cluster_Label", "Review_Text", "Pixel_0", "Pixel_9",
                       "dist_to_center_1", "dist_to_center_3", "closest_center"] {
            XCTAssertTrue(text.contains(header), "missing table header: \(header)")
        }
        // Figure text is real text (vectors), and there is no raster image anywhere.
        XCTAssertTrue(text.contains("Customer Segmentation Clusters"))
        XCTAssertTrue(text.contains("Elbow Method for Optimal K"))
        let images = try tool("pdfimages", ["-list", pdf.path]).split(separator: "\n")
        XCTAssertEqual(images.count, 2, "pdfimages lists only its two header lines: \(images)")
        // Byte-deterministic.
        let again = try build("clustering-handout")
        XCTAssertEqual(try Data(contentsOf: pdf), try Data(contentsOf: again))
    }

    func testSlideFixtureIsSixteenByNineWithTwelveIterationSlides() throws {
        let pdf = try build("clustering-slides")
        let (pages, size) = try pdfInfo(pdf)
        // Title, 5 topic slides, 12 iterations, elbow, alternatives.
        XCTAssertEqual(pages, 20)
        XCTAssertTrue(size.contains("960 x 540"), size)
        let text = try tool("pdftotext", ["-layout", pdf.path, "-"])
        let pageTexts = text.components(separatedBy: "\u{0C}")
        for i in 1...12 {
            XCTAssertTrue(pageTexts[5 + i].contains("K-Means, iteration \(i) of 12"), "slide \(6 + i)")
            XCTAssertTrue(pageTexts[5 + i].contains("Iteration \(i)"), "panel title on slide \(6 + i)")
        }
        XCTAssertEqual(try tool("pdfimages", ["-list", pdf.path]).split(separator: "\n").count, 2)
    }

    /// The "Beyond K-Means" deck: every limitation and alternative on a slide of its own with its
    /// figure as vectors, the comparison grid last (drawn at its own size, scaled), and the same
    /// section in the handout with its score tables.
    func testBeyondKMeansDeckAndHandoutSection() throws {
        let pdf = try build("beyond-kmeans-slides")
        let (pages, size) = try pdfInfo(pdf)
        XCTAssertEqual(pages, 14)
        XCTAssertTrue(size.contains("960 x 540"), size)
        let pageTexts = try tool("pdftotext", ["-layout", pdf.path, "-"]).components(separatedBy: "\u{0C}")
        let expected: [(Int, String, String)] = [
            (3, "Round clusters assumed", "DBSCAN (eps = 0.3): 2 clusters"), (4, "Stretched clusters", "Gaussian mixture (full covariance)"),
            (5, "Unequal spreads", "K-Means (k = 3)"), (6, "Outliers", "noise points"), (7, "Choosing K", "elbow at k = 4"),
            (8, "Silhouette analysis", "Average silhouette"), (9, "DBSCAN: density-based, no K", "Estimated number of clusters: 3"),
            (10, "Choosing eps", "suggested eps"), (11, "Hierarchical clustering", "Ward on iris, 3 levels"),
            (12, "Gaussian mixtures", "spherical"), (13, "Choosing the mixture", "BIC"), (14, "Comparing the algorithms", "Single linkage"),
        ]
        for (page, title, figureText) in expected {
            XCTAssertTrue(pageTexts[page - 1].contains(title), "slide \(page): \(title)")
            XCTAssertTrue(pageTexts[page - 1].contains(figureText), "slide \(page): figure text '\(figureText)' in\n\(pageTexts[page - 1])")
        }
        XCTAssertEqual(try tool("pdfimages", ["-list", pdf.path]).split(separator: "\n").count, 2, "figures are vectors")
        let handout = try tool("pdftotext", ["-layout", try build("clustering-handout").path, "-"])
        for text in ["Where K-Means fails", "Choosing K", "DBSCAN: density-based, no K", "Hierarchical clustering: a tree of clusters",
                     "Gaussian mixtures: probabilistic soft clustering", "Comparing the algorithms", "Calinski", "adjusted Rand",
                     "Single linkage"] {
            XCTAssertTrue(handout.contains(text), "handout: \(text)")
        }
    }

    func testIterationAnimationIsAnAPNGWithTheConfiguredDelay() throws {
        let out = tmp.appendingPathComponent("anim.png")
        let config = Self.root.appendingPathComponent("Fixtures/configs/iterations.yaml").path
        let r = try CLITests.run(["animate", config, "-o", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let bytes = [UInt8](try Data(contentsOf: out))
        let info = try APNG.frameInfo(bytes)
        XCTAssertEqual(info.frames, 12)
        XCTAssertEqual(info.delays, Array(repeating: 0.5, count: 12))
        XCTAssertEqual(try PNGCodec.decode(bytes).width, 500)
        // --delay overrides the config's frame_delay; so does --set on the config itself.
        let r2 = try CLITests.run(["animate", config, "-o", out.path, "--delay", "1.25"])
        XCTAssertEqual(r2.status, 0, r2.stderr)
        XCTAssertEqual(try APNG.frameInfo([UInt8](try Data(contentsOf: out))).delays.first, 1.25)
        let bad = try CLITests.run(["animate", Self.root.appendingPathComponent("Fixtures/configs/elbow.yaml").path, "-o", tmp.appendingPathComponent("x.png").path])
        XCTAssertEqual(bad.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("x.png").path))
    }

    func testMalformedDocumentsExitTwoWithLocatedErrorsAndWriteNothing() throws {
        let dir = Self.root.appendingPathComponent("Tests/HandoutTests/Malformed")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 19)
        for f in files {
            let out = tmp.appendingPathComponent(f + ".pdf")
            let r = try CLITests.run(["handout", dir.appendingPathComponent(f).path, "-o", out.path])
            XCTAssertEqual(r.status, 2, "\(f): \(r.stderr)")
            let lines = r.stderr.split(separator: "\n")
            XCTAssertFalse(lines.isEmpty, f)
            for line in lines {
                XCTAssertNotNil(line.range(of: #"^[^:]+\.yaml:\d+:\d+: "#, options: .regularExpression), "\(f): \(line)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "\(f) wrote output")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [])
    }
}
