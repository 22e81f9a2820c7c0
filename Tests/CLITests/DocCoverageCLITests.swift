import Foundation
import XCTest

/// Every public declaration of the libraries users import besides Plotting (which has its own
/// test) has a `///` doc comment: Clustering, FigureConfig, Gallery, Handout, VisualDiff,
/// ClusterPlotTesting, every file below them (the rule of scripts/undocumented-public.py).
final class DocCoverageCLITests: XCTestCase {
    func testPublicDeclarationsAreDocumented() throws {
        let declaration = try NSRegularExpression(pattern: #"^\s*(@[\w()]+\s+)*(public|open)\s+(?!extension\b)"#)
        var missing: [String] = [], seen = 0
        for module in ["Clustering", "FigureConfig", "Gallery", "Handout", "VisualDiff", "ClusterPlotTesting"] {
            let dir = GoldenCLITests.repo.appendingPathComponent("Sources/\(module)")
            let files = (FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }.sorted()
            for name in files {
                let lines = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8).components(separatedBy: "\n")
                for (i, line) in lines.enumerated() where declaration.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                    seen += 1
                    var j = i - 1
                    while j >= 0, lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("@") { j -= 1 }
                    if j < 0 || !lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("///") { missing.append("\(module)/\(name):\(i + 1): \(line)") }
                }
            }
        }
        XCTAssertGreaterThan(seen, 100, "the scan found the declarations")
        XCTAssertEqual(missing, [], "public declarations without a doc comment")
    }
}
