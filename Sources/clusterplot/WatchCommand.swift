import ArgumentParser
import FigureConfig
import Foundation
import Gallery
import Glibc
import Handout
import Plotting

/// `clusterplot watch PATH... [--out DIR]` — re-renders figure configs and handouts when they, their
/// CSV files or the figure configs a handout embeds change (inotify), until Ctrl-C.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-render configs and handouts whenever they or the files they read change (Ctrl-C ends).",
        discussion: """
        PATH is a figure config, a handout or slide-deck document, or a folder of configs. Each is \
        rendered once at the start and again whenever it, a CSV file it reads, or (for a document) a \
        figure config or picture it embeds is saved. A config that becomes invalid prints its located \
        errors and the watch goes on; the last good output stays in place. Output files are written \
        atomically, so a PDF viewer never sees a partial file. Ctrl-C (SIGINT) or SIGTERM ends the \
        watch after the render in progress, with exit status 0.
        """)

    @Argument(help: "Figure configs, document configs or folders of configs.", completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Output folder (created if missing).", valueName: "dir"), completion: .directory)
    var out = "out"

    @Option(name: .long, help: ArgumentHelp("Comma-separated formats for figure configs (default: the config's output.formats).", valueName: "formats"),
            completion: .list(OutputFormat.allValueStrings))
    var format: String?

    func run() throws {
        let (files, pathErrors) = ConfigFiles.expand(paths)
        pathErrors.forEach(CLISupport.printError)
        if files.isEmpty { throw ExitCode(2) }
        try CLISupport.prepareFolder(out)
        // SIGINT and SIGTERM stay blocked (in every thread started from here on) and are looked for
        // between renders, so a render in progress always finishes its atomic writes.
        var mask = sigset_t()
        sigemptyset(&mask); sigaddset(&mask, SIGINT); sigaddset(&mask, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &mask, nil)
        func stopRequested() -> Bool {
            var pending = sigset_t()
            sigpending(&pending)
            return sigismember(&pending, SIGINT) == 1 || sigismember(&pending, SIGTERM) == 1
        }
        let ifd = inotify_init1(Int32(IN_CLOEXEC))
        guard ifd >= 0 else {
            CLISupport.stderr("clusterplot watch: cannot watch files (\(String(cString: strerror(errno))))"); throw ExitCode(1)
        }
        var targets = files.map { WatchTarget(path: $0) }
        var watched: [Int32: String] = [:]
        func watchFolders() {
            let folders = Set(targets.flatMap { $0.dependencies.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } })
            for folder in folders.sorted() where !watched.values.contains(folder) {
                let wd = inotify_add_watch(ifd, folder, UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ATTRIB | IN_DELETE))
                if wd >= 0 { watched[wd] = folder }
            }
        }
        for i in targets.indices { targets[i].render(out: out, format: format) }
        watchFolders()
        print("watching \(targets.count) file\(targets.count == 1 ? "" : "s") (\(watched.count) folder\(watched.count == 1 ? "" : "s")); Ctrl-C ends")
        fflush(nil)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !stopRequested() {
            var fds = pollfd(fd: ifd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, 200)
            if ready < 0 { if errno == EINTR { continue }; break }
            if ready == 0 { continue }
            var changed = Set<String>()
            // Collect the burst of events an editor's save makes before rendering once.
            repeat {
                let n = read(ifd, &buffer, buffer.count)
                if n <= 0 { break }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= n {
                    let (wd, len) = buffer.withUnsafeBytes { raw -> (Int32, Int) in
                        let e = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                        return (e.wd, Int(e.len))
                    }
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = buffer[nameStart..<min(n, nameStart + len)].prefix { $0 != 0 }
                    if let folder = watched[wd], !nameBytes.isEmpty {
                        changed.insert(URL(fileURLWithPath: folder).appendingPathComponent(String(decoding: nameBytes, as: UTF8.self)).standardizedFileURL.path)
                    }
                    offset = nameStart + len
                }
                var more = pollfd(fd: ifd, events: Int16(POLLIN), revents: 0)
                if poll(&more, 1, 150) <= 0 { break }
            } while true
            var any = false
            for i in targets.indices where !targets[i].dependencies.isDisjoint(with: changed) {
                targets[i].render(out: out, format: format)
                any = true
            }
            if any { watchFolders(); fflush(nil) }
        }
        print("watch ended")
    }
}

/// One watched config or document: the files it depends on, re-read at every render.
struct WatchTarget {
    let path: String
    /// Absolute paths of the file and everything it reads (kept from the last valid read when it turns invalid).
    var dependencies: Set<String>
    let isDocument: Bool

    init(path: String) {
        self.path = path
        let text = (try? ConfigFiles.readText(atPath: path, what: "config")) ?? ""
        // A document has `blocks:` at the top level; a figure config never does.
        isDocument = text.split(separator: "\n").contains { $0.hasPrefix("blocks:") }
        dependencies = [Self.absolute(path)]
    }

    static func absolute(_ p: String) -> String { URL(fileURLWithPath: p).standardizedFileURL.path }

    /// The CSV files a figure spec reads.
    static func csvFiles(_ source: any DataSource) -> [String] {
        if let csv = source as? CSVSource { return [absolute(csv.resolvedPath)] }
        if let concat = source as? ConcatSource { return concat.parts.flatMap(csvFiles) }
        return []
    }

    static func figureDependencies(_ config: String) -> [String] {
        guard let spec = try? FigureLoader.load(path: config) else { return [absolute(config)] }
        return [absolute(config)] + csvFiles(spec.data.source) + (spec.comparison?.rows.flatMap { csvFiles($0.data.source) } ?? [])
    }

    static func documentDependencies(_ doc: DocumentSpec) -> [String] {
        var configs: [String] = [], files: [String] = []
        func column(_ c: SlideColumnSpec) {
            if let f = c.figure { configs.append(f.config) }
            if let i = c.image { files.append(i.file) }
        }
        for block in doc.blocks {
            switch block {
            case .figure(let f): configs.append(f.config)
            case .image(let i): files.append(i.file)
            case .slide(let s): column(s.main); s.columns.forEach(column)
            case .iterationSlides(let s): configs.append(s.figure.config)
            case .table(let t):
                if let d = t.distances { configs.append(d.config) }
                if let s = t.scores { configs.append(s.config) }
            default: break
            }
        }
        return files.map(absolute) + configs.flatMap(figureDependencies)
    }

    /// Renders (or lays out) the target into `out`, printing what was written or the located errors.
    mutating func render(out: String, format: String?) {
        let start = Date()
        let stamp = { () -> String in
            let t = time(nil); var tm = tm(); localtime_r([t], &tm)
            return String(format: "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec)
        }()
        if isDocument {
            let target = URL(fileURLWithPath: out).appendingPathComponent(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".pdf")
            do {
                let spec = try DocumentLoader.load(path: path)
                dependencies = Set([Self.absolute(path)] + Self.documentDependencies(spec))
                let laid = try Handout.layout(path: path)
                try AtomicFile.write(try laid.pdf(), to: target)
                laid.warnings.forEach { CLISupport.stderr("\(path): warning: \($0)") }
                print("[\(stamp)] wrote \(target.path) (\(laid.pageCount) page\(laid.pageCount == 1 ? "" : "s"), \(Int(Date().timeIntervalSince(start) * 1000)) ms)")
            } catch {
                _ = CLISupport.report(error, file: path)
                print("[\(stamp)] \(path): not rendered; the last good output stays")
            }
            return
        }
        var overrides: [Override] = []
        if let format { overrides.append(Override(path: ["output", "formats"], commaSeparated: format, label: "--format \(format)")) }
        if (try? FigureLoader.load(path: path)) != nil { dependencies = Set(Self.figureDependencies(path)) }
        let outcome = Gallery.renderBatch([path], overrides: overrides, directory: out) { _, _ in }.first
        outcome?.warnings.forEach(CLISupport.stderr)
        if let outcome, outcome.status == 0 {
            print("[\(stamp)] wrote \(outcome.written.joined(separator: ", ")) (\(Int(Date().timeIntervalSince(start) * 1000)) ms)")
        } else {
            outcome?.errors.forEach(CLISupport.stderr)
            print("[\(stamp)] \(path): not rendered; the last good output stays")
        }
        fflush(nil)
    }
}
