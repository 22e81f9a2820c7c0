import Clustering
import FigureConfig
import Plotting

/// A config's Lloyd-trace iterations drawn one panel at a time (iteration slides, animation frames).
public enum IterationFigures {
    /// Size of one iteration panel drawn on its own, in inches.
    public static let panelSize = (width: 5.0, height: 5.0)

    /// The config's iteration facets, each as a spec with that one panel (and the data computed once).
    /// - Throws: a located error when the config has no iteration facets.
    public static func specs(_ spec: FigureSpec, data: FigureData, path: String, at location: SourceLocation) throws -> [FigureSpec] {
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
            // A panel on its own has room for the style's normal text sizes (the grid's are 8/6 pt).
            p.fontSizes = FontSizes()
            single.panels = [p]
            single.figure.rows = 1
            single.figure.columns = 1
            single.figure.width = panelSize.width
            single.figure.height = panelSize.height
            single.figure.suptitle = nil
            return single
        }
    }

    /// The iterations as an APNG: one frame per iteration facet, `delay` seconds apart (default: the
    /// config's `frame_delay`), at `dpi` (default the config's).
    public static func animation(config path: String, delay: Double? = nil, dpi: Double? = nil) throws
        -> (png: [UInt8], frames: Int, delay: Double) {
        let location = SourceLocation(file: path, line: 1, column: 1)
        let spec = try FigureLoader.load(path: path)
        let data = try FigureData.compute(spec)
        let specs = try specs(spec, data: data, path: path, at: location)
        let frameDelay = delay ?? spec.analysis(LloydTraceSpec.self)?.frameDelay ?? 0.5
        let frames: [[UInt8]] = try specs.map { single in
            let fig = try FigureBuilder.figure(for: single, data: data)
            if let dpi { fig.dpi = dpi }
            return try fig.render(format: .png)
        }
        return (try APNG.assemble(pngFrames: frames, delay: frameDelay), frames.count, frameDelay)
    }
}
