import ArgumentParser
import FigureConfig
import Foundation
import Gallery
import Plotting
import VisualDiff

/// Where `check` and `update` get rendered figures from: the Gallery pipeline, PNG and PDF.
enum FigureRendering {
    /// Renders a config to PNG and PDF bytes (whatever the config's own `output.formats`).
    static func make() -> FigureRenderer {
        return { config in
            let formats = try Override(parsing: "output.formats=[png, pdf]", option: "check")
            let rendered = try Gallery.render(path: config.path, overrides: [formats], threads: 1)
            var out: [String: [UInt8]] = [:]
            for o in rendered.outputs { out[o.format.rawValue] = o.bytes }
            return out
        }
    }
}

/// Folder options shared by `check` and `update`.
struct GoldenLocations: ParsableArguments {
    @Option(help: "Folder of figure configs (*.yaml).")
    var configs = "Fixtures/configs"
    @Option(help: "Folder of golden images and manifest.json.")
    var golden = "Fixtures/golden"
    @Option(help: "Configs rendered at once (default: one per core).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount
}

/// `clusterplot check`: renders every config and compares it with its golden (read-only).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Render every config and compare it with its golden image (never writes goldens).",
        discussion: """
        Exit status: 0 all pass, 1 regression, 3 golden missing, 2 config or render error \
        (the first that applies in the order 2, 1, 3). Per-golden tolerances in the manifest win over \
        the tolerance flags, which replace the built-in defaults.
        """)

    @OptionGroup var locations: GoldenLocations
    @Option(help: "Write a self-contained HTML report to DIR/index.html.")
    var report: String?
    @Option(help: "Write JUnit XML to FILE.")
    var junit: String?
    @Flag(help: "Print only failures and the summary.")
    var quiet = false
    @OptionGroup var tolerance: ToleranceOptions

    func run() throws {
        let suite: GoldenSuite
        do {
            let tol = try tolerance.tolerance()
            suite = GoldenSuite(configs: URL(fileURLWithPath: locations.configs), golden: URL(fileURLWithPath: locations.golden),
                                renderer: FigureRendering.make(), defaultTolerance: tol, forcesExact: tolerance.exact,
                                jobs: locations.jobs)
        } catch { printError("\(error)"); throw ExitCode(2) }
        let result: GoldenCheckReport
        do { result = try suite.check(keepsImages: report != nil) } catch {
            printError("\(error)"); throw ExitCode(2)
        }
        for e in result.renderErrors { print("ERROR \(e.config.lastPathComponent): \(e.message)") }
        for c in result.cases where !(quiet && c.status == .passed) {
            let label = ["passed": "PASS", "failed": "FAIL", "missing": "MISSING", "error": "ERROR"][c.status.rawValue]!
            var message = Substring(c.message)
            for prefix in ["PASS ", "FAIL: ", "FAIL "] where message.hasPrefix(prefix) { message = message.dropFirst(prefix.count); break }
            print("\(label) \(c.name): \(message)")
        }
        do {
            if let report {
                let dir = URL(fileURLWithPath: report)
                if let reason = Folders.create(dir.path) {
                    throw VisualDiffError.unreadable("\(dir.path): cannot create the report folder (\(reason))")
                }
                try AtomicFile.write(Array(GoldenReport.html(result).utf8), to: dir.appendingPathComponent("index.html"))
                print("report: \(dir.appendingPathComponent("index.html").path)")
            }
            if let junit {
                try AtomicFile.write(Array(GoldenReport.junit(result).utf8), to: URL(fileURLWithPath: junit))
            }
        } catch { printError("\(error)"); throw ExitCode(2) }
        print(result.summary)
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }
}
