import CCairo
import Foundation

// Raster scatter markers: each (shape, colours, 1/16-pixel phase) is rendered once by Cairo into a
// small ARGB32 sprite, and the sprites are composited straight into the image surface with
// pixman's integer OVER arithmetic, band by band — the same pixels as painting each sprite with
// Cairo, at a fraction of the cost.

extension CairoRenderer {
    /// Raster output: composite cached sprites straight into the image surface.
    func stampMarkers(_ batch: MarkerBatch) {
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return }
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let clip = deviceClips.last!
        let cx0 = max(0, Int(clip.minX.rounded(.down))), cy0 = max(0, Int(clip.minY.rounded(.down)))
        let cx1 = min(width, Int(clip.maxX.rounded(.up))), cy1 = min(height, Int(clip.maxY.rounded(.up)))
        guard cx0 < cx1, cy0 < cy1 else { return }
        let k = pixelsPerPoint
        let phases = Double(MarkerSprite.phases)
        var lastFill: Color? = nil, lastEdge: Color? = nil
        var styleIndex = -1
        var styles: [(Color?, Color?)] = []
        let n = batch.positions.count
        // Pass 1: sprite and pixel position of every marker (styles found by a short linear search:
        // a scatter has few distinct colours, and comparing beats hashing two colours per point).
        var spriteOf = [Int32](repeating: -1, count: n)
        var posX = [Int32](repeating: 0, count: n), posY = [Int32](repeating: 0, count: n)
        var spriteList: [MarkerSprite] = []
        var spriteIndex = [Int32](repeating: -1, count: 0)
        let perStyle = MarkerSprite.phases * MarkerSprite.phases
        let sameColors = batch.fillColors.count == batch.edgeColors.count
            && batch.fillColors.withUnsafeBufferPointer { a in batch.edgeColors.withUnsafeBufferPointer { $0.baseAddress == a.baseAddress } }
        for (i, p) in batch.positions.enumerated() {
            let fill = color(batch.fillColors, i)
            let edge = batch.edgeWidth > 0 ? (sameColors ? fill : color(batch.edgeColors, i)) : nil
            if styleIndex < 0 || fill != lastFill || edge != lastEdge {
                if let s = styles.firstIndex(where: { $0.0 == fill && $0.1 == edge }) { styleIndex = s } else {
                    styleIndex = styles.count
                    styles.append((fill, edge))
                    spriteIndex += [Int32](repeating: -1, count: perStyle)
                }
                lastFill = fill; lastEdge = edge
            }
            let dx = p.x * k, dy = p.y * k
            guard dx.isFinite, dy.isFinite, abs(dx) < 1e9, abs(dy) < 1e9 else { continue }
            let qx = Int((dx * phases).rounded()), qy = Int((dy * phases).rounded())
            let ix = qx >> MarkerSprite.phaseBits, iy = qy >> MarkerSprite.phaseBits  // floor division by phases
            let px = qx & (MarkerSprite.phases - 1), py = qy & (MarkerSprite.phases - 1)
            let slot = styleIndex * perStyle + py * MarkerSprite.phases + px
            if spriteIndex[slot] < 0 {
                let (f, e) = styles[styleIndex]
                let sprite = makeSprite(batch, fill: f, edge: e, phaseX: px, phaseY: py)
                spriteIndex[slot] = Int32(spriteList.count)
                spriteList.append(sprite)
            }
            let sp = spriteList[Int(spriteIndex[slot])]
            let x0 = ix - sp.origin, y0 = iy - sp.origin
            // Markers wholly outside the clip are dropped here.
            if x0 + sp.side <= cx0 || x0 >= cx1 || y0 + sp.side <= cy0 || y0 >= cy1 { continue }
            spriteOf[i] = spriteIndex[slot]; posX[i] = Int32(x0); posY[i] = Int32(y0)
        }
        // Pass 2: composite band by band (16 rows of the image stay in cache while every marker
        // touching them is drawn, in the original order, so overlaps come out exactly the same).
        let band = 16
        let bands = (cy1 - cy0 + band - 1) / band
        var counts = [Int](repeating: 0, count: bands + 1)
        for i in 0..<n where spriteOf[i] >= 0 {
            let sp = spriteList[Int(spriteOf[i])]
            let y0 = max(Int(posY[i]), cy0), y1 = min(Int(posY[i]) + sp.side, cy1) - 1
            for b in ((y0 - cy0) / band)...((y1 - cy0) / band) { counts[b + 1] += 1 }
        }
        for b in 0..<bands { counts[b + 1] += counts[b] }
        var order = [Int32](repeating: 0, count: counts[bands])
        var fillAt = counts
        for i in 0..<n where spriteOf[i] >= 0 {
            let sp = spriteList[Int(spriteOf[i])]
            let y0 = max(Int(posY[i]), cy0), y1 = min(Int(posY[i]) + sp.side, cy1) - 1
            for b in ((y0 - cy0) / band)...((y1 - cy0) / band) { order[fillAt[b]] = Int32(i); fillAt[b] += 1 }
        }
        let dst = UnsafeMutableRawPointer(data)
        for b in 0..<bands {
            let by0 = cy0 + b * band, by1 = min(by0 + band, cy1)
            for j in counts[b]..<counts[b + 1] {
                let i = Int(order[j])
                spriteList[Int(spriteOf[i])].composite(onto: dst, stride: stride, x: Int(posX[i]), y: Int(posY[i]),
                                                        clipX0: cx0, clipY0: by0, clipX1: cx1, clipY1: by1)
            }
        }
        cairo_surface_mark_dirty(surface)
    }

    private func makeSprite(_ batch: MarkerBatch, fill: Color?, edge: Color?, phaseX: Int, phaseY: Int) -> MarkerSprite {
        let key = SpriteKey(shape: batch.shape, fill: fill, edge: edge, edgeWidth: batch.edgeWidth,
                            cap: batch.edgeCap, join: batch.edgeJoin, phaseX: phaseX, phaseY: phaseY)
        if let s = spriteCache[key] { return s }
        let k = pixelsPerPoint
        let b = batch.shape.controlBounds ?? Rect(x: 0, y: 0, width: 0, height: 0)
        let reach = max(abs(b.minX), abs(b.maxX), abs(b.minY), abs(b.maxY)) + batch.edgeWidth
        let origin = Int((reach * k).rounded(.up)) + 2
        let side = 2 * origin + 1
        let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(side), Int32(side))!
        let cr = cairo_create(s)!
        let ox = Double(origin) + Double(phaseX) / Double(MarkerSprite.phases)
        let oy = Double(origin) + Double(phaseY) / Double(MarkerSprite.phases)
        cairo_translate(cr, ox, oy)
        cairo_scale(cr, k, k)
        drawShape(cr, batch, fill: fill, edge: edge, dx: 0, dy: 0)
        cairo_destroy(cr)
        cairo_surface_flush(s)
        let sprite = MarkerSprite(surface: s, side: side, origin: origin)
        spriteCache[key] = sprite
        return sprite
    }
}

/// One sprite: the marker, its colours and its sub-pixel phase.
struct SpriteKey: Hashable {
    let shape: Path; let fill: Color?; let edge: Color?; let edgeWidth: Double
    let cap: LineCap; let join: LineJoin; let phaseX: Int; let phaseY: Int
}

/// A marker pre-rendered into a small premultiplied ARGB32 image, with the marker centre at
/// (origin + phase, origin + phase) pixels.
final class MarkerSprite {
    /// Sub-pixel positions per axis (a power of two): marker centres are placed to 1/(2·phases) pixel.
    static let phaseBits = 4
    static let phases = 1 << phaseBits
    /// Batches smaller than this are drawn as paths (exact, and just as fast when few).
    static let minimumBatch = 512
    /// Markers reaching further than this many pixels are drawn as paths (sprites would be big).
    static let maximumReach = 32.0
    let surface: OpaquePointer
    let side: Int
    let origin: Int
    /// Non-empty pixel runs, 3 Int32 each: row, first column, last column + 1; their pixels are
    /// packed one after the other in `packed` (compact, so thousands of sprites stay in cache).
    private let runs: UnsafeMutablePointer<Int32>
    private let runCount: Int
    private let packed: UnsafeMutablePointer<UInt32>
    /// The ink bounds within the sprite (for the no-clipping fast path).
    private let inkX0: Int, inkY0: Int, inkX1: Int, inkY1: Int

    init(surface: OpaquePointer, side: Int, origin: Int) {
        self.surface = surface
        self.side = side
        self.origin = origin
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let data = UnsafeRawPointer(cairo_image_surface_get_data(surface)!).assumingMemoryBound(to: UInt32.self)
        var runList: [Int32] = []
        var pixelList: [UInt32] = []
        var x0 = side, y0 = side, x1 = 0, y1 = 0
        for y in 0..<side {
            var first = -1, last = -1
            for x in 0..<side where data[y * stride + x] != 0 {
                if first < 0 { first = x }
                last = x
            }
            if first >= 0 {
                runList += [Int32(y), Int32(first), Int32(last + 1)]
                for x in first...last { pixelList.append(data[y * stride + x]) }
                x0 = min(x0, first); x1 = max(x1, last + 1); y0 = min(y0, y); y1 = max(y1, y + 1)
            }
        }
        runCount = runList.count / 3
        runs = .allocate(capacity: max(runList.count, 1))
        runs.initialize(from: runList, count: runList.count)
        packed = .allocate(capacity: max(pixelList.count, 1))
        packed.initialize(from: pixelList, count: pixelList.count)
        inkX0 = x0; inkY0 = y0; inkX1 = x1; inkY1 = y1
    }

    /// Cairo/pixman's OVER operator on premultiplied 8-bit channels, with pixman's rounding.
    @inline(__always) private static func over(_ src: UInt32, _ dst: UInt32) -> UInt32 {
        let sa = src >> 24
        if sa == 255 { return src }
        let ia = 255 - sa
        // Two channels at a time, as pixman's UN8x4_MUL_UN8_ADD_UN8x4.
        var rb = (dst & 0x00ff00ff) &* ia &+ 0x00800080
        rb = ((rb &+ ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff
        rb = rb &+ (src & 0x00ff00ff)
        rb |= 0x01000100 &- ((rb >> 8) & 0x00ff00ff)
        rb &= 0x00ff00ff
        var ag = ((dst >> 8) & 0x00ff00ff) &* ia &+ 0x00800080
        ag = ((ag &+ ((ag >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff
        ag = ag &+ ((src >> 8) & 0x00ff00ff)
        ag |= 0x01000100 &- ((ag >> 8) & 0x00ff00ff)
        ag &= 0x00ff00ff
        return rb | (ag << 8)
    }

    func composite(onto dst: UnsafeMutableRawPointer, stride: Int, x: Int, y: Int,
                   clipX0: Int, clipY0: Int, clipX1: Int, clipY1: Int) {
        var src = UnsafePointer(packed)
        let inside = x + inkX0 >= clipX0 && x + inkX1 <= clipX1 && y + inkY0 >= clipY0 && y + inkY1 <= clipY1
        for r in 0..<runCount {
            let ry = Int(runs[3 * r]), r0 = Int(runs[3 * r + 1]), r1 = Int(runs[3 * r + 2])
            defer { src += r1 - r0 }
            let dy = y + ry
            var a = r0, b = r1
            if !inside {
                if dy < clipY0 || dy >= clipY1 { continue }
                a = max(r0, clipX0 - x); b = min(r1, clipX1 - x)
                if a >= b { continue }
            }
            let row = (dst + dy * stride).assumingMemoryBound(to: UInt32.self) + x
            let s = src - r0
            for sx in a..<b {
                let p = s[sx]
                if p >> 24 == 255 { row[sx] = p } else if p != 0 { row[sx] = MarkerSprite.over(p, row[sx]) }
            }
        }
    }

    deinit {
        runs.deallocate()
        packed.deallocate()
    }
}
