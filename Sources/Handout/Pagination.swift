import Plotting

/// Something drawn on a page at a fixed place.
struct PlacedItem {
    var draw: (Renderer) -> Void
}

/// One laid-out page.
struct Page {
    var items: [PlacedItem] = []
}

/// The result of laying a document out.
public struct LaidOutDocument {
    let pages: [Page]
    public let pageSize: Size
    /// Problems that did not stop the layout (shrunk tables, words broken inside).
    public let warnings: [String]
    public var pageCount: Int { pages.count }

    /// Renders every page into one PDF (figures stay vectors).
    public func pdf() throws -> [UInt8] {
        try Canvas.renderPDF(pages: pages.map { page in
            (size: pageSize, draw: { (r: Renderer) in for item in page.items { item.draw(r) } })
        })
    }

    /// Renders one page as PNG (for previews and tests).
    public func png(page index: Int, dpi: Double = 72) throws -> [UInt8] {
        let page = pages[index]
        return try Canvas.render(format: .png, size: pageSize, dpi: dpi) { r in for item in page.items { item.draw(r) } }
    }
}

/// Flows blocks onto pages: text wraps and continues on the next page; a figure or a table row
/// never splits; a table's header repeats on each page it continues on; a heading is never left
/// alone at the bottom of a page.
final class Paginator {
    let doc: Document
    let measure: Renderer
    let pageSize: Size
    let content: Rect
    var pages: [Page] = [Page()]
    var y: Double
    var warnings: [String] = []
    let text = Color(red8: 0x26, green8: 0x26, blue8: 0x26)
    let accent = Color(red8: 0x4c, green8: 0x72, blue8: 0xb0)

    init(doc: Document, measure: Renderer) {
        self.doc = doc
        self.measure = measure
        pageSize = doc.format.size
        let footer = doc.pageNumbers ? doc.fontSize * 2 : 0
        content = Rect(x: doc.margin, y: doc.margin, width: pageSize.width - 2 * doc.margin,
                       height: pageSize.height - 2 * doc.margin - footer)
        y = content.minY
    }

    var remaining: Double { content.maxY - y }
    var atPageTop: Bool { y <= content.minY + 0.001 }

    func newPage() {
        pages.append(Page())
        y = content.minY
    }

    func add(_ draw: @escaping (Renderer) -> Void) { pages[pages.count - 1].items.append(PlacedItem(draw: draw)) }

    func style(_ size: Double, bold: Bool = false, color: Color? = nil) -> TextStyle {
        TextStyle(size: size, color: color ?? text, weight: bold ? .bold : .normal)
    }

    func layout(_ t: RichText, width: Double, size: Double, bold: Bool = false, color: Color? = nil) -> TextBlockLayout {
        let l = TextBlockLayout(t, width: width, base: style(size, bold: bold, color: color), lineSpacing: 1.3, measure: measure)
        if !l.brokenWords.isEmpty { warnings.append("word too long for the line, broken: \(l.brokenWords.joined(separator: ", "))") }
        return l
    }

    /// Places text lines, continuing on new pages as needed.
    func flow(_ l: TextBlockLayout, x: Double, width: Double, alignment: HorizontalAlignment = .left, prefix: ((Renderer, Point) -> Void)? = nil) {
        var first = true
        var start = 0
        while start < l.lines.count {
            var fit = Int((remaining / l.lineHeight).rounded(.down))
            if fit <= 0 {
                newPage()
                fit = max(1, Int((remaining / l.lineHeight).rounded(.down)))
            }
            let end = min(l.lines.count, start + fit)
            var slice = l
            slice.lines = Array(l.lines[start..<end])
            let origin = Point(x: x, y: y)
            let isFirst = first
            add { r in
                slice.draw(in: r, at: origin, alignment: alignment, width: width)
                if isFirst, let prefix { prefix(r, origin) }
            }
            y += slice.height
            first = false
            start = end
        }
    }

    func run() -> LaidOutDocument {
        if let t = doc.title, doc.format != .slides { titleBlock(t) } else if let t = doc.title { titleSlide(t) }
        for (i, block) in doc.blocks.enumerated() {
            place(block, following: doc.blocks[(i + 1)...])
        }
        // Drop a trailing empty page (e.g. after a final page break).
        if pages.count > 1, pages.last!.items.isEmpty { pages.removeLast() }
        if doc.pageNumbers { numberPages() }
        return LaidOutDocument(pages: pages, pageSize: pageSize, warnings: warnings)
    }

    func titleBlock(_ t: TitleBlock) {
        let s = doc.fontSize
        let title = layout(RichText(plain: t.title), width: content.width, size: s * 2.1, bold: true)
        flow(title, x: content.minX, width: content.width)
        if let sub = t.subtitle {
            y += s * 0.3
            flow(layout(RichText(markdown: sub), width: content.width, size: s * 1.3, color: accent), x: content.minX, width: content.width)
        }
        if let a = t.author {
            y += s * 0.3
            flow(layout(RichText(plain: a), width: content.width, size: s), x: content.minX, width: content.width)
        }
        y += s * 0.6
        let ry = y, x0 = content.minX, x1 = content.maxX
        add { r in
            var p = Path(); p.addPolyline([Point(x: x0, y: ry), Point(x: x1, y: ry)])
            r.drawPath(p, fill: nil, stroke: StrokeStyle(color: self.accent, width: 1.5))
        }
        y += s * 1.2
    }

    func titleSlide(_ t: TitleBlock) {
        let s = doc.fontSize
        let title = layout(RichText(plain: t.title), width: content.width, size: s * 2.2, bold: true)
        y = content.minY + content.height * 0.3
        flow(title, x: content.minX, width: content.width, alignment: .center)
        if let sub = t.subtitle {
            y += s * 0.5
            flow(layout(RichText(markdown: sub), width: content.width, size: s * 1.2, color: accent), x: content.minX, width: content.width, alignment: .center)
        }
        if let a = t.author {
            y += s * 0.5
            flow(layout(RichText(plain: a), width: content.width, size: s), x: content.minX, width: content.width, alignment: .center)
        }
        newPage()
    }

    func headingSize(_ level: Int) -> Double {
        let s = doc.fontSize
        switch level { case 1: return s * 1.7; case 2: return s * 1.35; default: return s * 1.15 }
    }

    /// Height of what must stay with a heading: the first two lines of text, the first table row
    /// or the whole figure that follows — and when the heading is followed by a short lead-in
    /// paragraph (three lines or fewer), that paragraph plus the first unit after it, so a
    /// heading and its introduction never end a page apart from the table or figure they introduce.
    func firstUnitHeight(_ following: ArraySlice<Block>) -> Double {
        guard let block = following.first else { return 0 }
        let s = doc.fontSize
        switch block {
        case .paragraph(let text):
            let l = TextBlockLayout(text, width: content.width, base: style(s), lineSpacing: 1.3, measure: measure)
            if l.lines.count <= 3 { return l.height + s * 0.6 + firstUnitHeight(following.dropFirst()) }
            return s * 1.3 * 2
        case .bullets: return s * 1.3 * 2
        case .figure(let f, _, let w): return figureSize(f, width: w).height
        case .table(let t, _):
            let l = t.layout(maxWidth: content.width, measure: measure)
            return l.headerHeight + (l.rowHeights.first ?? 0)
        default: return 0
        }
    }

    func figureSize(_ f: FigureContent, width: Double?) -> Size {
        let maxW = min(width ?? content.width, content.width)
        var scale = min(1, maxW / f.size.width)
        // Never taller than a page's content area (leave room for a caption line).
        scale = min(scale, (content.height - doc.fontSize * 2) / f.size.height)
        return Size(width: f.size.width * scale, height: f.size.height * scale)
    }

    func place(_ block: Block, following: ArraySlice<Block>) {
        let s = doc.fontSize
        switch block {
        case .heading(let level, let text):
            let l = layout(text, width: content.width, size: headingSize(level), bold: true, color: level == 1 ? accent : nil)
            let before = atPageTop ? 0 : s * (level == 1 ? 1.2 : 0.8)
            if before + l.height + s * 0.4 + min(firstUnitHeight(following), content.height / 2) > remaining { newPage() } else { y += before }
            flow(l, x: content.minX, width: content.width)
            y += s * 0.4
        case .paragraph(let text):
            flow(layout(text, width: content.width, size: s), x: content.minX, width: content.width)
            y += s * 0.6
        case .bullets(let items):
            let step = s * 1.4
            for item in items {
                let indent = step * Double(item.level + 1)
                let l = layout(item.text, width: content.width - indent, size: s)
                let bulletStyle = style(s)
                let mark = item.level == 0 ? "•" : "–"
                flow(l, x: content.minX + indent, width: content.width - indent) { r, origin in
                    r.drawText(mark, at: Point(x: origin.x - step * 0.65, y: origin.y + l.ascent), style: bulletStyle,
                               horizontal: .left, vertical: .baseline, rotation: 0)
                }
                y += s * 0.25
            }
            y += s * 0.4
        case .figure(let f, let caption, let width):
            var size = figureSize(f, width: width)
            let captionLayout = caption.map { layout($0, width: content.width, size: s * 0.9, color: Color(red8: 0x55, green8: 0x55, blue8: 0x55)) }
            let captionHeight = captionLayout.map { $0.height + s * 0.4 } ?? 0
            if size.height + captionHeight > remaining && !atPageTop {
                // Rather than leave its heading and lead-in alone on this page, a figure that
                // would still keep most of its size (≥ 75 %) shrinks to fit the rest of the page.
                let fit = (remaining - captionHeight) / size.height
                if fit >= 0.75 {
                    size = Size(width: size.width * fit, height: size.height * fit)
                } else {
                    newPage()
                }
            }
            let origin = Point(x: content.minX + (content.width - size.width) / 2, y: y)
            let scale = size.width / f.size.width
            add { r in Self.drawFigure(f, in: r, origin: origin, scale: scale) }
            y += size.height
            if let cl = captionLayout {
                y += s * 0.4
                flow(cl, x: content.minX, width: content.width, alignment: .center)
            }
            y += s * 0.8
        case .table(let t, let caption):
            let l = t.layout(maxWidth: content.width, measure: measure)
            warnings += l.warnings
            var start = 0
            if l.headerHeight + (l.rowHeights.first ?? 0) > remaining && !atPageTop { newPage() }
            while start < t.rows.count || (t.rows.isEmpty && start == 0) {
                let n = t.rows.isEmpty ? 0 : l.rowsFitting(height: remaining, from: start)
                let rows = start..<(start + n)
                let origin = Point(x: content.minX, y: y)
                add { r in l.draw(in: r, at: origin, rows: rows) }
                y += l.height(rows: rows)
                start += n
                if t.rows.isEmpty { break }
                if start < t.rows.count { newPage() }
            }
            if let caption {
                y += s * 0.3
                flow(layout(caption, width: content.width, size: s * 0.9, color: Color(red8: 0x55, green8: 0x55, blue8: 0x55)), x: content.minX, width: content.width)
            }
            y += s * 0.8
        case .pageBreak:
            if !atPageTop { newPage() }
        case .slide(let title, let bullets, let figure, let notes):
            slide(title: title, bullets: bullets, figure: figure, notes: notes)
        }
    }

    /// A slide always takes a page of its own: title on top, bullets left, figure right (or
    /// centred when there are no bullets).
    func slide(title: String, bullets: [RichText], figure: FigureContent?, notes: RichText?) {
        if !atPageTop { newPage() }
        let s = doc.fontSize
        let t = layout(RichText(plain: title), width: content.width, size: s * 1.5, bold: true, color: accent)
        flow(t, x: content.minX, width: content.width)
        y += s * 0.6
        let top = y
        let bodyHeight = content.maxY - top
        // Wide figures (the 9×4 in scatter plots) go under the bullets at full width; square-ish
        // ones (an iteration panel, the elbow) sit right of the bullets.
        let stacked = figure.map { $0.size.width / $0.size.height > 1.5 } ?? false
        let figureWidth = figure == nil ? 0 : (bullets.isEmpty || stacked ? content.width : content.width * 0.55)
        let textWidth = stacked || figure == nil ? content.width : content.width - figureWidth - s
        var textBottom = top
        if !bullets.isEmpty {
            let indent = s * 1.2
            var by = top
            var size = s
            let available = stacked ? bodyHeight * 0.4 : bodyHeight
            // Shrink the bullets (down to 60 %) until they fit their space, with a warning.
            func height(_ size: Double) -> Double {
                bullets.reduce(0) { $0 + TextBlockLayout($1, width: textWidth - indent, base: style(size), lineSpacing: 1.3, measure: measure).height + size * 0.4 }
            }
            while height(size) > available && size > s * 0.6 { size *= 0.92 }
            if size < s { warnings.append(String(format: "slide '%@': bullets shrunk to %.1f pt to fit", title, size)) }
            for b in bullets {
                let l = layout(b, width: textWidth - indent, size: size)
                let origin = Point(x: content.minX + indent, y: by)
                let bs = style(size, color: accent)
                add { r in
                    r.drawText("•", at: Point(x: origin.x - indent * 0.7, y: origin.y + l.ascent), style: bs, horizontal: .left, vertical: .baseline, rotation: 0)
                    l.draw(in: r, at: origin)
                }
                by += l.height + size * 0.4
            }
            textBottom = by
        }
        if let f = figure {
            let boxTop = stacked ? textBottom + s * 0.3 : top
            let boxW = figureWidth, boxH = content.maxY - boxTop
            let scale = min(boxW / f.size.width, boxH / f.size.height)
            let w = f.size.width * scale, h = f.size.height * scale
            let origin = Point(x: content.maxX - boxW + (boxW - w) / 2, y: boxTop + (boxH - h) / 2)
            add { r in Self.drawFigure(f, in: r, origin: origin, scale: scale) }
        }
        _ = notes
        y = content.maxY
    }

    /// Draws a figure scaled into its box on the page, clipped to that box.
    static func drawFigure(_ f: FigureContent, in r: Renderer, origin: Point, scale: Double) {
        let placed = PlacedRenderer(base: r, origin: origin, scale: scale, size: f.size)
        placed.withClip(Rect(x: 0, y: 0, width: f.size.width, height: f.size.height)) { f.draw(placed) }
    }

    func numberPages() {
        let n = pages.count
        let s = doc.fontSize
        for i in pages.indices {
            let label = doc.format == .slides ? "\(i + 1)" : "\(i + 1) / \(n)"
            let x = doc.format == .slides ? pageSize.width - doc.margin : pageSize.width / 2
            let yy = pageSize.height - doc.margin / 2 - s * 0.2
            let st = style(s * 0.8, color: Color(red8: 0x77, green8: 0x77, blue8: 0x77))
            pages[i].items.append(PlacedItem { r in
                r.drawText(label, at: Point(x: x, y: yy), style: st, horizontal: self.doc.format == .slides ? .right : .center, vertical: .baseline, rotation: 0)
            })
        }
    }
}

extension Document {
    /// Lays the document out into pages (measuring text with the real font engine).
    public func layout() throws -> LaidOutDocument {
        var result: LaidOutDocument?
        _ = try Canvas.render(format: .svg, size: Size(width: 10, height: 10)) { r in
            result = Paginator(doc: self, measure: r).run()
        }
        guard let result else { throw OutputError("document layout failed") }
        return result
    }
}
