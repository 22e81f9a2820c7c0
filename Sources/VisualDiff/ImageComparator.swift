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
}
