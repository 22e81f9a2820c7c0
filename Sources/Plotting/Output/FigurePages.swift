import Foundation

extension Figure {
    /// A multi-page PDF with one figure per page, each page the figure's own size and background —
    /// the figure-level form of `Canvas.renderPDF(pages:)` (matplotlib's `PdfPages`). A single page
    /// is byte-identical to `figure.render(format: .pdf)`.
    ///
    /// ```swift
    /// let pages = [overview, clusters, dendrogram]            // [Figure]
    /// try AtomicFile.write(Figure.renderPDF(pages: pages), to: URL(fileURLWithPath: "report.pdf"))
    /// // or: try Figure.savePDF(pages: pages, to: URL(fileURLWithPath: "report.pdf"))
    /// ```
    ///
    /// To put several figures on one page, draw them into rectangles of a page instead:
    /// `Canvas.renderPDF(pages: [(size: a4, draw: { r in fig1.draw(into: r, in: top); fig2.draw(into: r, in: bottom) })])`.
    public static func renderPDF(pages figures: [Figure]) throws -> [UInt8] {
        guard !figures.isEmpty else { throw OutputError("a PDF needs at least one page") }
        return try Canvas.renderPDF(pages: figures.map { fig in
            (size: fig.size, draw: { renderer in
                let bg = fig.backgroundColor ?? fig.style.figureFaceColor
                if bg.alpha > 0 {
                    var p = Path()
                    p.addRect(Rect(x: 0, y: 0, width: fig.size.width, height: fig.size.height))
                    renderer.drawPath(p, fill: bg, stroke: nil)
                }
                fig.draw(into: renderer)
            })
        }, background: nil)
    }

    /// Writes `renderPDF(pages:)` atomically to `url`.
    public static func savePDF(pages figures: [Figure], to url: URL) throws {
        try AtomicFile.write(try renderPDF(pages: figures), to: url)
    }
}
