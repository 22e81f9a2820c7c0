import ArgumentParser
import FigureConfig
import Foundation
import Gallery

/// `clusterplot data PATH` — the numbers behind a figure as JSON, or every row with its cluster as CSV.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Print the numbers behind a figure as JSON, or the rows with their clusters as CSV.",
        discussion: """
        JSON (the default): one object on stdout: columns, points (the clustered columns, after scale), \
        pca (with data.pca), missing (with missing: drop), blob_labels (for blobs data), and one object \
        per analysis under its config key: \(AnalysisKind.registry.map { "\($0.key) (\($0.summary))" }.joined(separator: "; ")). \
        Floats are written in shortest round-trip form, so parsing them gives back the same bits. \
        CSV (--format csv): every record of the source in its original order with its cluster (0-based), \
        the cluster's name, the distance to its centre (k-means) and why a dropped row has none. \
        Exit status: 0, 2 invalid config, 1 other failure; nothing is printed on stdout on failure.
        """
    )

    /// What `data` prints.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv
    }

    @Argument(help: "A config file.", completion: .file(extensions: ["yaml", "yml"]))
    var path: String

    @OptionGroup var overrides: OverrideOptions

    @Flag(name: .long, help: "Print compact JSON on one line.")
    var compact = false

    @Option(name: .long, help: "json (default) or csv (every row with its cluster).")
    var format: Format = .json

    @Option(name: .long, help: ArgumentHelp("With --format csv: the analysis whose clusters are written (default: the first).", valueName: "analysis"))
    var of: String?

    func run() throws {
        let parsed = try overrides.parsed()
        do {
            let text: String, warnings: [String]
            switch format {
            case .json:
                let result = try Gallery.data(path: path, overrides: parsed, indent: compact ? 0 : 1)
                (text, warnings) = (result.json + "\n", result.warnings)
            case .csv:
                (text, warnings) = try Gallery.assignments(path: path, overrides: parsed, of: of)
            }
            warnings.forEach(CLISupport.stderr)
            FileHandle.standardOutput.write(Data(text.utf8))
        } catch {
            throw ExitCode(CLISupport.report(error, file: path))
        }
    }
}
