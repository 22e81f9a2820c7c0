import FigureConfig
import Foundation
import Gallery
import Plotting

/// What a document asks of one embedded figure.
public struct FigureRequest: Sendable {
    /// The figure config (absolute path).
    public var config: String
    /// `set:` overrides, applied like `--set`.
    public var overrides: [Override] = []
    /// Where the figure was asked for (messages).
    public var location: SourceLocation
    /// The document's theme, applied to the figure.
    public var theme: ThemeSpec?
    /// The figure goes on a slide: the `talk` context unless the theme or the config names one.
    public var onSlide = false
    /// Keep the config's own look — its style and background — whatever the theme says (the
    /// slide's context and text size rules still apply).
    public var keepBackground = false
    /// The figure will only be drawn redrawn at its place (a slide visual): its natural-size fit
    /// is not measured.
    public var redrawn = false

    /// A request for the figure of `config`.
    public init(config: String, location: SourceLocation) { self.config = config; self.location = location }
}

/// Handout figures and tables from figure configs, through the same pipeline as `clusterplot
/// render` (FigureLoader → FigureData → FigureBuilder). Each config (with its overrides) is loaded
/// and computed once.
public final class GallerySources: HandoutSources {
    private var cache: [String: (FigureSpec, FigureData)] = [:]

    /// Creates a source with an empty cache.
    public init() {}

    static func key(_ path: String, _ overrides: [Override]) -> String {
        ([path] + overrides.map { "\($0.path.joined(separator: "."))=\($0.value)@\($0.label)" }).joined(separator: "\u{1}")
    }

    func load(_ path: String, overrides: [Override] = []) throws -> (FigureSpec, FigureData) {
        let key = Self.key(path, overrides)
        if let c = cache[key] { return c }
        let spec = try FigureLoader.load(path: path, overrides: overrides)
        let data = try FigureData.compute(spec)
        cache[key] = (spec, data)
        return (spec, data)
    }

    /// Loads and computes the distinct configs on every core (each is deterministic at any thread
    /// count, so the document is the same bytes); one that fails is left for its block to load
    /// again and report in document order.
    public func prefetch(_ configs: [(path: String, overrides: [Override])]) {
        var seen = Set(cache.keys), todo: [(key: String, path: String, overrides: [Override])] = []
        for c in configs {
            let k = Self.key(c.path, c.overrides)
            if seen.insert(k).inserted { todo.append((k, c.path, c.overrides)) }
        }
        guard todo.count > 1 else { return }
        let jobs = todo
        let results = Locked([(FigureSpec, FigureData)?](repeating: nil, count: jobs.count))
        let next = Locked(0)
        let workers = min(jobs.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.withLock { n -> Int in defer { n += 1 }; return n }
                guard i < jobs.count else { return }
                guard let spec = try? FigureLoader.load(path: jobs[i].path, overrides: jobs[i].overrides),
                      let data = try? FigureData.compute(spec) else { continue }
                results.withLock { $0[i] = (spec, data) }
            }
        }
        for (i, r) in results.withLock({ $0 }).enumerated() { if let r { cache[jobs[i].key] = r } }
    }

    /// The spec with the document's theme applied to its style and background.
    static func themed(_ spec: FigureSpec, _ r: FigureRequest) -> FigureSpec {
        var s = spec
        let t = r.keepBackground ? nil : r.theme
        let context = r.theme?.context ?? (r.onSlide && spec.figure.context == nil ? .talk : nil)
        s.figure.style = spec.figure.resolvedStyle(style: t?.style, context: context, fontScale: r.theme?.fontScale)
        if let t, t.background != nil || t.style != nil {
            let c = t.background ?? s.figure.style.figureFaceColor
            s.figure.background = .rgba(red: c.red, green: c.green, blue: c.blue, alpha: c.alpha)
        }
        return s
    }

    /// The spec with every text at least `minText` points, keeping the proportions within each
    /// source of sizes: the style's sizes are scaled together (and with them the layout's padding,
    /// a multiple of the base size), and each panel's own `fontsize` values together, each by the
    /// factor that brings its smallest to `minText`.
    static func withMinimumText(_ spec: FigureSpec, _ minText: Double) -> FigureSpec {
        var s = spec
        let styleMin = s.figure.style.smallestFontSize
        if styleMin < minText { s.figure.style.scaleFonts(by: minText / styleMin) }
        for i in s.panels.indices {
            var f = s.panels[i].fontSizes
            let own = [f.title, f.labels, f.ticks, f.legend].compactMap { $0 }
            if let m = own.min(), m < minText {
                let k = minText / m
                f.title = f.title.map { $0 * k }; f.labels = f.labels.map { $0 * k }
                f.ticks = f.ticks.map { $0 * k }; f.legend = f.legend.map { $0 * k }
                s.panels[i].fontSizes = f
            }
            for j in s.panels[i].annotations.indices {
                if let a = s.panels[i].annotations[j].fontSize, a < minText { s.panels[i].annotations[j].fontSize = minText }
            }
        }
        return s
    }

    /// The smallest text size (pt) of a built figure's visible axes.
    static func smallestText(_ fig: Figure) -> Double {
        fig.axes.filter(\.isVisible).map { a in min(a.effectiveStyle.smallestFontSize, a.legendFontSize ?? .infinity) }.min() ?? 0
    }

    /// A figure for `spec`, redrawable at any size with its text kept at a minimum; `limits` (one
    /// per axes) are put back on every redraw (shared iteration limits). A slide figure is always
    /// redrawn (`redrawn`), so only the redraws' fit is measured, and each size is built once.
    static func content(_ spec: FigureSpec, data: FigureData, limits: [(ClosedRange<Double>?, ClosedRange<Double>?)]? = nil,
                        redrawn: Bool = false) throws -> FigureContent {
        // With its background (the theme's, or its own), drawn at the origin.
        func paint(_ f: Figure, _ r: Renderer) { f.draw(into: r, in: Rect(x: 0, y: 0, width: f.size.width, height: f.size.height)) }
        func build(_ s: FigureSpec) throws -> Figure {
            let fig = try FigureBuilder.figure(for: s, data: data)
            if let limits {
                for (a, l) in zip(fig.axes, limits) { a.xLimits = l.0; a.yLimits = l.1 }
            }
            return fig
        }
        let fig = try build(spec)
        let smallest = smallestText(fig)
        let memo = Locked([String: FigureContent]())
        var content = FigureContent(size: fig.size, smallestText: smallest, resized: { size, minText in
            let key = "\(size.width)x\(size.height)@\(minText)"
            if let c = memo.withLock({ $0[key] }) { return c }
            var s = spec
            s.figure.width = size.width / 72
            s.figure.height = size.height / 72
            if minText > 0, smallest > 0, smallest < minText { s = withMinimumText(s, minText) }
            guard let f = try? build(s) else { return FigureContent(size: fig.size, smallestText: smallest) { paint(fig, $0) } }
            var c = FigureContent(size: f.size, smallestText: smallestText(f)) { paint(f, $0) }
            c.warnings = f.fitWarnings()
            memo.withLock { $0[key] = c }
            return c
        }) { r in paint(fig, r) }
        if !redrawn { content.warnings = fig.fitWarnings() }
        return content
    }

    /// The figure a figure config describes, drawn as vectors, themed as asked.
    public func figure(_ request: FigureRequest) throws -> FigureContent {
        let (spec, data) = try load(request.config, overrides: request.overrides)
        return try Self.content(Self.themed(spec, request), data: data, redrawn: request.redrawn)
    }

    /// One single-panel figure per iteration facet of the config, keeping the config's font sizes,
    /// every iteration with the same axis limits.
    public func iterationFigures(_ request: FigureRequest) throws -> [FigureContent] {
        let (spec, data) = try load(request.config, overrides: request.overrides)
        let specs = try IterationFigures.specs(Self.themed(spec, request), data: data, path: request.config, at: request.location,
                                               keepFonts: true)
        let shared = try IterationFigures.figures(specs, data: data)
        return try zip(specs, shared).map { s, fig in
            try Self.content(s, data: data, limits: fig.axes.map { ($0.xLimits, $0.yLimits) }, redrawn: request.redrawn)
        }
    }

    /// The app's "Show cluster table": the points, their distance to every centre and the closest
    /// centre in one iteration (1-based); the smallest distance of each row is highlighted.
    public func distanceTable(config path: String, iteration: Int, at location: SourceLocation) throws -> Table {
        try TableSources.distances(try load(path).1, config: path, iteration: iteration, at: location)
    }

    /// The cluster quality scores of a figure config's clusterings (per k of its elbow or per method).
    public func scoresTable(_ s: ScoresTableSpec, at location: SourceLocation) throws -> Table {
        let (spec, data) = try load(s.config)
        return try TableSources.scores(data, spec: spec, config: s.config, rows: s.rows, columns: s.columns, dataset: s.dataset,
                                       excludeNoise: s.excludeNoise, at: location)
    }

    /// The cluster profiles of the config (`clustering.profiles`): cluster, name, size, statistics.
    public func profileTable(config path: String, at location: SourceLocation) throws -> Table {
        try TableSources.profiles(try load(path).1, config: path, at: location)
    }
}

/// Builds a handout or slide deck from its config file.
public enum Handout {
    /// Loads, validates and lays out the document at `path`; returns the laid-out document (PDF,
    /// notes) and its layout warnings. Config problems are thrown as `ConfigErrors` / `ConfigError`.
    public static func layout(path: String) throws -> LaidOutDocument {
        let spec = try DocumentLoader.load(path: path)
        let doc = try DocumentBuilder.build(spec, sources: GallerySources())
        return try doc.layout()
    }

    /// Loads, validates and lays out the document at `path`; returns the PDF bytes, page count and
    /// layout warnings.
    public static func build(path: String) throws -> (pdf: [UInt8], pages: Int, warnings: [String]) {
        let laid = try layout(path: path)
        return (try laid.pdf(), laid.pageCount, laid.warnings)
    }
}

