import Plotting

/// Pictures for humans: the zoomed crop around the worst region.
public enum DiffImages {
    /// Expected | actual | diff, each cropped to `region` grown to at least `minimumSide` pixels
    /// (plus a margin), magnified with nearest-neighbour so single pixels stay visible, on a grey
    /// strip with 4-px gaps.
    public static func crop(expected: RGBAImage, actual: RGBAImage, diff: RGBAImage?, around region: PixelRect,
                            minimumSide: Int = 48, panelWidth: Int = 240) -> RGBAImage {
        let w = actual.width, h = actual.height
        let side = max(minimumSide, max(region.width, region.height) + 16)
        let cx = region.x + region.width / 2, cy = region.y + region.height / 2
        let cw = min(side, w), ch = min(side, h)
        let x0 = max(0, min(cx - cw / 2, w - cw)), y0 = max(0, min(cy - ch / 2, h - ch))
        let scale = max(1, min(8, panelWidth / max(cw, ch)))
        let panels = [expected, actual] + (diff.map { [$0] } ?? [])
        let gap = 4
        let outW = panels.count * cw * scale + (panels.count + 1) * gap, outH = ch * scale + 2 * gap
        var out = RGBAImage(width: outW, height: outH, fill: (128, 128, 128, 255))
        for (n, img) in panels.enumerated() where img.width == w && img.height == h {
            let ox = gap + n * (cw * scale + gap)
            for y in 0..<(ch * scale) {
                let sy = y0 + y / scale
                for x in 0..<(cw * scale) {
                    let s = ((sy * w) + x0 + x / scale) * 4
                    let d = ((gap + y) * outW + ox + x) * 4
                    // composite on white so transparent goldens read correctly
                    let a = Int(img.pixels[s + 3])
                    for c in 0..<3 { out.pixels[d + c] = UInt8((Int(img.pixels[s + c]) * a + 255 * (255 - a)) / 255) }
                    out.pixels[d + 3] = 255
                }
            }
        }
        return out
    }
}
