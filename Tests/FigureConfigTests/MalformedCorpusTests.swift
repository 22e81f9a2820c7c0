import Foundation
import XCTest
@testable import FigureConfig

/// Each file in Malformed/ starts with `# expect: LINE:COLUMN: message…`; loading it must fail with
/// exactly that first error. (The CLI tests run the same corpus through the real binary.)
final class MalformedCorpusTests: XCTestCase {
    func testCorpus() throws {
        let dir = packageRoot.appendingPathComponent("Tests/FigureConfigTests/Malformed")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 25)
        for f in files {
            let path = dir.appendingPathComponent(f).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let expect = String(text.split(separator: "\n").first ?? "").replacingOccurrences(of: "# expect: ", with: "")
            do {
                _ = try ConfigLoader.load(path: path)
                XCTFail("\(f) loaded without errors")
            } catch {
                let first = error.errors[0].description
                // The config itself, or the CSV file it reads (bad cells are reported where they are).
                XCTAssertTrue(first.hasPrefix(path + ":") || first.hasPrefix(dir.path + "/"), "\(f): \(first)")
                XCTAssertNotNil(first.range(of: #"^[^:]+:\d+:\d+: "#, options: .regularExpression), first)
                XCTAssertTrue(first.contains(expect), "\(f): expected '\(expect)', got '\(first)'")
            }
        }
    }
}
