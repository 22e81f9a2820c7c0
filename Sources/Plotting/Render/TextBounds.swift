import Foundation

/// The box a single line of text covers, with the anchoring conventions of `Renderer.drawText`:
/// font ascent/descent vertically, advance width horizontally, rotated counter-clockwise about the anchor.
public func textBounds(_ metrics: TextMetrics, at p: Point, horizontal: HorizontalAlignment,
                       vertical: VerticalAlignment, rotation: Double) -> Rect {
    let w = metrics.width, a = metrics.ascent, d = metrics.descent
    let dx: Double
    switch horizontal {
    case .left: dx = 0
    case .center: dx = -w / 2
    case .right: dx = -w
    }
    let top: Double
    switch vertical {
    case .top: top = 0
    case .center: top = -(a + d) / 2
    case .centerBaseline: top = -a / 2
    case .baseline: top = -a
    case .bottom: top = -(a + d)
    }
    if rotation == 0 {
        return Rect(x: p.x + dx, y: p.y + top, width: w, height: a + d)
    }
    let phi = -rotation * .pi / 180
    let c = cos(phi), s = sin(phi)
    var x0 = Double.infinity, x1 = -Double.infinity, y0 = Double.infinity, y1 = -Double.infinity
    for (lx, ly) in [(dx, top), (dx + w, top), (dx, top + a + d), (dx + w, top + a + d)] {
        var x = lx * c - ly * s, y = lx * s + ly * c
        // Snap away floating noise of exact quarter turns.
        if abs(x) < 1e-9 { x = 0 }
        if abs(y) < 1e-9 { y = 0 }
        x0 = min(x0, x); x1 = max(x1, x); y0 = min(y0, y); y1 = max(y1, y)
    }
    return Rect(x: p.x + x0, y: p.y + y0, width: x1 - x0, height: y1 - y0)
}

