import Foundation
import Plotting
import XCTest
@testable import FigureConfig

/// The path-carrying reader: one call looks a key up, checks it and reports with its path.
final class ConfigReadingTests: XCTestCase {
    func root(_ yaml: String) throws -> (ConfigReader, ConfigValue) {
        let r = ConfigReader()
        return (r, r.value(try ConfigNode.parse(yaml: yaml, file: "t.yaml"), ""))
    }

    func testTypedReadsCarryTheirPath() throws {
        let (r, v) = try root("a:\n  b: {n: 3, x: 1.5, ok: true, s: hi, l: [1, 2], bad: -1, word: many}\n")
        let m = try XCTUnwrap(v.mapping(keys: ["a"])?.mapping("a", keys: ["b"])?.mapping("b", keys: ["n", "x", "ok", "s", "l", "bad", "word"]))
        XCTAssertEqual(m.int("n", min: 1), 3)
        XCTAssertEqual(m.double("x", above: 0), 1.5)
        XCTAssertEqual(m.bool("ok"), true)
        XCTAssertEqual(m.string("s"), "hi")
        XCTAssertEqual(m.doubles("l", count: 2), [1, 2])
        XCTAssertNil(m.int("missing"))
        XCTAssertTrue(r.errors.isEmpty)
        XCTAssertNil(m.int("bad", min: 0))
        XCTAssertNil(m.int("word", what: "a whole number of points"))
        XCTAssertEqual(r.errors.map(\.description), [
            "t.yaml:2:54: must be at least 0, got -1 (a.b.bad)",
            "t.yaml:2:64: expected a whole number of points, got the text 'many' (a.b.word)",
        ])
    }

    func testUnknownKeysGetHintsOrAnExplanation() throws {
        let (r, v) = try root("samples: 3\nsmaples: 4\nmark_knee: true\n")
        _ = v.mapping(keys: ["samples", "seed"], explainUnknown: { $0 == "mark_knee" ? "'mark_knee' does not apply here" : nil })
        XCTAssertEqual(r.errors.map(\.description), [
            "t.yaml:2:1: unknown key 'smaples' (smaples); did you mean 'samples'?",
            "t.yaml:3:1: 'mark_knee' does not apply here (mark_knee)",
        ])
    }

    func testMissingKeyIsNotReportedBesideAMisspeltOne() throws {
        let (r, v) = try root("smaples: 3\n")
        let m = try XCTUnwrap(v.mapping(keys: ["samples"]))
        m.missing("needs 'samples'")
        XCTAssertEqual(r.errors.count, 1)
        XCTAssertTrue(r.errors[0].message.contains("unknown key 'smaples'"))
    }

    func testTypedChoicesUsePlottingEnums() throws {
        let (r, v) = try root("scale: log\nloc: upper left\nbad: logarithmic\n")
        let m = try XCTUnwrap(v.mapping(keys: ["scale", "loc", "bad"]))
        XCTAssertEqual(m.choice("scale", AxisScale.self), .log)
        XCTAssertEqual(m.choice("loc", LegendLocation.self), .upperLeft)
        XCTAssertNil(m.choice("bad", AxisScale.self))
        XCTAssertEqual(r.errors.map(\.description), ["t.yaml:3:6: unknown value 'logarithmic'; expected one of 'linear', 'log' (bad)"])
        XCTAssertEqual(OutputFormat.configNames, ["png", "pdf", "svg"])
        XCTAssertEqual(PageFormat(configName: "slides"), .slides)
    }

    func testItemsAreIndexed() throws {
        let (r, v) = try root("l: [1, x, 3]\n")
        let items = try XCTUnwrap(v.mapping(keys: ["l"])?.items("l"))
        XCTAssertEqual(items.map(\.path), ["l[0]", "l[1]", "l[2]"])
        XCTAssertNil(items[1].double())
        XCTAssertEqual(r.errors.first?.description, "t.yaml:1:8: expected a number, got the text 'x' (l[1])")
    }

    func testCommaSeparatedOverrideLocatesEachName() throws {
        let o = Override(path: ["output", "formats"], commaSeparated: "png, jpg", label: "--format png, jpg")
        var root = try ConfigNode.parse(yaml: "output: {}\n", file: "t.yaml")
        try o.apply(to: &root)
        let items = try XCTUnwrap(root.child("output")?.child("formats")?.items)
        XCTAssertEqual(items.map(\.scalar), ["png", "jpg"])
        XCTAssertEqual(items.map(\.location.column), [10, 15])
        XCTAssertEqual(items[1].location.file, "--format png, jpg")
    }
}
