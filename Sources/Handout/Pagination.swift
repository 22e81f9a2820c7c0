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
    /// Speaker notes by page index (slides with `notes`).
    public let notes: [Int: RichText]
    /// Page colours.
    public let theme: PageTheme
    public var pageCount: Int { pages.count }

    /// Renders every page into one PDF (figures stay vectors).
    public func pdf() throws -> [UInt8] {
        try Canvas.renderPDF(pages: pages.map { page in
            (size: pageSize, draw: { (r: Renderer) in for item in page.items { item.draw(r) } })
        }, background: theme.background)
    }

    /// Renders one page as PNG (for previews and tests).
    public func png(page index: Int, dpi: Double = 72) throws -> [UInt8] {
        let page = pages[index]
        return try Canvas.render(format: .png, size: pageSize, dpi: dpi, background: theme.background) { r in
            for item in page.items { item.draw(r) }
        }
    }

    /// Draws page `index` on `renderer` (notes pages draw the slides through this).
    func drawPage(_ index: Int, on renderer: Renderer) {
        for item in pages[index].items { item.draw(renderer) }
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
    var notes: [Int: RichText] = [:]
    let text: Color
    let accent: Color
    let muted: Color

    init(doc: Document, measure: Renderer) {
        self.doc = doc
        self.measure = measure
        text = doc.theme.text
        accent = doc.theme.heading
        muted = doc.theme.muted
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
        if let t = doc.title, !doc.format.isSlides { titleBlock(t) } else if let t = doc.title { titleSlide(t) }
        for (i, block) in doc.blocks.enumerated() {
            place(block, following: doc.blocks[(i + 1)...])
        }
        // Drop a trailing empty page (e.g. after a final page break).
        if pages.count > 1, pages.last!.items.isEmpty { pages.removeLast() }
        if doc.pageNumbers { numberPages() }
        return LaidOutDocument(pages: pages, pageSize: pageSize, warnings: warnings, notes: notes, theme: doc.theme)
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
        case .figure(let f, _, let w): return figureSize(f.size, width: w).height
        case .image(let i, _, let w): return figureSize(i.size, width: w ?? i.size.width).height
        case .table(let t, _):
            let l = t.layout(maxWidth: content.width, measure: measure)
            return l.headerHeight + (l.rowHeights.first ?? 0)
        default: return 0
        }
    }

    func figureSize(_ natural: Size, width: Double?) -> Size {
        let maxW = min(width ?? content.width, content.width)
        var scale = maxW / natural.width
        if width == nil { scale = min(1, scale) }
        // Never taller than a page's content area (leave room for a caption line).
        scale = min(scale, (content.height - doc.fontSize * 2) / natural.height)
        return Size(width: natural.width * scale, height: natural.height * scale)
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
            warnings += f.warnings.map { "figure: \($0)" }
            placeVisual(natural: f.size, caption: caption, width: width) { r, origin, scale in Self.drawFigure(f, in: r, origin: origin, scale: scale) }
        case .image(let i, let caption, let width):
            placeVisual(natural: i.size, caption: caption, width: width ?? i.size.width) { r, origin, scale in
                r.drawImage(i.image, in: Rect(x: origin.x, y: origin.y, width: i.size.width * scale, height: i.size.height * scale))
            }
        case .table(let t, let caption):
            let l = t.layout(maxWidth: content.width, measure: measure)
            warnings += l.warnings
            let captionLayout = caption.map { layout($0, width: content.width, size: s * 0.9, color: muted) }
            let captionHeight = captionLayout.map { $0.height + s * 0.3 } ?? 0
            var start = 0
            if l.headerHeight + (l.rowHeights.first ?? 0) > remaining && !atPageTop { newPage() }
            while start < t.rows.count || (t.rows.isEmpty && start == 0) {
                var n = t.rows.isEmpty ? 0 : l.rowsFitting(height: remaining, from: start)
                // The caption stays with the table: when the last rows fit but the caption does
                // not, the last row or rows go to the next page with it.
                if !t.rows.isEmpty, start + n == t.rows.count, captionHeight > 0,
                   l.height(rows: start..<(start + n)) + captionHeight > remaining {
                    n = max(start == 0 && !atPageTop ? 0 : 1, l.rowsFitting(height: remaining - captionHeight, from: start))
                    if n == 0 { newPage(); continue }
                }
                let rows = start..<(start + n)
                let origin = Point(x: content.minX, y: y)
                add { r in l.draw(in: r, at: origin, rows: rows) }
                y += l.height(rows: rows)
                start += n
                if t.rows.isEmpty { break }
                if start < t.rows.count { newPage() }
            }
            if let captionLayout {
                y += s * 0.3
                flow(captionLayout, x: content.minX, width: content.width)
            }
            y += s * 0.8
        case .pageBreak:
            if !atPageTop { newPage() }
        case .slide(let slide):
            self.slide(slide)
        }
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
            let label = doc.format.isSlides ? "\(i + 1)" : "\(i + 1) / \(n)"
            let x = doc.format.isSlides ? pageSize.width - doc.margin : pageSize.width / 2
            let yy = pageSize.height - doc.margin / 2 - s * 0.2
            let st = style(s * 0.8, color: muted)
            pages[i].items.append(PlacedItem { r in
                r.drawText(label, at: Point(x: x, y: yy), style: st, horizontal: self.doc.format.isSlides ? .right : .center, vertical: .baseline, rotation: 0)
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
