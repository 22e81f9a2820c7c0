import ArgumentParser
import FigureConfig
import Foundation
import Gallery

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

    @Argument(help: "Config files or folders of configs.", completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String]

    @OptionGroup var overrides: OverrideOptions

    @Flag(name: .shortAndLong, help: "Print nothing for valid configs.")
    var quiet = false

    func run() throws {
        let parsed = try overrides.parsed()
        let (files, pathErrors) = ConfigFiles.expand(paths)
        pathErrors.forEach(CLISupport.printError)
        var invalid = pathErrors.count
        for file in files {
            do {
                let spec = try Gallery.validate(path: file, overrides: parsed)
                spec.warnings.map(\.warningDescription).forEach(CLISupport.stderr)
                if !quiet { print("\(file): ok (\(spec.panels.count) panel\(spec.panels.count == 1 ? "" : "s"), \(Int(spec.figure.width * (spec.output.dpi ?? spec.figure.dpi)))×\(Int(spec.figure.height * (spec.output.dpi ?? spec.figure.dpi))) px)") }
            } catch {
                _ = CLISupport.report(error, file: file)
                invalid += 1
            }
        }
        if invalid > 0 {
            CLISupport.stderr("\(invalid) of \(files.count + pathErrors.count) config\(files.count + pathErrors.count == 1 ? "" : "s") invalid")
            throw ExitCode(2)
        }
    }
}
