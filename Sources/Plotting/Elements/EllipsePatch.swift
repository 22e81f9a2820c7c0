import Foundation

/// An ellipse, like `matplotlib.patches.Ellipse(xy, width, height, angle)` added with `add_patch`:
/// `width` and `height` are the full lengths of the axes in data units, `angle` turns it by degrees
/// counter-clockwise (in data coordinates, so unequal axis scales shear it, as in matplotlib).
/// Made by `Axes.ellipse`.
///
/// The outline is matplotlib's: its unit circle of eight cubic Béziers, scaled, rotated and moved.
/// The data limits are matplotlib's too (`_update_patch_limits`: the Bézier extrema of the unit
/// circle, transformed — the ends of the axes and the points at 45° steps between them).
public final class EllipsePatch: PlotElement {
    /// The centre (data coordinates).
    public var center: (x: Double, y: Double)
    /// The full length of the first axis (before rotation: along x).
    public var width: Double
    /// The full length of the second axis (before rotation: along y).
    public var height: Double
    /// Rotation in degrees, counter-clockwise.
    public var angle: Double
    /// The face colour: `.cycle(n)` or `.uniform` (matplotlib's `patch.facecolor`, C0).
    public var faceColor: SeriesColor
    /// Whether the face is painted (matplotlib's `fill`).
    public var fill: Bool
    /// Edge colour; nil = none when filled, black when not (matplotlib's defaults).
    public var edgeColor: Color?
    /// Edge width in points; nil = 1.
    public var lineWidth: Double?
    /// Replaces the alpha of the face and edge colours.
    public var alpha: Double?
    /// Whether the ellipse counts for the autoscale: true like `add_patch`, false like `add_artist`.
    public var autoscale: Bool
    /// Legend label (a rectangle handle, as matplotlib's `HandlerPatch`); nil or "_…" for none.
    public var label: String?

    /// An ellipse; see `Axes.ellipse`.
    public init(center: (x: Double, y: Double), width: Double, height: Double, angle: Double = 0,
                faceColor: SeriesColor = .cycle(0), fill: Bool = true, edgeColor: Color? = nil, lineWidth: Double? = nil,
                alpha: Double? = nil, autoscale: Bool = true, label: String? = nil) {
        self.center = center; self.width = width; self.height = height; self.angle = angle
        self.faceColor = faceColor; self.fill = fill; self.edgeColor = edgeColor; self.lineWidth = lineWidth
        self.alpha = alpha; self.autoscale = autoscale; self.label = label
    }

    /// matplotlib's `Path.unit_circle()`: eight cubic Béziers (26 vertices: move, 24 curve points, close).
    static let unitCircle: [(Double, Double)] = [
        (0.0, -1.0), (0.2652031, -1.0), (0.5195798707848535, -0.8946336915882417),
        (0.7071067811865476, -0.7071067811865476), (0.8946336915882417, -0.5195798707848535), (1.0, -0.2652031),
        (1.0, 0.0), (1.0, 0.2652031), (0.8946336915882417, 0.5195798707848535),
        (0.7071067811865476, 0.7071067811865476), (0.5195798707848535, 0.8946336915882417), (0.2652031, 1.0),
        (0.0, 1.0), (-0.2652031, 1.0), (-0.5195798707848535, 0.8946336915882417),
        (-0.7071067811865476, 0.7071067811865476), (-0.8946336915882417, 0.5195798707848535), (-1.0, 0.2652031),
        (-1.0, 0.0), (-1.0, -0.2652031), (-0.8946336915882417, -0.5195798707848535),
        (-0.7071067811865476, -0.7071067811865476), (-0.5195798707848535, -0.8946336915882417), (-0.2652031, -1.0),
        (0.0, -1.0),
    ]

    /// The outline's vertices in data coordinates: matplotlib's patch transform
    /// `Affine2D().scale(width / 2, height / 2).rotate_deg(angle).translate(center)`, evaluated in the
    /// same order (25 points: the start, then three per Bézier).
    public func vertices() -> [(x: Double, y: Double)] {
        let sx = width * 0.5, sy = height * 0.5
        let theta = angle * (Double.pi / 180)
        let a = cos(theta), b = sin(theta)
        let m00 = a * sx - b * 0, m01 = a * 0 - b * sy, m02 = (a * 0 - b * 0) + center.x
        let m10 = b * sx + a * 0, m11 = b * 0 + a * sy, m12 = (b * 0 + a * 0) + center.y
        return Self.unitCircle.map { v in (x: m00 * v.0 + m01 * v.1 + m02, y: m10 * v.0 + m11 * v.1 + m12) }
    }

    // MARK: PlotElement

    /// The transformed extrema of the unit circle (the on-curve vertices), nil when `autoscale` is off.
    public func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? {
        guard autoscale else { return nil }
        let v = vertices()
        let onCurve = stride(from: 0, to: v.count, by: 3).map { v[$0] }
        return DataLimits(x: onCurve.map(\.x), y: onCurve.map(\.y), xScale: xScale, yScale: yScale)
    }

    /// The filled and/or stroked outline.
    public func draw(in context: AxesContext, with renderer: Renderer) {
        guard let path = outline(context) else { return }
        PatchPaint.draw(path, face: face(context.style), edge: edge(), rectilinear: false, with: renderer)
    }

    /// A rectangle in the ellipse's colours.
    public func drawLegendHandle(in area: LegendHandleArea, context: AxesContext, with renderer: Renderer) {
        PatchPaint.drawHandle(area, style: context.style, face: face(context.style), edge: edge(), with: renderer)
    }

    /// The outline's vertices (control points included) and the outline, as matplotlib counts a patch.
    public func legendObstacles(in context: AxesContext) -> LegendObstacles {
        let pts = vertices().map { context.position(x: $0.x, y: $0.y) }
        guard pts.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return LegendObstacles() }
        // The outline flattened: 16 points per Bézier.
        var line: [Point] = [pts[0]]
        for s in 0..<8 {
            let p0 = pts[3 * s], p1 = pts[3 * s + 1], p2 = pts[3 * s + 2], p3 = pts[3 * s + 3]
            for k in 1...16 {
                let t = Double(k) / 16, u = 1 - t
                let w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t
                line.append(Point(x: w0 * p0.x + w1 * p1.x + w2 * p2.x + w3 * p3.x, y: w0 * p0.y + w1 * p1.y + w2 * p2.y + w3 * p3.y))
            }
        }
        return LegendObstacles(points: pts + [pts[0]], polylines: [line])
    }

    func face(_ style: Style) -> Color? {
        fill ? PatchPaint.apply(alpha, to: faceColor.colors(in: style, count: 1).first ?? .black) : nil
    }

    func edge() -> StrokeStyle? { PatchPaint.edge(edgeColor ?? (fill ? nil : .black), width: lineWidth, alpha: alpha) }

    /// The outline in points; nil when a vertex cannot be drawn (log axes: control points are mapped
    /// like vertices).
    func outline(_ context: AxesContext) -> Path? {
        let pts = vertices().map { context.position(x: $0.x, y: $0.y) }
        guard pts.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return nil }
        var p = Path()
        p.move(to: pts[0])
        for s in 0..<8 { p.curve(to: pts[3 * s + 3], control1: pts[3 * s + 1], control2: pts[3 * s + 2]) }
        p.close()
        return p
    }
}

extension Axes {
    /// An ellipse, like `ax.add_patch(Ellipse(center, width, height, angle=angle))`: `width`/`height`
    /// are full axis lengths, `angle` degrees counter-clockwise (scikit-learn's GMM covariance plot:
    /// `ellipse(center: mean, width: v[0], height: v[1], angle: 180 + angle, color: c, alpha: 0.5)`).
    /// - Parameters:
    ///   - color: matplotlib's `color=`, the face and the edge; without it the face is C0 of the
    ///     style's cycle (matplotlib's `patch.facecolor`; the cycle does not advance) with no edge.
    ///     `fill: false` paints no face.
    ///   - edgeColor: the edge on its own (`.clear` for none); without it and without `color`: no
    ///     edge when filled, black when not. `lineWidth`: edge width (1 pt).
    ///   - alpha: replaces the face and edge alpha.
    ///   - autoscale: counts for the data limits (`add_patch`, default) or not (`add_artist`).
    ///   - label: a legend entry with a rectangle handle.
    @discardableResult
    public func ellipse(center: (x: Double, y: Double), width: Double, height: Double, angle: Double = 0,
                        color: Color? = nil, fill: Bool = true, edgeColor: Color? = nil, lineWidth: Double? = nil,
                        alpha: Double? = nil, autoscale: Bool = true, label: String? = nil) -> EllipsePatch {
        add(EllipsePatch(center: center, width: width, height: height, angle: angle,
                         faceColor: color.map { .uniform($0) } ?? .cycle(0), fill: fill, edgeColor: edgeColor ?? color,
                         lineWidth: lineWidth, alpha: alpha, autoscale: autoscale, label: label))
    }
}
