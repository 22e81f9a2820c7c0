/// A decoded raster image: straight (not premultiplied) RGBA, 8 bits a channel, rows packed top to bottom.
public struct RGBAImage: Hashable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// width × height × 4 bytes.
    public var pixels: [UInt8]
    /// Pixels per inch recorded in the file (nil when the file carries no pHYs chunk).
    public var dpi: Double?

    /// An image of `pixels` (width × height × 4 bytes).
    public init(width: Int, height: Int, pixels: [UInt8], dpi: Double? = nil) {
        precondition(pixels.count == width * height * 4, "pixel buffer does not match the size")
        self.width = width; self.height = height; self.pixels = pixels; self.dpi = dpi
    }

    /// An image filled with one colour.
    public init(width: Int, height: Int, fill: (UInt8, UInt8, UInt8, UInt8)) {
        var px = [UInt8](repeating: 0, count: width * height * 4)
        for i in stride(from: 0, to: px.count, by: 4) {
            px[i] = fill.0; px[i + 1] = fill.1; px[i + 2] = fill.2; px[i + 3] = fill.3
        }
        self.init(width: width, height: height, pixels: px)
    }

    /// The RGBA bytes of the pixel at (x, y).
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let i = (y * width + x) * 4
        return (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
    }
}
