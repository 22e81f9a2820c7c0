import Foundation

/// The area between two curves, like the `FillBetweenPolyCollection` of matplotlib's
/// `fill_between(x, y1, y2)` (direction `.x`) and `fill_betweenx(y, x1, x2)` (direction `.y`).
/// Made by `Axes.fillBetween` and `Axes.fillBetweenX`.
///
/// Each run of consecutive points that are finite (and selected by `where`) is one polygon:
/// `(t₀, f2₀)`, the first curve forward, `(tₙ, f2ₙ)`, the second curve backward — matplotlib's
/// vertex order. All polygons are one path, drawn with one renderer call. There are no sticky
/// edges (matplotlib sets none), so the autoscale adds its margins on both axes.
public final class FillBetween: PlotElement {
    /// Which axis the independent variable runs along.
    public enum Direction: String, Hashable, Sendable {
        /// `fill_between`: t is x, the curves are y values.
        case x
        /// `fill_betweenx`: t is y, the curves are x values.
        case y
    }

    /// `.x` for `fill_between`, `.y` for `fill_betweenx`.
    public var direction: Direction
    /// The independent coordinates (x of `fill_between`, y of `fill_betweenx`).
    public var t: [Double]
    /// The first curve: one value per t, or one value for all (a scalar in matplotlib).
    public var f1: [Double]
    /// The second curve, like `f1` (matplotlib's default 0).
    public var f2: [Double]
    /// Which points take part (matplotlib's `where`: the span between points i and i+1 is filled
    /// when both are selected); nil = all.
    public var selection: [Bool]?
    /// The face colour: `.cycle` or `.uniform`.
    public var color: SeriesColor
    /// Edge colour; nil = no edge.
    public var edgeColor: Color?
    /// Edge width in points; nil = 1 (matplotlib's `patch.linewidth`).
    public var edgeWidth: Double?
    /// Replaces the alpha of the face and edge colours.
    public var alpha: Double?
    /// Legend label (a filled rectangle handle); nil or "_…" for none.
    public var label: String?

    /// A fill between `f1` and `f2` along `t`; see `Axes.fillBetween`.
    public init(direction: Direction, t: [Double], f1: [Double], f2: [Double] = [0], where selection: [Bool]? = nil,
                color: SeriesColor, edgeColor: Color? = nil, edgeWidth: Double? = nil, alpha: Double? = nil, label: String? = nil) {
        self.direction = direction; self.t = t; self.f1 = f1; self.f2 = f2; self.selection = selection
        self.color = color; self.edgeColor = edgeColor; self.edgeWidth = edgeWidth; self.alpha = alpha; self.label = label
    }

    func value(_ f: [Double], _ i: Int) -> Double { f.count == 1 ? f[0] : f[i] }

    /// Whether point `i` takes part: selected and finite.
    func included(_ i: Int) -> Bool {
        (selection.map { i < $0.count && $0[i] } ?? true) && t[i].isFinite && value(f1, i).isFinite && value(f2, i).isFinite
    }

    /// The index ranges of the polygons (runs of included points; matplotlib's `contiguous_regions`).
    func regions() -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start: Int?
        for i in t.indices {
            if included(i) { if start == nil { start = i } }
            else if let s = start { out.append(s..<i); start = nil }
        }
        if let s = start { out.append(s..<t.count) }
        return out
    }

    /// The polygons' vertices in data coordinates as (x, y).
    public func polygons() -> [[(x: Double, y: Double)]] {
        regions().map { r in
            var ts: [(Double, Double)] = [(t[r.lowerBound], value(f2, r.lowerBound))]
            for i in r { ts.append((t[i], value(f1, i))) }
            ts.append((t[r.upperBound - 1], value(f2, r.upperBound - 1)))
            for i in r.reversed() { ts.append((t[i], value(f2, i))) }
            return direction == .x ? ts.map { (x: $0.0, y: $0.1) } : ts.map { (x: $0.1, y: $0.0) }
        }
    }

    // MARK: PlotElement

    /// Both curves at the included points (positive values only on a log axis).
    public func dataLimits(xScale: AxisScale, yScale: AxisScale) -> DataLimits? {
        var xs: [Double] = [], ys: [Double] = []
        for i in t.indices where included(i) {
            for f in [value(f1, i), value(f2, i)] {
                if direction == .x { xs.append(t[i]); ys.append(f) } else { xs.append(f); ys.append(t[i]) }
            }
        }
        return DataLimits(x: xs, y: ys, xScale: xScale, yScale: yScale)
    }

    /// The polygons as one path, filled (and stroked with the edge colour, round joins as
    /// matplotlib's collections).
    public func draw(in context: AxesContext, with renderer: Renderer) {
        var path = Path()
        for poly in pointPolygons(context) where poly.count > 2 {
            path.addPolyline(poly)
            path.close()
        }
        guard !path.isEmpty else { return }
        let face = PatchPaint.apply(alpha, to: color.colors(in: context.style, count: 1).first ?? .black)
        PatchPaint.draw(path, face: face, edge: edgeStroke(), rectilinear: false, with: renderer)
    }

    /// A filled rectangle in the face and edge colours.
    public func drawLegendHandle(in area: LegendHandleArea, context: AxesContext, with renderer: Renderer) {
        let face = PatchPaint.apply(alpha, to: color.colors(in: context.style, count: 1).first ?? .black)
        PatchPaint.drawHandle(area, style: context.style, face: face, edge: edgeStroke(), with: renderer)
    }

    /// Each polygon's outline and vertices (matplotlib counts a PolyCollection's paths as lines:
    /// their vertices inside the box and whether they cross it).
    public func legendObstacles(in context: AxesContext) -> LegendObstacles {
        let polys = pointPolygons(context)
        return LegendObstacles(points: polys.flatMap { $0 }, polylines: polys.map { $0 + ($0.first.map { [$0] } ?? []) })
    }

    func edgeStroke() -> StrokeStyle? { PatchPaint.edge(edgeColor, width: edgeWidth, alpha: alpha, join: .round) }

    /// The polygons in points (vertices that cannot be drawn, ≤ 0 on a log axis, are left out).
    func pointPolygons(_ context: AxesContext) -> [[Point]] {
        polygons().map { poly in
            poly.compactMap { v in
                let p = context.position(x: v.x, y: v.y)
                return p.x.isFinite && p.y.isFinite ? p : nil
            }
        }
    }
}

extension Axes {
    /// Fills between two y curves along x, like matplotlib's `fill_between(x, y1, y2=0, where=None)`.
    /// `y1` and `y2` have one value per x, or one value for all (a scalar). `where` selects points
    /// (the span between two selected neighbours is filled).
    /// - `color` is matplotlib's `color=`: the face and the edge (1 pt); `edgeColor` sets the edge
    ///   on its own (`.clear` for none). Neither = the next colour of the patches cycle
    ///   (`nextPatchColor()`) and no edge. `edgeWidth` default 1 pt.
    /// - `alpha` replaces the colours' alpha; `label` gives a legend entry with a filled rectangle.
    @discardableResult
    public func fillBetween(x: [Double], y1: [Double], y2: [Double] = [0], where selection: [Bool]? = nil,
                            color: Color? = nil, edgeColor: Color? = nil, edgeWidth: Double? = nil, alpha: Double? = nil,
                            label: String? = nil) -> FillBetween {
        makeFill(.x, "fillBetween", t: x, f1: y1, f2: y2, selection: selection, color: color, edgeColor: edgeColor,
                 edgeWidth: edgeWidth, alpha: alpha, label: label)
    }

    /// Fills between two x curves along y, like matplotlib's `fill_betweenx(y, x1, x2=0, where=None)`
    /// (scikit-learn's silhouette plot: `fillBetweenX(y: ys, x1: [0], x2: values, color: c,
    /// edgeColor: c, alpha: 0.7)`). Everything else as in `fillBetween`.
    @discardableResult
    public func fillBetweenX(y: [Double], x1: [Double], x2: [Double] = [0], where selection: [Bool]? = nil,
                             color: Color? = nil, edgeColor: Color? = nil, edgeWidth: Double? = nil, alpha: Double? = nil,
                             label: String? = nil) -> FillBetween {
        makeFill(.y, "fillBetweenX", t: y, f1: x1, f2: x2, selection: selection, color: color, edgeColor: edgeColor,
                 edgeWidth: edgeWidth, alpha: alpha, label: label)
    }

    private func makeFill(_ d: FillBetween.Direction, _ name: String, t: [Double], f1: [Double], f2: [Double],
                          selection: [Bool]?, color: Color?, edgeColor: Color?, edgeWidth: Double?, alpha: Double?,
                          label: String?) -> FillBetween {
        precondition(f1.count == t.count || f1.count == 1, "\(name): the first curve needs one value per point or one value")
        precondition(f2.count == t.count || f2.count == 1, "\(name): the second curve needs one value per point or one value")
        precondition(selection == nil || selection!.count == t.count, "\(name): where needs one value per point")
        return add(FillBetween(direction: d, t: t, f1: f1, f2: f2, where: selection,
                               color: color.map { .uniform($0) } ?? nextPatchColor(), edgeColor: edgeColor ?? color,
                               edgeWidth: edgeWidth, alpha: alpha, label: label))
    }
}
