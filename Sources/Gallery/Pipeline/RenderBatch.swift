import Clustering
import FigureConfig
import Foundation
import Plotting

extension Gallery {
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
                let spec = try FigureLoader.load(path: files[i], overrides: overrides)
                let data = try FigureData.compute(spec, threads: n > 1 ? 1 : nil)
                let figure = try FigureBuilder.figure(for: spec, data: data)
                outcomes.withLock { $0[i].warnings = (spec.warnings + data.warnings).map(\.warningDescription) }
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
            let clash = p.spec.output.formats.compactMap { owners["\(p.spec.name).\($0.rawValue)"] }.first
            if let clash {
                prepared.withLock { $0[i] = nil }
                outcomes.withLock {
                    $0[i].errors = [ConfigError("output name '\(p.spec.name)' is already written by \(clash); set output.name",
                                                at: SourceLocation(file: files[i], line: 1, column: 1), keyPath: "output.name").description]
                    $0[i].status = 2
                }
                finish(i)
            } else {
                for f in p.spec.output.formats { owners["\(p.spec.name).\(f.rawValue)"] = files[i] }
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
                jobs.append((i, j, (f.isRaster ? pixels / 100 : 0) + marks))
            }
        }
        let order = jobs.sorted { $0.cost > $1.cost }
        let bytes = Locked([[[UInt8]?]](ready.map { p in Array(repeating: nil, count: p?.spec.output.formats.count ?? 0) }))
        let remaining = Locked(ready.map { $0?.spec.output.formats.count ?? 0 })
        // Layout warnings (text that cannot fit) come from the layout each render draws anyway; a
        // config reports those of its first vector format (Cairo's unhinted metrics), else its first.
        let fits = Locked([[[String]]](ready.map { p in Array(repeating: [], count: p?.spec.output.formats.count ?? 0) }))
        DispatchQueue.concurrentPerform(iterations: order.count) { k in
            let job = order[k]
            let p = ready[job.config]!
            var result: [UInt8]?
            do {
                let r = try renderReportingFit(p, format: p.spec.output.formats[job.format])
                result = r.bytes
                fits.withLock { $0[job.config][job.format] = r.fitWarnings }
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
            let formats = p.spec.output.formats
            let reported = formats.firstIndex { !$0.isRaster } ?? 0
            let fit = fits.withLock { $0[job.config][reported] }.map { "\(files[job.config]):1:1: warning: \($0) (figure)" }
            outcomes.withLock { $0[job.config].warnings += fit }
            let all = bytes.withLock { $0[job.config] }
            if all.allSatisfy({ $0 != nil }) {
                for (j, f) in p.spec.output.formats.enumerated() {
                    let url = URL(fileURLWithPath: directory).appendingPathComponent("\(p.spec.name).\(f.rawValue)")
                    do {
                        try AtomicFile.write(all[j]!, to: url)
                        outcomes.withLock { $0[job.config].written.append(url.path) }
                    } catch {
                        outcomes.withLock {
                            $0[job.config].errors.append("\(url.path):1:1: cannot write (\((error as? OutputError)?.reason ?? "\(error)"))")
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

    /// Records a failure in an outcome with its exit status (2 for the config or its input).
    static func record(_ error: Error, file: String, in outcome: inout Outcome) {
        switch error {
        case let e as ConfigErrors:
            outcome.errors = e.errors.map(\.description)
            outcome.status = 2
        case let e as GalleryError:
            outcome.errors.append(e.description)
            outcome.status = max(outcome.status, e.isInputError ? 2 : 1)
        case let e as ResourceError:
            outcome.errors.append(e.description)
            outcome.status = max(outcome.status, 1)
        default:
            outcome.errors.append("\(file):1:1: \(error)")
            outcome.status = max(outcome.status, 1)
        }
    }
}

