import FigureConfig
import Foundation
import XCTest
@testable import Gallery

/// Each file in Malformed/ starts with `# expect: LINE:COLUMN: message…`; validating it (the loader
/// and the data step, as `clusterplot validate` does) must fail with exactly that first error. (The
/// CLI tests run the same corpus through the real binary.)
final class MalformedCorpusTests: XCTestCase {
    func testCorpus() throws {
        let dir = packageRoot.appendingPathComponent("Tests/GalleryTests/Malformed")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 25)
        for f in files {
            let path = dir.appendingPathComponent(f).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let expect = String(text.split(separator: "\n").first ?? "").replacingOccurrences(of: "# expect: ", with: "")
            do {
                _ = try Gallery.validate(path: path)
                XCTFail("\(f) loaded without errors")
            } catch {
                let first = (error as? ConfigErrors)?.errors[0].description ?? "\(error)"
                // The config itself, or the CSV file it reads (bad cells are reported where they are).
                XCTAssertTrue(first.hasPrefix(path + ":") || first.hasPrefix(dir.path + "/"), "\(f): \(first)")
                XCTAssertNotNil(first.range(of: #"^[^:]+:\d+:\d+: "#, options: .regularExpression), first)
                XCTAssertTrue(first.contains(expect), "\(f): expected '\(expect)', got '\(first)'")
            }
        }
    }
}
