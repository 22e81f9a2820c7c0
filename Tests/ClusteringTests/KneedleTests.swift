import XCTest
@testable import Clustering

/// kneed 0.8.6 on `knee.json` and `knee_extra.json` (`scripts/make_knee_reference.py`): knee and
/// knee_y bit for bit, including "no knee" and knee_y = null at x = 0; the chord method; errors.
final class KneedleTests: XCTestCase {
    private func settings(_ p: WaveParameters) throws -> KneeLocator {
        KneeLocator(
            method: .kneedle, sensitivity: try p.double("sensitivity", default: 1.0), online: try p.bool("online", default: false),
            curve: KneeCurve(rawValue: try p.string("curve"))!, direction: KneeDirection(rawValue: try p.string("direction"))!)
    }

    func testEveryKneeCase() throws {
        let family = try WaveCases.load("knee")
        XCTAssertEqual(family.cases.count, 12)
        for c in family.cases {
            let points = try c.input().points
            let knee = try settings(try c.clustering("knee")).locate(x: points.column(0), y: points.column(1))
            let expected = try c.expectOptionalDouble("knee")
            XCTAssertEqual(knee?.x.bitPattern, expected?.bitPattern, "\(c.id) knee")
            XCTAssertEqual(knee?.y?.bitPattern, try c.expectOptionalDouble("knee_y")?.bitPattern, "\(c.id) knee_y")
        }
    }

    func testEveryExtraCurve() throws {
        let root = try WaveCases.loadJSON("wave2/knee_extra.json")
        let cases = try XCTUnwrap(root["cases"]?.array)
        XCTAssertGreaterThanOrEqual(cases.count, 300)
        var found = 0, none = 0, nullY = 0
        for c in cases {
            let id = c["id"]!.string!
            let x = c["x"]!.doubles!, y = c["y"]!.doubles!
            let knee = try kneedle(
                x: x, y: y, sensitivity: c["S"]!.double!, curve: KneeCurve(rawValue: c["curve"]!.string!)!,
                direction: KneeDirection(rawValue: c["direction"]!.string!)!, online: c["online"]!.bool!)
            let expectedKnee = c["knee"]!.isNull ? nil : c["knee"]!.double
            let expectedY = c["knee_y"]!.isNull ? nil : c["knee_y"]!.double
            XCTAssertEqual(knee?.x.bitPattern, expectedKnee?.bitPattern, "\(id) knee")
            XCTAssertEqual(knee?.y?.bitPattern, expectedY?.bitPattern, "\(id) knee_y")
            if expectedKnee == nil { none += 1 } else { found += 1 }
            if expectedKnee != nil && expectedY == nil { nullY += 1 }
        }
        XCTAssertGreaterThan(none, 10)
        XCTAssertGreaterThan(found, 100)
        XCTAssertGreaterThan(nullY, 3)
    }

    func testChordMethodIsTheSeedRule() throws {
        let x: [Double] = Array(1...9).map(Double.init)
        let y: [Double] = [100, 40, 20, 15, 12, 10, 9, 8.5, 8]
        let knee = try KneeLocator(method: .chord).locate(x: x, y: y)
        XCTAssertEqual(knee?.index, kneeIndex(x: x, y: y))
        XCTAssertEqual(knee?.y, y[knee!.index])
    }

    func testPlateauAndEdges() throws {
        // One point, a constant curve: no knee (kneed returns None).
        XCTAssertNil(try kneedle(x: [1], y: [2]))
        XCTAssertNil(try kneedle(x: [1, 2, 3], y: [1, 1, 1]))
        XCTAssertEqual(try kneedle(x: [1, 2, 3, 4], y: [1, 5, 6, 6.5])?.x, 2)
        XCTAssertEqual(try kneedle(x: [3, 1, 2, 4], y: [6, 1, 5, 6.5])?.x, 3)
        XCTAssertEqual(try kneedle(x: [0, 1, 2, 3], y: [10, 2, 1, 0.5], curve: .convex, direction: .decreasing)?.x, 1)
        XCTAssertThrowsError(try kneedle(x: [], y: []))
        XCTAssertThrowsError(try kneedle(x: [1, 2], y: [1]))
        XCTAssertThrowsError(try kneedle(x: [1, 2, 3], y: [1, .nan, 3]))
        XCTAssertThrowsError(try kneedle(x: [1, 2, 3], y: [1, 2, 3], sensitivity: .infinity))
    }
}
