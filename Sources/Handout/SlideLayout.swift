import Plotting

/// Figures and pictures in the flow of a handout, and slides: a title, then one column or two,
/// each with bullets and a figure or picture placed as asked.
extension Paginator {
    /// A figure or picture centred in the flow at `width` (default: its own width, at most the
    /// page's), its caption below; it moves to the next page unless it keeps ≥ 75 % of its size
    /// by shrinking into the rest of this one.
    func placeVisual(natural: Size, caption: RichText?, width: Double?, draw: @escaping (Renderer, Point, Double) -> Void) {
        let s = doc.fontSize
        var size = figureSize(natural, width: width)
        let captionLayout = caption.map { layout($0, width: content.width, size: s * 0.9, color: muted) }
        let captionHeight = captionLayout.map { $0.height + s * 0.4 } ?? 0
        if size.height + captionHeight > remaining && !atPageTop {
            let fit = (remaining - captionHeight) / size.height
            if fit >= 0.75 { size = Size(width: size.width * fit, height: size.height * fit) } else { newPage() }
        }
        let origin = Point(x: content.minX + (content.width - size.width) / 2, y: y)
        let scale = size.width / natural.width
        add { r in draw(r, origin, scale) }
        y += size.height
        if let cl = captionLayout {
            y += s * 0.4
            flow(cl, x: content.minX, width: content.width, alignment: .center)
        }
        y += s * 0.8
    }

    /// A slide on a page of its own: its title, then its columns side by side.
    func slide(_ slide: Slide) {
        if !atPageTop { newPage() }
        let s = doc.fontSize
        if let n = slide.notes { notes[pages.count - 1] = n }
        let t = layout(RichText(plain: slide.title), width: content.width, size: s * 1.5, bold: true, color: accent)
        flow(t, x: content.minX, width: content.width)
        y += s * 0.6
        let body = Rect(x: content.minX, y: y, width: content.width, height: content.maxY - y)
        let n = Double(max(1, slide.columns.count))
        let w = (body.width - s * (n - 1)) / n
        for (i, column) in slide.columns.enumerated() {
            place(column, in: Rect(x: body.minX + Double(i) * (w + s), y: body.minY, width: w, height: body.height), title: slide.title)
        }
        y = content.maxY
    }

    /// One column: bullets and a visual in `box`. Wide figures go below the bullets, others beside
    /// them (right by default), unless the visual says where — and when a figure's text would not
    /// fit there (a y label taller than its axes), the other of the two; alone, either fills the box.
    func place(_ column: SlideColumn, in box: Rect, title: String) {
        guard let v = column.visual else {
            _ = bullets(column.bullets, in: box, maxHeight: box.height, title: title)
            return
        }
        let bulletsShown = !column.bullets.isEmpty && v.placement != .full
        if v.placement == .full && !column.bullets.isEmpty { warnings.append("slide '\(title)': bullets not shown beside a full-slide figure") }
        var candidates: [SlidePlacement] = [v.placement]
        if v.placement == .auto {
            candidates = !bulletsShown ? [.full] : (v.size.width / v.size.height > 1.5 ? [.below, .right] : [.right, .below])
        }
        var placement = candidates[0]
        if candidates.count > 1, let f = v.figure, let resized = f.resized {
            // The first placement where the redrawn figure's text fits.
            placement = candidates.first { c in
                let area = visualBox(c, v, in: box, bullets: column.bullets, title: title, dryRun: true)
                return resized(fittedSize(v, in: area), v.minFontSize).warnings.isEmpty
            } ?? candidates[0]
        }
        drawVisual(v, in: visualBox(placement, v, in: box, bullets: column.bullets, title: title, dryRun: false), title: title)
    }

    /// The box a visual gets with `placement` beside or below the bullets (drawn unless `dryRun`).
    func visualBox(_ placement: SlidePlacement, _ v: SlideVisual, in box: Rect, bullets items: [BulletItem], title: String, dryRun: Bool) -> Rect {
        let s = doc.fontSize
        var visualBox = box
        switch placement {
        case .full, .auto: break
        case .below:
            let bottom = dryRun ? box.minY + bulletBlock(items, width: box.width, maxHeight: box.height * 0.4).height
                : bullets(items, in: box, maxHeight: box.height * 0.4, title: title)
            visualBox = Rect(x: box.minX, y: bottom + s * 0.3, width: box.width, height: box.maxY - bottom - s * 0.3)
        case .left, .right:
            let fw = min(v.width ?? box.width * 0.55, box.width - 4 * s)
            let textBox = Rect(x: placement == .left ? box.minX + fw + s : box.minX, y: box.minY, width: box.width - fw - s, height: box.height)
            if !dryRun { _ = bullets(items, in: textBox, maxHeight: box.height, title: title) }
            visualBox = Rect(x: placement == .left ? box.minX : box.maxX - fw, y: box.minY, width: fw, height: box.height)
        }
        if placement == .full || placement == .below, let width = v.width, width < visualBox.width {
            visualBox = Rect(x: visualBox.minX + (visualBox.width - width) / 2, y: visualBox.minY, width: width, height: visualBox.height)
        }
        return visualBox
    }

    /// The size a visual takes in `box`: the box itself when it fills, else its own shape fitted in.
    func fittedSize(_ v: SlideVisual, in box: Rect) -> Size {
        let s = doc.fontSize
        let captionHeight = v.caption.map { layout($0, width: box.width, size: s * 0.8, color: muted).height + s * 0.3 } ?? 0
        let area = Size(width: box.width, height: max(1, box.height - captionHeight))
        if v.fill && v.figure != nil { return area }
        let k = min(area.width / v.size.width, area.height / v.size.height)
        return Size(width: v.size.width * k, height: v.size.height * k)
    }

    /// The visual fitted into `box` (its caption under it): a figure redrawn at the size it gets, so
    /// its text is its real size on the slide and at least `minFontSize`.
    func drawVisual(_ v: SlideVisual, in box: Rect, title: String) {
        let s = doc.fontSize
        let captionLayout = v.caption.map { layout($0, width: box.width, size: s * 0.8, color: muted) }
        let captionHeight = captionLayout.map { $0.height + s * 0.3 } ?? 0
        let area = Rect(x: box.minX, y: box.minY, width: box.width, height: max(1, box.height - captionHeight))
        let natural = v.size
        var size = fittedSize(v, in: box)
        if let f = v.figure {
            var content = f
            if let resized = f.resized { content = resized(size, v.minFontSize) }
            warnings += content.warnings.map { "slide '\(title)': figure: \($0)" }
            if v.minFontSize > 0, content.smallestText * size.width / content.size.width < v.minFontSize - 0.01 {
                warnings.append(String(format: "slide '%@': figure text is %.1f pt, under %.0f pt", title,
                                       content.smallestText * size.width / content.size.width, v.minFontSize))
            }
            size = Size(width: size.width, height: content.size.height * size.width / content.size.width)
            let origin = Point(x: area.minX + (area.width - size.width) / 2, y: area.minY + (area.height - size.height) / 2)
            let scale = size.width / content.size.width
            add { r in Self.drawFigure(content, in: r, origin: origin, scale: scale) }
        } else if let i = v.image {
            if v.width == nil, size.width > natural.width { size = natural }  // pictures are not blown up
            let rect = Rect(x: area.minX + (area.width - size.width) / 2, y: area.minY + (area.height - size.height) / 2,
                            width: size.width, height: size.height)
            add { r in r.drawImage(i.image, in: rect) }
        }
        if let cl = captionLayout {
            let cy = area.minY + (area.height + size.height) / 2 + s * 0.3
            add { r in cl.draw(in: r, at: Point(x: box.minX, y: cy), alignment: .center, width: box.width) }
        }
    }

    /// Bullets (nested by level) from the top of `box`, shrunk (down to 60 %, with a warning) to
    /// fit `maxHeight`; returns where they end.
    func bullets(_ items: [BulletItem], in box: Rect, maxHeight: Double, title: String) -> Double {
        guard !items.isEmpty else { return box.minY }
        let s = doc.fontSize
        func indent(_ size: Double, _ level: Int) -> Double { size * 1.2 * Double(level + 1) }
        let size = bulletBlock(items, width: box.width, maxHeight: maxHeight).size
        if size < s { warnings.append(String(format: "slide '%@': bullets shrunk to %.1f pt to fit", title, size)) }
        var by = box.minY
        for b in items {
            let itemSize = size * (b.level == 0 ? 1 : 0.9)
            let ind = indent(size, b.level)
            let l = layout(b.text, width: box.width - ind, size: itemSize)
            let origin = Point(x: box.minX + ind, y: by)
            let bs = style(itemSize, color: accent)
            let mark = b.level == 0 ? "•" : "–"
            add { r in
                r.drawText(mark, at: Point(x: origin.x - size * 1.2 * 0.7, y: origin.y + l.ascent), style: bs, horizontal: .left, vertical: .baseline, rotation: 0)
                l.draw(in: r, at: origin)
            }
            by += l.height + size * 0.4
        }
        return by
    }

    /// The text size bullets take to fit `maxHeight` (shrinking from the body size down to 60 %)
    /// and the height they then have.
    func bulletBlock(_ items: [BulletItem], width: Double, maxHeight: Double) -> (size: Double, height: Double) {
        let s = doc.fontSize
        func height(_ size: Double) -> Double {
            items.reduce(0) { acc, b in
                let itemSize = size * (b.level == 0 ? 1 : 0.9)
                return acc + TextBlockLayout(b.text, width: width - size * 1.2 * Double(b.level + 1), base: style(itemSize),
                                             lineSpacing: 1.3, measure: measure).height + size * 0.4
            }
        }
        var size = s
        while height(size) > maxHeight && size > s * 0.6 { size *= 0.92 }
        return (size, height(size))
    }
}
