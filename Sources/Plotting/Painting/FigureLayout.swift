import Foundation

/// Where the axes go: one plan per axes (limits, ticks, every text and box around it), placed by
/// matplotlib's fixed subplot parameters or by the measured tight layout.
extension FigurePainter {
    /// Ticks and every decoration of an axes placed around `rect`.
    func plan(_ axes: Axes, rect: Rect) -> AxesPlan {
        let st = axes.effectiveStyle
        let lim = axes.viewLimits()
        let xt = ticks(for: axes, style: st, limits: lim.x, length: rect.width, isX: true)
        let yt = ticks(for: axes, style: st, limits: lim.y, length: rect.height, isX: false)
        var p = AxesPlan(axes: axes, style: st, rect: rect, xlim: lim.x, ylim: lim.y, xTicks: xt, yTicks: yt, texts: [],
                         xMap: AxisMap(axes.xScale, lim.x, inverted: axes.xAxis.isInverted),
                         yMap: AxisMap(axes.yScale, lim.y, inverted: axes.yAxis.isInverted))
        p.texts = frameTexts(p)
        let notes = placeAnnotations(p)
        p.texts += notes.texts
        p.texts += elementTexts(p)
        p.arrows = notes.arrows
        if let c = colorbarPlan(p) {
            p.colorbar = c
            p.texts += c.texts
        }
        if axes.legendLocation?.isOutside == true { p.outsideLegend = legendPlan(p)?.rect }
        return p
    }

    func suptitleText(top: Double) -> PlacedText? {
        guard let s = figure.suptitle, !s.isEmpty else { return nil }
        let st = figure.style
        return place(.suptitle, s, at: Point(x: figure.size.width / 2, y: top),
                     style: textStyle(st, size: st.suptitleSize, color: st.textColor), .center, .top)
    }

    /// matplotlib's subplot parameters: the grid cells as fractions of the figure.
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
            for p in plans where p.axes.isVisible {
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

    /// The plans of every axes in the figure's layout mode.
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
}
