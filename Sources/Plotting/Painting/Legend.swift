import Foundation

/// Legend laid out: frame, entries.
struct LegendPlan {
    var rect: Rect
    var location: LegendLocation
    var fontSize: Double
    var entries: [(element: any PlotElement, text: PlacedText, handle: LegendHandleArea)]
}

/// The legend: its box at one of matplotlib's locations (`best` as matplotlib chooses it, or
/// outside right of the axes), one row per labelled element, and its painting.
extension FigurePainter {
    /// The labelled elements of an axes, in drawing order.
    func legendEntries(_ axes: Axes) -> [any PlotElement] {
        axes.elements.filter(\.showsInLegend)
    }

    func legendPlan(_ p: AxesPlan) -> LegendPlan? {
        guard let loc = p.axes.legendLocation else { return nil }
        let entries = legendEntries(p.axes)
        guard !entries.isEmpty else { return nil }
        let st = p.style
        let fs = p.axes.legendFontSize ?? st.legendFontSize
        let ts = textStyle(st, size: fs, color: st.textColor)
        let metrics = entries.map { renderer.measureText($0.label!, style: ts) }
        let bp = st.legendBorderPad * fs, hl = st.legendHandleLength * fs, htp = st.legendHandleTextPad * fs
        // matplotlib packs each row's handle and text on the text's baseline: the handle box
        // (handleheight em high) stands on the baseline, and the row is as tall as the text's box
        // (or the handle, when taller).
        let hh = st.legendHandleHeight * fs, sp = st.legendLabelSpacing * fs
        let rows = metrics.map { (ascent: max($0.ascent, hh), descent: $0.descent) }
        let w = 2 * bp + hl + htp + (metrics.map(\.width).max() ?? 0)
        let h = 2 * bp + rows.reduce(0) { $0 + $1.ascent + $1.descent } + Double(entries.count - 1) * sp
        let bap = st.legendBorderAxesPad * fs
        func rect(_ l: LegendLocation) -> Rect {
            let r = p.rect
            // Beyond the colorbar, if any.
            let right = p.colorbar.map { $0.bounds.maxX } ?? r.maxX
            if l == .outsideRight { return Rect(x: right + bap, y: r.minY, width: w, height: h) }
            let x: Double, y: Double
            switch l {
            case .upperLeft, .lowerLeft, .centerLeft: x = r.minX + bap
            case .upperRight, .lowerRight, .right, .centerRight, .best, .outsideRight: x = r.maxX - bap - w
            case .lowerCenter, .upperCenter, .center: x = r.midX - w / 2
            }
            switch l {
            case .upperLeft, .upperRight, .upperCenter, .best, .outsideRight: y = r.minY + bap
            case .lowerLeft, .lowerRight, .lowerCenter: y = r.maxY - bap - h
            case .right, .centerLeft, .centerRight, .center: y = r.midY - h / 2
            }
            return Rect(x: x, y: y, width: w, height: h)
        }
        var chosen = loc
        if loc == .best { chosen = bestLocation(p, candidates: LegendLocation.bestCandidates.map { ($0, rect($0)) }) }
        let box = rect(chosen)
        var placed: [(any PlotElement, PlacedText, LegendHandleArea)] = []
        var top = box.minY + bp
        for (i, e) in entries.enumerated() {
            let baseline = top + rows[i].ascent
            let t = place(.legend, e.label!, at: Point(x: box.minX + bp + hl + htp, y: baseline), style: ts, .left, .baseline)
            placed.append((e, t, LegendHandleArea(center: Point(x: box.minX + bp + hl / 2, y: baseline - hh / 2), width: hl, height: hh)))
            top = baseline + rows[i].descent + sp
        }
        return LegendPlan(rect: box, location: chosen, fontSize: fs, entries: placed.map { ($0.0, $0.1, $0.2) })
    }

    /// matplotlib's `_find_best_position`: the first candidate with the least badness
    /// (element points inside + element polylines crossing the box).
    func bestLocation(_ p: AxesPlan, candidates: [(LegendLocation, Rect)]) -> LegendLocation {
        var best = candidates[0].0
        var bestBadness = Int.max
        // Data in points, computed once.
        let context = p.context
        var pts: [Point] = []
        var lines: [[Point]] = []
        var boxes: [Rect] = []
        for e in p.axes.elements {
            let o = e.legendObstacles(in: context)
            if pts.isEmpty { pts = o.points } else { pts += o.points }
            lines += o.polylines
            boxes += o.rects
        }
        // Texts of the elements (`Axes.text`) are boxes too, as matplotlib counts Text artists.
        for t in p.texts where t.role == .text { boxes.append(t.rect) }
        for (loc, r) in candidates {
            var badness = 0
            for q in pts where q.x >= r.minX && q.x <= r.maxX && q.y >= r.minY && q.y <= r.maxY { badness += 1 }
            for l in lines where polyline(l, intersects: r) { badness += 1 }
            // matplotlib's count_overlaps: boxes sharing only an edge do not overlap.
            for b in boxes where b.minX < r.maxX && b.maxX > r.minX && b.minY < r.maxY && b.maxY > r.minY { badness += 1 }
            if badness == 0 { return loc }
            if badness < bestBadness { bestBadness = badness; best = loc }
        }
        return best
    }

    func polyline(_ v: [Point], intersects r: Rect) -> Bool {
        if v.count == 1 { return r.contains(v[0]) }
        for i in 1..<max(v.count, 1) where segment(v[i - 1], v[i], intersects: r) { return true }
        return false
    }

    func segment(_ a: Point, _ b: Point, intersects r: Rect) -> Bool {
        if r.contains(a) || r.contains(b) { return true }
        // Liang–Barsky clipping.
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (pp, q) in [(-dx, a.x - r.minX), (dx, r.maxX - a.x), (-dy, a.y - r.minY), (dy, r.maxY - a.y)] {
            if pp == 0 { if q < 0 { return false } } else {
                let t = q / pp
                if pp < 0 { if t > t1 { return false }; t0 = max(t0, t) } else { if t < t0 { return false }; t1 = min(t1, t) }
            }
        }
        return t0 <= t1
    }

    // MARK: Painting

    /// The frame, then each entry's handle (drawn by its element) and text.
    func paintLegend(_ lp: LegendPlan, _ p: AxesPlan) {
        let st = p.style
        if st.legendFrame {
            let face = (st.legendFaceColor ?? st.axesFaceColor)
            let path = roundedRect(lp.rect, radius: st.legendFancyBox ? 0.2 * lp.fontSize : 0)
            renderer.drawPath(path, fill: face.withAlpha(face.alpha * st.legendFrameAlpha),
                              stroke: StrokeStyle(color: st.legendEdgeColor.withAlpha(st.legendEdgeColor.alpha * st.legendFrameAlpha),
                                                  width: 1, join: .miter))
        }
        let context = p.context
        for (e, t, handle) in lp.entries {
            e.drawLegendHandle(in: handle, context: context, with: renderer)
            drawText(t)
        }
    }

    func roundedRect(_ r: Rect, radius: Double) -> Path {
        var p = Path()
        guard radius > 0 else { p.addRect(r); return p }
        let k = 0.5522847498307936 * radius
        p.move(to: Point(x: r.minX + radius, y: r.minY))
        p.line(to: Point(x: r.maxX - radius, y: r.minY))
        p.curve(to: Point(x: r.maxX, y: r.minY + radius), control1: Point(x: r.maxX - radius + k, y: r.minY), control2: Point(x: r.maxX, y: r.minY + radius - k))
        p.line(to: Point(x: r.maxX, y: r.maxY - radius))
        p.curve(to: Point(x: r.maxX - radius, y: r.maxY), control1: Point(x: r.maxX, y: r.maxY - radius + k), control2: Point(x: r.maxX - radius + k, y: r.maxY))
        p.line(to: Point(x: r.minX + radius, y: r.maxY))
        p.curve(to: Point(x: r.minX, y: r.maxY - radius), control1: Point(x: r.minX + radius - k, y: r.maxY), control2: Point(x: r.minX, y: r.maxY - radius + k))
        p.line(to: Point(x: r.minX, y: r.minY + radius))
        p.curve(to: Point(x: r.minX + radius, y: r.minY), control1: Point(x: r.minX, y: r.minY + radius - k), control2: Point(x: r.minX + radius - k, y: r.minY))
        p.close()
        return p
    }
}
