import FigureConfig
import Foundation
import Gallery
import Plotting

/// Handout figures and tables from figure configs, through the same pipeline as `clusterplot
/// render` (FigureLoader → FigureData → FigureBuilder). Each config is loaded and computed once.
public final class GallerySources: HandoutSources {
    private var cache: [String: (FigureSpec, FigureData)] = [:]

    /// Creates a source with an empty cache.
    public init() {}

    func load(_ path: String) throws -> (FigureSpec, FigureData) {
        if let c = cache[path] { return c }
        let spec = try FigureLoader.load(path: path)
        let data = try FigureData.compute(spec)
        cache[path] = (spec, data)
        return (spec, data)
    }

    /// The figure a figure config describes, drawn as vectors.
    public func figure(config path: String, at location: SourceLocation) throws -> FigureContent {
        let (spec, data) = try load(path)
        let fig = try FigureBuilder.figure(for: spec, data: data)
        return FigureContent(size: fig.size) { r in fig.draw(into: r) }
    }

    /// One single-panel figure per iteration facet of the config.
    public func iterationFigures(config path: String, at location: SourceLocation) throws -> [FigureContent] {
        let (spec, data) = try load(path)
        return try IterationFigures.specs(spec, data: data, path: path, at: location).map { single in
            let fig = try FigureBuilder.figure(for: single, data: data)
            return FigureContent(size: fig.size) { r in fig.draw(into: r) }
        }
    }

    /// The app's "Show cluster table": the points, their distance to every centre and the closest
    /// centre in one iteration (1-based); the smallest distance of each row is highlighted.
    public func distanceTable(config path: String, iteration: Int, at location: SourceLocation) throws -> Table {
        try TableSources.distances(try load(path).1, config: path, iteration: iteration, at: location)
    }

    /// The cluster profiles of the config (`clustering.profiles`): cluster, name, size, statistics.
    public func profileTable(config path: String, at location: SourceLocation) throws -> Table {
        try TableSources.profiles(try load(path).1, config: path, at: location)
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
