import Foundation

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
    var tightBounds: Rect { AxesGeometry.bounds(rect: rect, texts: texts.map(\.rect), colorbar: colorbar?.bar, outsideLegend: outsideLegend) }

    /// The data-to-position maps, made once per plan (the log of the limits is not recomputed for
    /// every point).
    var xMap: AxisMap
    var yMap: AxisMap

    func px(_ x: Double) -> Double { rect.minX + xMap.fraction(x) * rect.width }
    func py(_ y: Double) -> Double { rect.maxY - yMap.fraction(y) * rect.height }
}

/// Where a value falls along an axis, 0 at the lower limit and 1 at the upper one (linear or log10;
/// NaN for values ≤ 0 on a log axis).
struct AxisMap {
    let scale: AxisScale
    let low: Double
    let span: Double

    init(_ scale: AxisScale, _ limits: ClosedRange<Double>) {
        self.scale = scale
        low = Ticker.transform(limits.lowerBound, scale)
        span = Ticker.transform(limits.upperBound, scale) - low
    }

    @inline(__always)
    func fraction(_ v: Double) -> Double {
        scale == .linear ? (v - low) / span : (Ticker.transform(v, scale) - low) / span
    }
}

/// Legend laid out: frame, entries.
struct LegendPlan {
    var rect: Rect
    var location: LegendLocation
    var fontSize: Double
    var entries: [(series: Series, text: PlacedText, handleCenter: Point)]
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

    // MARK: Ticks

    func ticks(for axes: Axes, style st: Style, limits: ClosedRange<Double>, length: Double, isX: Bool) -> AxisTicks {
        let fixed = isX ? axes.xTicks : axes.yTicks
        let size = isX ? st.xTickLabelSize : st.yTickLabelSize
        if (isX ? axes.xScale : axes.yScale) == .log {
            let bins = Ticker.autoBins(axisLength: length, tickLabelSize: size, isXAxis: isX)
            var (locs, labels) = Ticker.logTicks(limits.lowerBound, limits.upperBound, maxTicks: bins)
            if let fixed {
                locs = fixed.filter { $0 > 0 }
                labels = locs.map { Ticker.format([$0], viewMin: $0, viewMax: $0, unicodeMinus: st.unicodeMinus).labels[0] }
            }
            let visible = Set(locs.filter { $0 >= limits.lowerBound * (1 - 1e-10) && $0 <= limits.upperBound * (1 + 1e-10) })
            return AxisTicks(locations: locs, labels: labels, offsetText: "", visibleMask: visible)
        }
        let locs = fixed ?? Ticker.tickValues(limits.lowerBound, limits.upperBound,
                                               nbins: Ticker.autoBins(axisLength: length, tickLabelSize: size, isXAxis: isX))
        let f = Ticker.format(locs, viewMin: limits.lowerBound, viewMax: limits.upperBound, unicodeMinus: st.unicodeMinus)
        let visible = Set(locs.filter { Ticker.inView($0, limits.lowerBound, limits.upperBound) })
        return AxisTicks(locations: locs, labels: f.labels, offsetText: f.offsetText, visibleMask: visible)
    }

    /// Ticks and every decoration of an axes placed around `rect`.
    func plan(_ axes: Axes, rect: Rect) -> AxesPlan {
        let st = axes.effectiveStyle
        let lim = axes.viewLimits()
        let xt = ticks(for: axes, style: st, limits: lim.x, length: rect.width, isX: true)
        let yt = ticks(for: axes, style: st, limits: lim.y, length: rect.height, isX: false)
        var p = AxesPlan(axes: axes, style: st, rect: rect, xlim: lim.x, ylim: lim.y, xTicks: xt, yTicks: yt, texts: [],
                         xMap: AxisMap(axes.xScale, lim.x), yMap: AxisMap(axes.yScale, lim.y))
        let gap = (st.ticksOutward ? st.tickSize : 0) + st.tickPad
        let xs = textStyle(st, size: st.xTickLabelSize, color: st.tickLabelColor)
        let ys = textStyle(st, size: st.yTickLabelSize, color: st.tickLabelColor)
        var texts: [PlacedText] = []
        var bottom = rect.maxY
        for (v, label) in xt.visible {
            let t = place(.xTickLabel, label, at: Point(x: p.px(v), y: rect.maxY + gap), style: xs, .center, .top)
            texts.append(t)
            bottom = max(bottom, t.rect.maxY)
        }
        if !xt.offsetText.isEmpty {
            let t = place(.xOffset, xt.offsetText, at: Point(x: rect.maxX, y: bottom + 1), style: xs, .right, .top)
            texts.append(t)
            bottom = max(bottom, t.rect.maxY)
        }
        var left = rect.minX
        for (v, label) in yt.visible {
            let t = place(.yTickLabel, label, at: Point(x: rect.minX - gap, y: p.py(v)), style: ys, .right, .center)
            texts.append(t)
            left = min(left, t.rect.minX)
        }
        var top = rect.minY
        if !yt.offsetText.isEmpty {
            let t = place(.yOffset, yt.offsetText, at: Point(x: rect.minX, y: rect.minY - st.tickPad), style: ys, .left, .bottom)
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
            var t = place(.title, title, at: Point(x: rect.midX, y: rect.minY - st.titlePad), style: ts, .center, .baseline)
            if t.rect.maxY > top - 1 && top < rect.minY {
                // An offset text sits above the axes: lift the title over it.
                t = place(.title, title, at: Point(x: rect.midX, y: top - 2 - (t.rect.maxY - t.at.y)), style: ts, .center, .baseline)
            }
            texts.append(t)
        }
        p.texts = texts
        let notes = placeAnnotations(p)
        p.texts += notes.texts
        p.arrows = notes.arrows
        if let c = colorbarPlan(p) {
            p.colorbar = c
            p.texts += c.texts
        }
        if axes.legendLocation?.isOutside == true { p.outsideLegend = legendPlan(p)?.rect }
        return p
    }

    // MARK: Layout

    func suptitleText(top: Double) -> PlacedText? {
        guard let s = figure.suptitle, !s.isEmpty else { return nil }
        let st = figure.style
        return place(.suptitle, s, at: Point(x: figure.size.width / 2, y: top),
                     style: textStyle(st, size: st.suptitleSize, color: st.textColor), .center, .top)
    }

    func fixedRects(_ params: SubplotParams) -> [Rect] {
        let W = figure.size.width, H = figure.size.height
        let R = Double(max(figure.rows, 1)), C = Double(max(figure.columns, 1))
        let ws = figure.wspace ?? params.wspace, hs = figure.hspace ?? params.hspace
        let totW = params.right - params.left, totH = params.top - params.bottom
        let cellH = totH / (R + hs * (R - 1)), sepH = hs * cellH
        let cellW = totW / (C + ws * (C - 1)), sepW = ws * cellW
        return figure.axes.map { a in
            let topF = params.top - Double(a.row) * (cellH + sepH)
            let leftF = params.left + Double(a.column) * (cellW + sepW)
            return Rect(x: leftF * W, y: (1 - topF) * H, width: cellW * W, height: cellH * H)
        }
    }

    /// matplotlib's tight_layout idea, measured with this renderer and iterated until the
    /// axes sizes (and so the ticks) settle.
    func tightRects(pad: Double) -> (rects: [Rect], plans: [AxesPlan]) {
        let W = figure.size.width, H = figure.size.height
        let R = max(figure.rows, 1), C = max(figure.columns, 1)
        let padPt = pad * figure.style.fontSize
        var rects = fixedRects(.matplotlib)
        var plans = zip(figure.axes, rects).map { plan($0, rect: $1) }
        var supH = 0.0
        if let s = suptitleText(top: padPt * 0.5) { supH = s.rect.maxY - padPt + padPt * 0.5 }
        for _ in 0..<6 {
            var colL = [Double](repeating: 0, count: C), colR = colL
            var rowT = [Double](repeating: 0, count: R), rowB = rowT
            for p in plans {
                let b = p.tightBounds
                colL[p.axes.column] = max(colL[p.axes.column], p.rect.minX - b.minX)
                colR[p.axes.column] = max(colR[p.axes.column], b.maxX - p.rect.maxX)
                rowT[p.axes.row] = max(rowT[p.axes.row], p.rect.minY - b.minY)
                rowB[p.axes.row] = max(rowB[p.axes.row], b.maxY - p.rect.maxY)
            }
            let oldW = rects.first?.width ?? 0, oldH = rects.first?.height ?? 0
            var gapW = 0.0, gapH = 0.0
            if C > 1 {
                gapW = (0..<(C - 1)).map { colR[$0] + colL[$0 + 1] }.max()! + padPt
                if let ws = figure.wspace { gapW = max(gapW, ws * oldW) }
            }
            if R > 1 {
                gapH = (0..<(R - 1)).map { rowB[$0] + rowT[$0 + 1] }.max()! + padPt
                if let hs = figure.hspace { gapH = max(gapH, hs * oldH) }
            }
            let top = padPt + max(supH, 0)
            let w = (W - 2 * padPt - colL[0] - colR[C - 1] - Double(C - 1) * gapW) / Double(C)
            let h = (H - top - padPt - rowT[0] - rowB[R - 1] - Double(R - 1) * gapH) / Double(R)
            guard w > 1, h > 1 else { break }  // decorations do not fit: keep the last layout
            let new = figure.axes.map { a in
                Rect(x: padPt + colL[0] + Double(a.column) * (w + gapW),
                     y: top + rowT[0] + Double(a.row) * (h + gapH), width: w, height: h)
            }
            let moved = zip(new, rects).map { max(abs($0.minX - $1.minX), abs($0.minY - $1.minY),
                                                  abs($0.maxX - $1.maxX), abs($0.maxY - $1.maxY)) }.max() ?? 0
            rects = new
            plans = zip(figure.axes, rects).map { plan($0, rect: $1) }
            if moved < 0.01 { break }
        }
        return (rects, plans)
    }

    func layoutPlans() -> [AxesPlan] {
        switch figure.effectiveLayout {
        case .fixed(let params):
            return zip(figure.axes, fixedRects(params)).map { plan($0, rect: $1) }
        case .tight(let pad):
            return tightRects(pad: pad).plans
        }
    }

    func suptitlePlaced() -> PlacedText? {
        switch figure.effectiveLayout {
        case .fixed: return suptitleText(top: figure.size.height * 0.02)
        case .tight(let pad): return suptitleText(top: pad * figure.style.fontSize * 0.5)
        }
    }

    // MARK: Legend

    func legendEntries(_ axes: Axes) -> [Series] {
        axes.series.filter { s in
            guard let l = s.label, !l.isEmpty, !l.hasPrefix("_") else { return false }
            return true
        }
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
        let rowH = max(fs, st.legendHandleHeight * fs), sp = st.legendLabelSpacing * fs
        let w = 2 * bp + hl + htp + (metrics.map(\.width).max() ?? 0)
        let h = 2 * bp + Double(entries.count) * rowH + Double(entries.count - 1) * sp
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
        var placed: [(Series, PlacedText, Point)] = []
        for (i, e) in entries.enumerated() {
            let cy = box.minY + bp + Double(i) * (rowH + sp) + rowH / 2
            let t = place(.legend, e.label!, at: Point(x: box.minX + bp + hl + htp, y: cy), style: ts, .left, .center)
            placed.append((e, t, Point(x: box.minX + bp + hl / 2, y: cy)))
        }
        return LegendPlan(rect: box, location: chosen, fontSize: fs, entries: placed.map { ($0.0, $0.1, $0.2) })
    }

    /// matplotlib's `_find_best_position`: the first candidate with the least badness
    /// (scatter points inside + lines crossing the box).
    func bestLocation(_ p: AxesPlan, candidates: [(LegendLocation, Rect)]) -> LegendLocation {
        var best = candidates[0].0
        var bestBadness = Int.max
        // Data in points, computed once.
        var pts: [Point] = []
        var lines: [[Point]] = []
        for s in p.axes.series {
            switch s {
            case .scatter(let sc):
                for i in 0..<sc.x.count {
                    let q = Point(x: p.px(sc.x[i]), y: p.py(sc.y[i]))
                    if q.x.isFinite && q.y.isFinite { pts.append(q) }
                }
            case .line(let l):
                var v: [Point] = []
                for i in 0..<l.x.count {
                    let q = Point(x: p.px(l.x[i]), y: p.py(l.y[i]))
                    if q.x.isFinite && q.y.isFinite { v.append(q) }
                }
                if l.lineStyle == nil { pts += v } else { lines.append(v) }
            }
        }
        for (loc, r) in candidates {
            var badness = 0
            for q in pts where q.x >= r.minX && q.x <= r.maxX && q.y >= r.minY && q.y <= r.maxY { badness += 1 }
            for l in lines where polyline(l, intersects: r) { badness += 1 }
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

    func paint() {
        let plans = layoutPlans()
        for p in plans { paintAxes(p) }
        if let s = suptitlePlaced() { drawText(s) }
    }

    func drawText(_ t: PlacedText) {
        renderer.drawText(t.text, at: t.at, style: t.style, horizontal: t.horizontal, vertical: t.vertical, rotation: t.rotation)
    }

    func line(_ a: Point, _ b: Point) -> Path {
        var p = Path(); p.move(to: a); p.line(to: b); return p
    }

    func paintAxes(_ p: AxesPlan) {
        let st = p.style, r = p.rect
        var face = Path(); face.addRect(r)
        renderer.drawPath(face, fill: st.axesFaceColor, stroke: nil)
        let showGrid = p.axes.grid ?? st.grid
        if showGrid && st.axisBelow { paintGrid(p) }
        renderer.withClip(r) {
            for s in p.axes.series {
                switch s {
                case .scatter(let sc): paintScatter(sc, p)
                case .line(let l): paintLine(l, p)
                }
            }
        }
        if showGrid && !st.axisBelow { paintGrid(p) }
        // Spines.
        let spine = StrokeStyle(color: st.axesEdgeColor, width: st.axesLineWidth, cap: .square, join: .miter, snapsToPixels: true)
        if st.spineLeft { renderer.drawPath(line(Point(x: r.minX, y: r.minY), Point(x: r.minX, y: r.maxY)), fill: nil, stroke: spine) }
        if st.spineRight { renderer.drawPath(line(Point(x: r.maxX, y: r.minY), Point(x: r.maxX, y: r.maxY)), fill: nil, stroke: spine) }
        if st.spineBottom { renderer.drawPath(line(Point(x: r.minX, y: r.maxY), Point(x: r.maxX, y: r.maxY)), fill: nil, stroke: spine) }
        if st.spineTop { renderer.drawPath(line(Point(x: r.minX, y: r.minY), Point(x: r.maxX, y: r.minY)), fill: nil, stroke: spine) }
        // Tick marks.
        if st.tickMarks {
            let tick = StrokeStyle(color: st.tickColor, width: st.tickWidth, snapsToPixels: true)
            let len = st.ticksOutward ? st.tickSize : -st.tickSize
            var path = Path()
            for (v, _) in p.xTicks.visible {
                let x = p.px(v); path.move(to: Point(x: x, y: r.maxY)); path.line(to: Point(x: x, y: r.maxY + len))
            }
            for (v, _) in p.yTicks.visible {
                let y = p.py(v); path.move(to: Point(x: r.minX, y: y)); path.line(to: Point(x: r.minX - len, y: y))
            }
            renderer.drawPath(path, fill: nil, stroke: tick)
        }
        for a in p.arrows { paintArrow(a) }
        if let c = p.colorbar { paintColorbar(c, p) }
        for t in p.texts where t.role != .colorbarTickLabel && t.role != .colorbarLabel { drawText(t) }
        if let lp = legendPlan(p) { paintLegend(lp, p) }
    }

    func paintGrid(_ p: AxesPlan) {
        let st = p.style, r = p.rect
        let stroke = StrokeStyle(color: st.gridColor, width: st.gridLineWidth,
                                 dash: st.gridLineStyle.dashes(lineWidth: st.gridLineWidth), cap: .butt, snapsToPixels: true)
        var path = Path()
        for (v, _) in p.xTicks.visible {
            let x = p.px(v); path.move(to: Point(x: x, y: r.minY)); path.line(to: Point(x: x, y: r.maxY))
        }
        for (v, _) in p.yTicks.visible {
            let y = p.py(v); path.move(to: Point(x: r.minX, y: y)); path.line(to: Point(x: r.maxX, y: y))
        }
        renderer.drawPath(path, fill: nil, stroke: stroke)
    }

    /// The marker batches of a scatter series (one per run of equal sizes).
    func scatterBatches(_ sc: ScatterSeries, _ p: AxesPlan, positions: [Point]? = nil, sizeOverride: Double? = nil) -> [MarkerBatch] {
        let st = p.style
        let n = positions?.count ?? sc.x.count
        var faces = sc.color.resolve(st, count: n)
        if let a = sc.alpha { faces = faces.map { $0.withAlpha(a) } }
        if positions != nil { faces = [faces.first ?? .black] }
        let lw = sc.edgeWidth ?? st.scatterLineWidth
        var edges: [Color]
        if let e = sc.edgeColor { edges = [sc.alpha.map { e.withAlpha($0) } ?? e] } else { edges = faces }
        if edges.count == 1 && edges[0].alpha == 0 { edges = [] }
        let fills = sc.marker.isFilled ? faces : []
        if !sc.marker.isFilled && sc.edgeColor == nil { edges = faces }
        let pts = positions ?? (0..<n).map { Point(x: p.px(sc.x[$0]), y: p.py(sc.y[$0])) }
        let sizes = sizeOverride.map { [$0] } ?? sc.sizes ?? [st.scatterSize]
        func batch(_ range: Range<Int>, area: Double) -> MarkerBatch {
            func sub(_ c: [Color]) -> [Color] { c.count <= 1 ? c : Array(c[range]) }
            let whole = range.count == pts.count
            return MarkerBatch(shape: sc.marker.path(area: area), positions: whole ? pts : Array(pts[range]),
                               fillColors: whole ? fills : sub(fills), edgeColors: whole ? edges : sub(edges),
                               edgeWidth: edges.isEmpty ? 0 : lw, edgeCap: .butt, edgeJoin: .miter)
        }
        if sizes.count == 1 { return [batch(0..<pts.count, area: sizes[0])] }
        var out: [MarkerBatch] = []
        var start = 0
        while start < pts.count {
            var end = start + 1
            while end < pts.count && sizes[end] == sizes[start] { end += 1 }
            out.append(batch(start..<end, area: sizes[start]))
            start = end
        }
        return out
    }

    func paintScatter(_ sc: ScatterSeries, _ p: AxesPlan) {
        for b in scatterBatches(sc, p) { renderer.drawMarkers(b) }
    }

    func lineColor(_ l: LineSeries, _ st: Style) -> Color {
        let c = l.color.resolve(st, count: 1).first ?? .black
        return l.alpha.map { c.withAlpha($0) } ?? c
    }

    func lineStroke(_ l: LineSeries, _ st: Style) -> StrokeStyle? {
        guard let ls = l.lineStyle else { return nil }
        let lw = l.lineWidth ?? st.lineWidth
        let dashes = ls.dashes(lineWidth: lw)
        return StrokeStyle(color: lineColor(l, st), width: lw, dash: dashes, cap: dashes.isEmpty ? .round : .butt, join: .round)
    }

    func lineMarkers(_ l: LineSeries, _ st: Style, positions: [Point]) -> MarkerBatch? {
        guard let m = l.marker else { return nil }
        let c = lineColor(l, st)
        var face = l.markerFaceColor ?? c
        var edge = l.markerEdgeColor ?? c
        if let a = l.alpha { face = face.withAlpha(a); edge = edge.withAlpha(a) }
        let ew = l.markerEdgeWidth ?? st.markerEdgeWidth
        return MarkerBatch(shape: m.path(size: l.markerSize ?? st.markerSize), positions: positions,
                           fillColors: m.isFilled ? [face] : [], edgeColors: [edge], edgeWidth: ew,
                           edgeCap: .butt, edgeJoin: .miter)
    }

    func paintLine(_ l: LineSeries, _ p: AxesPlan) {
        let st = p.style
        var pts: [Point] = []
        var path = Path()
        var pen = false
        for i in 0..<min(l.x.count, l.y.count) {
            let q = Point(x: p.px(l.x[i]), y: p.py(l.y[i]))
            // Non-finite data, and values <= 0 on a log axis, break the line (matplotlib masks them).
            guard q.x.isFinite, q.y.isFinite else { pen = false; continue }
            pts.append(q)
            if pen { path.line(to: q) } else { path.move(to: q); pen = true }
        }
        if let stroke = lineStroke(l, st) { renderer.drawPath(path, fill: nil, stroke: stroke) }
        if let b = lineMarkers(l, st, positions: pts) { renderer.drawMarkers(b) }
    }

    func paintLegend(_ lp: LegendPlan, _ p: AxesPlan) {
        let st = p.style
        if st.legendFrame {
            let face = (st.legendFaceColor ?? st.axesFaceColor)
            let path = roundedRect(lp.rect, radius: st.legendFancyBox ? 0.2 * lp.fontSize : 0)
            renderer.drawPath(path, fill: face.withAlpha(face.alpha * st.legendFrameAlpha),
                              stroke: StrokeStyle(color: st.legendEdgeColor.withAlpha(st.legendEdgeColor.alpha * st.legendFrameAlpha),
                                                  width: 1, join: .miter))
        }
        let hl = st.legendHandleLength * lp.fontSize
        for (s, t, c) in lp.entries {
            switch s {
            case .scatter(let sc):
                let sizes = sc.sizes ?? [st.scatterSize]
                let area = sizes.count == 1 ? sizes[0] : 0.5 * ((sizes.max() ?? 0) + (sizes.min() ?? 0))
                for b in scatterBatches(sc, p, positions: [c], sizeOverride: area) { renderer.drawMarkers(b) }
            case .line(let l):
                if let stroke = lineStroke(l, st) {
                    renderer.drawPath(line(Point(x: c.x - hl / 2, y: c.y), Point(x: c.x + hl / 2, y: c.y)), fill: nil, stroke: stroke)
                }
                if let b = lineMarkers(l, st, positions: [c]) { renderer.drawMarkers(b) }
            }
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
