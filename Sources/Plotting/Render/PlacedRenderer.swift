/// A renderer that draws into a rectangle of another renderer: every coordinate is scaled by
/// `scale` and moved by `origin`, and lengths (line widths, font sizes, marker shapes) are scaled
/// too. Used to place a whole figure on a handout page or slide, as vectors.
public final class PlacedRenderer: Renderer {
    /// The renderer drawn into.
    public let base: Renderer
    /// Where the placed canvas's top-left corner lands in `base`.
    public let origin: Point
    /// Points of `base` per point of the placed canvas.
    public let scale: Double
    /// The placed canvas size in its own points.
    public let size: Size

    /// Places a canvas of `size` points at `origin` of `base`, scaled by `scale`.
    public init(base: Renderer, origin: Point, scale: Double, size: Size) {
        self.base = base; self.origin = origin; self.scale = scale; self.size = size
    }

    /// The base's pixels per point, times `scale`.
    public var pixelsPerPoint: Double { base.pixelsPerPoint * scale }

    private func map(_ p: Point) -> Point { Point(x: origin.x + p.x * scale, y: origin.y + p.y * scale) }

    private func scaled(_ path: Path, offset: Bool) -> Path {
        func t(_ p: Point) -> Point { offset ? map(p) : Point(x: p.x * scale, y: p.y * scale) }
        return Path(elements: path.elements.map { e in
            switch e {
            case .move(let p): return .move(t(p))
            case .line(let p): return .line(t(p))
            case .curve(let a, let b, let c): return .curve(t(a), t(b), t(c))
            case .close: return .close
            }
        })
    }

    private func scaled(_ s: StrokeStyle) -> StrokeStyle {
        var s = s
        s.width *= scale
        s.dash = s.dash.map { $0 * scale }
        s.dashOffset *= scale
        return s
    }

    private func scaled(_ t: TextStyle) -> TextStyle {
        var t = t
        t.size *= scale
        return t
    }

    /// Draws the path moved and scaled into `base`.
    public func drawPath(_ path: Path, fill: Color?, stroke: StrokeStyle?) {
        base.drawPath(scaled(path, offset: true), fill: fill, stroke: stroke.map(scaled))
    }

    /// Draws the markers moved and scaled (shapes and edge widths too).
    public func drawMarkers(_ batch: MarkerBatch) {
        var b = batch
        b.shape = scaled(batch.shape, offset: false)
        b.positions = batch.positions.map(map)
        b.edgeWidth *= scale
        base.drawMarkers(b)
    }

    /// Draws the text at the mapped position, its size scaled.
    public func drawText(_ text: String, at position: Point, style: TextStyle,
                         horizontal: HorizontalAlignment, vertical: VerticalAlignment, rotation: Double) {
        base.drawText(text, at: map(position), style: scaled(style), horizontal: horizontal, vertical: vertical, rotation: rotation)
    }

    /// Measures with `base` at the scaled size, in this canvas's points.
    public func measureText(_ text: String, style: TextStyle) -> TextMetrics {
        let m = base.measureText(text, style: scaled(style))
        return TextMetrics(width: m.width / scale, ascent: m.ascent / scale, descent: m.descent / scale)
    }

    /// Clips to the mapped rectangle.
    public func withClip(_ rect: Rect, _ body: () -> Void) {
        let o = map(Point(x: rect.x, y: rect.y))
        base.withClip(Rect(x: o.x, y: o.y, width: rect.width * scale, height: rect.height * scale), body)
    }

    /// Draws the picture into the mapped rectangle.
    public func drawImage(_ image: RGBAImage, in rect: Rect) {
        let o = map(Point(x: rect.x, y: rect.y))
        base.drawImage(image, in: Rect(x: o.x, y: o.y, width: rect.width * scale, height: rect.height * scale))
    }
}
