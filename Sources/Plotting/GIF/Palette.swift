/// The colours of a GIF: every distinct colour of the frames when there are at most 256, else 256
/// chosen by median cut (Heckbert): the box of colours with the widest channel range (ties: the
/// lowest box) is split at the pixel-count median of that channel, until there are 256 boxes; each
/// box's colour is its pixel-weighted mean. Colours are visited in a fixed order, so the palette
/// depends only on the frames.
struct Palette {
    /// A palette colour.
    struct RGB: Hashable { let r: UInt8, g: UInt8, b: UInt8 }
    /// The palette, at most 256 entries.
    private(set) var colors: [RGB] = []
    /// Each colour of the frames (0xRRGGBB) → its palette index.
    private var index: [UInt32: UInt8] = [:]

    init(frames: [RGBAImage]) {
        var histogram: [UInt32: Int] = [:]
        for f in frames {
            f.pixels.withUnsafeBufferPointer { p in
                for i in stride(from: 0, to: p.count, by: 4) { histogram[Self.key(p, i), default: 0] += 1 }
            }
        }
        let keys = histogram.keys.sorted()
        if keys.count <= 256 {
            colors = keys.map(Self.rgb)
            for (i, k) in keys.enumerated() { index[k] = UInt8(i) }
            return
        }
        typealias Entry = (key: UInt32, count: Int)
        // Each box with its widest channel and that channel's range, computed once.
        func widest(_ box: [Entry]) -> (range: Int, channel: Int) {
            var lo = [255, 255, 255], hi = [0, 0, 0]
            for e in box {
                for c in 0..<3 { let v = Int(Self.channel(e.key, c)); lo[c] = min(lo[c], v); hi[c] = max(hi[c], v) }
            }
            let ranges = (0..<3).map { hi[$0] - lo[$0] }
            let c = ranges.firstIndex(of: ranges.max()!)!
            return (ranges[c], c)
        }
        let all = keys.map { ($0, histogram[$0]!) }
        var boxes: [(entries: [Entry], range: Int, channel: Int)] = [(all, widest(all).range, widest(all).channel)]
        while boxes.count < 256 {
            var best = -1, bestRange = 0
            for (b, box) in boxes.enumerated() where box.entries.count > 1 && box.range > bestRange { best = b; bestRange = box.range }
            guard best >= 0 else { break }
            let ch = boxes[best].channel
            let sorted = boxes[best].entries.sorted { (Self.channel($0.key, ch), $0.key) < (Self.channel($1.key, ch), $1.key) }
            let total = sorted.reduce(0) { $0 + $1.count }
            var acc = 0, cut = 1
            for (i, e) in sorted.enumerated() {
                acc += e.count
                if acc * 2 >= total { cut = max(1, min(sorted.count - 1, i + 1)); break }
            }
            let low = Array(sorted[..<cut]), high = Array(sorted[cut...])
            let wl = widest(low), wh = widest(high)
            boxes[best] = (low, wl.range, wl.channel)
            boxes.append((high, wh.range, wh.channel))
        }
        for (box, _, _) in boxes {
            let n = Double(box.reduce(0) { $0 + $1.count })
            func mean(_ c: Int) -> UInt8 { UInt8((box.reduce(0.0) { $0 + Double(Self.channel($1.key, c)) * Double($1.count) } / n).rounded()) }
            colors.append(RGB(r: mean(0), g: mean(1), b: mean(2)))
        }
        for k in keys { index[k] = nearest(k) }
    }

    private static func key(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        UInt32(p[i]) << 16 | UInt32(p[i + 1]) << 8 | UInt32(p[i + 2])
    }
    private static func channel(_ key: UInt32, _ c: Int) -> UInt8 { UInt8((key >> (16 - 8 * UInt32(c))) & 0xff) }
    private static func rgb(_ key: UInt32) -> RGB { RGB(r: channel(key, 0), g: channel(key, 1), b: channel(key, 2)) }

    private func nearest(_ key: UInt32) -> UInt8 {
        let r = Int(Self.channel(key, 0)), g = Int(Self.channel(key, 1)), b = Int(Self.channel(key, 2))
        var best = 0, bestD = Int.max
        for (i, c) in colors.enumerated() {
            let d = (Int(c.r) - r) * (Int(c.r) - r) + (Int(c.g) - g) * (Int(c.g) - g) + (Int(c.b) - b) * (Int(c.b) - b)
            if d < bestD { best = i; bestD = d }
        }
        return UInt8(best)
    }

    /// The palette indices of one row of a frame.
    func indices(_ frame: RGBAImage, row y: Int, into out: inout [UInt8]) {
        frame.pixels.withUnsafeBufferPointer { p in
            let base = y * frame.width * 4
            for x in 0..<frame.width { out[x] = index[Self.key(p, base + 4 * x)] ?? 0 }
        }
    }
}
