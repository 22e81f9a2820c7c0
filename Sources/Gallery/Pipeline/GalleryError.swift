import Clustering
import FigureConfig

/// A failure while computing or drawing a figure, with the config location it is about.
public struct GalleryError: Error, Sendable, CustomStringConvertible {
    /// True when the config or its input is at fault (exit status 2); false for other failures (1).
    public var isInputError: Bool
    /// The one-line message, `FILE:LINE:COLUMN: …`.
    public var description: String

    /// An error at a config location.
    public init(_ message: String, at location: SourceLocation, keyPath: String = "", isInputError: Bool = true) {
        self.isInputError = isInputError
        self.description = ConfigError(message, at: location, keyPath: keyPath).description
    }
}

/// Runs a step of the Clustering library, turning its errors into located config errors.
func runClustering<T>(_ keyPath: String, at location: SourceLocation, _ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as ClusteringError {
        throw GalleryError("\(e)", at: location, keyPath: keyPath)
    }
}
