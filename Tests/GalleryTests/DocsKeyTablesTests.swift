import FigureConfig
import Foundation
import XCTest
@testable import Gallery

/// docs/config.md documents every key of every section: its tables must list exactly the keys the
/// decoders declare (``ConfigSchema``), so a key added to a decoder without docs (or the reverse)
/// fails here.
final class DocsKeyTablesTests: XCTestCase {
    /// The keys of each documented section: the backticked names in the first cell of each row of
    /// the first table under a heading `## path` or `### path — …` ("Top level" is the top level).
    static func documentedSections() throws -> [String: Set<String>] {
        let text = try String(contentsOfFile: fixture("docs/config.md"), encoding: .utf8)
        var out: [String: Set<String>] = [:]
        var current: String?
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") {
                let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                let first = title.split(separator: " ").first.map(String.init)?.replacingOccurrences(of: "`", with: "") ?? ""
                current = title == "Top level" ? "" : first
                inTable = false
                continue
            }
            guard let section = current else { continue }
            if line.hasPrefix("|") {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                guard cells.count > 2 else { continue }
                let first = String(cells[1])
                if first.contains("---") || first.trimmingCharacters(in: .whitespaces) == "key" { inTable = true; continue }
                guard inTable else { continue }
                let names = first.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
                out[section, default: []].formUnion(names)
            } else if inTable {
                current = nil   // only the first table of a section
            }
        }
        return out
    }

    func testEverySectionIsDocumentedWithExactlyItsKeys() throws {
        let documented = try Self.documentedSections()
        for section in ConfigSchema.sections {
            let name = section.path.isEmpty ? "Top level" : section.path
            guard let keys = documented[section.path] else { XCTFail("docs/config.md has no table for '\(name)'"); continue }
            let declared = Set(section.keys.names)
            XCTAssertEqual(keys.subtracting(declared), [], "documented but not accepted in '\(name)'")
            XCTAssertEqual(declared.subtracting(keys), [], "accepted but not documented in '\(name)'")
        }
    }

    func testRegistriesAreConsistent() {
        // An analysis runs after those it requires, so their results are there when it runs.
        let order = AnalysisKind.registry.map(\.key)
        for (i, kind) in AnalysisKind.registry.enumerated() {
            for need in kind.requires {
                let j = try? XCTUnwrap(order.firstIndex(of: need.key))
                XCTAssertLessThan(j ?? .max, i, "\(kind.key) requires \(need.key), which must come first")
            }
        }
        XCTAssertEqual(Set(order).count, order.count, "analysis keys are unique")
        XCTAssertEqual(Set(AnalysisKind.defaultPanelOrder).subtracting(order), [])
        // Every layer source that names an analysis names one that exists.
        for kind in LayerKind.registry {
            for s in kind.sources where s != "points" { XCTAssertNotNil(AnalysisKind.named(s), "\(kind.mark) from \(s)") }
        }
    }
}
