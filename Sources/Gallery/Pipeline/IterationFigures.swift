import Clustering
import FigureConfig
import Foundation
import Plotting

/// A config's Lloyd-trace iterations drawn one panel at a time (iteration slides, animation frames),
/// every iteration with the same axis limits unless `figure.share_limits: none`.
public enum IterationFigures {
    /// Size of one iteration panel drawn on its own, in inches.
    public static let panelSize = (width: 5.0, height: 5.0)

    /// The config's iteration facets, each as a spec with that one panel (and the data computed once).
    /// `keepFonts` keeps the panel's `fontsize` (slides); otherwise the panel, which now has room,
    /// takes the style's normal text sizes (the grid's are 8/6 pt).
    /// - Throws: a located error when the config has no iteration facets.
    public static func specs(_ spec: FigureSpec, data: FigureData, path: String, at location: SourceLocation,
                             keepFonts: Bool = false) throws -> [FigureSpec] {
        let facets = spec.panels.filter { $0.iteration != nil }
        guard !facets.isEmpty, data.results["lloyd_trace"] != nil else {
            throw ConfigError("\(path) has no iteration facets: it needs a lloyd_trace analysis and a panel with 'facet: iteration'",
                              at: location, keyPath: "config")
        }
        return facets.map { panel in
            var single = spec
            var p = panel
            p.row = 0
            p.column = 0
            if !keepFonts { p.fontSizes = FontSizes() }
            single.panels = [p]
            single.figure.rows = 1
            single.figure.columns = 1
            single.figure.width = panelSize.width
            single.figure.height = panelSize.height
            single.figure.suptitle = nil
            return single
        }
    }

    /// The figures of `specs` (from `specs(…)`), their axis limits shared as the config says.
    public static func figures(_ specs: [FigureSpec], data: FigureData) throws -> [Figure] {
        let figures = try specs.map { try FigureBuilder.figure(for: $0, data: data) }
        if let first = specs.first { FigureBuilder.shareIterationLimits(figures, spec: first) }
        return figures
    }

    /// The iterations as an animation in `format`: one frame per iteration facet, `delay` seconds
    /// apart (default: the config's `frame_delay`), at `dpi` (default the config's).
    /// - Throws: located errors for a config without facets and for a GIF over its budget
    ///   (`GIF.maxFrames`, `GIF.maxFramePixels`, `GIF.maxTotalPixels`); `AnimationError` when
    ///   ffmpeg is missing or fails.
    public static func animation(config path: String, format: AnimationFormat = .apng, delay: Double? = nil,
                                 dpi: Double? = nil) throws -> (bytes: [UInt8], frames: Int, delay: Double) {
        let location = SourceLocation(file: path, line: 1, column: 1)
        let spec = try FigureLoader.load(path: path)
        let data = try FigureData.compute(spec)
        let specs = try specs(spec, data: data, path: path, at: location)
        let trace = spec.analysis(LloydTraceSpec.self)
        let frameDelay = delay ?? trace?.frameDelay ?? 0.5
        let figures = try figures(specs, data: data)
        if let dpi { for f in figures { f.dpi = dpi } }
        if format == .gif, let fig = figures.first {
            let (w, h) = (Int((fig.width * fig.dpi + 1e-7).rounded(.down)), Int((fig.height * fig.dpi + 1e-7).rounded(.down)))
            do { try GIF.checkBudget(frames: figures.count, width: w, height: h) } catch {
                let tooMany = figures.count > GIF.maxFrames
                throw GalleryError("\(error)\(tooMany ? "" : "; lower --dpi")",
                                   at: tooMany ? (trace?.location ?? location) : location,
                                   keyPath: tooMany ? "clustering.lloyd_trace.iterations" : (dpi != nil ? "--dpi" : "figure.dpi"))
            }
        }
        let frames: [[UInt8]] = try figures.map { try $0.render(format: .png) }
        switch format {
        case .apng:
            return (try APNG.assemble(pngFrames: frames, delay: frameDelay), frames.count, frameDelay)
        case .gif:
            let images = try frames.map { try PNGCodec.decode($0) }
            return (try GIF.encode(frames: images, delay: frameDelay), frames.count, frameDelay)
        case .mp4:
            return (try VideoEncoder.mp4(pngFrames: frames, delay: frameDelay), frames.count, frameDelay)
        }
    }
}

/// The file formats of `clusterplot animate`, chosen by the output's extension.
public enum AnimationFormat: String, CaseIterable, Sendable {
    /// Animated PNG (`.png`, `.apng`): every browser; slide tools show the first frame.
    case apng
    /// Animated GIF (`.gif`): browsers, PowerPoint, Keynote, Google Slides.
    case gif
    /// H.264 video (`.mp4`) through ffmpeg, when it is installed.
    case mp4

    /// The format for a file name's extension, nil for any other.
    public init?(path: String) {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "png", "apng": self = .apng
        case "gif": self = .gif
        case "mp4": self = .mp4
        default: return nil
        }
    }

    /// The extensions accepted, for messages.
    public static let extensions = ".gif, .png (APNG) or .mp4"
}
