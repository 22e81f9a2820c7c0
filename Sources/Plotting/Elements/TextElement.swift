import Foundation

/// How a rotated text is aligned (matplotlib's `rotation_mode`).
public enum TextRotationMode: String, Hashable, Sendable {
    /// The rotated text's bounding box is aligned to the position (matplotlib's default).
    case `default`
    /// The text is aligned unrotated, then turned about the position (`'anchor'`).
    case anchor
}

/// One line of text an element places (see `PlotElement.texts(in:)`), in points.
public struct ElementText: Hashable, Sendable {
    /// The text.
    public var text: String
    /// The anchor in points.
    public var position: Point
    /// Font, size and colour.
    public var style: TextStyle
    /// Horizontal alignment to the anchor.
    public var horizontal: HorizontalAlignment
    /// Vertical alignment to the anchor.
    public var vertical: VerticalAlignment
    /// Degrees counter-clockwise.
    public var rotation: Double
    /// How the rotation and the alignment combine.
    public var rotationMode: TextRotationMode

    /// A text at `position`.
    public init(_ text: String, at position: Point, style: TextStyle, horizontal: HorizontalAlignment = .left,
                vertical: VerticalAlignment = .baseline, rotation: Double = 0, rotationMode: TextRotationMode = .default) {
        self.text = text; self.position = position; self.style = style; self.horizontal = horizontal
        self.vertical = vertical; self.rotation = rotation; self.rotationMode = rotationMode
    }
}

/// A text at a data point, like matplotlib's `Axes.text(x, y, s)`: left/baseline aligned by default,
/// not clipped to the data area (`clip_on=False`), and kept on the canvas by the measured layout.
/// It does not change the data limits. Made by `Axes.text`.
public final class TextElement: PlotElement {
    /// The text (one line).
    public var text: String
    /// The anchor's x in data coordinates.
    public var x: Double
    /// The anchor's y in data coordinates.
    public var y: Double
    /// Text colour; nil = the style's text colour.
    public var color: Color?
    /// Size in points; nil = the style's base font size (matplotlib's `font.size`).
    public var fontSize: Double?
    /// Normal or bold.
    public var weight: FontWeight
    /// Horizontal alignment (matplotlib's `ha`, default left).
    public var horizontal: HorizontalAlignment
    /// Vertical alignment (matplotlib's `va`, default baseline).
    public var vertical: VerticalAlignment
    /// Degrees counter-clockwise.
    public var rotation: Double
    /// How rotation and alignment combine (matplotlib's default: the rotated box is aligned).
    public var rotationMode: TextRotationMode
    /// Replaces the colour's alpha.
    public var alpha: Double?

    /// A text at (x, y); see `Axes.text`.
    public init(_ text: String, x: Double, y: Double, color: Color? = nil, fontSize: Double? = nil, weight: FontWeight = .normal,
                horizontal: HorizontalAlignment = .left, vertical: VerticalAlignment = .baseline, rotation: Double = 0,
                rotationMode: TextRotationMode = .default, alpha: Double? = nil) {
        self.text = text; self.x = x; self.y = y; self.color = color; self.fontSize = fontSize; self.weight = weight
        self.horizontal = horizontal; self.vertical = vertical; self.rotation = rotation; self.rotationMode = rotationMode
        self.alpha = alpha
    }

    // MARK: PlotElement

    /// None: matplotlib's `text` does not change the data limits.
    public func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? { nil }

    /// Nothing inside the clip: the text is drawn with the axes' texts.
    public func draw(in context: AxesContext, with renderer: Renderer) {}

    /// The text, when its anchor can be mapped (not ≤ 0 on a log axis).
    public func texts(in context: AxesContext) -> [ElementText] {
        let p = context.position(x: x, y: y)
        guard !text.isEmpty, p.x.isFinite, p.y.isFinite else { return [] }
        let st = context.style
        let c = PatchPaint.apply(alpha, to: color ?? st.textColor)
        return [ElementText(text, at: p, style: TextStyle(size: fontSize ?? st.fontSize, color: c, weight: weight, family: st.fontFamily),
                            horizontal: horizontal, vertical: vertical, rotation: rotation, rotationMode: rotationMode)]
    }
}

extension Axes {
    /// A text at data point (x, y), like matplotlib's `ax.text(x, y, s, ha=, va=, rotation=, color=,
    /// fontsize=)`: left/baseline aligned by default, rotated counter-clockwise with the rotated box
    /// aligned (matplotlib's `rotation_mode='default'`; `.anchor` turns it about the anchor). Drawn
    /// above the data and not clipped; the measured layout keeps it on the canvas; a `best` legend
    /// avoids it; the data limits do not change.
    @discardableResult
    public func text(_ text: String, x: Double, y: Double, color: Color? = nil, fontSize: Double? = nil,
                     weight: FontWeight = .normal, horizontal: HorizontalAlignment = .left,
                     vertical: VerticalAlignment = .baseline, rotation: Double = 0,
                     rotationMode: TextRotationMode = .default, alpha: Double? = nil) -> TextElement {
        add(TextElement(text, x: x, y: y, color: color, fontSize: fontSize, weight: weight, horizontal: horizontal,
                        vertical: vertical, rotation: rotation, rotationMode: rotationMode, alpha: alpha))
    }
}

extension FigurePainter {
    /// The texts of an axes' elements, placed (role `.text`): measured by the layout, drawn with the
    /// axes' texts (above the spines), counted as boxes by a `best` legend.
    func elementTexts(_ p: AxesPlan) -> [PlacedText] {
        let context = p.context
        var out: [PlacedText] = []
        for e in p.axes.elements {
            for t in e.texts(in: context) {
                switch t.rotationMode {
                case .default:
                    out.append(placeRotated(.text, t.text, at: t.position, style: t.style, t.horizontal, t.vertical, rotation: t.rotation))
                case .anchor:
                    out.append(place(.text, t.text, at: t.position, style: t.style, t.horizontal, t.vertical, rotation: t.rotation))
                }
            }
        }
        return out
    }
}
