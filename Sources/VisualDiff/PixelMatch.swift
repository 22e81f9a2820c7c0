import Foundation
import LargeArrays
import Plotting

extension ImageComparator {
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
