import Foundation
import XCTest
@testable import Clustering

/// The wave-2 reference families (`Fixtures/reference/wave2/<family>.json`, copied from
/// `../shared/reference/wave2`) and the input points of their cases.
///
/// ```swift
/// let family = try WaveCases.load("dbscan")
/// for c in family.cases {
///     let input = try c.input()            // points built from config.data, digest checked
///     let eps = try c.clustering("dbscan").double("eps")
///     let labels = try c.expectInts("labels")
/// }
/// ```
///
/// To use a family: copy `<family>.json` into `Fixtures/reference/wave2/` and the CSVs it names
/// into `Fixtures/reference/wave2/csv/`. `ToyDatasetTests.testEveryFamilyInputMatchesItsDigest`
/// then checks every case's input of every family present against its `points_digest`
/// (all 84 digests of the nine wave-2 families were checked when this was written).
/// Files: WaveJSON.swift (typed JSON with exact numbers), WaveData.swift (the `config.data`
/// builder), WaveDigest.swift (SHA-256 and the digest), this file (families, cases, assertions).
enum WaveCases {
    /// `Fixtures/reference/wave2` of this checkout.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reference/wave2")

    /// Loads `<family>.json`.
    static func load(_ family: String) throws -> WaveFamily {
        try WaveFamily(url: directory.appendingPathComponent("\(family).json"))
    }

    /// Loads any JSON file below `Fixtures/reference` (e.g. `"local/dbscan_brute.json"`).
    static func loadJSON(_ relativePath: String) throws -> JSONValue {
        let url = directory.deletingLastPathComponent().appendingPathComponent(relativePath)
        return try JSONValue.parse([UInt8](try Data(contentsOf: url)))
    }
}

/// A problem with a reference file or a case's configuration (not a test failure by itself).
struct WaveCaseError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One `<family>.json`: its header fields and cases.
struct WaveFamily {
    /// The family name (`"dbscan"`).
    let name: String
    /// The file's `call` text: the exact Python call the numbers come from.
    let call: String
    /// The whole document (versions, n_threads, …).
    let root: JSONValue
    /// The cases, in file order.
    let cases: [WaveCase]

    init(url: URL) throws {
        root = try JSONValue.parse([UInt8](try Data(contentsOf: url)))
        name = root["family"]?.string ?? url.deletingPathExtension().lastPathComponent
        call = root["call"]?.string ?? ""
        guard let list = root["cases"]?.array else { throw WaveCaseError("\(url.lastPathComponent): no cases array") }
        cases = try list.map { try WaveCase($0) }
    }

    /// The case with this id.
    func `case`(_ id: String) throws -> WaveCase {
        guard let c = cases.first(where: { $0.id == id }) else { throw WaveCaseError("no case \(id) in \(name)") }
        return c
    }
}

/// One reference case: `{id, config: {data, clustering}, expect}` (silhouette cases also carry
/// `config_scores`, available through `raw`).
struct WaveCase {
    let id: String
    /// `config` as a JSON dictionary.
    let config: [String: JSONValue]
    /// `expect` as a JSON dictionary.
    let expect: [String: JSONValue]
    /// The whole case object.
    let raw: JSONValue

    init(_ value: JSONValue) throws {
        guard let id = value["id"]?.string else { throw WaveCaseError("case without id") }
        self.id = id
        config = value["config"]?.object ?? [:]
        expect = value["expect"]?.object ?? [:]
        raw = value
    }

    /// `config.data`.
    var data: [String: JSONValue] { config["data"]?.object ?? [:] }

    /// `config.clustering` (e.g. `{"dbscan": {"eps": 0.3, "min_samples": 10}}`).
    var clusteringConfig: [String: JSONValue] { config["clustering"]?.object ?? [:] }

    /// The parameters of one analysis in `config.clustering` (`clustering("dbscan")`).
    func clustering(_ analysis: String) throws -> WaveParameters {
        guard let p = clusteringConfig[analysis]?.object else {
            throw WaveCaseError("\(id): config.clustering has no \(analysis)")
        }
        return WaveParameters(owner: "\(id) clustering.\(analysis)", values: p)
    }

    /// The case's input points and generator labels, built from `config.data`. When the case has a
    /// `points_digest` and `checkDigest` is true, a mismatch throws (the data differ, so comparing
    /// the algorithm's output would be meaningless).
    func input(checkDigest: Bool = true) throws -> WaveInput {
        let built = try WaveData.build(data, owner: "\(id) data")
        if checkDigest, let digest = expect["points_digest"]?.string {
            let ours = WaveDigest.points(built.points)
            guard ours == digest else {
                throw WaveCaseError("\(id): the input points differ from the reference (digest \(ours), expected \(digest))")
            }
        }
        return built
    }

    // MARK: expect accessors (throw with the case id when a key is missing or mistyped)

    func expectValue(_ key: String) throws -> JSONValue {
        guard let v = expect[key] else { throw WaveCaseError("\(id): expect has no \(key)") }
        return v
    }

    /// `expect[key]` as doubles (shortest-repr decimals parsed with `Double(_:)`).
    func expectDoubles(_ key: String) throws -> [Double] {
        guard let v = try expectValue(key).doubles else { throw WaveCaseError("\(id): expect.\(key) is not a number array") }
        return v
    }

    /// `expect[key]` as integers.
    func expectInts(_ key: String) throws -> [Int] {
        guard let v = try expectValue(key).ints else { throw WaveCaseError("\(id): expect.\(key) is not an integer array") }
        return v
    }

    /// `expect[key]` (rows of numbers) as a matrix.
    func expectMatrix(_ key: String) throws -> DataMatrix {
        guard let r = try expectValue(key).rows else { throw WaveCaseError("\(id): expect.\(key) is not a matrix") }
        return try DataMatrix(r)
    }

    /// `expect[key]` as one double.
    func expectDouble(_ key: String) throws -> Double {
        guard let v = try expectValue(key).double else { throw WaveCaseError("\(id): expect.\(key) is not a number") }
        return v
    }

    /// `expect[key]` as one double, `nil` for JSON `null` (e.g. "no knee").
    func expectOptionalDouble(_ key: String) throws -> Double? {
        let v = try expectValue(key)
        if v.isNull { return nil }
        guard let d = v.double else { throw WaveCaseError("\(id): expect.\(key) is neither a number nor null") }
        return d
    }

    /// `expect[key]` as one integer.
    func expectInt(_ key: String) throws -> Int {
        guard let v = try expectValue(key).int else { throw WaveCaseError("\(id): expect.\(key) is not an integer") }
        return v
    }
}

/// A case's input: the points and, where the generator has them, its labels (`y`).
struct WaveInput {
    /// The final points (after `transform` and `scale`).
    let points: DataMatrix
    /// The generator's labels: blobs' centre index, moons' / circles' class; for `concat` the blob
    /// rows' labels and −1 for the other rows; `nil` for `uniform` and `csv`.
    let generatorLabels: [Int]?
}

/// Typed access to a JSON object of parameters, with errors naming where the object came from.
struct WaveParameters {
    let owner: String
    let values: [String: JSONValue]

    subscript(key: String) -> JSONValue? { values[key] }

    func has(_ key: String) -> Bool { values[key] != nil && values[key] != .null }

    func double(_ key: String, default fallback: Double? = nil) throws -> Double {
        if let v = values[key], !v.isNull {
            guard let d = v.double else { throw WaveCaseError("\(owner).\(key) must be a number, got \(v)") }
            return d
        }
        guard let f = fallback else { throw WaveCaseError("\(owner) has no \(key)") }
        return f
    }

    /// A number, or `nil` when missing or `null`.
    func optionalDouble(_ key: String) throws -> Double? {
        guard let v = values[key], !v.isNull else { return nil }
        guard let d = v.double else { throw WaveCaseError("\(owner).\(key) must be a number or null, got \(v)") }
        return d
    }

    func int(_ key: String, default fallback: Int? = nil) throws -> Int {
        if let v = values[key], !v.isNull {
            guard let i = v.int else { throw WaveCaseError("\(owner).\(key) must be an integer, got \(v)") }
            return i
        }
        guard let f = fallback else { throw WaveCaseError("\(owner) has no \(key)") }
        return f
    }

    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let v = values[key], !v.isNull else { return fallback }
        guard let b = v.bool else { throw WaveCaseError("\(owner).\(key) must be true or false, got \(v)") }
        return b
    }

    func string(_ key: String, default fallback: String? = nil) throws -> String {
        if let v = values[key], !v.isNull {
            guard let s = v.string else { throw WaveCaseError("\(owner).\(key) must be a string, got \(v)") }
            return s
        }
        guard let f = fallback else { throw WaveCaseError("\(owner) has no \(key)") }
        return f
    }

    /// A number or a list of numbers (`std: 1.5` / `std: [1, 2]`).
    func numberOrList(_ key: String) throws -> (scalar: Double?, list: [Double]?) {
        guard let v = values[key], !v.isNull else { return (nil, nil) }
        if let d = v.double { return (d, nil) }
        if let l = v.doubles { return (nil, l) }
        throw WaveCaseError("\(owner).\(key) must be a number or a list of numbers, got \(v)")
    }

    /// Throws when the object has a key outside `allowed` (catches misspelt configs).
    func requireOnly(_ allowed: Set<String>) throws {
        for key in values.keys where !allowed.contains(key) {
            throw WaveCaseError("\(owner): unknown key \(key) (known: \(allowed.sorted().joined(separator: ", ")))")
        }
    }
}

// MARK: - Bit-pattern assertions for matrices and labels

/// Asserts that two matrices have the same shape and identical bit patterns (−0.0 ≠ +0.0).
func assertBits(
    _ actual: DataMatrix, _ expected: DataMatrix, _ what: String, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(actual.rows, expected.rows, "\(what): rows", file: file, line: line)
    XCTAssertEqual(actual.columns, expected.columns, "\(what): columns", file: file, line: line)
    guard actual.rows == expected.rows, actual.columns == expected.columns else { return }
    assertBits(actual.values, expected.values, what, file: file, line: line)
}

/// Asserts two integer arrays are equal, reporting the number of differences and the first one
/// (clearer than XCTAssertEqual's dump of two long arrays).
func assertSameInts(
    _ actual: [Int], _ expected: [Int], _ what: String, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(actual.count, expected.count, "\(what): count", file: file, line: line)
    let diffs = zip(actual, expected).enumerated().filter { $0.element.0 != $0.element.1 }
    if let first = diffs.first {
        XCTFail(
            "\(what): \(diffs.count) of \(expected.count) differ; first at index \(first.offset): got \(first.element.0), expected \(first.element.1)",
            file: file, line: line)
    }
}
