import Foundation

/// A text note attached to a data point, like matplotlib's `annotate(text, xy, xytext,
/// textcoords="offset points", arrowprops=…)`: the text sits `offset` points away from the point
/// (x to the right, y up), optionally with an arrow pointing at it.
public struct Annotation: Hashable, Sendable {
    /// The note.
    public var text: String
    /// The annotated point's x, in data coordinates.
    public var x: Double
    /// The annotated point's y.
    public var y: Double
    /// Where the text is: points to the right of the point (negative: left).
    public var offsetX: Double
    /// Points up from the point (negative: down).
    public var offsetY: Double
    /// Draw an arrow from the text to the point (only when the text is offset).
    public var arrow: Bool
    /// Text and arrow colour; nil = the style's text colour.
    public var color: Color?
    /// Text size in points; nil = the style's tick label size.
    public var fontSize: Double?

    /// A note at (x, y), its text offset by (offsetX, offsetY) points.
    public init(_ text: String, x: Double, y: Double, offsetX: Double = 0, offsetY: Double = 0, arrow: Bool = false,
                color: Color? = nil, fontSize: Double? = nil) {
        self.text = text; self.x = x; self.y = y; self.offsetX = offsetX; self.offsetY = offsetY
        self.arrow = arrow; self.color = color; self.fontSize = fontSize
    }
}

/// An annotation's arrow as laid out: from the text box towards the point.
struct PlacedArrow {
    var from: Point
    var to: Point
    var color: Color
}

extension FigurePainter {
    /// Annotation texts and arrows for an axes (points outside the view are not annotated, as
    /// with matplotlib's default `annotation_clip`). Texts join the axes' texts, so the measured
    /// layout keeps them inside the canvas.
    func placeAnnotations(_ p: AxesPlan) -> (texts: [PlacedText], arrows: [PlacedArrow]) {
        var texts: [PlacedText] = [], arrows: [PlacedArrow] = []
        let st = p.style
        for a in p.axes.annotations {
            let point = Point(x: p.px(a.x), y: p.py(a.y))
            guard point.x.isFinite, point.y.isFinite,
                  point.x >= p.rect.minX - 0.01, point.x <= p.rect.maxX + 0.01,
                  point.y >= p.rect.minY - 0.01, point.y <= p.rect.maxY + 0.01 else { continue }
            let color = a.color ?? st.textColor
            let style = textStyle(st, size: a.fontSize ?? st.xTickLabelSize, color: color)
            let h: HorizontalAlignment = a.offsetX > 0 ? .left : (a.offsetX < 0 ? .right : .center)
            let v: VerticalAlignment = a.offsetY > 0 ? .bottom : (a.offsetY < 0 ? .top : .center)
            let t = place(.annotation, a.text, at: Point(x: point.x + a.offsetX, y: point.y - a.offsetY), style: style, h, v)
            texts.append(t)
            guard a.arrow, a.offsetX != 0 || a.offsetY != 0 else { continue }
            // From the text box's nearest point (plus a small gap) to just short of the point.
            let r = t.rect
            let start = Point(x: min(max(point.x, r.minX), r.maxX), y: min(max(point.y, r.minY), r.maxY))
            let dx = point.x - start.x, dy = point.y - start.y
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 8 else { continue }
            let ux = dx / length, uy = dy / length
            arrows.append(PlacedArrow(from: Point(x: start.x + 2 * ux, y: start.y + 2 * uy),
                                      to: Point(x: point.x - 3 * ux, y: point.y - 3 * uy), color: color))
        }
        return (texts, arrows)
    }

    /// A straight arrow with a filled head at `to`.
    func paintArrow(_ a: PlacedArrow) {
        let dx = a.to.x - a.from.x, dy = a.to.y - a.from.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 0 else { return }
        let ux = dx / length, uy = dy / length
        let head = min(7.0, length * 0.5), half = head * 0.4
        let base = Point(x: a.to.x - head * ux, y: a.to.y - head * uy)
        renderer.drawPath(line(a.from, base), fill: nil, stroke: StrokeStyle(color: a.color, width: 1, cap: .butt))
        var tip = Path()
        tip.move(to: a.to)
        tip.line(to: Point(x: base.x - half * uy, y: base.y + half * ux))
        tip.line(to: Point(x: base.x + half * uy, y: base.y - half * ux))
        tip.close()
        renderer.drawPath(tip, fill: a.color, stroke: nil)
    }
}
