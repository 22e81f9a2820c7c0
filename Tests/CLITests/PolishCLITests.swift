import Foundation
import XCTest

/// The CLI's small courtesies: typo hints, readable argument errors, folders made for outputs,
/// no Foundation text.
final class PolishCLITests: XCTestCase {
    static let repo = GoldenCLITests.repo

    func testSubcommandTypoGetsASuggestion() throws {
        let r = try CLITests.run(["rendr", "x.yaml"])
        XCTAssertEqual(r.status, 64)
        XCTAssertEqual(r.stderr, "clusterplot: unknown command 'rendr'; did you mean 'render'? (commands: render, data, validate, init, compare, check, update, handout, animate, watch)\n")
        let far = try CLITests.run(["frobnicate"])
        XCTAssertEqual(far.status, 64)
        XCTAssertFalse(far.stderr.contains("did you mean"), far.stderr)
        XCTAssertEqual(try CLITests.run(["help", "watch"]).status, 0)
        // The spelt-out names are the subcommands --help lists, in order.
        let help = try CLITests.run(["--help"]).stdout
        let listed = help.components(separatedBy: "SUBCOMMANDS:")[1].split(separator: "\n")
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }.map { String($0.split(separator: " ")[0]) }
        XCTAssertEqual(listed.filter { $0 != "help" && $0 != "See" }, ["render", "data", "validate", "init", "compare", "check", "update", "handout", "animate", "watch"])
    }

    func testArgumentErrorsShowTheArgumentApartFromItsColumn() throws {
        let r = try CLITests.run(["validate", Self.repo.appendingPathComponent("Fixtures/minimal.yaml").path, "--set", "figure.dpi=0"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.hasPrefix("--set 'figure.dpi=0':1:18: must be positive, got 0 (figure.dpi)"), r.stderr)
    }

    func testOutputFoldersAreCreatedAndFailuresArePlain() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("cp-polish-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let doc = tmp.appendingPathComponent("doc.yaml")
        try Data("blocks:\n  - heading: Hello\n  - paragraph: One page.\n".utf8).write(to: doc)
        let pdf = tmp.appendingPathComponent("new/deeper/doc.pdf")
        let h = try CLITests.run(["handout", doc.path, "-o", pdf.path])
        XCTAssertEqual(h.status, 0, h.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: pdf.path))
        let file = tmp.appendingPathComponent("plain")
        FileManager.default.createFile(atPath: file.path, contents: Data())
        for args in [["render", Self.repo.appendingPathComponent("Fixtures/minimal.yaml").path, "--out", file.path + "/sub"],
                     ["handout", doc.path, "-o", file.path + "/sub/doc.pdf"]] {
            let r = try CLITests.run(args)
            XCTAssertNotEqual(r.status, 0, args.joined(separator: " "))
            XCTAssertTrue(r.stderr.contains("(Not a directory)"), r.stderr)
            XCTAssertFalse(r.stderr.contains("NSCocoaErrorDomain") || r.stderr.contains("The operation could not be completed"), r.stderr)
        }
    }
}
