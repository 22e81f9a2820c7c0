import CGif
import Foundation

/// Animated GIF encoding through giflib (GIF89a, NETSCAPE2.0 looping, one global palette chosen
/// deterministically): the animation format PowerPoint, Keynote and Google Slides play.
public enum GIF {
    /// The most frames an animation may have.
    public static let maxFrames = 300
    /// The most pixels one frame may have (2000 × 2000).
    public static let maxFramePixels = 4_000_000
    /// The most pixels all frames together may have.
    public static let maxTotalPixels = 100_000_000

    /// Encodes opaque RGBA frames of one size with `delay` seconds between frames (GIF counts in
    /// 1/100 s), looping forever when `loops` is 0. Colours: every distinct colour when there are
    /// at most 256, else 256 chosen by median cut over all frames (`Palette`); each pixel takes the
    /// nearest, without dithering, so flat areas stay flat. The same frames give the same bytes.
    public static func encode(frames: [RGBAImage], delay: Double, loops: Int = 0) throws -> [UInt8] {
        try checkBudget(frames: frames.count, width: frames.first?.width ?? 0, height: frames.first?.height ?? 0)
        let first = frames[0]
        guard frames.allSatisfy({ $0.width == first.width && $0.height == first.height }) else {
            throw OutputError("all animation frames must have the same size")
        }
        guard delay >= 0, delay.isFinite, delay <= 655.35 else { throw OutputError("frame delay must be 0…655.35 s, got \(delay)") }
        guard (0...65535).contains(loops) else { throw OutputError("loop count must be 0…65535") }
        let palette = Palette(frames: frames)
        return try write(frames: frames, palette: palette, delay: delay, loops: loops)
    }

    /// Throws when an animation is over the frame or pixel budget (`maxFrames`, `maxFramePixels`,
    /// `maxTotalPixels`), with a message naming the limit.
    public static func checkBudget(frames: Int, width: Int, height: Int) throws {
        guard frames >= 1 else { throw OutputError("an animation needs at least one frame") }
        guard frames <= maxFrames else { throw OutputError("a GIF may have at most \(maxFrames) frames, this one would have \(frames)") }
        let px = width * height
        guard px <= maxFramePixels else {
            throw OutputError("a GIF frame may have at most \(maxFramePixels / 1_000_000) megapixels, these are \(width)×\(height)")
        }
        guard px * frames <= maxTotalPixels else {
            throw OutputError("a GIF may have at most \(maxTotalPixels / 1_000_000) megapixels in all, \(frames) frames of \(width)×\(height) are \(px * frames / 1_000_000)")
        }
    }

    private static func write(frames: [RGBAImage], palette: Palette, delay: Double, loops: Int) throws -> [UInt8] {
        let sink = Sink()
        var err: Int32 = 0
        let user = Unmanaged.passUnretained(sink).toOpaque()
        guard let gif = EGifOpen(user, { file, data, count in
            guard let file, let data, let user = file.pointee.UserData else { return 0 }
            Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(count)))
            return count
        }, &err) else { throw OutputError("giflib: cannot start a GIF (error \(err))") }
        var closed = false
        defer { if !closed { _ = EGifCloseFile(gif, &err) } }
        func check(_ status: Int32, _ what: String) throws {
            if status == GIF_ERROR { throw OutputError("giflib: \(what) failed (\(String(cString: GifErrorString(gif.pointee.Error))))") }
        }
        EGifSetGifVersion(gif, true)
        let w = Int32(frames[0].width), h = Int32(frames[0].height)
        var colors = palette.colors.map { GifColorType(Red: $0.r, Green: $0.g, Blue: $0.b) }
        // giflib wants a power of two; unused entries stay black.
        var size = 2
        while size < colors.count { size *= 2 }
        colors += [GifColorType](repeating: GifColorType(Red: 0, Green: 0, Blue: 0), count: size - colors.count)
        guard let map = GifMakeMapObject(Int32(size), &colors) else { throw OutputError("giflib: out of memory") }
        defer { GifFreeMapObject(map) }
        try check(EGifPutScreenDesc(gif, w, h, 8, 0, map), "screen descriptor")
        // NETSCAPE2.0: loop count.
        try check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE), "loop extension")
        var app = Array("NETSCAPE2.0".utf8)
        try check(EGifPutExtensionBlock(gif, 11, &app), "loop extension")
        var loop: [UInt8] = [1, UInt8(loops & 0xff), UInt8(loops >> 8)]
        try check(EGifPutExtensionBlock(gif, 3, &loop), "loop extension")
        try check(EGifPutExtensionTrailer(gif), "loop extension")
        var gcb = GraphicsControlBlock(DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false,
                                       DelayTime: Int32((delay * 100).rounded()), TransparentColor: NO_TRANSPARENT_COLOR)
        var ext = [GifByteType](repeating: 0, count: 4)
        _ = EGifGCBToExtension(&gcb, &ext)
        var row = [GifPixelType](repeating: 0, count: Int(w))
        for frame in frames {
            try check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, &ext), "frame delay")
            try check(EGifPutImageDesc(gif, 0, 0, w, h, false, nil), "image descriptor")
            for y in 0..<Int(h) {
                palette.indices(frame, row: y, into: &row)
                try check(EGifPutLine(gif, &row, w), "image data")
            }
        }
        closed = true
        guard EGifCloseFile(gif, &err) == GIF_OK else { throw OutputError("giflib: cannot finish the GIF (error \(err))") }
        return sink.bytes
    }

    private final class Sink { var bytes: [UInt8] = [] }

    /// Frame count and per-frame delays (seconds) of a GIF, read from its graphic control
    /// extensions (a small reader for tests and `animate`'s summary).
    public static func frameInfo(_ gif: [UInt8]) -> (frames: Int, delays: [Double], width: Int, height: Int) {
        guard gif.count > 13, gif[0..<6].elementsEqual(Array("GIF89a".utf8)) || gif[0..<6].elementsEqual(Array("GIF87a".utf8)) else { return (0, [], 0, 0) }
        let width = Int(gif[6]) | Int(gif[7]) << 8, height = Int(gif[8]) | Int(gif[9]) << 8
        var i = 13
        if gif[10] & 0x80 != 0 { i += 3 << (Int(gif[10] & 7) + 1) }
        var frames = 0
        var delays: [Double] = []
        func skipBlocks() { while i < gif.count, gif[i] != 0 { i += Int(gif[i]) + 1 }; i += 1 }
        while i < gif.count {
            switch gif[i] {
            case 0x21:
                if i + 5 < gif.count, gif[i + 1] == 0xf9 { delays.append(Double(Int(gif[i + 4]) | Int(gif[i + 5]) << 8) / 100) }
                i += 2
                skipBlocks()
            case 0x2c:
                frames += 1
                let packed = gif[i + 9]
                i += 10
                if packed & 0x80 != 0 { i += 3 << (Int(packed & 7) + 1) }
                i += 1  // LZW minimum code size
                skipBlocks()
            default:
                return (frames, delays, width, height)
            }
        }
        return (frames, delays, width, height)
    }
}
