import Foundation
import Plotting

/// Speaker notes of a slide deck, in the two forms presenters use: notes pages (a PDF with each
/// slide above its notes, like PowerPoint's notes pages, for printing or a second screen) and a
/// `.pdfpc` file (pdfpc's JSON: the presenter console shows each slide's note beside it).
extension LaidOutDocument {
    /// A4 portrait pages, one per slide: the slide (as vectors) in the top half, its notes below.
    public func notesPDF() throws -> [UInt8] {
        let page = PageFormat.a4.size
        let margin = 48.0
        let scale = (page.width - 2 * margin) / pageSize.width
        let slideRect = Rect(x: margin, y: margin, width: pageSize.width * scale, height: pageSize.height * scale)
        let text = Color(red8: 0x26, green8: 0x26, blue8: 0x26)
        return try Canvas.renderPDF(pages: (0..<pageCount).map { i in
            (size: page, draw: { (r: Renderer) in
                var frame = Path()
                frame.addRect(slideRect)
                r.drawPath(frame, fill: theme.background, stroke: StrokeStyle(color: .grey(0.6), width: 0.75))
                let placed = PlacedRenderer(base: r, origin: Point(x: slideRect.minX, y: slideRect.minY), scale: scale, size: pageSize)
                placed.withClip(Rect(x: 0, y: 0, width: pageSize.width, height: pageSize.height)) { drawPage(i, on: placed) }
                let head = TextStyle(size: 10, color: .grey(0.45))
                r.drawText("Slide \(i + 1) of \(pageCount)", at: Point(x: margin, y: slideRect.maxY + 22), style: head,
                           horizontal: .left, vertical: .baseline, rotation: 0)
                if let n = notes[i] {
                    let l = TextBlockLayout(n, width: page.width - 2 * margin, base: TextStyle(size: 12, color: text), lineSpacing: 1.35, measure: r)
                    l.draw(in: r, at: Point(x: margin, y: slideRect.maxY + 36))
                }
            })
        })
    }

    /// pdfpc's notes file (format 2) for the deck's PDF: one entry per page with a note.
    public func pdfpc(pdfName: String) -> [UInt8] {
        func esc(_ s: String) -> String {
            var o = ""
            for c in s.unicodeScalars {
                switch c {
                case "\"": o += "\\\""
                case "\\": o += "\\\\"
                case "\n": o += "\\n"
                default: o += c.value < 0x20 ? String(format: "\\u%04x", c.value) : String(c)
                }
            }
            return o
        }
        let pagesJSON = notes.keys.sorted().map { i in
            "    {\"idx\": \(i), \"label\": \"\(i + 1)\", \"overlay\": 0, \"note\": \"\(esc(notes[i]!.plainText))\"}"
        }
        let json = "{\n  \"pdfpcFormat\": 2,\n  \"file\": \"\(esc(pdfName))\",\n  \"pageCount\": \(pageCount),\n  \"pages\": [\n"
            + pagesJSON.joined(separator: ",\n") + "\n  ]\n}\n"
        return Array(json.utf8)
    }
}
