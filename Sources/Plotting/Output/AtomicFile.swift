import Foundation

/// Errors from writing output files.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public let description: String
    /// An error with its message.
    public init(_ description: String) { self.description = description }
}

/// Writes files atomically: the bytes go to a temporary file in the same folder, which is then
/// renamed over the target, so a crash or error never leaves a truncated file at the target path.
public enum AtomicFile {
    /// Writes `bytes` to `url` atomically; the folder must exist.
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw OutputError("\(url.path): output folder \(dir.path) does not exist")
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw OutputError("\(url.path): cannot write (\(String(cString: strerror(errno))))")
        }
        var ok = true
        var failure = ""
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 {
                    if n < 0 && errno == EINTR { continue }
                    ok = false; failure = String(cString: strerror(errno)); return
                }
                offset += n
            }
        }
        if close(fd) != 0 && ok { ok = false; failure = String(cString: strerror(errno)) }
        guard ok else {
            unlink(tmp.path)
            throw OutputError("\(url.path): write failed (\(failure))")
        }
        guard rename(tmp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp.path)
            throw OutputError("\(url.path): cannot write (\(reason))")
        }
    }
}
