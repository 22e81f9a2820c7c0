import ArgumentParser
import Foundation
import VisualDiff

/// `clusterplot update`: deliberately rewrites goldens from fresh renders.
struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Rewrite golden images from fresh renders and record them in manifest.json.",
        discussion: """
        Reads clusterplot.yaml like check. With no selection flag, rewrites failing and missing goldens \
        (goldens within tolerance are left alone); a golden whose pixels (or normalised PDF, SVG bytes, \
        numbers) did not change is never rewritten. Refuses when the CI environment variable is set, \
        unless --force. Exit status: 0 done, 2 refused, invalid input or render error.
        """)

    @OptionGroup var locations: SuiteOptions
    @Flag(help: "Rewrite goldens that fail the check.")
    var failed = false
    @Flag(help: "Record goldens that do not exist yet.")
    var missing = false
    @Flag(help: "Rewrite every golden whose content changed.")
    var all = false
    @Flag(help: "Remove orphaned goldens (that no config produces) and their manifest records.")
    var prune = false
    @Flag(help: "Update even when CI is set.")
    var force = false
    @OptionGroup var tolerance: ToleranceOptions

    func run() throws {
        var selection: GoldenUpdateSelection = []
        if failed { selection.insert(.failed) }
        if missing { selection.insert(.missing) }
        if all { selection.formUnion(.all) }
        if selection.isEmpty && !prune { selection = [.failed, .missing] }
        if prune { selection.insert(.prune) }
        let settings = try SuiteSettings.resolve(locations, tolerance: tolerance)
        let suite = settings.suite
        do {
            let s = try suite.update(selection, force: force)
            for name in s.written { print("wrote \(suite.goldenDirectory.appendingPathComponent(name).path)") }
            for name in s.pruned { print("removed \(suite.goldenDirectory.appendingPathComponent(name).path)") }
            print("\(s.written.count) golden(s) written, \(s.unchanged.count) unchanged\(prune ? ", \(s.pruned.count) removed" : ""); manifest: \(suite.goldenDirectory.appendingPathComponent(GoldenManifest.fileName).path)")
            if !prune && !s.check.orphans.isEmpty {
                print("\(s.check.orphans.count) orphaned golden(s) (\(s.check.orphans.prefix(3).joined(separator: ", "))\(s.check.orphans.count > 3 ? ", …" : "")); remove them with --prune")
            }
        } catch {
            printError(VisualDiffError.reason(error)); throw ExitCode(2)
        }
    }
}
