/// Animated PNG (APNG) encoding: frames of one size, a per-frame delay, endless looping by default.
/// Viewers without APNG support show the first frame.
public enum APNG {
    /// Encodes RGBA frames (all the same size) with `delay` seconds between frames.
    public static func encode(frames: [RGBAImage], delay: Double, loops: Int = 0,
                              options: PNGCodec.Options = PNGCodec.Options()) throws -> [UInt8] {
        guard let first = frames.first else { throw PNGError("an animation needs at least one frame") }
        guard frames.allSatisfy({ $0.width == first.width && $0.height == first.height }) else {
            throw PNGError("all animation frames must have the same size")
        }
        // One colour type for every frame: keep alpha if any frame needs it.
        let opaque = frames.allSatisfy { f in stride(from: 3, to: f.pixels.count, by: 4).allSatisfy { f.pixels[$0] == 255 } }
        var opts = options
        opts.keepsAlpha = !opaque
        return try assemble(pngFrames: frames.map { try PNGCodec.encode($0, options: opts) }, delay: delay, loops: loops)
    }

    /// Assembles already-encoded PNG frames (same size and colour type, e.g. figure renders) into an APNG.
    public static func assemble(pngFrames: [[UInt8]], delay: Double, loops: Int = 0) throws -> [UInt8] {
        guard !pngFrames.isEmpty else { throw PNGError("an animation needs at least one frame") }
        guard delay >= 0, delay.isFinite, delay <= 65.535 else { throw PNGError("frame delay must be 0...65.535 s, got \(delay)") }
        guard loops >= 0 else { throw PNGError("loop count must be ≥ 0") }
        let parsed = try pngFrames.map(chunks)
        guard let ihdr = parsed[0].first(where: { $0.type == "IHDR" })?.data, ihdr.count == 13 else {
            throw PNGError("first frame has no IHDR chunk")
        }
        for p in parsed.dropFirst() {
            guard p.first(where: { $0.type == "IHDR" })?.data == ihdr else {
                throw PNGError("all animation frames must have the same size and colour type")
            }
        }
        let width = Array(ihdr[0..<4]), height = Array(ihdr[4..<8])
        let delayNum = UInt16((delay * 1000).rounded())
        var out: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
        out += chunk("IHDR", ihdr)
        for c in parsed[0] where c.type == "pHYs" { out += chunk("pHYs", c.data) }
        out += chunk("acTL", be32(UInt32(pngFrames.count)) + be32(UInt32(loops)))
        var sequence: UInt32 = 0
        for (i, frame) in parsed.enumerated() {
            // fcTL: sequence, size, offset (0, 0), delay num/den, dispose none, blend source.
            let fctl = be32(sequence) + width + height + be32(0) + be32(0)
                + [UInt8(delayNum >> 8), UInt8(delayNum & 0xff), 0x03, 0xe8, 0, 0]
            out += chunk("fcTL", fctl)
            sequence += 1
            for c in frame where c.type == "IDAT" {
                if i == 0 {
                    out += chunk("IDAT", c.data)
                } else {
                    out += chunk("fdAT", be32(sequence) + c.data)
                    sequence += 1
                }
            }
        }
        out += chunk("IEND", [])
        return out
    }

    /// Frame count and per-frame delays (seconds) of an APNG, read from its acTL/fcTL chunks.
    public static func frameInfo(_ png: [UInt8]) throws -> (frames: Int, delays: [Double]) {
        let cs = try chunks(png)
        guard let actl = cs.first(where: { $0.type == "acTL" }), actl.data.count == 8 else { return (1, []) }
        let n = Int(readBE32(actl.data, 0))
        let delays = cs.filter { $0.type == "fcTL" && $0.data.count == 26 }.map { c -> Double in
            let num = Double(UInt16(c.data[20]) << 8 | UInt16(c.data[21]))
            var den = Double(UInt16(c.data[22]) << 8 | UInt16(c.data[23]))
            if den == 0 { den = 100 }
            return num / den
        }
        return (n, delays)
    }

    struct Chunk { let type: String; let data: [UInt8] }

    static func chunks(_ png: [UInt8]) throws -> [Chunk] {
        guard png.count >= 8, png[0..<8].elementsEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) else {
            throw PNGError("not a PNG file (bad signature)")
        }
        var result: [Chunk] = []
        var i = 8
        while i + 12 <= png.count {
            let len = Int(readBE32(png, i))
            guard i + 12 + len <= png.count else { throw PNGError("truncated PNG chunk") }
            let type = String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self)
            result.append(Chunk(type: type, data: Array(png[(i + 8)..<(i + 8 + len)])))
            i += 12 + len
            if type == "IEND" { break }
        }
        return result
    }

    static func readBE32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let td = Array(type.utf8) + data
        return be32(UInt32(data.count)) + td + be32(crc32(td))
    }

    private static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xedb8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xffff_ffff
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xff)] ^ (c >> 8) }
        return c ^ 0xffff_ffff
    }
}
