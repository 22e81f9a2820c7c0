import Foundation
import Plotting

/// A failure making an animation outside the config's control (ffmpeg missing or failing).
public struct AnimationError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public let description: String
    /// An error with its message.
    public init(_ description: String) { self.description = description }
}

/// MP4 video of PNG frames through the `ffmpeg` program (H.264, yuv420p, even sizes, one thread
/// and bit-exact flags so the same frames give the same bytes with the same ffmpeg).
enum VideoEncoder {
    /// The ffmpeg executable on `PATH`, nil when it is not installed.
    static var ffmpeg: String? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return dirs.map { "\($0)/ffmpeg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func mp4(pngFrames: [[UInt8]], delay: Double) throws -> [UInt8] {
        guard let exe = ffmpeg else {
            throw AnimationError("MP4 needs ffmpeg, which is not installed (apt-get install ffmpeg); write .gif or .png instead")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clusterplot-mp4-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        if let why = Folders.create(dir.path) { throw AnimationError("cannot create a scratch folder for ffmpeg in \(dir.deletingLastPathComponent().path) (\(why))") }
        defer { try? FileManager.default.removeItem(at: dir) }
        for (i, f) in pngFrames.enumerated() {
            let name = dir.appendingPathComponent(String(format: "frame%04d.png", i)).path
            guard FileManager.default.createFile(atPath: name, contents: Data(f)) else {
                throw AnimationError("cannot write the frames for ffmpeg into \(dir.path) (\(String(cString: strerror(errno))))")
            }
        }
        let out = dir.appendingPathComponent("out.mp4")
        let fps = delay > 0 ? 1 / delay : 25
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-framerate", String(format: "%.6f", fps),
                       "-i", dir.appendingPathComponent("frame%04d.png").path,
                       "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2:color=white", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                       "-threads", "1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1",
                       "-movflags", "+faststart", out.path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0, let bytes = try? Data(contentsOf: out) else {
            throw AnimationError("ffmpeg failed: \(String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return [UInt8](bytes)
    }
}
