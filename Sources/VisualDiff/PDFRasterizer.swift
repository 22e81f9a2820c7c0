import Foundation
import Plotting

/// Runs poppler's `pdfinfo` and `pdftoppm` on PDF bytes through pipes: the PDF goes in on standard
/// input and the pages come back as a stream of PNGs on standard output, so no temporary file or
/// folder exists to be left behind. Each child is tied to this process: it is killed by the
/// SIGINT/SIGTERM/SIGHUP handler (``ChildProcesses``), started under `setpriv --pdeathsig KILL`
/// where util-linux has it (so it dies with this process even on SIGKILL), and otherwise ends at
/// its next write into the closed pipe.
enum PDFRasterizer {
    /// The most pages a PDF comparison rasterises (both files have the same count by then).
    static let maxPages = 1_000

    /// The number of pages, from `pdfinfo`; throws `unreadable` naming `name` when poppler cannot
    /// read the PDF or it has no pages. Nil when `pdfinfo` is not installed.
    static func pageCount(_ pdf: [UInt8], name: String, tool: String? = locate("pdfinfo")) throws -> Int? {
        guard let tool else { return nil }
        let r = try run(tool, ["-"], input: pdf)
        guard r.status == 0 else {
            throw VisualDiffError.unreadable("\(name): not a readable PDF (\(firstLine(r.stderr) ?? "pdfinfo failed"))")
        }
        let text = String(decoding: r.stdout, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Pages:") }),
              let n = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) else {
            throw VisualDiffError.unreadable("\(name): not a readable PDF (pdfinfo reports no page count)")
        }
        guard n > 0 else { throw VisualDiffError.unreadable("\(name): the PDF has no pages") }
        return n
    }

    /// Every page as PNG bytes, rasterised by `pdftoppm` at `dpi`.
    static func rasterize(_ pdf: [UInt8], name: String, dpi: Int, tool: String) throws -> [[UInt8]] {
        let r = try run(tool, ["-r", "\(dpi)", "-png", "-"], input: pdf)
        guard r.status == 0 else {
            throw VisualDiffError.unreadable("\(name): not a readable PDF (pdftoppm: \(firstLine(r.stderr) ?? "failed"))")
        }
        guard let pages = splitPNGs(r.stdout), !pages.isEmpty else {
            throw VisualDiffError.unreadable("\(name): not a readable PDF (pdftoppm produced no pages)")
        }
        return pages
    }

    /// Splits concatenated PNG files by walking their chunks; nil when the stream is not PNGs.
    static func splitPNGs(_ b: [UInt8]) -> [[UInt8]]? {
        let sig: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var out: [[UInt8]] = []
        var i = 0
        while i < b.count {
            guard i + 8 <= b.count, Array(b[i..<(i + 8)]) == sig else { return nil }
            var j = i + 8
            while true {
                guard j + 12 <= b.count else { return nil }
                let len = Int(b[j]) << 24 | Int(b[j + 1]) << 16 | Int(b[j + 2]) << 8 | Int(b[j + 3])
                let isEnd = b[j + 4] == 0x49 && b[j + 5] == 0x45 && b[j + 6] == 0x4E && b[j + 7] == 0x44   // IEND
                j += 12 + len
                guard j <= b.count else { return nil }
                if isEnd { break }
            }
            out.append(Array(b[i..<j]))
            i = j
        }
        return out
    }

    /// An executable on PATH.
    static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// util-linux's `setpriv`, which can start a program with a parent-death signal.
    static let setpriv: String? = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }

    private static func firstLine(_ bytes: [UInt8]) -> String? {
        String(decoding: bytes.prefix(4096), as: UTF8.self).split(separator: "\n").first.map { String($0.prefix(200)) }
    }

    /// Runs `tool` with `input` on standard input; collects standard output and (the first 64 KiB
    /// of) standard error.
    static func run(_ tool: String, _ args: [String], input: [UInt8]) throws -> (status: Int32, stdout: [UInt8], stderr: [UInt8]) {
        ChildProcesses.installSignalCleanup()
        let p = Process()
        if let setpriv {
            p.executableURL = URL(fileURLWithPath: setpriv)
            p.arguments = ["--pdeathsig", "KILL", "--", tool] + args
        } else {
            p.executableURL = URL(fileURLWithPath: tool)
            p.arguments = args
        }
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = errPipe
        do { try p.run() } catch {
            throw VisualDiffError.unreadable("\(tool): cannot start (\(VisualDiffError.reason(error)))")
        }
        let slot = ChildProcesses.track(p.processIdentifier)
        defer { ChildProcesses.untrack(slot) }
        let errBox = ResultBox<[UInt8]>(count: 1)
        let writer = Thread {
            // A child that stops reading early must not kill this process with SIGPIPE: block it on
            // this short-lived thread, where write() then returns EPIPE (a pending SIGPIPE dies with the thread).
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &set, nil)
            let fd = inPipe.fileHandleForWriting.fileDescriptor
            input.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 && errno == EINTR { continue }
                    if n <= 0 { break }
                    offset += n
                }
            }
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        let errDone = DispatchSemaphore(value: 0)
        let reader = Thread {
            var kept: [UInt8] = []
            let fd = errPipe.fileHandleForReading.fileDescriptor
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                if kept.count < 65_536 { kept += chunk[0..<n] }
            }
            errBox.set(0, .success(kept))
            errDone.signal()
        }
        reader.start()
        var out: [UInt8] = []
        let fd = outPipe.fileHandleForReading.fileDescriptor
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out += chunk[0..<n]
        }
        p.waitUntilExit()
        errDone.wait()
        return (p.terminationStatus, out, (try? errBox.get(0)) ?? [])
    }
}
