import ArgumentParser

/// The `clusterplot` command: renders clustering figures from YAML configs.
@main
struct ClusterPlot: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "clusterplot",
        abstract: "Render publication-quality clustering figures from YAML configs with Cairo.",
        discussion: "No desktop, no browser, no Python: PNG, PDF and SVG straight from a config file.",
        version: version,
        subcommands: [RenderCommand.self, DataCommand.self, ValidateCommand.self, InitCommand.self,
                      CompareCommand.self, CheckCommand.self, UpdateCommand.self, HandoutCommand.self, AnimateCommand.self,
                      WatchCommand.self]
    )
}
