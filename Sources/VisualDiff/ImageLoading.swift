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
