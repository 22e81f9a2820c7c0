import ArgumentParser
import FigureConfig
import Foundation

/// The `clusterplot` command: renders clustering figures from YAML configs.
@main
struct ClusterPlot: ParsableCommand {
    static let version = "0.2.0"

    static let configuration = CommandConfiguration(
        commandName: "clusterplot",
        abstract: "Render publication-quality clustering figures from YAML configs with Cairo.",
        discussion: "No desktop, no browser, no Python: PNG, PDF and SVG straight from a config file.",
        version: version,
        subcommands: [RenderCommand.self, DataCommand.self, ValidateCommand.self, InitCommand.self,
                      CompareCommand.self, CheckCommand.self, UpdateCommand.self, HandoutCommand.self, AnimateCommand.self,
                      WatchCommand.self]
    )

    /// The subcommands' names, spelt out: asking each subcommand for its name builds its whole
    /// configuration (about 0.7 ms of every start-up). `CLITests` checks them against `subcommands`.
    static let commandNames = ["render", "data", "validate", "init", "compare", "check", "update", "handout", "animate", "watch"]

    /// Runs the command line; a first word that is no command gets a "did you mean" line (exit 64).
    static func main() {
        if let first = CommandLine.arguments.dropFirst().first, !first.hasPrefix("-"), first != "help",
           !commandNames.contains(first) {
            CLISupport.stderr("clusterplot: unknown command \(Echo.quoted(first))\(Spelling.hint(for: first, among: commandNames)) (commands: \(commandNames.joined(separator: ", ")))")
            Foundation.exit(64)
        }
        main(nil)
    }
}
