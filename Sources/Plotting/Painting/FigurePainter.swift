import Foundation

// The drawing of a figure is split by job, each an extension of `FigurePainter` in its own file:
//   FigureLayout.swift  the axes plans and where they go (fixed subplot parameters, tight layout)
//   AxesFrame.swift     ticks, tick/axis labels and title; face, grid, spines and tick marks
//   Legend.swift        the legend box, matplotlib's `best` location, the legend's painting
//   ../Figure/Colorbar.swift, ../Figure/Annotation.swift   colorbars and annotations
// Plot elements draw themselves (`PlotElement`, ../Elements/).

/// A text run placed for drawing: the same record is used to measure the layout and to draw,
/// so what is measured is exactly what is drawn.
struct PlacedText {
    var role: TextRole
    var text: String
    var at: Point
    var style: TextStyle
    var horizontal: HorizontalAlignment
    var vertical: VerticalAlignment
    var rotation: Double
    var rect: Rect

    var box: TextBox { TextBox(role: role, text: text, rect: rect) }
}

/// Laid-out axes: data rect, limits, ticks, texts.
struct AxesPlan {
    var axes: Axes
    var style: Style
    var rect: Rect
    var xlim: ClosedRange<Double>
    var ylim: ClosedRange<Double>
    var xTicks: AxisTicks
    var yTicks: AxisTicks
    var texts: [PlacedText]
    /// Annotation arrows (their texts are in `texts`).
    var arrows: [PlacedArrow] = []

    /// A legend outside the data area, which the layout must make room for.
    var outsideLegend: Rect?
    /// The colorbar beside the data area (its texts are in `texts`).
    var colorbar: ColorbarPlan?

    /// The data area and everything the layout must keep on the canvas: texts, colorbar, outside legend.
    var tightBounds: Rect {
        AxesGeometry.bounds(rect: rect, texts: texts.map { AxesGeometry.layoutRect($0.role, $0.rect, axes: rect) },
                            colorbar: colorbar?.bar, outsideLegend: outsideLegend)
    }

    /// The data-to-position maps, made once per plan (the log of the limits is not recomputed for
    /// every point).
    var xMap: AxisMap
    var yMap: AxisMap

    func px(_ x: Double) -> Double { rect.minX + xMap.fraction(x) * rect.width }
    func py(_ y: Double) -> Double { rect.maxY - yMap.fraction(y) * rect.height }

    /// What the axes' plot elements draw with.
    var context: AxesContext { AxesContext(dataArea: rect, style: style, xLimits: xlim, yLimits: ylim, xMap: xMap, yMap: yMap) }
}

/// Lays out and paints one figure through a renderer.
struct FigurePainter {
    let figure: Figure
    let renderer: Renderer

    func textStyle(_ st: Style, size: Double, color: Color, weight: FontWeight = .normal) -> TextStyle {
        TextStyle(size: size, color: color, weight: weight, family: st.fontFamily)
    }

    func place(_ role: TextRole, _ text: String, at: Point, style: TextStyle, _ h: HorizontalAlignment,
               _ v: VerticalAlignment, rotation: Double = 0) -> PlacedText {
        let m = renderer.measureText(text, style: style)
        return PlacedText(role: role, text: text, at: at, style: style, horizontal: h, vertical: v, rotation: rotation,
                          rect: textBounds(m, at: at, horizontal: h, vertical: v, rotation: rotation))
    }

    /// A text placed like matplotlib's `rotation_mode='default'`: the box of the text rotated by
    /// `rotation` degrees (counter-clockwise) is aligned to `at` by `h` and `v` (`.baseline`: the
    /// text's descent above the rotated box's bottom). Without rotation it is `place(...)`.
    func placeRotated(_ role: TextRole, _ text: String, at: Point, style: TextStyle, _ h: HorizontalAlignment,
                      _ v: VerticalAlignment, rotation: Double) -> PlacedText {
        guard rotation.truncatingRemainder(dividingBy: 360) != 0 else { return place(role, text, at: at, style: style, h, v) }
        let m = renderer.measureText(text, style: style)
        // The box around the baseline origin, rotated: its extent relative to the origin.
        let box = textBounds(m, at: Point(x: 0, y: 0), horizontal: .left, vertical: .baseline, rotation: rotation)
        let dx: Double
        switch h {
        case .left: dx = box.minX
        case .center: dx = box.midX
        case .right: dx = box.maxX
        }
        let dy: Double
        switch v {
        case .top: dy = box.minY
        case .center, .centerBaseline: dy = box.midY   // rotated: the box centre stands in for center_baseline
        case .baseline: dy = box.maxY - m.descent
        case .bottom: dy = box.maxY
        }
        let origin = Point(x: at.x - dx, y: at.y - dy)
        return PlacedText(role: role, text: text, at: origin, style: style, horizontal: .left, vertical: .baseline,
                          rotation: rotation, rect: textBounds(m, at: origin, horizontal: .left, vertical: .baseline, rotation: rotation))
    }

    // MARK: Geometry for tests

    func geometry() -> FigureGeometry {
        let plans = layoutPlans()
        let axes = plans.map { p -> AxesGeometry in
            let lp = legendPlan(p)
            return AxesGeometry(rect: p.rect, xLimits: p.xlim, yLimits: p.ylim, xTicks: p.xTicks, yTicks: p.yTicks,
                                texts: p.texts.map(\.box), legendRect: lp?.rect, legendLocation: lp?.location,
                                legendTexts: lp?.entries.map { $0.text.box } ?? [], colorbarRect: p.colorbar?.bar)
        }
        return FigureGeometry(size: figure.size, axes: axes, suptitle: suptitlePlaced()?.box)
    }

    // MARK: Painting

    /// Paints the figure; returns what did not fit in the layout it painted (``Figure/fitWarnings(using:)``).
    @discardableResult
    func paint() -> [String] {
        let plans = layoutPlans()
        for p in plans where p.axes.isVisible { paintAxes(p) }
        if let s = suptitlePlaced() { drawText(s) }
        return figure.fitWarnings(plans: plans, painter: self)
    }

    func drawText(_ t: PlacedText) {
        renderer.drawText(t.text, at: t.at, style: t.style, horizontal: t.horizontal, vertical: t.vertical, rotation: t.rotation)
    }

    func line(_ a: Point, _ b: Point) -> Path {
        var p = Path(); p.move(to: a); p.line(to: b); return p
    }

    /// One axes, bottom to top: face, grid (below the data by default), the elements clipped to
    /// the data area, spines and tick marks, annotation arrows, colorbar, texts, legend.
    func paintAxes(_ p: AxesPlan) {
        let st = p.style
        paintFace(p)
        let showGrid = gridShown(p)
        if showGrid && st.axisBelow { paintGrid(p) }
        let context = p.context
        renderer.withClip(p.rect) {
            for e in p.axes.elements { e.draw(in: context, with: renderer) }
        }
        if showGrid && !st.axisBelow { paintGrid(p) }
        paintSpines(p)
        paintTickMarks(p)
        for a in p.arrows { paintArrow(a) }
        if let c = p.colorbar { paintColorbar(c, p) }
        for t in p.texts where t.role != .colorbarTickLabel && t.role != .colorbarLabel { drawText(t) }
        if let lp = legendPlan(p) { paintLegend(lp, p) }
    }
}
