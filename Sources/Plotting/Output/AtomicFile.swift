import Foundation

/// Errors from writing output files.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    /// The whole message.
    public let description: String
    /// For a file that could not be written: why, in a few words (`not a regular file`), without the path.
    public let reason: String?
    /// An error described by one message.
    public init(_ description: String) { self.description = description; reason = nil }
    /// A file that could not be written: `PATH: cannot write (REASON)`.
    public init(path: String, reason: String) {
        self.description = "\(path): cannot write (\(reason))"
        self.reason = reason
    }
}

/// Writes files atomically: the bytes go to a temporary file in the same folder, which is then
/// renamed over the target, so a crash or error never leaves a truncated file at the target path.
///
/// - Only regular files are written or replaced: a target that is a device, FIFO, socket or folder
///   is refused ("not a regular file"), so `-o /dev/null` never replaces the device with a file.
/// - The temporary file is `.NAME.PID.RAND.tmp`, or `.PID.RAND.tmp` when that would be longer
///   than the file system allows for a name, so every name that fits NAME_MAX can be written.
/// - SIGINT, SIGTERM and SIGHUP unlink the temporary files being written before the process ends
///   with that signal; temporary files left by processes that died otherwise (SIGKILL, a power
///   cut) are removed by the next write into the same folder, once their PID is no longer running.
public enum AtomicFile {
    /// Writes `bytes` to `url` atomically (a regular file or a name not yet taken); the folder must exist.
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw OutputError(path: url.path, reason: "the output folder \(dir.path) does not exist")
        }
        try checkTarget(url.path)
        TempFiles.installSignalCleanup()
        TempFiles.sweepOnce(dir.path)
        let tmp = dir.appendingPathComponent(temporaryName(for: url.lastPathComponent)).path
        let slot = TempFiles.register(tmp)
        defer { TempFiles.unregister(slot) }
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OutputError(path: url.path, reason: String(cString: strerror(errno)))
        }
        var ok = true
        var failure = ""
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    ok = false; failure = n == 0 ? "no space left on device" : String(cString: strerror(errno)); return
                }
                offset += n
            }
        }
        if close(fd) != 0 && ok { ok = false; failure = String(cString: strerror(errno)) }
        guard ok else {
            unlink(tmp)
            throw OutputError(path: url.path, reason: failure)
        }
        // The target may have been replaced by something else while the bytes were written.
        do { try checkTarget(url.path) } catch { unlink(tmp); throw error }
        guard rename(tmp, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw OutputError(path: url.path, reason: reason)
        }
    }

    /// Refuses a target that exists and is not a regular file (following symbolic links).
    static func checkTarget(_ path: String) throws {
        var st = stat()
        guard stat(path, &st) == 0 else { return }   // absent (or a dangling link): a new file
        switch st.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw OutputError(path: path, reason: "it is a folder")
        default: throw OutputError(path: path, reason: "not a regular file; only regular files are written, never a device, FIFO or socket")
        }
    }

    /// The longest file name the folders here accept (NAME_MAX on Linux and macOS).
    static let maxNameBytes = 255

    /// `.NAME.PID.RAND.tmp`, or `.PID.RAND.tmp` when the long form would not fit a file name.
    static func temporaryName(for name: String) -> String {
        let suffix = "\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let long = ".\(name).\(suffix)"
        return long.utf8.count <= maxNameBytes ? long : ".\(suffix)"
    }

    /// The PID in a temporary name written by ``write(_:to:)`` (`.NAME.PID.RAND.tmp` or
    /// `.PID.RAND.tmp`), nil for any other name.
    static func writerPID(ofTemporaryName name: String) -> pid_t? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, let rand = parts.last, !rand.isEmpty, rand.allSatisfy(\.isASCII), UInt32(rand) != nil,
              let pid = Int32(parts[parts.count - 2]), pid > 0 else { return nil }
        return pid
    }
}

/// The temporary files being written, kept where a signal handler can reach them without
/// allocating or locking: fixed slots of NUL-terminated paths, each with an in-use flag.
enum TempFiles {
    static let slotCount = 64
    static let slotBytes = Int(PATH_MAX) + 1
    nonisolated(unsafe) static let paths = UnsafeMutablePointer<CChar>.allocate(capacity: slotCount * slotBytes)
    nonisolated(unsafe) static let inUse: UnsafeMutablePointer<sig_atomic_t> = {
        let p = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: slotCount)
        p.initialize(repeating: 0, count: slotCount)
        return p
    }()
    /// Child processes to kill on SIGINT/SIGTERM/SIGHUP (0 = free slot).
    nonisolated(unsafe) static let children: UnsafeMutablePointer<pid_t> = {
        let p = UnsafeMutablePointer<pid_t>.allocate(capacity: slotCount)
        p.initialize(repeating: 0, count: slotCount)
        return p
    }()
    nonisolated(unsafe) static var installed = false
    nonisolated(unsafe) static var swept: Set<String> = []
    static let lock = NSLock()

    /// Records `path` as being written; returns its slot (nil when every slot is taken, then
    /// only the sweep of a later run can remove it if the process is killed).
    static func register(_ path: String) -> Int? {
        let bytes = Array(path.utf8)
        guard bytes.count < slotBytes else { return nil }
        lock.lock(); defer { lock.unlock() }
        guard let i = (0..<slotCount).first(where: { inUse[$0] == 0 }) else { return nil }
        let base = paths + i * slotBytes
        for (j, b) in bytes.enumerated() { base[j] = CChar(bitPattern: b) }
        base[bytes.count] = 0
        inUse[i] = 1
        return i
    }

    /// Forgets a slot once its file was renamed or removed.
    static func unregister(_ slot: Int?) {
        guard let slot else { return }
        lock.lock(); defer { lock.unlock() }
        inUse[slot] = 0
    }

    /// Installs the SIGINT/SIGTERM/SIGHUP handler once (a signal the process ignores stays ignored).
    static func installSignalCleanup() {
        lock.lock(); defer { lock.unlock() }
        guard !installed else { return }
        installed = true
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var old = sigaction()
            sigaction(sig, nil, &old)
            if handlerAddress(old) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            var action = sigaction()
            setHandler(&action) { sig in
                // Async-signal-safe only: unlink, then die of the same signal.
                for i in 0..<TempFiles.slotCount {
                    if TempFiles.inUse[i] != 0 { unlink(TempFiles.paths + i * TempFiles.slotBytes) }
                    if TempFiles.children[i] > 0 { kill(TempFiles.children[i], SIGKILL) }
                }
                signal(sig, SIG_DFL)
                raise(sig)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
    }

    private static func handlerAddress(_ a: sigaction) -> Int {
        #if os(Linux)
        return unsafeBitCast(a.__sigaction_handler.sa_handler, to: Int.self)
        #else
        return unsafeBitCast(a.__sigaction_u.__sa_handler, to: Int.self)
        #endif
    }

    private static func setHandler(_ a: inout sigaction, _ handler: @escaping @convention(c) (Int32) -> Void) {
        #if os(Linux)
        a.__sigaction_handler.sa_handler = handler
        #else
        a.__sigaction_u.__sa_handler = handler
        #endif
    }

    /// Removes, once per folder and process, temporary files whose writer is no longer running.
    static func sweepOnce(_ dir: String) {
        let first = lock.withLock { swept.insert(dir).inserted }
        guard first, let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        let me = getpid()
        for name in names {
            guard let pid = AtomicFile.writerPID(ofTemporaryName: name), pid != me else { continue }
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }   // still running (or not ours to ask)
            let path = (dir as NSString).appendingPathComponent(name)
            var st = stat()
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            unlink(path)
        }
    }
}

/// Ties helper processes (the PDF rasteriser) to this process: SIGINT, SIGTERM and SIGHUP kill
/// every tracked child before the process ends with that signal (the same handler that unlinks
/// ``AtomicFile``'s temporary files).
public enum ChildProcesses {
    /// Installs the signal handler (once; idempotent).
    public static func installSignalCleanup() { TempFiles.installSignalCleanup() }

    /// Tracks a running child; returns the slot to pass to ``untrack(_:)`` (nil when every slot
    /// is taken).
    public static func track(_ pid: pid_t) -> Int? {
        TempFiles.lock.lock(); defer { TempFiles.lock.unlock() }
        guard let i = (0..<TempFiles.slotCount).first(where: { TempFiles.children[$0] == 0 }) else { return nil }
        TempFiles.children[i] = pid
        return i
    }

    /// Stops tracking a child (after it was waited for).
    public static func untrack(_ slot: Int?) {
        guard let slot else { return }
        TempFiles.lock.lock(); defer { TempFiles.lock.unlock() }
        TempFiles.children[slot] = 0
    }
}
