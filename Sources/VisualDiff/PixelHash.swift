import Plotting

/// Content hashes, implemented here (no dependencies).
public enum PixelHash {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The name recorded in the manifest for `hash(of:)`.
    public static let algorithm = "fnv1a64x8-rgba"

    /// FNV-1a (64-bit) of a byte sequence, as 16 lowercase hex digits.
    public static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = offset
        for b in bytes { h = (h ^ UInt64(b)) &* prime }
        return h
    }

    /// FNV-1a (64-bit) of a byte array.
    public static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { fnv1a($0) }
    }

    /// Hash of an image's decoded pixels (not its file bytes): eight FNV-1a-64 lanes, lane `j`
    /// hashing the bytes at offsets ≡ j (mod 8) of the RGBA buffer (two pixels a round, so the
    /// multiplies overlap), then one FNV-1a over the width, the height and the eight lane values.
    /// Equal images always hash equal, whatever PNG encoding they came from.
    public static func hash(of image: RGBAImage) -> String {
        var lanes = [UInt64](repeating: offset, count: 8)
        image.pixels.withUnsafeBytes { raw in
            let n = raw.count
            let p = raw.bindMemory(to: UInt8.self).baseAddress!
            var h0 = offset, h1 = offset, h2 = offset, h3 = offset, h4 = offset, h5 = offset, h6 = offset, h7 = offset
            var i = 0
            while i + 8 <= n {
                h0 = (h0 ^ UInt64(p[i])) &* prime
                h1 = (h1 ^ UInt64(p[i + 1])) &* prime
                h2 = (h2 ^ UInt64(p[i + 2])) &* prime
                h3 = (h3 ^ UInt64(p[i + 3])) &* prime
                h4 = (h4 ^ UInt64(p[i + 4])) &* prime
                h5 = (h5 ^ UInt64(p[i + 5])) &* prime
                h6 = (h6 ^ UInt64(p[i + 6])) &* prime
                h7 = (h7 ^ UInt64(p[i + 7])) &* prime
                i += 8
            }
            lanes = [h0, h1, h2, h3, h4, h5, h6, h7]
            while i < n { lanes[i & 7] = (lanes[i & 7] ^ UInt64(p[i])) &* prime; i += 1 }
        }
        var h = offset
        func mix(_ v: UInt64) { var v = v; for _ in 0..<8 { h = (h ^ (v & 0xFF)) &* prime; v >>= 8 } }
        mix(UInt64(image.width)); mix(UInt64(image.height))
        for l in lanes { mix(l) }
        return hex(h)
    }

    /// 16 lowercase hex digits.
    public static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
