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
        let p = Prepared(spec: spec, figure: try FigureBuilder.figure(for: spec, data: data))
        return try spec.output.formats.map { (OutputFormat(rawValue: $0) ?? .png, try renderBytes(p, format: $0)) }
    }

    /// Loads a config and builds its figure without rendering it (for embedding in other documents).
    public static func figure(path: String, overrides: [Override] = []) throws -> (spec: FigureSpec, data: FigureData, figure: Figure) {
        let spec = try ConfigLoader.load(path: path, overrides: overrides)
        let data = try FigureData.compute(spec)
        return (spec, data, try FigureBuilder.figure(for: spec, data: data))
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
    public static func renderFile(_ path: String, overrides: [Override], directory: String) -> Outcome {
        renderBatch([path], overrides: overrides, directory: directory)[0]
    }

    /// Renders many configs in parallel on all cores (each figure has its own renderer per format).
    ///
    /// Two phases: every config is loaded, computed and built into a figure (in parallel), then every
    /// (figure, format) pair is rendered to bytes, largest first so the cores finish together. A
    /// config's files are written only once all its formats rendered. `progress` is called (serially)
    /// after each config finishes, with its outcome and the number done.
    public static func renderBatch(_ files: [String], overrides: [Override], directory: String,
                                   progress: @Sendable (Outcome, Int) -> Void = { _, _ in }) -> [Outcome] {
        let start = DispatchTime.now().uptimeNanoseconds
        let n = files.count
        let outcomes = Locked(files.map { Outcome(file: $0) })
        let prepared = Locked([Prepared?](repeating: nil, count: n))
        let done = Locked(0)
        @Sendable func finish(_ i: Int) {
            let o = outcomes.withLock { o -> Outcome in
                o[i].seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                return o[i]
            }
            done.withLock { count in
                count += 1
                progress(o, count)
            }
        }
        // Phase 1: load, compute, build.
        DispatchQueue.concurrentPerform(iterations: n) { i in
            do {
                let spec = try ConfigLoader.load(path: files[i], overrides: overrides)
                let data = try FigureData.compute(spec, threads: n > 1 ? 1 : nil)
                let figure = try FigureBuilder.figure(for: spec, data: data)
                prepared.withLock { $0[i] = Prepared(spec: spec, figure: figure) }
            } catch {
                outcomes.withLock { record(error, file: files[i], in: &$0[i]) }
                finish(i)
            }
        }
        // Two configs writing the same file would overwrite each other: the later one is refused.
        var owners: [String: String] = [:]
        for i in 0..<n {
            guard let p = prepared.withLock({ $0[i] }) else { continue }
            let clash = p.spec.output.formats.compactMap { owners["\(p.spec.name).\($0)"] }.first
            if let clash {
                prepared.withLock { $0[i] = nil }
                outcomes.withLock {
                    $0[i].errors = [ConfigError("output name '\(p.spec.name)' is already written by \(clash); set output.name",
                                                at: SourceLocation(file: files[i], line: 1, column: 1), keyPath: "output.name").description]
                    $0[i].status = 2
                }
                finish(i)
            } else {
                for f in p.spec.output.formats { owners["\(p.spec.name).\(f)"] = files[i] }
            }
        }
        // Phase 2: every (config, format) job, biggest first.
        let ready = prepared.withLock { $0 }
        var jobs: [(config: Int, format: Int, cost: Double)] = []
        for (i, p) in ready.enumerated() {
            guard let p else { continue }
            for (j, f) in p.spec.output.formats.enumerated() {
                let pixels = p.spec.figure.width * p.spec.figure.height * pow(p.figure.dpi, 2)
                let marks = Double(p.spec.panels.count) * 2000
                jobs.append((i, j, (f == "png" ? pixels / 100 : 0) + marks))
            }
        }
        let order = jobs.sorted { $0.cost > $1.cost }
        let bytes = Locked([[[UInt8]?]](ready.map { p in Array(repeating: nil, count: p?.spec.output.formats.count ?? 0) }))
        let remaining = Locked(ready.map { $0?.spec.output.formats.count ?? 0 })
        DispatchQueue.concurrentPerform(iterations: order.count) { k in
            let job = order[k]
            let p = ready[job.config]!
            var result: [UInt8]?
            do {
                result = try renderBytes(p, format: p.spec.output.formats[job.format])
            } catch {
                outcomes.withLock { record(error, file: files[job.config], in: &$0[job.config]) }
            }
            bytes.withLock { $0[job.config][job.format] = result }
            let last = remaining.withLock { r -> Bool in
                r[job.config] -= 1
                return r[job.config] == 0
            }
            guard last else { return }
            // Every format of this config is rendered: write them (or nothing if one failed).
            let all = bytes.withLock { $0[job.config] }
            if all.allSatisfy({ $0 != nil }) {
                for (j, f) in p.spec.output.formats.enumerated() {
                    let url = URL(fileURLWithPath: directory).appendingPathComponent("\(p.spec.name).\(f)")
                    do {
                        try AtomicFile.write(all[j]!, to: url)
                        outcomes.withLock { $0[job.config].written.append(url.path) }
                    } catch {
                        outcomes.withLock {
                            $0[job.config].errors.append("\(url.path):1:1: cannot write (\(error))")
                            $0[job.config].status = 1
                        }
                        break
                    }
                }
            }
            finish(job.config)
        }
        return outcomes.withLock { $0 }
    }

    /// A loaded config and its built figure (only used by one thread at a time per format).
    struct Prepared: @unchecked Sendable {
        var spec: FigureSpec
        var figure: Figure
    }

    static func renderBytes(_ p: Prepared, format name: String) throws -> [UInt8] {
        let fig = p.figure
        let format = OutputFormat(rawValue: name) ?? .png
        do {
            return try fig.render(format: format)   // PNG zlib level set by FigureBuilder
        } catch {
            throw GalleryError("rendering \(name) failed: \(error)", at: SourceLocation(file: p.spec.file, line: 1, column: 1),
                               isInputError: false)
        }
    }

    static func record(_ error: Error, file: String, in outcome: inout Outcome) {
        switch error {
        case let e as ConfigErrors:
            outcome.errors = e.errors.map(\.description)
            outcome.status = 2
        case let e as GalleryError:
            outcome.errors.append(e.description)
            outcome.status = max(outcome.status, e.isInputError ? 2 : 1)
        default:
            outcome.errors.append("\(file):1:1: \(error)")
            outcome.status = max(outcome.status, 1)
        }
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
