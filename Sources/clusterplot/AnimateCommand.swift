import ArgumentParser
import FigureConfig
import Foundation
import Gallery

/// `clusterplot animate CONFIG [-o OUT.png]` — the K-Means iterations as an animated PNG.
struct AnimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "animate",
        abstract: "Render a config's iteration facets as an animated PNG (APNG), one frame per iteration.",
        discussion: """
        The frame delay is the config's lloyd_trace.frame_delay (the app's "sleep interval" slider) \
        unless --delay is given. Viewers without APNG support show the first iteration. \
        Exit status: 0, 2 invalid config, 1 other failure.
        """
    )

    @Argument(help: "A figure config with a lloyd_trace and an iteration facet.")
    var path: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Output file (default: out/<config stem>.apng.png).", valueName: "OUT.png"))
    var output: String?

    @Option(help: "Seconds between frames (default: the config's frame_delay).")
    var delay: Double?

    @Option(help: "Pixels per inch of the frames.")
    var dpi: Double?

    func run() throws {
        if let d = delay, !(d >= 0 && d <= 65.535) {
            CLISupport.stderr("--delay: must be between 0 and 65.535 seconds, got \(d)")
            throw ExitCode(2)
        }
        if let d = dpi, !(d > 0 && d <= 1200) {
            CLISupport.stderr("--dpi: must be between 0 and 1200, got \(d)")
            throw ExitCode(2)
        }
        let out = output ?? "out/" + URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".apng.png"
        let result: (png: [UInt8], frames: Int, delay: Double)
        do {
            result = try IterationFigures.animation(config: path, delay: delay, dpi: dpi)
        } catch {
            throw ExitCode(CLISupport.report(error, file: path))
        }
        try CLISupport.write(result.png, to: out, creatingFolder: output == nil)
        print("wrote \(out) (\(result.frames) frames, \(result.delay) s each)")
    }
}
