import Foundation
import XCTest

/// Hostile but generated inputs through the real binary: deep nesting everywhere a YAML document is
/// read, very many keys, huge `--set` paths, long continuation bullets, control characters and
/// huge echoed values. Every case must end quickly with exit 2 and one located line per problem,
/// never a crash or a hang. (The small cases live in the malformed corpora; these are written here
/// because they are megabytes or thousands of levels.)
final class HardeningCLITests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let errorLine = #"^[^\n]+:\d+:\d+: [^\n]+$"#
    var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("cp-hard-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    func write(_ name: String, _ text: String) throws -> String {
        let url = tmp.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Runs and checks: the exit status, every stderr line a located one-liner, and the time taken.
    @discardableResult
    func expect(_ args: [String], status: Int32, contains text: String, seconds: Double = 20,
                file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let t0 = Date()
        let r = try CLITests.run(args)
        let took = Date().timeIntervalSince(t0)
        XCTAssertEqual(r.status, status, "\(args.prefix(3)): \(r.stderr.prefix(500))", file: file, line: line)
        XCTAssertLessThan(took, seconds, "\(args.prefix(3)) took \(took) s", file: file, line: line)
        let lines = r.stderr.split(separator: "\n").map(String.init).filter { !$0.hasSuffix("config invalid") && !$0.hasSuffix("configs invalid") }
        XCTAssertFalse(lines.isEmpty, "no error line", file: file, line: line)
        for l in lines {
            XCTAssertNotNil(l.range(of: Self.errorLine, options: .regularExpression), "not a located line: \(l.prefix(300))", file: file, line: line)
            XCTAssertLessThanOrEqual(l.count, 1_100, "line too long: \(l.count)", file: file, line: line)
        }
        XCTAssertTrue(r.stderr.contains(text), "expected '\(text)' in \(r.stderr.prefix(500))", file: file, line: line)
        return lines
    }

    static let depth = 5_000
    static var deepFlow: String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
    static var deepBlock: String { String(repeating: "- ", count: depth) + "1" }
    static var deepFlowMapping: String { String(repeating: "{a: ", count: 3_000) + "1" + String(repeating: "}", count: 3_000) }
    static var deepBlockMapping: String {
        (1...3_000).map { String(repeating: " ", count: $0) + "a:" }.joined(separator: "\n") + " 1"
    }

    /// Block and flow sequences 5,000 deep, mappings 3,000 deep: the located nesting error from
    /// render, validate, data and animate.
    func testDeepNestingThroughEveryCommand() throws {
        let docs = ["flow": "data: \(Self.deepFlow)\n", "block": "data:\n\(Self.deepBlock)\n",
                    "flow-mapping": "data: \(Self.deepFlowMapping)\n", "block-mapping": "data:\n\(Self.deepBlockMapping)\n"]
        for (name, text) in docs.sorted(by: { $0.key < $1.key }) {
            let config = try write("deep-\(name).yaml", text)
            let out = tmp.appendingPathComponent("out-\(name)")
            try expect(["validate", config], status: 2, contains: "nested too deeply")
            try expect(["render", config, "--out", out.path], status: 2, contains: "nested too deeply")
            try expect(["data", config], status: 2, contains: "nested too deeply")
            try expect(["animate", config, "-o", out.appendingPathComponent("a.png").path], status: 2, contains: "nested too deeply")
            XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? [], [], name)
        }
    }

    /// A `--set` value, a document config and a figure a document embeds, each nested 5,000 deep.
    func testDeepNestingInSetValuesAndHandouts() throws {
        let minimal = Self.root.appendingPathComponent("Fixtures/minimal.yaml").path
        try expect(["validate", minimal, "--set", "data=\(Self.deepFlow)"], status: 2, contains: "nested too deeply")
        try expect(["render", minimal, "--out", tmp.path, "--set", "description=\(Self.deepFlowMapping)"], status: 2, contains: "nested too deeply")
        let doc = try write("deep-doc.yaml", "document: {title: T}\nblocks: \(Self.deepFlow)\n")
        try expect(["handout", doc, "-o", tmp.appendingPathComponent("d.pdf").path], status: 2, contains: "nested too deeply")
        _ = try write("deep-figure.yaml", "data:\n\(Self.deepBlock)\n")
        let embeds = try write("embeds.yaml", "document: {title: T}\nblocks:\n  - figure: {config: deep-figure.yaml}\n")
        let lines = try expect(["handout", embeds, "-o", tmp.appendingPathComponent("e.pdf").path], status: 2, contains: "nested too deeply")
        XCTAssertTrue(lines.contains { $0.contains("deep-figure.yaml:") }, "\(lines)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("e.pdf").path))
    }

    /// Exactly 64 levels is the limit: 63 nested lists inside `description` still parse (and are
    /// then refused by the schema), 64 do not.
    func testNestingLimitIsExact() throws {
        let ok = try write("ok.yaml", "data: {blobs: {samples: 10}}\ndescription: \(String(repeating: "[", count: 63))\(String(repeating: "]", count: 63))\n")
        try expect(["validate", ok], status: 2, contains: "ok.yaml:2:14: expected text, got a list (description)")
        let bad = try write("bad.yaml", "data: {blobs: {samples: 10}}\ndescription: \(String(repeating: "[", count: 64))\(String(repeating: "]", count: 64))\n")
        try expect(["validate", bad], status: 2, contains: "bad.yaml:2:77: the document is nested too deeply (more than 64 levels)")
    }

    /// 100,000 keys: the duplicate check is linear, and the unknown keys are counted, not listed.
    func testManyKeysAreFastAndCapped() throws {
        var text = "data: {blobs: {samples: 10}}\n"
        for i in 0..<100_000 { text += "k\(i): \(i)\n" }
        let config = try write("keys.yaml", text)
        let lines = try expect(["validate", config], status: 2, contains: "… and 99,990 more unknown keys in this mapping", seconds: 15)
        XCTAssertEqual(lines.count, 11, "\(lines.suffix(2))")
        var dup = "data: {blobs: {samples: 10}}\n"
        for i in 0..<100_000 { dup += "d\(i): 1\n" }
        dup += "d5: 2\n"
        try expect(["validate", try write("dup.yaml", dup)], status: 2, contains: "duplicate key 'd5' (first given at line 7)", seconds: 15)
    }

    /// A key path of 50,000 parts is refused at once, at the 65th part.
    func testLongSetPathIsRefused() throws {
        let minimal = Self.root.appendingPathComponent("Fixtures/minimal.yaml").path
        let path = Array(repeating: "a", count: 50_000).joined(separator: ".")
        let lines = try expect(["validate", minimal, "--set", "\(path)=1"], status: 2, contains: "the key path has 50,000 parts; at most 64", seconds: 10)
        XCTAssertEqual(lines.count, 1)
        XCTAssertTrue(lines[0].hasPrefix("--set a.a.a."), lines[0])
        XCTAssertTrue(lines[0].contains(":1:135:"), lines[0])   // column of part 65 in "--set a.a.…"
    }

    /// A Markdown bullet with 5,000 continuation lines lays out in linear time.
    func testLongBulletContinuationIsLinear() throws {
        let lines = (0..<5_000).map { "        word\($0) more words" }.joined(separator: "\n")
        let doc = try write("bullet.yaml", "document: {title: T}\nblocks:\n  - markdown: |\n      - first line\n\(lines)\n")
        let t0 = Date()
        let r = try CLITests.run(["handout", doc, "-o", tmp.appendingPathComponent("b.pdf").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(t0), 30)
    }

    /// Newlines and escape bytes in keys and values are escaped; one line per problem.
    func testControlCharactersStayOnOneLine() throws {
        let config = try write("ctl.yaml", "data: {blobs: {samples: 10}}\n\"bad\\nkey\\e[31m\": 1\nfigure: {style: \"who\\nami\"}\n")
        let lines = try expect(["validate", config], status: 2, contains: #"unknown key 'bad\nkey\u{1B}[31m'"#)
        XCTAssertEqual(lines.count, 2, "\(lines)")
        XCTAssertTrue(lines[1].contains(#"unknown value 'who\nami'"#), lines[1])
        let minimal = Self.root.appendingPathComponent("Fixtures/minimal.yaml").path
        let set = try expect(["validate", minimal, "--set", "figure.style=\"x\\ny\"", "--set", "figure.bogus\nkey=1"], status: 2, contains: #"'x\ny'"#)
        XCTAssertEqual(set.count, 2, "\(set)")
        XCTAssertTrue(set.contains { $0.contains(#"bogus\nkey"#) }, "\(set)")
        // Escapes make text longer: the limit counts the escaped line (found by FuzzConfig).
        let controls = String(repeating: "\u{1}", count: 3_000)
        try expect(["validate", minimal, "--set", "a\(controls)=1"], status: 2, contains: #"--set a\u{1}\u{1}"#)
    }

    /// A 5 MB value (a YAML scalar, a --set value, a CSV cell) is echoed as its start and its length.
    func testHugeValuesAreTruncated() throws {
        let huge = String(repeating: "x", count: 5_000_000)
        let config = try write("huge.yaml", "data: {blobs: {samples: 10}}\nfigure: {style: \(huge)}\n")
        try expect(["validate", config], status: 2, contains: "…' (5000000 characters)")
        let minimal = Self.root.appendingPathComponent("Fixtures/minimal.yaml").path
        // (one argument may hold at most 128 KiB)
        try expect(["validate", minimal, "--set", "figure.style=\(huge.prefix(100_000))"], status: 2, contains: "(100000 characters)")
        _ = try write("cells.csv", "a,b\n1,2\n3,\(huge)\n")
        let csv = try write("csv.yaml", "data: {csv: {file: cells.csv}}\n")
        try expect(["validate", csv], status: 2, contains: "cells.csv:3:3: 'xxxx")
    }

    /// FIFOs and devices as configs and CSV files: "not a regular file", at once (no blocking).
    func testFIFOAndDeviceInputs() throws {
        let fifo = tmp.appendingPathComponent("pipe.yaml").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        try expect(["validate", fifo], status: 2, contains: "\(fifo):1:1: cannot read the config (not a regular file)", seconds: 10)
        try expect(["validate", "/dev/zero"], status: 2, contains: "/dev/zero:1:1: cannot read the config (not a regular file)", seconds: 10)
        try expect(["handout", "/dev/zero", "-o", tmp.appendingPathComponent("x.pdf").path], status: 2, contains: "not a regular file", seconds: 10)
        let csv = try write("fifo-csv.yaml", "data: {csv: {file: /dev/zero}}\n")
        try expect(["validate", csv], status: 2, contains: "not a regular file", seconds: 10)
    }
}
