import Foundation

/// The frame of an axes: its ticks (from the axis' locator and formatter), tick labels, offset
/// texts, axis labels and title, and the face, grid, spines and tick marks drawn around the data.
extension FigurePainter {
    // MARK: Ticks

    /// The ticks of one axis: locations from the axis' locator, labels from its formatter (the
    /// scale's defaults unless set), the ones inside the view marked as drawn.
    func ticks(for axes: Axes, style st: Style, limits: ClosedRange<Double>, length: Double, isX: Bool) -> AxisTicks {
        let scale = isX ? axes.xScale : axes.yScale
        let context = TickContext(view: limits, scale: scale, axisLength: length,
                                  tickLabelSize: (isX ? axes.xAxis : axes.yAxis).labelSize ?? (isX ? st.xTickLabelSize : st.yTickLabelSize), isXAxis: isX,
                                  unicodeMinus: st.unicodeMinus)
        let (locs, f) = (isX ? axes.xAxis : axes.yAxis).ticks(in: context)
        let visible = Set(locs.filter { scale.viewContains($0, limits) })
        return AxisTicks(locations: locs, labels: f.labels, offsetText: f.offsetText, visibleMask: visible)
    }

    // MARK: Texts

    /// Tick labels, offset texts, axis labels and the title, placed around the data area (tick
    /// labels on the side, at the rotation and size of their axis' `TickSettings`).
    func frameTexts(_ p: AxesPlan) -> [PlacedText] {
        let st = p.style, rect = p.rect, axes = p.axes
        let xa = axes.xAxis, ya = axes.yAxis
        let gap = (st.ticksOutward ? st.tickSize : 0) + st.tickPad
        let xs = textStyle(st, size: xa.labelSize ?? st.xTickLabelSize, color: st.tickLabelColor)
        let ys = textStyle(st, size: ya.labelSize ?? st.yTickLabelSize, color: st.tickLabelColor)
        let xTop = xa.side == .opposite, yRight = ya.side == .opposite
        var texts: [PlacedText] = []
        var bottom = rect.maxY
        var top = rect.minY
        for (v, label) in p.xTicks.visible {
            if xTop {
                let t = placeRotated(.xTickLabel, label, at: Point(x: p.px(v), y: rect.minY - gap), style: xs, .center, .bottom,
                                     rotation: xa.labelRotation)
                texts.append(t)
                top = min(top, t.rect.minY)
            } else {
                let t = placeRotated(.xTickLabel, label, at: Point(x: p.px(v), y: rect.maxY + gap), style: xs, .center, .top,
                                     rotation: xa.labelRotation)
                texts.append(t)
                bottom = max(bottom, t.rect.maxY)
            }
        }
        // The title goes above tick labels at the top (matplotlib's _update_title_position).
        let titleBase = top
        if !p.xTicks.offsetText.isEmpty {
            if xTop {
                let t = place(.xOffset, p.xTicks.offsetText, at: Point(x: rect.maxX, y: top - 1), style: xs, .right, .bottom)
                texts.append(t)
                top = min(top, t.rect.minY)
            } else {
                let t = place(.xOffset, p.xTicks.offsetText, at: Point(x: rect.maxX, y: bottom + 1), style: xs, .right, .top)
                texts.append(t)
                bottom = max(bottom, t.rect.maxY)
            }
        }
        var left = rect.minX
        for (v, label) in p.yTicks.visible {
            if yRight {
                texts.append(placeRotated(.yTickLabel, label, at: Point(x: rect.maxX + gap, y: p.py(v)), style: ys, .left, .centerBaseline,
                                          rotation: ya.labelRotation))
            } else {
                let t = placeRotated(.yTickLabel, label, at: Point(x: rect.minX - gap, y: p.py(v)), style: ys, .right, .centerBaseline,
                                     rotation: ya.labelRotation)
                texts.append(t)
                left = min(left, t.rect.minX)
            }
        }
        if !p.yTicks.offsetText.isEmpty {
            let t = yRight
                ? place(.yOffset, p.yTicks.offsetText, at: Point(x: rect.maxX, y: min(top, rect.minY - st.tickPad)), style: ys, .right, .bottom)
                : place(.yOffset, p.yTicks.offsetText, at: Point(x: rect.minX, y: rect.minY - st.tickPad), style: ys, .left, .bottom)
            texts.append(t)
            top = min(top, t.rect.minY)
        }
        let ls = textStyle(st, size: st.labelSize, color: st.labelColor)
        if let xl = axes.xLabel, !xl.isEmpty {
            texts.append(place(.xLabel, xl, at: Point(x: rect.midX, y: bottom + st.labelPad), style: ls, .center, .top))
        }
        if let yl = axes.yLabel, !yl.isEmpty {
            texts.append(place(.yLabel, yl, at: Point(x: left - st.labelPad, y: rect.midY), style: ls, .center, .bottom, rotation: 90))
        }
        if let title = axes.title, !title.isEmpty {
            let ts = textStyle(st, size: st.titleSize, color: st.textColor, weight: st.titleWeight)
            var t = place(.title, title, at: Point(x: rect.midX, y: titleBase - st.titlePad), style: ts, .center, .baseline)
            if t.rect.maxY > top - 1 && top < titleBase {
                // An offset text sits above the axes: lift the title over it.
                t = place(.title, title, at: Point(x: rect.midX, y: top - 2 - (t.rect.maxY - t.at.y)), style: ts, .center, .baseline)
            }
            texts.append(t)
        }
        return texts
    }

    // MARK: Painting

    func paintFace(_ p: AxesPlan) {
        var face = Path(); face.addRect(p.rect)
        renderer.drawPath(face, fill: p.style.axesFaceColor, stroke: nil)
    }

    /// Whether grid lines are drawn at the x and at the y ticks: the axis' `showsGrid`, else the
    /// axes' `grid`, else the style.
    func gridAxes(_ p: AxesPlan) -> (x: Bool, y: Bool) {
        let all = p.axes.grid ?? p.style.grid
        return (p.axes.xAxis.showsGrid ?? all, p.axes.yAxis.showsGrid ?? all)
    }

    /// Whether any grid line is drawn.
    func gridShown(_ p: AxesPlan) -> Bool {
        let g = gridAxes(p)
        return g.x || g.y
    }

    /// Grid lines at the drawn ticks (snapped to whole pixels in PNG output).
    func paintGrid(_ p: AxesPlan) {
        let st = p.style, r = p.rect
        let stroke = StrokeStyle(color: st.gridColor, width: st.gridLineWidth,
                                 dash: st.gridLineStyle.dashes(lineWidth: st.gridLineWidth), cap: .butt, snapsToPixels: true)
        let shown = gridAxes(p)
        var path = Path()
        if shown.x {
            for (v, _) in p.xTicks.visible {
                let x = p.px(v); path.move(to: Point(x: x, y: r.minY)); path.line(to: Point(x: x, y: r.maxY))
            }
        }
        if shown.y {
            for (v, _) in p.yTicks.visible {
                let y = p.py(v); path.move(to: Point(x: r.minX, y: y)); path.line(to: Point(x: r.maxX, y: y))
            }
        }
        renderer.drawPath(path, fill: nil, stroke: stroke)
    }

    func paintSpines(_ p: AxesPlan) {
        let st = p.style, r = p.rect
        let spine = StrokeStyle(color: st.axesEdgeColor, width: st.axesLineWidth, cap: .square, join: .miter, snapsToPixels: true)
        if st.spineLeft { renderer.drawPath(line(Point(x: r.minX, y: r.minY), Point(x: r.minX, y: r.maxY)), fill: nil, stroke: spine) }
        if st.spineRight { renderer.drawPath(line(Point(x: r.maxX, y: r.minY), Point(x: r.maxX, y: r.maxY)), fill: nil, stroke: spine) }
        if st.spineBottom { renderer.drawPath(line(Point(x: r.minX, y: r.maxY), Point(x: r.maxX, y: r.maxY)), fill: nil, stroke: spine) }
        if st.spineTop { renderer.drawPath(line(Point(x: r.minX, y: r.minY), Point(x: r.maxX, y: r.minY)), fill: nil, stroke: spine) }
    }

    /// Tick marks at the drawn ticks of the bottom and left axes, when the style draws them.
    func paintTickMarks(_ p: AxesPlan) {
        let st = p.style, r = p.rect
        guard st.tickMarks else { return }
        let tick = StrokeStyle(color: st.tickColor, width: st.tickWidth, snapsToPixels: true)
        let len = st.ticksOutward ? st.tickSize : -st.tickSize
        let xa = p.axes.xAxis, ya = p.axes.yAxis
        var path = Path()
        if xa.showsTickMarks {
            // At the bottom, or at the top (pointing up) on the opposite side.
            let (y0, dy) = xa.side == .opposite ? (r.minY, -len) : (r.maxY, len)
            for (v, _) in p.xTicks.visible {
                let x = p.px(v); path.move(to: Point(x: x, y: y0)); path.line(to: Point(x: x, y: y0 + dy))
            }
        }
        if ya.showsTickMarks {
            let (x0, dx) = ya.side == .opposite ? (r.maxX, len) : (r.minX, -len)
            for (v, _) in p.yTicks.visible {
                let y = p.py(v); path.move(to: Point(x: x0, y: y)); path.line(to: Point(x: x0 + dx, y: y))
            }
        }
        renderer.drawPath(path, fill: nil, stroke: tick)
    }
}
