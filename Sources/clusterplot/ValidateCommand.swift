import ArgumentParser
import FigureConfig
import Foundation

/// `clusterplot validate PATH...` — checks configs (and the CSV files they read) without rendering.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check configs without rendering.",
        discussion: """
        Reads each config (a file, or every *.yaml/*.yml in a folder), applies the --set overrides and \
        checks every key, value and CSV file. Problems are printed one per line as \
        FILE:LINE:COLUMN: message (key.path). Exit status: 0 all valid, 2 some invalid.
        """
    )

    @Argument(help: "Config files or folders of configs.")
    var paths: [String]

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a config key, e.g. data.blobs.samples=500 (repeatable).", valueName: "key=value"))
    var overrides: [String] = []

    @Flag(name: .shortAndLong, help: "Print nothing for valid configs.")
    var quiet = false

    func run() throws {
        let parsed = try CLISupport.parseOverrides(overrides)
        let (files, pathErrors) = ConfigFiles.expand(paths)
        pathErrors.forEach(CLISupport.printError)
        var invalid = pathErrors.count
        for file in files {
            do {
                let spec = try ConfigLoader.load(path: file, overrides: parsed)
                if !quiet { print("\(file): ok (\(spec.panels.count) panel\(spec.panels.count == 1 ? "" : "s"), \(Int(spec.figure.width * (spec.output.dpi ?? spec.figure.dpi)))×\(Int(spec.figure.height * (spec.output.dpi ?? spec.figure.dpi))) px)") }
            } catch {
                error.errors.forEach(CLISupport.printError)
                invalid += 1
            }
        }
        if invalid > 0 {
            CLISupport.stderr("\(invalid) of \(files.count + pathErrors.count) config\(files.count + pathErrors.count == 1 ? "" : "s") invalid")
            throw ExitCode(2)
        }
    }
}

/// Small helpers shared by the gallery commands (printing and argument conversion only).
enum CLISupport {
    static func stderr(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func printError(_ e: ConfigError) { stderr(e.description) }

    /// Parses `--set` arguments; a malformed one ends the command with status 2.
    static func parseOverrides(_ args: [String]) throws -> [Override] {
        var out: [Override] = []
        for a in args {
            do { out.append(try Override(parsing: a)) } catch let e as ConfigError {
                printError(e)
                throw ExitCode(2)
            }
        }
        return out
    }
}
