import Foundation

// What the filled elements (bars, histograms, fills, ellipses, polygons) share: matplotlib's Patch
// colours (face, edge, line width, alpha), the patches colour cycle, the rectangle legend handle and
// pixel snapping of rectilinear shapes.

extension Axes {
    /// The next colour of the axes' patches cycle: matplotlib's `_get_patches_for_fill`, which
    /// `scatter`, `bar`, `barh`, `hist`, `fill_between` and `fill_betweenx` share (a scatter and
    /// then a bar chart are C0 and C1, as in matplotlib). Lines (`plot`) count on their own.
    public func nextPatchColor() -> SeriesColor { nextCycleColor(for: ScatterSeries.self) }
}

/// The face and edge painting of a patch.
enum PatchPaint {
    /// matplotlib's `patch.linewidth` (rcParams default 1 pt).
    static let defaultEdgeWidth = 1.0

    /// A colour with matplotlib's `alpha=` applied: it replaces the colour's own alpha.
    static func apply(_ alpha: Double?, to c: Color) -> Color { alpha.map { c.withAlpha($0) } ?? c }

    /// The edge stroke, nil for no edge (no colour, a clear colour, or a width ≤ 0).
    /// Rectilinear shapes snap to the pixel grid in raster output, as matplotlib's Agg does.
    static func edge(_ color: Color?, width: Double?, alpha: Double?, join: LineJoin = .miter,
                     lineStyle: LineStyle = .solid, snaps: Bool = false) -> StrokeStyle? {
        guard let color else { return nil }
        let c = apply(alpha, to: color)
        let w = width ?? defaultEdgeWidth
        guard c.alpha > 0, w > 0 else { return nil }
        return StrokeStyle(color: c, width: w, dash: lineStyle.dashes(lineWidth: w), cap: .butt, join: join, snapsToPixels: snaps)
    }

    /// For a rectilinear fill without an edge: an invisible stroke that makes the Cairo renderer snap
    /// the path to whole device pixels in raster output (matplotlib snaps unstroked rectangles to
    /// pixel edges: a stroke two device pixels wide is snapped to the edges). Cairo draws nothing for
    /// a clear stroke; vector output is not snapped.
    static func snappingStroke(_ renderer: Renderer) -> StrokeStyle {
        StrokeStyle(color: .clear, width: 2 / max(renderer.pixelsPerPoint, 1e-9), snapsToPixels: true)
    }

    /// Draws `path` with the face and edge; a rectilinear path without an edge is snapped.
    static func draw(_ path: Path, face: Color?, edge: StrokeStyle?, rectilinear: Bool, with renderer: Renderer) {
        let fill = face.flatMap { $0.alpha > 0 ? $0 : nil }
        if let edge {
            renderer.drawPath(path, fill: fill, stroke: edge)
        } else if let fill {
            renderer.drawPath(path, fill: fill, stroke: rectilinear ? snappingStroke(renderer) : nil)
        }
    }

    /// matplotlib's rectangle legend handle (`HandlerPatch`): the handle length wide,
    /// `legend.handleheight` (0.7 em) high, centred in the handle area.
    static func handleRect(_ area: LegendHandleArea, style: Style) -> Rect {
        // The area is already matplotlib's handle box (handlelength × handleheight em).
        let h = area.height
        return Rect(x: area.center.x - area.width / 2, y: area.center.y - h / 2, width: area.width, height: h)
    }

    /// Draws the rectangle legend handle in the face and edge colours.
    static func drawHandle(_ area: LegendHandleArea, style: Style, face: Color?, edge: StrokeStyle?, with renderer: Renderer) {
        var p = Path()
        p.addRect(handleRect(area, style: style))
        draw(p, face: face, edge: edge, rectilinear: true, with: renderer)
    }

    /// The rectangle between two corners, whichever way round they are.
    static func rect(_ a: Point, _ b: Point) -> Rect {
        Rect(x: min(a.x, b.x), y: min(a.y, b.y), width: abs(b.x - a.x), height: abs(b.y - a.y))
    }

    /// Whether every segment of the polyline is horizontal or vertical (matplotlib snaps those).
    static func isRectilinear(_ points: [Point]) -> Bool {
        guard points.count > 1 else { return true }
        for i in 1..<points.count where points[i].x != points[i - 1].x && points[i].y != points[i - 1].y { return false }
        return true
    }
}
