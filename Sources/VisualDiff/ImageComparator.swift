import Foundation
import LargeArrays
import Plotting

/// A pixel rectangle (integer coordinates, top-left origin).
public struct PixelRect: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Left edge.
    public var x: Int
    /// Top edge.
    public var y: Int
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// A rectangle from its origin and size.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    /// `W×H at (X,Y)`.
    public var description: String { "\(width)×\(height) at (\(x),\(y))" }
}

/// The outcome of comparing two decoded images, with every metric filled in whatever the verdict.
public struct ImageComparison: Sendable {
    /// How the two images relate.
    public enum Verdict: String, Sendable, Codable {
        /// Decoded pixels are identical.
        case identical
        /// Pixels differ, but every rule of the tolerance holds.
        case withinTolerance = "within-tolerance"
        /// At least one rule fired.
        case different
        /// Width or height differ; no pixel metrics.
        case sizeMismatch = "size-mismatch"
    }

    /// The verdict.
    public var verdict: Verdict
    /// The tolerance the verdict was reached with.
    public var tolerance: Tolerance
    /// Size of the expected image.
    public var expectedSize: (width: Int, height: Int)
    /// Size of the actual image.
    public var actualSize: (width: Int, height: Int)
    /// Pixels whose RGBA bytes differ at all.
    public var changedPixels: Int
    /// Pixels above the colour threshold and not excused as anti-aliasing.
    public var significantPixels: Int
    /// Pixels above the colour threshold excused as anti-aliasing.
    public var antialiasedPixels: Int
    /// Pixels above the colour threshold excused as content moved by one pixel.
    public var shiftedPixels: Int
    /// Largest difference of any channel of any pixel (0–255).
    public var maxChannelDelta: Int
    /// matplotlib's `calculate_rms` (0–255 scale, over RGB when both images are opaque, else RGBA).
    public var rms: Double
    /// RMS of the worst tile, AA-excused pixels left out (0–255 scale).
    public var worstTileRMS: Double
    /// The worst tile (nil when nothing counted).
    public var worstTile: PixelRect?
    /// Bounding box of the significant pixels (nil when there are none).
    public var significantBounds: PixelRect?
    /// The rules that fired, human-readable (empty when passing).
    public var failedRules: [String]
    /// The diff image, when requested: the actual image faded to grey, significant pixels red,
    /// anti-aliasing pixels yellow, 1-px moves green, sub-threshold changes pale blue.
    public var diffImage: RGBAImage?

    /// True when the images are identical or within tolerance.
    public var passed: Bool { verdict == .identical || verdict == .withinTolerance }

    /// The region worth zooming into: the significant pixels when they fit in 128×128, else the worst tile.
    public var worstRegion: PixelRect? {
        if let b = significantBounds, b.width <= 128, b.height <= 128 { return b }
        return worstTile ?? significantBounds
    }

    /// A one-line verdict with the metrics, e.g.
    /// `FAIL: 49 significant px > 0; worst tile RMS 55.84 > 8 at 32×32 at (480,480) | RMS 1.785, AA 0 px, changed 49 px`.
    public var summary: String {
        switch verdict {
        case .identical: return "PASS identical (\(actualSize.width)×\(actualSize.height))"
        case .sizeMismatch:
            return "FAIL size mismatch: expected \(expectedSize.width)×\(expectedSize.height), actual \(actualSize.width)×\(actualSize.height)"
        case .withinTolerance, .different:
            let head = verdict == .different ? "FAIL: " + failedRules.joined(separator: "; ") : "PASS within tolerance"
            var tile = "worst tile RMS \(fmt(worstTileRMS))"
            if let t = worstTile { tile += " at (\(t.x),\(t.y))" }
            return "\(head) | RMS \(fmt(rms, 3)), \(significantPixels) significant px, \(antialiasedPixels) AA px, \(shiftedPixels) shifted px, \(changedPixels) changed px, \(tile), max Δ \(maxChannelDelta)"
        }
    }
}

func fmt(_ v: Double, _ digits: Int = 2) -> String {
    guard v.isFinite else { return "\(v)" }
    var p = 1.0
    for _ in 0..<digits { p *= 10 }
    let r = (v * p).rounded() / p
    var s = "\(r)"
    if s.hasSuffix(".0") { s.removeLast(2) }
    return s
}

/// Compares decoded images in one pass over the pixels.
public enum ImageComparator {
    /// Compares `expected` with `actual`.
    ///
    /// One pass over both pixel buffers as 32-bit words: equal pixels cost one compare; a differing
    /// pixel adds to the global and tile sums of squares, gets its YIQ colour difference, and, when
    /// above the threshold, pixelmatch's anti-aliasing test (both ways) — which may only excuse it
    /// when its largest channel difference is at most `tolerance.antialiasingMaxDelta`.
    /// - Parameter makesDiffImage: also paint the diff image (costs a little for every pixel).
    public static func compare(expected: RGBAImage, actual: RGBAImage, tolerance: Tolerance = .default,
                               makesDiffImage: Bool = false) -> ImageComparison {
        var result = ImageComparison(
            verdict: .identical, tolerance: tolerance,
            expectedSize: (expected.width, expected.height), actualSize: (actual.width, actual.height),
            changedPixels: 0, significantPixels: 0, antialiasedPixels: 0, shiftedPixels: 0, maxChannelDelta: 0, rms: 0,
            worstTileRMS: 0, worstTile: nil, significantBounds: nil, failedRules: [], diffImage: nil)
        guard expected.width == actual.width, expected.height == actual.height else {
            result.verdict = .sizeMismatch
            result.failedRules = ["size \(actual.width)×\(actual.height) ≠ expected \(expected.width)×\(expected.height)"]
            return result
        }
        let w = actual.width, h = actual.height
        guard w > 0, h > 0 else { return result }
        let tile = max(tolerance.tileSize, 1)
        let tilesX = (w + tile - 1) / tile, tilesY = (h + tile - 1) / tile
        var tileSums = [UInt64](repeating: 0, count: tilesX * tilesY)
        let maxYIQ = 35215.0 * tolerance.colorThreshold * tolerance.colorThreshold
        let detectAA = tolerance.ignoresAntialiasing && !tolerance.exact
        let aaGate = tolerance.antialiasingMaxDelta
        let detectShift = tolerance.maxShift > 0 && !tolerance.exact
        let shiftSlack = tolerance.shiftChannelTolerance
        var diffPixels: [UInt8] = makesDiffImage
            ? LargeArray.make(count: w * h * 4) { $0.initialize(repeating: 0) } : []

        // Bands of whole tile rows: each band owns its tile sums and diff rows (disjoint writes) and
        // reads neighbours freely (read-only). Differences cluster in a few regions, so large images
        // are cut into many small bands that idle cores pick up as they finish (the tallies are
        // integer sums, minima and maxima: the result does not depend on the split).
        let tileRowsPerBand: Int = {
            let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
            guard cores > 1, w * h >= 250_000 else { return tilesY }
            let bands = min(tilesY, max(cores, (w * h) / 40_000))
            return (tilesY + bands - 1) / bands
        }()
        let bandCount = (tilesY + tileRowsPerBand - 1) / tileRowsPerBand
        var tallies = [Tally](repeating: Tally(), count: bandCount)

        expected.pixels.withUnsafeBytes { eRaw in
        actual.pixels.withUnsafeBytes { aRaw in
        tileSums.withUnsafeMutableBufferPointer { tiles in
        diffPixels.withUnsafeMutableBytes { dRaw in
        tallies.withUnsafeMutableBufferPointer { tallyBuffer in
            let shared = UnsafeShared(e: eRaw.bindMemory(to: UInt8.self), a: aRaw.bindMemory(to: UInt8.self),
                                      out: dRaw.bindMemory(to: UInt8.self), tiles: tiles, tallies: tallyBuffer)
            let scan: @Sendable (Int) -> Void = { band in
                let y0 = band * tileRowsPerBand * tile, y1 = min(h, (band + 1) * tileRowsPerBand * tile)
                shared.tallies[band] = scanRows(y0..<y1, shared, w: w, h: h, tile: tile, tilesX: tilesX,
                                                maxYIQ: maxYIQ, detectAA: detectAA, aaGate: aaGate,
                                                detectShift: detectShift, shiftSlack: shiftSlack, paints: makesDiffImage)
            }
            if bandCount > 1 { DispatchQueue.concurrentPerform(iterations: bandCount, execute: scan) } else { scan(0) }
        }}}}}
        var total = Tally()
        for t in tallies { total.add(t) }
        let changed = total.changed, significant = total.significant, aa = total.aa, shifted = total.shifted
        let maxDelta = total.maxDelta, sumSq = total.sumSq
        let minX = total.minX, minY = total.minY, maxX = total.maxX, maxY = total.maxY
        result.changedPixels = changed
        result.significantPixels = significant
        result.antialiasedPixels = aa
        result.shiftedPixels = shifted
        result.maxChannelDelta = maxDelta
        // matplotlib drops the alpha channel only when the image is fully opaque.
        // (checked only when something changed: identical images never pay for it)
        let bothOpaque = changed == 0 || (opaque(expected) && opaque(actual))
        let channels = bothOpaque ? 3.0 : 4.0
        result.rms = (Double(sumSq) / (channels * Double(w * h))).squareRoot()
        // Tile RMS: sum over the tile divided by the nominal tile area (clipped to the image),
        // so a narrow edge tile does not magnify a few pixels.
        let area = Double(min(tile, w) * min(tile, h)) * channels
        var worst: UInt64 = 0, worstIndex = -1
        for (i, s) in tileSums.enumerated() where s > worst { worst = s; worstIndex = i }
        if worstIndex >= 0 {
            result.worstTileRMS = (Double(worst) / area).squareRoot()
            let tx = (worstIndex % tilesX) * tile, ty = (worstIndex / tilesX) * tile
            result.worstTile = PixelRect(x: tx, y: ty, width: min(tile, w - tx), height: min(tile, h - ty))
        }
        if maxX >= 0 {
            result.significantBounds = PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
        }
        if makesDiffImage { result.diffImage = RGBAImage(width: w, height: h, pixels: diffPixels) }

        if changed == 0 { result.verdict = .identical; return result }
        var rules: [String] = []
        if tolerance.exact {
            rules.append("exact: \(changed) px changed")
        } else {
            if significant > tolerance.maxDiffPixels {
                rules.append("\(significant) significant px > \(tolerance.maxDiffPixels)")
            }
            if result.worstTileRMS > tolerance.maxTileRMS {
                rules.append("worst tile RMS \(fmt(result.worstTileRMS)) > \(fmt(tolerance.maxTileRMS))")
            }
            if let maxRMS = tolerance.maxRMS, result.rms > maxRMS {
                rules.append("RMS \(fmt(result.rms, 3)) > \(fmt(maxRMS, 3))")
            }
        }
        result.failedRules = rules
        result.verdict = rules.isEmpty ? .withinTolerance : .different
        return result
    }

    /// Counters of one band of rows.
    struct Tally {
        var changed = 0, significant = 0, aa = 0, shifted = 0, maxDelta = 0
        var sumSq: UInt64 = 0
        var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
        mutating func add(_ o: Tally) {
            changed += o.changed; significant += o.significant; aa += o.aa; shifted += o.shifted
            maxDelta = max(maxDelta, o.maxDelta); sumSq &+= o.sumSq
            minX = min(minX, o.minX); minY = min(minY, o.minY); maxX = max(maxX, o.maxX); maxY = max(maxY, o.maxY)
        }
    }

    /// The buffers the bands share; every band writes only its own rows, tiles and tally.
    struct UnsafeShared: @unchecked Sendable {
        let e: UnsafeBufferPointer<UInt8>
        let a: UnsafeBufferPointer<UInt8>
        let out: UnsafeMutableBufferPointer<UInt8>
        let tiles: UnsafeMutableBufferPointer<UInt64>
        let tallies: UnsafeMutableBufferPointer<Tally>
    }

    /// The one pass over rows `rows` (whole tile rows).
    static func scanRows(_ rows: Range<Int>, _ s: UnsafeShared, w: Int, h: Int, tile: Int, tilesX: Int,
                         maxYIQ: Double, detectAA: Bool, aaGate: Int, detectShift: Bool, shiftSlack: Int,
                         paints makesDiffImage: Bool) -> Tally {
        var t = Tally()
        let eb = s.e, ab = s.a, out = s.out, tiles = s.tiles
        let e = UnsafeRawPointer(eb.baseAddress!), a = UnsafeRawPointer(ab.baseAddress!)
        for y in rows {
            let row = y * w
            let tileRow = (y / tile) * tilesX
            var x = 0
            while x < w {
                let xEnd = min(x + tile, w)
                let ti = tileRow + x / tile
                var tileSum: UInt64 = 0
                // Whole equal segments cost one memcmp (no diff image to paint).
                if !makesDiffImage && memcmp(e + (row + x) * 4, a + (row + x) * 4, (xEnd - x) * 4) == 0 {
                    x = xEnd
                    continue
                }
                while x < xEnd {
                    let i = row + x
                    let k = i &* 4
                    if e.loadUnaligned(fromByteOffset: k, as: UInt32.self) == a.loadUnaligned(fromByteOffset: k, as: UInt32.self) {
                        if makesDiffImage { paintGray(out, i, ab) }
                        x += 1
                        continue
                    }
                    let dr = Int(eb[k]) - Int(ab[k]), dg = Int(eb[k + 1]) - Int(ab[k + 1])
                    let db = Int(eb[k + 2]) - Int(ab[k + 2]), da = Int(eb[k + 3]) - Int(ab[k + 3])
                    let sq = UInt64(dr * dr + dg * dg + db * db + da * da)
                    let md = max(max(abs(dr), abs(dg)), max(abs(db), abs(da)))
                    if md > t.maxDelta { t.maxDelta = md }
                    t.changed += 1
                    t.sumSq &+= sq
                    let delta = abs(colorDelta(eb, k, ab, k, yOnly: false))
                    if delta > maxYIQ {
                        if detectAA && md <= aaGate
                            && (antialiased(eb, x, y, w, h, eb, ab) || antialiased(ab, x, y, w, h, ab, eb)
                                || (detectShift && movedByOnePixel(eb, ab, x, y, w, h, slack: shiftSlack, interpolated: true))) {
                            t.aa += 1
                            if makesDiffImage { paint(out, k, 255, 210, 0) }
                        } else if detectShift && movedByOnePixel(eb, ab, x, y, w, h, slack: shiftSlack, interpolated: false) {
                            t.shifted += 1
                            if makesDiffImage { paint(out, k, 0, 190, 60) }
                        } else {
                            t.significant += 1
                            tileSum &+= sq
                            if x < t.minX { t.minX = x }; if x > t.maxX { t.maxX = x }
                            if y < t.minY { t.minY = y }; if y > t.maxY { t.maxY = y }
                            if makesDiffImage { paint(out, k, 255, 0, 0) }
                        }
                    } else {
                        tileSum &+= sq
                        if makesDiffImage { paint(out, k, 120, 170, 255) }
                    }
                    x += 1
                }
                if tileSum > 0 { tiles[ti] &+= tileSum }
            }
        }
        return t
    }

    /// Every alpha byte is 255.
    static func opaque(_ image: RGBAImage) -> Bool {
        image.pixels.withUnsafeBytes { raw in
            let p = raw.bindMemory(to: UInt32.self)
            var acc: UInt32 = 0xFF00_0000
            for v in p { acc &= v }   // RGBA bytes read little-endian: alpha is the top byte
            return acc == 0xFF00_0000
        }
    }

    // MARK: pixelmatch (ISC licence, Mapbox) ported: colour delta and anti-aliasing detection.

    @inline(__always)
    static func blend(_ c: Double, _ a: Double) -> Double { 255 + (c - 255) * a }

    /// pixelmatch's `colorDelta`: squared YIQ distance (max 35215); with `yOnly`, the signed
    /// brightness difference. Semi-transparent pixels are blended onto white.
    @inline(__always)
    static func colorDelta(_ p1: UnsafeBufferPointer<UInt8>, _ k: Int, _ p2: UnsafeBufferPointer<UInt8>, _ m: Int,
                           yOnly: Bool) -> Double {
        var r1 = Double(p1[k]), g1 = Double(p1[k + 1]), b1 = Double(p1[k + 2])
        let a1 = p1[k + 3]
        var r2 = Double(p2[m]), g2 = Double(p2[m + 1]), b2 = Double(p2[m + 2])
        let a2 = p2[m + 3]
        if a1 == a2 && r1 == r2 && g1 == g2 && b1 == b2 { return 0 }
        if a1 < 255 { let f = Double(a1) / 255; r1 = blend(r1, f); g1 = blend(g1, f); b1 = blend(b1, f) }
        if a2 < 255 { let f = Double(a2) / 255; r2 = blend(r2, f); g2 = blend(g2, f); b2 = blend(b2, f) }
        let y1 = r1 * 0.29889531 + g1 * 0.58662247 + b1 * 0.11448223
        let y2 = r2 * 0.29889531 + g2 * 0.58662247 + b2 * 0.11448223
        let dy = y1 - y2
        if yOnly { return dy }
        let di = (r1 * 0.59597799 - g1 * 0.27417610 - b1 * 0.32180189) - (r2 * 0.59597799 - g2 * 0.27417610 - b2 * 0.32180189)
        let dq = (r1 * 0.21147017 - g1 * 0.52261711 + b1 * 0.31114694) - (r2 * 0.21147017 - g2 * 0.52261711 + b2 * 0.31114694)
        let delta = 0.5053 * dy * dy + 0.299 * di * di + 0.1957 * dq * dq
        return y1 > y2 ? -delta : delta
    }

    /// The YIQ brightness `colorDelta` uses: the pixel blended onto white when translucent.
    @inline(__always)
    static func luma(_ p: UnsafeBufferPointer<UInt8>, _ k: Int) -> Double {
        var r = Double(p[k]), g = Double(p[k + 1]), b = Double(p[k + 2])
        let a = p[k + 3]
        if a < 255 { let f = Double(a) / 255; r = blend(r, f); g = blend(g, f); b = blend(b, f) }
        return r * 0.29889531 + g * 0.58662247 + b * 0.11448223
    }

    /// pixelmatch's `antialiased`: is the pixel at (x1, y1) of `img` on an anti-aliased edge?
    /// `a` and `b` are the two images (for the sibling test in both).
    static func antialiased(_ img: UnsafeBufferPointer<UInt8>, _ x1: Int, _ y1: Int, _ width: Int, _ height: Int,
                            _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0)
        let x2 = min(x1 + 1, width - 1), y2 = min(y1 + 1, height - 1)
        let pos = (y1 * width + x1) * 4
        var zeroes = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0
        var minV = 0.0, maxV = 0.0
        var minX = 0, minY = 0, maxX = 0, maxY = 0
        let centre = luma(img, pos)
        for x in x0...x2 {
            for y in y0...y2 {
                if x == x1 && y == y1 { continue }
                // colorDelta(yOnly: true) with the centre's brightness computed once: the same
                // operations on the same values, so the same bits.
                let delta = centre - luma(img, (y * width + x) * 4)
                if delta == 0 {
                    zeroes += 1
                    if zeroes > 2 { return false }
                } else if delta < minV {
                    minV = delta; minX = x; minY = y
                } else if delta > maxV {
                    maxV = delta; maxX = x; maxY = y
                }
            }
        }
        if minV == 0 || maxV == 0 { return false }
        return (hasManySiblings(a, minX, minY, width, height) && hasManySiblings(b, minX, minY, width, height))
            || (hasManySiblings(a, maxX, maxY, width, height) && hasManySiblings(b, maxX, maxY, width, height))
    }

    /// pixelmatch's `hasManySiblings`: does the pixel have 3 or more identical neighbours?
    static func hasManySiblings(_ img: UnsafeBufferPointer<UInt8>, _ x1: Int, _ y1: Int, _ width: Int, _ height: Int) -> Bool {
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0)
        let x2 = min(x1 + 1, width - 1), y2 = min(y1 + 1, height - 1)
        let raw = UnsafeRawPointer(img.baseAddress!)
        let val = raw.loadUnaligned(fromByteOffset: (y1 * width + x1) * 4, as: UInt32.self)
        var zeroes = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0
        for x in x0...x2 {
            for y in y0...y2 {
                if x == x1 && y == y1 { continue }
                if raw.loadUnaligned(fromByteOffset: (y * width + x) * 4, as: UInt32.self) == val { zeroes += 1 }
                if zeroes > 2 { return true }
            }
        }
        return false
    }

    /// Is the actual image's 3×3 neighbourhood of (x, y) the expected image's neighbourhood moved by
    /// one displacement d (|dx|, |dy| ≤ 1, d ≠ 0)? One displacement must explain all nine pixels, so a
    /// marker that vanished or changed colour is never excused.
    /// - `interpolated == false`: a whole-pixel move, A(q) = E(q − d), each channel within `slack`.
    /// - `interpolated == true`: a sub-pixel move, A(q) between E(q) and E(q − d) in every channel
    ///   (± `slack`) — anti-aliasing that moved; the caller only asks for small amplitudes.
    static func movedByOnePixel(_ e: UnsafeBufferPointer<UInt8>, _ a: UnsafeBufferPointer<UInt8>,
                                _ x: Int, _ y: Int, _ w: Int, _ h: Int, slack: Int, interpolated: Bool) -> Bool {
        @inline(__always) func close(_ i: Int, _ j: Int) -> Bool {
            let p = i &* 4, q = j &* 4
            if interpolated {
                for c in 0..<4 {
                    let v = Int(a[p + c]), u1 = Int(e[p + c]), u2 = Int(e[q + c])
                    if v < min(u1, u2) - slack || v > max(u1, u2) + slack { return false }
                }
                return true
            }
            return abs(Int(a[p]) - Int(e[q])) <= slack && abs(Int(a[p + 1]) - Int(e[q + 1])) <= slack
                && abs(Int(a[p + 2]) - Int(e[q + 2])) <= slack && abs(Int(a[p + 3]) - Int(e[q + 3])) <= slack
        }
        for dy in -1...1 {
            for dx in -1...1 where dx != 0 || dy != 0 {
                // The centre pixel decides most displacements at once.
                let cx = x - dx, cy = y - dy
                if cx >= 0, cx < w, cy >= 0, cy < h, !close(y * w + x, cy * w + cx) { continue }
                var ok = true, checked = 0
                for qy in max(y - 1, 0)...min(y + 1, h - 1) where ok {
                    let sy = qy - dy
                    guard sy >= 0, sy < h else { continue }
                    for qx in max(x - 1, 0)...min(x + 1, w - 1) {
                        let sx = qx - dx
                        guard sx >= 0, sx < w else { continue }
                        checked += 1
                        if !close(qy * w + qx, sy * w + sx) { ok = false; break }
                    }
                }
                if ok && checked >= 4 { return true }
            }
        }
        return false
    }

    // MARK: diff painting

    @inline(__always)
    static func paint(_ out: UnsafeMutableBufferPointer<UInt8>, _ k: Int, _ r: UInt8, _ g: UInt8, _ b: UInt8) {
        out[k] = r; out[k + 1] = g; out[k + 2] = b; out[k + 3] = 255
    }

    /// pixelmatch's faded grey: the actual pixel's brightness blended 90 % toward white.
    @inline(__always)
    static func paintGray(_ out: UnsafeMutableBufferPointer<UInt8>, _ i: Int, _ src: UnsafeBufferPointer<UInt8>) {
        let k = i &* 4
        let yv = Double(src[k]) * 0.29889531 + Double(src[k + 1]) * 0.58662247 + Double(src[k + 2]) * 0.11448223
        let v = 255 + (yv - 255) * 0.1 * Double(src[k + 3]) / 255
        let g = UInt8(max(0, min(255, v.rounded())))
        out[k] = g; out[k + 1] = g; out[k + 2] = g; out[k + 3] = 255
    }
}
