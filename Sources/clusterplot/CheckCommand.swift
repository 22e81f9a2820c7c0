import ArgumentParser
import FigureConfig
import Foundation
import Gallery
import Plotting
import VisualDiff

/// `clusterplot check`: renders every config and compares it with its golden (read-only).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Render every config and compare it with its golden image (never writes goldens).",
        discussion: """
        Reads clusterplot.yaml (found at or above the working folder) unless --configs and --golden are \
        given. Exit status: 0 all pass, 1 regression, 3 golden missing, 2 config or render error or \
        invalid input (the first that applies in the order 2, 1, 3). Orphaned goldens are reported \
        but do not fail. Per-golden tolerances in the manifest win over the tolerance flags, which \
        replace the built-in defaults (and the project file's).
        """)

    @OptionGroup var locations: SuiteOptions
    @Option(help: ArgumentHelp("Write a self-contained HTML report to DIR/index.html.", valueName: "dir"), completion: .directory)
    var report: String?
    @Option(help: ArgumentHelp("Write JUnit XML to FILE.", valueName: "file"), completion: .file(extensions: ["xml"]))
    var junit: String?
    @Option(help: ArgumentHelp("Write expected/actual/diff PNGs of every failure and summary.json into DIR.", valueName: "dir"),
            completion: .directory)
    var results: String?
    @Flag(help: "Print only failures and the summary.")
    var quiet = false
    @OptionGroup var tolerance: ToleranceOptions

    /// The command that accepts a failing or missing golden, with the user's own selection flags.
    func acceptCommand(_ c: GoldenCaseResult) -> String? {
        let which: String
        switch c.status {
        case .passed: return nil
        case .missing: which = "--missing"
        case .failed, .error: which = "--failed"
        }
        return Shell.line(["clusterplot", "update", which] + locations.selectionArguments + tolerance.arguments + ["--only", c.configPath])
    }

    func run() throws {
        let settings = try SuiteSettings.resolve(locations, tolerance: tolerance)
        let project = settings.project
        let reportDir = report ?? project?.report.map { project!.resolve($0) }
        let junitFile = junit ?? project?.junit.map { project!.resolve($0) }
        let resultsDir = results ?? project?.results.map { project!.resolve($0) }
        let result: GoldenCheckReport
        do { result = try settings.suite.check(keepsImages: reportDir != nil || resultsDir != nil) } catch {
            printError(VisualDiffError.reason(error)); throw ExitCode(2)
        }
        for e in result.renderErrors {
            for line in e.message.split(separator: "\n") { print("ERROR \(e.configPath): \(line)") }
        }
        for c in result.cases where !(quiet && c.status == .passed) {
            let label = ["passed": "PASS", "failed": "FAIL", "missing": "MISSING", "error": "ERROR"][c.status.rawValue]!
            var message = Substring(c.message)
            for prefix in ["PASS ", "FAIL: ", "FAIL "] where message.hasPrefix(prefix) { message = message.dropFirst(prefix.count); break }
            let kind = c.status == .failed ? "\(c.change): " : ""
            let accept = acceptCommand(c).map { " — accept: \($0)" } ?? ""
            print("\(label) \(c.name): \(kind)\(message)\(accept)")
        }
        for o in result.orphans {
            print("ORPHAN \(o): no config produces it — remove: \(Shell.line(["clusterplot", "update", "--prune"] + locations.selectionArguments))")
        }
        do {
            // Every file is made in memory first; folders are created before anything is written.
            var writes: [(URL, [UInt8])] = []
            if let reportDir {
                writes.append((URL(fileURLWithPath: reportDir).appendingPathComponent("index.html"),
                               Array(GoldenReport.html(result, acceptCommand: acceptCommand).utf8)))
            }
            if let junitFile {
                writes.append((URL(fileURLWithPath: junitFile), Array(GoldenReport.junit(result, acceptCommand: acceptCommand).utf8)))
            }
            if let resultsDir {
                for f in try GoldenResults.files(result, acceptCommand: acceptCommand) {
                    writes.append((URL(fileURLWithPath: resultsDir).appendingPathComponent(f.path), f.bytes))
                }
            }
            for folder in Set(writes.map { $0.0.deletingLastPathComponent().path }).sorted() {
                if let reason = Folders.create(folder) {
                    let what = reportDir.map { folder.hasPrefix(URL(fileURLWithPath: $0).path) } == true ? "report" : "output"
                    throw VisualDiffError.unreadable("\(folder): cannot create the \(what) folder (\(reason))")
                }
            }
            for (url, bytes) in writes { try AtomicFile.write(bytes, to: url) }
            if let reportDir { print("report: \(URL(fileURLWithPath: reportDir).appendingPathComponent("index.html").path)") }
            if let resultsDir { print("results: \(resultsDir)") }
        } catch { printError(VisualDiffError.reason(error)); throw ExitCode(2) }
        print(result.summary)
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }
}
