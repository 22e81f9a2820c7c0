import Clustering
import FigureConfig
import Foundation
import Gallery
import Plotting

/// Handout figures and tables from figure configs, through the same pipeline as `clusterplot
/// render` (ConfigLoader → FigureData → FigureBuilder). Each config is loaded and computed once.
public final class GallerySources: HandoutSources {
    private var cache: [String: (FigureSpec, FigureData)] = [:]

    /// Size of one iteration panel drawn on its own (slides, animation frames), in inches.
    public var iterationPanelSize = (width: 5.0, height: 5.0)

    public init() {}

    func load(_ path: String) throws -> (FigureSpec, FigureData) {
        if let c = cache[path] { return c }
        let spec = try ConfigLoader.load(path: path)
        let data = try FigureData.compute(spec)
        cache[path] = (spec, data)
        return (spec, data)
    }

    public func figure(config path: String, at location: SourceLocation) throws -> FigureContent {
        let (spec, data) = try load(path)
        let fig = try FigureBuilder.figure(for: spec, data: data)
        return FigureContent(size: fig.size) { r in fig.draw(into: r) }
    }

    /// The config's iteration facets, each as a spec with that one panel.
    public func iterationSpecs(config path: String, at location: SourceLocation) throws -> [(FigureSpec, FigureData)] {
        let (spec, data) = try load(path)
        let facets = spec.panels.filter { $0.iteration != nil }
        guard !facets.isEmpty, data.trace != nil else {
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
            single.figure.width = iterationPanelSize.width
            single.figure.height = iterationPanelSize.height
            single.figure.suptitle = nil
            return (single, data)
        }
    }

    public func iterationFigures(config path: String, at location: SourceLocation) throws -> [FigureContent] {
        try iterationSpecs(config: path, at: location).map { spec, data in
            let fig = try FigureBuilder.figure(for: spec, data: data)
            return FigureContent(size: fig.size) { r in fig.draw(into: r) }
        }
    }

    /// The app's "Show cluster table": the points, their distance to every centre and the closest
    /// centre in one iteration (1-based); the smallest distance of each row is highlighted.
    public func distanceTable(config path: String, iteration: Int, at location: SourceLocation) throws -> Table {
        let (_, data) = try load(path)
        guard let trace = data.trace?.trace else {
            throw ConfigError("\(path) has no lloyd_trace analysis to take distances from", at: location, keyPath: "distances.config")
        }
        guard iteration >= 1, iteration <= trace.iterations.count else {
            throw ConfigError("iteration \(iteration) is out of range: the trace has \(trace.iterations.count) iterations",
                              at: location, keyPath: "distances.iteration")
        }
        let it = trace.iterations[iteration - 1]
        let k = it.distances.columns
        let names = data.columns.count >= 2 ? Array(data.columns.prefix(2)) : ["x1", "x2"]
        var columns = names.map { Table.Column($0, decimals: 4) }
        columns += (1...k).map { Table.Column("dist_to_center_\($0)", decimals: 4) }
        columns.append(Table.Column("closest_center", alignment: .right))
        var rows: [[Table.Cell]] = []
        for r in 0..<data.points.rows {
            var row: [Table.Cell] = (0..<min(2, data.points.columns)).map { .number(data.points[r, $0]) }
            row += (0..<k).map { .number(it.distances[r, $0]) }
            row.append(.integer(it.assignments[r]))
            rows.append(row)
        }
        var table = Table(columns: columns, rows: rows)
        table.highlightColumns = Array(2..<(2 + k))
        return table
    }

    /// The iteration animation as an APNG: one frame per iteration facet, `delay` seconds apart
    /// (default: the config's `frame_delay`).
    public func animation(config path: String, delay: Double? = nil, dpi: Double? = nil) throws -> (png: [UInt8], frames: Int, delay: Double) {
        let location = SourceLocation(file: path, line: 1, column: 1)
        let specs = try iterationSpecs(config: path, at: location)
        let frameDelay = delay ?? specs.first?.0.clustering.lloydTrace?.frameDelay ?? 0.5
        let frames: [[UInt8]] = try specs.map { spec, data in
            let fig = try FigureBuilder.figure(for: spec, data: data)
            if let dpi { fig.dpi = dpi }
            return try fig.render(format: .png)
        }
        return (try APNG.assemble(pngFrames: frames, delay: frameDelay), frames.count, frameDelay)
    }
}

/// Builds a handout or slide deck from its config file.
public enum Handout {
    /// Loads, validates and lays out the document at `path`; returns the PDF bytes, page count and
    /// layout warnings. Config problems are thrown as `ConfigErrors` / `ConfigError`.
    public static func build(path: String) throws -> (pdf: [UInt8], pages: Int, warnings: [String]) {
        let spec = try DocumentLoader.load(path: path)
        let doc = try DocumentBuilder.build(spec, sources: GallerySources())
        let laid = try doc.layout()
        return (try laid.pdf(), laid.pageCount, laid.warnings)
    }
}
