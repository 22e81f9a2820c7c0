/// How a stroke ends at an open path's ends.
public enum LineCap: String, Sendable, Hashable {
    /// Ends exactly at the end point.
    case butt
    /// A half circle beyond the end point.
    case round
    /// A half square beyond the end point.
    case square
}

/// How a stroke turns at a path's corners.
public enum LineJoin: String, Sendable, Hashable {
    /// A sharp corner.
    case miter
    /// A rounded corner.
    case round
    /// A cut-off corner.
    case bevel
}

/// Everything needed to stroke a path; passed with each call, never left in renderer state.
public struct StrokeStyle: Hashable, Sendable {
    /// The stroke colour.
    public var color: Color
    /// Line width in points.
    public var width: Double
    /// Dash pattern in points (on, off, on, off…); empty for a solid line.
    public var dash: [Double]
    /// How far into the dash pattern the stroke starts, in points.
    public var dashOffset: Double
    /// How open ends look.
    public var cap: LineCap
    /// How corners look.
    public var join: LineJoin
    /// Snap the vertices of axis-aligned segments to the device pixel grid (raster output only),
    /// so 1-px lines are crisp instead of smeared over two pixel rows.
    public var snapsToPixels: Bool

    /// A stroke; solid, butt caps and miter joins by default.
    public init(color: Color, width: Double, dash: [Double] = [], dashOffset: Double = 0,
                cap: LineCap = .butt, join: LineJoin = .miter, snapsToPixels: Bool = false) {
        self.color = color; self.width = width; self.dash = dash; self.dashOffset = dashOffset
        self.cap = cap; self.join = join; self.snapsToPixels = snapsToPixels
    }
}

/// Font weight of a text run.
public enum FontWeight: String, Sendable, Hashable {
    /// Regular weight.
    case normal
    /// Bold.
    case bold
}

/// Font slant of a text run.
public enum FontSlant: String, Sendable, Hashable {
    /// Upright.
    case normal
    /// Slanted (DejaVu's oblique, synthesized by Cairo from the upright file).
    case italic
}

/// The look of a text run: size in points, colour, weight, slant and font family.
public struct TextStyle: Hashable, Sendable {
    /// Font size in points.
    public var size: Double
    /// The text colour.
    public var color: Color
    /// Normal or bold.
    public var weight: FontWeight
    /// Upright or italic.
    public var slant: FontSlant
    /// Font family; the renderer resolves it (DejaVu Sans by default, also `monospace`).
    public var family: String

    /// A text style; black DejaVu Sans by default.
    public init(size: Double, color: Color = .black, weight: FontWeight = .normal,
                slant: FontSlant = .normal, family: String = "DejaVu Sans") {
        self.size = size; self.color = color; self.weight = weight; self.slant = slant; self.family = family
    }
}

/// Measured size of a single-line text run, in points, from the font that draws it.
public struct TextMetrics: Hashable, Sendable {
    /// Advance width.
    public var width: Double
    /// Font ascent above the baseline (constant for a font and size).
    public var ascent: Double
    /// Font descent below the baseline, positive (constant for a font and size).
    public var descent: Double
    /// Ascent plus descent.
    public var height: Double { ascent + descent }

    /// Metrics of the given sizes.
    public init(width: Double, ascent: Double, descent: Double) {
        self.width = width; self.ascent = ascent; self.descent = descent
    }
}

/// Horizontal anchor of a text run relative to its position.
public enum HorizontalAlignment: String, Sendable, Hashable {
    /// The text starts at the anchor.
    case left
    /// The text is centred on the anchor.
    case center
    /// The text ends at the anchor.
    case right
}

/// Vertical anchor of a text run relative to its position.
public enum VerticalAlignment: String, Sendable, Hashable {
    /// The font's ascent line is at the anchor.
    case top
    /// The middle between ascent and descent is at the anchor.
    case center
    /// Half the ascent above the baseline is at the anchor (matplotlib's `center_baseline`, used
    /// for y tick labels).
    case centerBaseline
    /// The baseline is at the anchor.
    case baseline
    /// The font's descent line is at the anchor.
    case bottom
}

/// Many copies of one marker shape, drawn in order (later markers on top).
public struct MarkerBatch: Sendable {
    /// The marker outline centred at (0, 0), in points.
    public var shape: Path
    /// Marker centres in points.
    public var positions: [Point]
    /// Fill colours: empty for unfilled markers, one for all, or one per position.
    public var fillColors: [Color]
    /// Edge colours: empty for no edge, one for all, or one per position.
    public var edgeColors: [Color]
    /// Edge width in points.
    public var edgeWidth: Double
    /// Edge caps (for line-art markers such as x and +).
    public var edgeCap: LineCap
    /// Edge joins.
    public var edgeJoin: LineJoin

    /// A batch; no edge by default.
    public init(shape: Path, positions: [Point], fillColors: [Color], edgeColors: [Color] = [],
                edgeWidth: Double = 0, edgeCap: LineCap = .butt, edgeJoin: LineJoin = .miter) {
        self.shape = shape; self.positions = positions; self.fillColors = fillColors
        self.edgeColors = edgeColors; self.edgeWidth = edgeWidth; self.edgeCap = edgeCap; self.edgeJoin = edgeJoin
    }
}

/// The drawing boundary between the plotting model and an output device.
///
/// Stateless by contract: every call carries its complete style, and no call changes how a
/// later call draws. All lengths are typographic points with the origin at the top left.
/// Implementations: `CairoRenderer` (PNG, PDF, SVG) and `RecordingRenderer` (tests).
public protocol Renderer: AnyObject {
    /// Canvas size in points.
    var size: Size { get }
    /// Device pixels per point: dpi / 72 for raster output, 1 for vector output.
    var pixelsPerPoint: Double { get }

    /// Fills and/or strokes a path.
    func drawPath(_ path: Path, fill: Color?, stroke: StrokeStyle?)
    /// Draws many markers of one shape.
    func drawMarkers(_ batch: MarkerBatch)
    /// Draws one line of text anchored at `position`, rotated by `rotation` degrees
    /// counter-clockwise about the anchor.
    func drawText(_ text: String, at position: Point, style: TextStyle,
                  horizontal: HorizontalAlignment, vertical: VerticalAlignment, rotation: Double)
    /// Measures one line of text with the same font engine that draws it.
    func measureText(_ text: String, style: TextStyle) -> TextMetrics
    /// Runs `body` with drawing clipped to `rect`.
    func withClip(_ rect: Rect, _ body: () -> Void)
    /// Draws a picture scaled into `rect` (smoothly; in PDF and SVG its pixels are embedded once).
    func drawImage(_ image: RGBAImage, in rect: Rect)
}

extension Renderer {
    /// Renderers that draw no pictures (recording, measuring) ignore them.
    public func drawImage(_ image: RGBAImage, in rect: Rect) {}
}
