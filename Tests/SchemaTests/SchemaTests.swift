import Foundation
import Gallery
import XCTest

/// schema/figure-config.schema.json is what the key declarations generate, and the seed configs
/// validate against it with Python's jsonschema when that is installed.
final class SchemaTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schema = repo.appendingPathComponent("schema/figure-config.schema.json")

    /// Regenerate with `CLUSTERPLOT_UPDATE_SCHEMA=1 swift test --filter SchemaTests`.
    func testCommittedSchemaIsTheGeneratedOne() throws {
        let generated = JSONSchemaExport.figureConfigText()
        if ProcessInfo.processInfo.environment["CLUSTERPLOT_UPDATE_SCHEMA"] == "1" {
            try generated.write(to: Self.schema, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(try String(contentsOf: Self.schema, encoding: .utf8), generated,
                       "schema/figure-config.schema.json is stale: regenerate it with CLUSTERPLOT_UPDATE_SCHEMA=1")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(generated.utf8)) as? [String: Any])
        let props = try XCTUnwrap(json["properties"] as? [String: Any])
        XCTAssertEqual(Set(props.keys), ["figure", "data", "clustering", "panels", "output", "description", "comparison"])
        XCTAssertEqual(json["additionalProperties"] as? Bool, false)
    }

    /// The seed configs validate, a misspelt key does not (python3 with jsonschema; skipped without).
    func testSeedConfigsValidateWithJSONSchema() throws {
        let script = """
        import json, sys, yaml, jsonschema
        schema = json.load(open(sys.argv[1]))
        bad = 0
        for path in sys.argv[2:]:
            try:
                jsonschema.validate(yaml.safe_load(open(path)), schema)
            except jsonschema.ValidationError as e:
                bad += 1; print(path, e.message)
        try:
            jsonschema.validate({"figure": {"sise": [4, 3]}}, schema); print("misspelt key accepted"); bad += 1
        except jsonschema.ValidationError:
            pass
        sys.exit(1 if bad else 0)
        """
        let python = ProcessInfo.processInfo.environment["CLUSTERPLOT_PYTHON"] ?? "/usr/bin/env"
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: python)
        probe.arguments = (python == "/usr/bin/env" ? ["python3"] : []) + ["-c", "import jsonschema, yaml"]
        probe.standardError = Pipe(); probe.standardOutput = Pipe()
        try probe.run(); probe.waitUntilExit()
        try XCTSkipIf(probe.terminationStatus != 0, "python3 with jsonschema and PyYAML not available")
        let configs = try FileManager.default.contentsOfDirectory(atPath: Self.repo.appendingPathComponent("Fixtures/configs").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { Self.repo.appendingPathComponent("Fixtures/configs/\($0)").path }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = (python == "/usr/bin/env" ? ["python3"] : []) + ["-c", script, Self.schema.path] + configs
        let out = Pipe(); p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, text)
    }
}
