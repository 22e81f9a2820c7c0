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
        /// 0 success, 2 invalid config or input, 1 other failure.
        public var status: Int32 = 0
        /// Wall time in seconds.
        public var seconds: Double = 0
    }

    /// Loads `path` with `overrides`, computes its data and renders every output format to bytes.
    /// - Returns: the spec and one `(format, bytes)` per format, in the spec's order.
    public static func render(path: String, overrides: [Override] = [], threads: Int? = nil) throws
        -> (spec: FigureSpec, outputs: [(format: OutputFormat, bytes: [UInt8])]) {
        let spec = try ConfigLoader.load(path: path, overrides: overrides)
        return (spec, try render(spec, threads: threads))
    }

    /// Renders a loaded spec to bytes, one entry per output format.
    public static func render(_ spec: FigureSpec, threads: Int? = nil) throws -> [(format: OutputFormat, bytes: [UInt8])] {
        let data = try FigureData.compute(spec, threads: threads)
        let fig = try FigureBuilder.figure(for: spec, data: data)
        return try spec.output.formats.map { name in
            let format = OutputFormat(rawValue: name) ?? .png
            do {
                if format == .png {
                    let options = PNGCodec.Options(compressionLevel: spec.output.pngCompression)
                    return (format, try Canvas.render(format: .png, size: fig.size, dpi: fig.dpi,
                                                      background: fig.backgroundColor ?? fig.style.figureFaceColor,
                                                      png: options) { fig.draw(into: $0) })
                }
                return (format, try fig.render(format: format))
            } catch {
                throw GalleryError("rendering \(name) failed: \(error)", at: SourceLocation(file: spec.file, line: 1, column: 1), isInputError: false)
            }
        }
    }

    /// The `clusterplot data` JSON for a config.
    public static func dataJSON(path: String, overrides: [Override] = [], indent: Int = 1) throws -> String {
        let spec = try ConfigLoader.load(path: path, overrides: overrides)
        return try FigureData.compute(spec).json(spec: spec).serialized(indent: indent)
    }

    /// Creates `directory` if needed and checks that it is writable.
    public static func prepareOutputDirectory(_ directory: String) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let loc = SourceLocation(file: directory, line: 1, column: 1)
        if fm.fileExists(atPath: directory, isDirectory: &isDir) {
            guard isDir.boolValue else { throw GalleryError("the output path exists and is not a folder", at: loc) }
        } else {
            do { try fm.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
                throw GalleryError("cannot create the output folder (\(reason(error)))", at: loc)
            }
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            throw GalleryError("cannot write to the output folder (\(String(cString: strerror(errno))))", at: loc)
        }
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, let p = POSIXErrorCode(rawValue: Int32(u.code)) {
            return String(cString: strerror(p.rawValue))
        }
        return ns.localizedDescription
    }

    /// Renders one config into `directory` as `<name>.<format>`; never throws.
    public static func renderFile(_ path: String, overrides: [Override], directory: String, threads: Int? = nil) -> Outcome {
        let start = DispatchTime.now().uptimeNanoseconds
        var outcome = Outcome(file: path)
        defer { outcome.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        do {
            let (spec, outputs) = try render(path: path, overrides: overrides, threads: threads)
            for (format, bytes) in outputs {
                let url = URL(fileURLWithPath: directory).appendingPathComponent("\(spec.name).\(format.rawValue)")
                do {
                    try AtomicFile.write(bytes, to: url)
                } catch {
                    outcome.errors.append("\(url.path):1:1: cannot write (\(error))")
                    outcome.status = 1
                    return outcome
                }
                outcome.written.append(url.path)
            }
        } catch let e as ConfigErrors {
            outcome.errors = e.errors.map(\.description)
            outcome.status = 2
        } catch let e as GalleryError {
            outcome.errors = [e.description]
            outcome.status = e.isInputError ? 2 : 1
        } catch {
            outcome.errors = ["\(path):1:1: \(error)"]
            outcome.status = 1
        }
        return outcome
    }

    /// Renders many configs in parallel on all cores (each figure has its own renderer).
    /// `progress` is called (serially) after each config finishes with the outcome and the count done.
    public static func renderBatch(_ files: [String], overrides: [Override], directory: String,
                                   progress: @Sendable (Outcome, Int) -> Void = { _, _ in }) -> [Outcome] {
        let results = Locked([Outcome?](repeating: nil, count: files.count))
        let done = Locked(0)
        let threads = files.count > 1 ? 1 : nil
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let o = renderFile(files[i], overrides: overrides, directory: directory, threads: threads)
            results.withLock { $0[i] = o }
            done.withLock { n in
                n += 1
                progress(o, n)
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
