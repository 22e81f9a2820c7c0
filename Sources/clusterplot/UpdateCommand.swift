import ArgumentParser
import Foundation
import VisualDiff

/// `clusterplot update`: deliberately rewrites goldens from fresh renders.
struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Rewrite golden images from fresh renders and record them in manifest.json.",
        discussion: """
        With no selection flag, rewrites failing and missing goldens (goldens within tolerance are \
        left alone). Refuses when the CI environment variable is set, unless --force. \
        Exit status: 0 done, 2 refused or render error.
        """)

    @OptionGroup var locations: GoldenLocations
    @Flag(help: "Rewrite goldens that fail the check.")
    var failed = false
    @Flag(help: "Record goldens that do not exist yet.")
    var missing = false
    @Flag(help: "Rewrite every golden.")
    var all = false
    @Flag(help: "Update even when CI is set.")
    var force = false

    func run() throws {
        var selection: GoldenUpdateSelection = []
        if failed { selection.insert(.failed) }
        if missing { selection.insert(.missing) }
        if all { selection = .all }
        if selection.isEmpty { selection = [.failed, .missing] }
        let suite = GoldenSuite(configs: URL(fileURLWithPath: locations.configs), golden: URL(fileURLWithPath: locations.golden),
                                renderer: FigureRendering.make(), jobs: locations.jobs)
        do {
            let s = try suite.update(selection, force: force)
            for name in s.written { print("wrote \(suite.goldenDirectory.appendingPathComponent(name).path)") }
            print("\(s.written.count) golden(s) written, \(s.unchanged.count) unchanged; manifest: \(suite.goldenDirectory.appendingPathComponent(GoldenManifest.fileName).path)")
        } catch {
            printError("\(error)"); throw ExitCode(2)
        }
    }
}
