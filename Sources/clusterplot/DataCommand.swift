import ArgumentParser
import FigureConfig
import Foundation
import Gallery

/// `clusterplot data PATH` — the numbers behind a figure as JSON.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Print the numbers behind a figure as JSON.",
        discussion: """
        Prints one JSON object on stdout: columns, points, blob_labels (for blobs data), and one object \
        per analysis under its config key: \(AnalysisKind.registry.map { "\($0.key) (\($0.summary))" }.joined(separator: "; ")). \
        Floats are written in shortest round-trip form, so parsing them gives back the same bits. \
        Exit status: 0, 2 invalid config, 1 other failure.
        """
    )

    @Argument(help: "A config file.", completion: .file(extensions: ["yaml", "yml"]))
    var path: String

    @OptionGroup var overrides: OverrideOptions

    @Flag(name: .long, help: "Print compact JSON on one line.")
    var compact = false

    func run() throws {
        let parsed = try overrides.parsed()
        do {
            let result = try Gallery.data(path: path, overrides: parsed, indent: compact ? 0 : 1)
            result.warnings.forEach(CLISupport.stderr)
            FileHandle.standardOutput.write(Data((result.json + "\n").utf8))
        } catch {
            throw ExitCode(CLISupport.report(error, file: path))
        }
    }
}
