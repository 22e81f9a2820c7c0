import Clustering
import FigureConfig
import Foundation
import Plotting

/// The gallery: config files in, figure files (and the numbers behind them) out.
///
/// Each config is loaded and validated (``ConfigLoader``), its data and analyses computed
/// (``FigureData``), its figure built (``FigureBuilder``) and rendered to bytes in every requested
/// format before anything is written, so an invalid config or a failed render writes nothing.
public enum Gallery {
    /// What happened to one config of a batch.
    public struct Outcome: Sendable {
        /// The config path.
        public var file: String
        /// Files written.
        public var written: [String] = []
        /// One-line error messages (`FILE:LINE:COLUMN: …`).
        public var errors: [String] = []
        /// One-line warnings (`FILE:LINE:COLUMN: warning: …`): the figure was still rendered.
        public var warnings: [String] = []
        /// 0 success, 2 invalid config or input, 1 other failure.
        public var status: Int32 = 0
        /// Wall time in seconds.
        public var seconds: Double = 0
    }

    /// Loads `path` with `overrides`, computes its data and renders every output format to bytes.
    /// - Returns: the spec and one `(format, bytes)` per format, in the spec's order.
    public static func render(path: String, overrides: [Override] = [], threads: Int? = nil) throws
        -> (spec: FigureSpec, outputs: [(format: OutputFormat, bytes: [UInt8])]) {
        let spec = try FigureLoader.load(path: path, overrides: overrides)
        return (spec, try render(spec, threads: threads))
    }

    /// Renders a loaded spec to bytes, one entry per output format.
    public static func render(_ spec: FigureSpec, threads: Int? = nil) throws -> [(format: OutputFormat, bytes: [UInt8])] {
        let data = try FigureData.compute(spec, threads: threads)
        let p = Prepared(spec: spec, figure: try FigureBuilder.figure(for: spec, data: data))
        return try spec.output.formats.map { ($0, try renderBytes(p, format: $0)) }
    }

    /// Loads a config and builds its figure without rendering it (for embedding in other documents).
    public static func figure(path: String, overrides: [Override] = []) throws -> (spec: FigureSpec, data: FigureData, figure: Figure) {
        let spec = try FigureLoader.load(path: path, overrides: overrides)
        let data = try FigureData.compute(spec)
        return (spec, data, try FigureBuilder.figure(for: spec, data: data))
    }

    /// The `clusterplot data` JSON for a config.
    public static func dataJSON(path: String, overrides: [Override] = [], indent: Int = 1) throws -> String {
        try data(path: path, overrides: overrides, indent: indent).json
    }

    /// The `clusterplot data` JSON for a config, and the warnings of its config and analyses.
    public static func data(path: String, overrides: [Override] = [], indent: Int = 1) throws -> (json: String, warnings: [String]) {
        let spec = try FigureLoader.load(path: path, overrides: overrides)
        if let rows = spec.data.rowCount {
            let d = spec.data
            // The JSON document (a tree of values, then its text) costs about 80 bytes per number
            // printed: every row's columns, its generator label and a label per analysis.
            let perRow = d.columnNames.count + d.componentNames.count + 1 + spec.analyses.count
            try MemoryProbe.require(MemoryProbe.bytes(values: rows.multipliedReportingOverflow(by: perRow).partialValue, bytesEach: 80),
                                    for: "the JSON of \(rows) rows", at: d.location, keyPath: "data")
        }
        let data = try FigureData.compute(spec)
        return (data.json(spec: spec).serialized(indent: indent), (spec.warnings + data.warnings).map(\.warningDescription))
    }

    /// Creates `directory` if needed and checks that it is writable.
    public static func prepareOutputDirectory(_ directory: String) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let loc = SourceLocation(file: directory, line: 1, column: 1)
        if fm.fileExists(atPath: directory, isDirectory: &isDir) {
            guard isDir.boolValue else { throw GalleryError("the output path exists and is not a folder", at: loc) }
        } else {
            if let why = Folders.create(directory) { throw GalleryError("cannot create the output folder (\(why))", at: loc) }
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw GalleryError("cannot write to the output folder (\(String(cString: strerror(errno))))", at: loc)
        }
    }

    /// A loaded config and its built figure (only used by one thread at a time per format).
    struct Prepared: @unchecked Sendable {
        var spec: FigureSpec
        var figure: Figure
    }

    /// One format's bytes (the PNG zlib level was set by ``FigureBuilder``).
    static func renderBytes(_ p: Prepared, format: OutputFormat) throws -> [UInt8] {
        try renderReportingFit(p, format: format).bytes
    }

    /// The bytes and the fit warnings of the layout drawn.
    static func renderReportingFit(_ p: Prepared, format: OutputFormat) throws -> (bytes: [UInt8], fitWarnings: [String]) {
        do {
            return try p.figure.renderReportingFit(format: format)
        } catch {
            throw GalleryError("rendering \(format.rawValue) failed: \(error)", at: SourceLocation(file: p.spec.file, line: 1, column: 1),
                               isInputError: false)
        }
    }

    /// Checks a config as `clusterplot validate` does: the keys and values, the data (a CSV is read
    /// whole) and the checks that need it — without running any analysis.
    public static func validate(path: String, overrides: [Override] = []) throws -> FigureSpec {
        let spec = try FigureLoader.load(path: path, overrides: overrides)
        _ = try FigureData.dataset(for: spec)
        return spec
    }
}
