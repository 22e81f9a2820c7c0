import Foundation
import Plotting

/// Reads and decodes PNG files with one-line errors that name the file.
public enum ImageLoader {
    /// Reads a file's bytes, or throws `VisualDiffError.unreadable` naming it.
    public static func readBytes(atPath path: String) throws -> [UInt8] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw VisualDiffError.unreadable("\(path): no such file")
        }
        guard !isDir.boolValue else { throw VisualDiffError.unreadable("\(path): is a directory") }
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            // A FIFO would block and a device never end: refuse before opening.
            throw VisualDiffError.unreadable("\(path): not a regular file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VisualDiffError.unreadable("\(path): cannot read")
        }
        return [UInt8](data)
    }

    /// Decodes PNG bytes, or throws `VisualDiffError.unreadable` naming `name`.
    public static func decode(_ bytes: [UInt8], name: String, pixelLimit: Int = PNGCodec.defaultPixelLimit) throws -> RGBAImage {
        guard bytes.count >= 8, bytes[0] == 0x89, bytes[1] == 0x50, bytes[2] == 0x4E, bytes[3] == 0x47 else {
            throw VisualDiffError.unreadable("\(name): not a PNG file")
        }
        if bytes.count >= 24 {
            // Probe the decoded size first: under a small address-space limit a legal image must
            // give a clean error, not an allocation trap inside the decoder.
            func u32(_ o: Int) -> Int { Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3]) }
            let w = u32(16), h = u32(20)
            if w > 0, h > 0, w <= 1 << 20, h <= 1 << 20, w * h <= pixelLimit {
                let need = w * h * 4 * 2
                guard let p = malloc(need) else {
                    throw VisualDiffError.unreadable("\(name): not enough memory to decode \(w)×\(h) pixels (needs about \(need / 1_000_000) MB)")
                }
                free(p)
            }
        }
        do { return try PNGCodec.decode(bytes, pixelLimit: pixelLimit) } catch {
            throw VisualDiffError.unreadable("\(name): \(error)")
        }
    }

    /// Reads and decodes a PNG file.
    public static func load(atPath path: String) throws -> RGBAImage {
        try decode(readBytes(atPath: path), name: path)
    }

    /// Reads and decodes two PNG files at once (one thread each).
    public static func loadPair(_ first: String, _ second: String) throws -> (RGBAImage, RGBAImage) {
        let results = ResultBox<RGBAImage>(count: 2)
        let paths = [first, second]
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            results.set(i, Result { try load(atPath: paths[i]) })
        }
        return (try results.get(0), try results.get(1))
    }
}

/// Thread-safe slots for results computed in parallel.
final class ResultBox<T>: @unchecked Sendable {
    private var slots: [Result<T, Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<T, Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    func get(_ i: Int) throws -> T { try slots[i]!.get() }
    func result(_ i: Int) -> Result<T, Error> { slots[i]! }
}
