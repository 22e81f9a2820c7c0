import Foundation

/// Reading whole input files as bytes, refusing what is not a regular file (a FIFO would block, a
/// device would never end) with a reason a message can show.
public enum FileBytes {
    /// Why a file could not be read, in words for a message.
    public struct Failure: Error, Sendable { public var reason: String }

    /// The bytes of the regular file at `path`, or why they cannot be read.
    public static func read(_ path: String) -> Result<[UInt8], Failure> {
        var st = stat()
        guard stat(path, &st) == 0 else {
            return .failure(Failure(reason: errno == ENOENT || errno == ENOTDIR ? "no such file" : String(cString: strerror(errno))))
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { return .failure(Failure(reason: "it is a folder")) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { return .failure(Failure(reason: "not a regular file")) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(Failure(reason: errno == EACCES ? "permission denied" : String(cString: strerror(errno)))) }
        defer { close(fd) }
        // The whole file is held at once: probe that much first (a clean error under `ulimit -v`).
        guard MemoryProbe.canAllocate(Int(st.st_size) * 2) else {
            return .failure(Failure(reason: "not enough memory to read its \(MemoryProbe.format(Int(st.st_size)))"))
        }
        var out = [UInt8]()
        out.reserveCapacity(Int(st.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(reason: String(cString: strerror(errno))))
            }
            if got == 0 { break }
            out.append(contentsOf: chunk[0..<got])
        }
        return .success(out)
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return true }
            return UTF8Check.firstInvalid(base, 0, b.count) == nil
        }
    }
}
