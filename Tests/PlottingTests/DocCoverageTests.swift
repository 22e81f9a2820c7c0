import Foundation
import XCTest

/// Every public declaration of Plotting has a doc comment (`///` right above it, attributes aside).
final class DocCoverageTests: XCTestCase {
    func testEveryPublicDeclarationIsDocumented() throws {
        let dir = TestFixtures.root.appendingPathComponent("Sources/Plotting")
        let files = try XCTUnwrap(FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        XCTAssertGreaterThan(files.count, 30)
        let declaration = try NSRegularExpression(pattern: #"^\s*(@[\w()]+\s+)*(public|open)\s+(?!extension\b)"#)
        var missing: [String] = []
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            for (i, line) in lines.enumerated()
            where declaration.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil {
                var j = i - 1
                while j >= 0, lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("@") { j -= 1 }
                if j < 0 || !lines[j].trimmingCharacters(in: .whitespaces).hasPrefix("///") {
                    missing.append("\(file.lastPathComponent):\(i + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        XCTAssertEqual(missing, [], "public declarations without a doc comment")
    }
}
