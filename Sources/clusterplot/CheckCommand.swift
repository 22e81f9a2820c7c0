import ArgumentParser
import Foundation
import Plotting
import VisualDiff

/// Where `check` and `update` get rendered figures from.
enum FigureRendering {
    /// Renders a config to PNG and PDF bytes through the Gallery pipeline.
    static func make() -> FigureRenderer {
        return { config in
            throw ValidationError("\(config.path): rendering configs needs the Gallery module, which is not merged yet")
        }
    }
}

/// Folder options shared by `check` and `update`.
struct GoldenLocations: ParsableArguments {
    @Option(help: "Folder of figure configs (*.yaml).")
    var configs = "Fixtures/configs"
    @Option(help: "Folder of golden images and manifest.json.")
    var golden = "Fixtures/golden"
    @Option(help: "Configs rendered at once.")
    var jobs = 1
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
            print("\(c.status.rawValue.uppercased()) \(c.name): \(c.message)")
        }
        do {
            if let report {
                let dir = URL(fileURLWithPath: report)
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
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
