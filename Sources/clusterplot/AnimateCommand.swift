import ArgumentParser
import FigureConfig
import Foundation
import Gallery

/// `clusterplot animate CONFIG [-o OUT.gif|.png|.mp4]` — the K-Means iterations as an animation.
struct AnimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "animate",
        abstract: "Render a config's iteration facets as an animation (GIF, APNG or MP4), one frame per iteration.",
        discussion: """
        The output's extension picks the format: .gif (plays in browsers, PowerPoint, Keynote and \
        Google Slides), .png (APNG: browsers; slide tools show the first frame) or .mp4 (through \
        ffmpeg, when it is installed). Every frame has the same axis limits (figure.share_limits). \
        The frame delay is the config's lloyd_trace.frame_delay (the app's "sleep interval" slider) \
        unless --delay is given. Exit status: 0, 2 invalid config or output name, 1 other failure.
        """
    )

    @Argument(help: "A figure config with a lloyd_trace and an iteration facet.")
    var path: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Output file: .gif, .png (APNG) or .mp4 (default: out/<config stem>.apng.png).", valueName: "OUT"))
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
        guard let format = AnimationFormat(path: out) else {
            let ext = URL(fileURLWithPath: out).pathExtension
            CLISupport.stderr("\(out):1:1: cannot write an animation as '\(ext.isEmpty ? "(no extension)" : "." + ext)'; use \(AnimationFormat.extensions) (--output)")
            throw ExitCode(2)
        }
        let result: (bytes: [UInt8], frames: Int, delay: Double)
        do {
            result = try IterationFigures.animation(config: path, format: format, delay: delay, dpi: dpi)
        } catch let e as AnimationError {
            CLISupport.stderr("\(out): \(e)")
            throw ExitCode(1)
        } catch {
            throw ExitCode(CLISupport.report(error, file: path))
        }
        try CLISupport.write(result.bytes, to: out, creatingFolder: output == nil)
        let kind = ["apng": "APNG", "gif": "GIF", "mp4": "MP4"][format.rawValue]!
        print("wrote \(out) (\(kind), \(result.frames) frame\(result.frames == 1 ? "" : "s"), \(result.delay) s each)")
    }
}
