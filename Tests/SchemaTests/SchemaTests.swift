import Foundation
import Gallery
import XCTest

/// schema/figure-config.schema.json is what the key declarations generate, and the seed configs
/// validate against it with Python's jsonschema when that is installed.
final class SchemaTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schema = repo.appendingPathComponent("schema/figure-config.schema.json")
    static let documentSchema = repo.appendingPathComponent("schema/document-config.schema.json")

    /// `generated` is what `file` holds (regenerated first with `CLUSTERPLOT_UPDATE_SCHEMA=1`); its
    /// top-level property names.
    func committed(_ generated: String, in file: URL) throws -> Set<String> {
        if ProcessInfo.processInfo.environment["CLUSTERPLOT_UPDATE_SCHEMA"] == "1" {
            try generated.write(to: file, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), generated,
                       "\(file.lastPathComponent) is stale: regenerate it with CLUSTERPLOT_UPDATE_SCHEMA=1 swift test --filter SchemaTests")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(generated.utf8)) as? [String: Any])
        XCTAssertEqual(json["additionalProperties"] as? Bool, false)
        return Set(try XCTUnwrap(json["properties"] as? [String: Any]).keys)
    }

    func testCommittedSchemaIsTheGeneratedOne() throws {
        XCTAssertEqual(try committed(JSONSchemaExport.figureConfigText(), in: Self.schema),
                       ["figure", "data", "clustering", "panels", "output", "description", "comparison"])
    }

    /// schema/document-config.schema.json is what ``DocumentSchema`` generates.
    func testCommittedDocumentSchemaIsTheGeneratedOne() throws {
        XCTAssertEqual(try committed(JSONSchemaExport.documentConfigText(), in: Self.documentSchema), ["document", "blocks"])
    }

    /// Runs a validation script over `files` against `schema`; a misspelt `bad` document must fail.
    func validate(_ files: [String], against schema: URL, misspelt bad: String) throws -> (Int32, String) {
        let script = """
        import json, sys, yaml, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        bad = 0
        for path in sys.argv[3:]:
            try:
                jsonschema.validate(yaml.safe_load(open(path)), schema)
            except jsonschema.ValidationError as e:
                bad += 1; print(path, e.message)
        try:
            jsonschema.validate(json.loads(sys.argv[2]), schema); print("misspelt key accepted"); bad += 1
        except jsonschema.ValidationError:
            pass
        sys.exit(1 if bad else 0)
        """
        let python = ProcessInfo.processInfo.environment["CLUSTERPLOT_PYTHON"] ?? "/usr/bin/env"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = (python == "/usr/bin/env" ? ["python3"] : []) + ["-c", script, schema.path, bad] + files
        let out = Pipe(); p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    /// Every handout and deck of Fixtures/handouts validates against the document schema; a
    /// misspelt slide key does not.
    func testHandoutsValidateWithJSONSchema() throws {
        try skipWithoutJSONSchema()
        let dir = Self.repo.appendingPathComponent("Fixtures/handouts")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { dir.appendingPathComponent($0).path }
        XCTAssertGreaterThanOrEqual(files.count, 4)
        let (status, text) = try validate(files, against: Self.documentSchema, misspelt: #"{"blocks": [{"slide": {"titel": "T"}}]}"#)
        XCTAssertEqual(status, 0, text)
    }

    func skipWithoutJSONSchema() throws {
        let python = ProcessInfo.processInfo.environment["CLUSTERPLOT_PYTHON"] ?? "/usr/bin/env"
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = (python == "/usr/bin/env" ? ["python3"] : []) + ["-c", "import jsonschema, yaml"]
        probe.standardError = Pipe(); probe.standardOutput = Pipe()
        try probe.run(); probe.waitUntilExit()
        // make deps installs python3-jsonschema and python3-yaml; CI must not skip.
        if ProcessInfo.processInfo.environment["CI"] != nil { XCTAssertEqual(probe.terminationStatus, 0, "python3-jsonschema missing in CI") }
        try XCTSkipIf(probe.terminationStatus != 0, "python3 with jsonschema and PyYAML not available")
    }

    /// The seed configs validate, a misspelt key does not (python3 with jsonschema; skipped without).
    func testSeedConfigsValidateWithJSONSchema() throws {
        try skipWithoutJSONSchema()
        let configs = try FileManager.default.contentsOfDirectory(atPath: Self.repo.appendingPathComponent("Fixtures/configs").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { Self.repo.appendingPathComponent("Fixtures/configs/\($0)").path }
        let (status, text) = try validate(configs, against: Self.schema, misspelt: #"{"figure": {"sise": [4, 3]}}"#)
        XCTAssertEqual(status, 0, text)
    }
}
