import CPNG
import LargeArrays
import Foundation

/// Errors from encoding or decoding PNG data.
public struct PNGError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public let description: String
    /// An error with its message.
    public init(_ description: String) { self.description = description }
}

/// Encodes and decodes PNG through libpng (the only Swift file that calls CPNG).
public enum PNGCodec {
    /// Images over this many pixels are rejected when decoding (100 megapixels).
    public static let defaultPixelLimit = 100_000_000

    /// Encoder settings. The defaults favour speed: zlib level 6 without row filters is 2–4× faster
    /// than libpng's adaptive filters and smaller for flat-colour plots.
    public struct Options: Hashable, Sendable {
        /// zlib level 0–9.
        public var compressionLevel: Int
        /// Use libpng's adaptive row filters (smaller photos, slower) instead of none.
        public var adaptiveFilters: Bool
        /// Keep the alpha channel even when every pixel is opaque (for frames that must share a format).
        public var keepsAlpha: Bool
        /// Settings; the defaults are level 6, no filters, alpha dropped when opaque.
        public init(compressionLevel: Int = 6, adaptiveFilters: Bool = false, keepsAlpha: Bool = false) {
            self.compressionLevel = compressionLevel; self.adaptiveFilters = adaptiveFilters; self.keepsAlpha = keepsAlpha
        }
    }

    /// The libpng version this was built with.
    public static var libraryVersion: String { String(cString: cpng_version()) }

    static func pixelsPerMetre(dpi: Double?) -> UInt32 {
        guard let dpi, dpi > 0, dpi.isFinite else { return 0 }
        return UInt32((dpi / 0.0254).rounded())
    }

    /// Encodes premultiplied native-endian ARGB32 pixels (Cairo's image format).
    public static func encodeARGB32(_ pixels: UnsafeRawPointer, width: Int, height: Int, stride: Int,
                                    dpi: Double?, options: Options = Options()) throws -> [UInt8] {
        guard width > 0, height > 0, width <= Int(UInt32.max), height <= Int(UInt32.max) else {
            throw PNGError("cannot encode a \(width)×\(height) image")
        }
        var buffer = cpng_buffer()
        defer { cpng_buffer_free(&buffer) }
        var err = [CChar](repeating: 0, count: 256)
        let rc = cpng_encode_argb32(pixels.assumingMemoryBound(to: UInt8.self), UInt32(width), UInt32(height),
                                    stride, Int32(options.compressionLevel),
                                    options.adaptiveFilters ? Int32(CPNG_FILTER_ADAPTIVE) : Int32(CPNG_FILTER_NONE),
                                    pixelsPerMetre(dpi: dpi), &buffer, &err, err.count)
        guard rc == 0 else { throw PNGError("PNG encoding failed: \(message(err))") }
        return Array(UnsafeBufferPointer(start: buffer.data, count: buffer.size))
    }

    /// Encodes a straight-alpha RGBA image (RGB when fully opaque).
    public static func encode(_ image: RGBAImage, options: Options = Options()) throws -> [UInt8] {
        guard image.width > 0, image.height > 0 else { throw PNGError("cannot encode an empty image") }
        var buffer = cpng_buffer()
        defer { cpng_buffer_free(&buffer) }
        var err = [CChar](repeating: 0, count: 256)
        let rc = image.pixels.withUnsafeBufferPointer { px in
            cpng_encode_rgba(px.baseAddress, UInt32(image.width), UInt32(image.height), options.keepsAlpha ? 1 : 0,
                             Int32(options.compressionLevel),
                             options.adaptiveFilters ? Int32(CPNG_FILTER_ADAPTIVE) : Int32(CPNG_FILTER_NONE),
                             pixelsPerMetre(dpi: image.dpi), &buffer, &err, err.count)
        }
        guard rc == 0 else { throw PNGError("PNG encoding failed: \(message(err))") }
        return Array(UnsafeBufferPointer(start: buffer.data, count: buffer.size))
    }

    /// Decodes any PNG into straight RGBA8. Throws for truncated, corrupt, non-PNG and
    /// over-large (more than `pixelLimit` pixels) input; never traps.
    public static func decode(_ data: [UInt8], pixelLimit: Int = defaultPixelLimit) throws -> RGBAImage {
        try data.withUnsafeBufferPointer { try decode(UnsafeRawBufferPointer($0), pixelLimit: pixelLimit) }
    }

    /// Decodes PNG bytes in memory straight into the image's own pixel array (no intermediate copy).
    public static func decode(_ data: UnsafeRawBufferPointer, pixelLimit: Int = defaultPixelLimit) throws -> RGBAImage {
        try decode(data, pixelLimit: pixelLimit, libpngOnly: false)
    }

    /// `decode`, optionally forcing libpng for every file (the reference the libdeflate fast path
    /// for 8-bit RGB/RGBA images is tested against).
    static func decode(_ data: UnsafeRawBufferPointer, pixelLimit: Int, libpngOnly: Bool) throws -> RGBAImage {
        var w: UInt32 = 0, h: UInt32 = 0, ppm: UInt32 = 0
        var err = [CChar](repeating: 0, count: 256)
        let bytes = data.baseAddress?.assumingMemoryBound(to: UInt8.self)
        guard cpng_read_header(bytes, data.count, UInt64(max(pixelLimit, 0)), &w, &h, &ppm, &err, err.count) == 0 else {
            throw PNGError(message(err))
        }
        let count = Int(w) * Int(h) * 4
        var rc: Int32 = 0
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress { LargeArray.adviseHugePages(base, byteCount: count) }
            rc = libpngOnly
                ? cpng_decode_rgba_into_libpng(bytes, data.count, UInt64(max(pixelLimit, 0)), buffer.baseAddress, count, &err, err.count)
                : cpng_decode_rgba_into(bytes, data.count, UInt64(max(pixelLimit, 0)), buffer.baseAddress, count, &err, err.count)
            if rc != 0 { buffer.initialize(repeating: 0) }  // never hand back uninitialised memory
            initialized = count
        }
        guard rc == 0 else { throw PNGError(message(err)) }
        let dpi: Double? = ppm > 0 ? (Double(ppm) * 0.0254 * 10).rounded() / 10 : nil
        return RGBAImage(width: Int(w), height: Int(h), pixels: pixels, dpi: dpi)
    }

    /// The libdeflate fast path alone: the image when it handles these bytes, else `nil` (tests
    /// check which files take it and that it agrees with libpng).
    static func fastPathDecode(_ data: [UInt8]) -> RGBAImage? {
        var w: UInt32 = 0, h: UInt32 = 0, ppm: UInt32 = 0
        var err = [CChar](repeating: 0, count: 256)
        guard cpng_read_header(data, data.count, UInt64(defaultPixelLimit), &w, &h, &ppm, &err, err.count) == 0 else {
            return nil
        }
        var pixels = [UInt8](repeating: 0, count: Int(w) * Int(h) * 4)
        let handled = pixels.withUnsafeMutableBufferPointer {
            cpng_fast_decode_rgba(data, data.count, $0.baseAddress, $0.count)
        }
        return handled == 1 ? RGBAImage(width: Int(w), height: Int(h), pixels: pixels) : nil
    }

    /// Reads and decodes a PNG file.
    public static func decodeFile(atPath path: String, pixelLimit: Int = defaultPixelLimit) throws -> RGBAImage {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PNGError("cannot read \(path)")
        }
        do { return try data.withUnsafeBytes { try decode($0, pixelLimit: pixelLimit) } } catch let e as PNGError {
            throw PNGError("\(path): \(e.description)")
        }
    }

    private static func message(_ err: [CChar]) -> String {
        let bytes = err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let s = String(decoding: bytes, as: UTF8.self)
        return s.isEmpty ? "unknown error" : s
    }
}
