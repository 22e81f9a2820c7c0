import Foundation

extension Figure {
    /// Texts that cannot fit the figure as laid out, one sentence each (empty when everything
    /// fits): a title or x label wider than the figure, a y label taller than its axes, text cut
    /// off at the canvas edge in the measured layout (the fixed layout clips on purpose, like
    /// matplotlib), and a figure too small for its decorations. Measured with `renderer`'s metrics
    /// (default: Cairo's, as a PDF draws).
    public func fitWarnings(using renderer: Renderer? = nil) -> [String] {
        let r = renderer ?? RecordingRenderer(size: size)
        let painter = FigurePainter(figure: self, renderer: r)
        return fitWarnings(plans: painter.layoutPlans(), painter: painter)
    }

    /// The same from a layout already made (the one a render paints), so a render can report what
    /// did not fit without laying the figure out a second time.
    func fitWarnings(plans: [AxesPlan], painter: FigurePainter) -> [String] {
        var out: [String] = []
        func pt(_ v: Double) -> String { String(format: "%.0f pt", v) }
        let canvas = Rect(x: 0, y: 0, width: size.width, height: size.height)
        var cut: [String] = []
        var tight = false
        if case .tight = effectiveLayout { tight = true }
        for p in plans where p.axes.isVisible {
            if p.rect.width < 2 || p.rect.height < 2 {
                out.append("the figure (\(pt(size.width)) × \(pt(size.height))) is too small for the text around its axes; make it bigger or the text smaller")
                continue
            }
            for t in p.texts {
                switch t.role {
                case .title where t.rect.width > size.width:
                    out.append("title '\(t.text)' is \(pt(t.rect.width)) wide, wider than the figure (\(pt(size.width)))")
                case .xLabel where t.rect.width > size.width:
                    out.append("x label '\(t.text)' is \(pt(t.rect.width)) wide, wider than the figure (\(pt(size.width)))")
                case .yLabel where t.rect.height > p.rect.height:
                    out.append("y label '\(t.text)' is \(pt(t.rect.height)) long, taller than its axes (\(pt(p.rect.height)))")
                default:
                    if tight, t.rect.minX < canvas.minX - 0.5 || t.rect.maxX > canvas.maxX + 0.5 || t.rect.minY < canvas.minY - 0.5 || t.rect.maxY > canvas.maxY + 0.5 {
                        cut.append(t.text)
                    }
                }
            }
        }
        if !cut.isEmpty {
            let names = cut.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (cut.count > 3 ? ", …" : "")
            out.append("\(cut.count) text\(cut.count == 1 ? " is" : "s are") cut off at the edge of the figure (\(names))")
        }
        if let s = painter.suptitlePlaced(), s.rect.width > size.width {
            out.append("suptitle '\(s.text)' is \(pt(s.rect.width)) wide, wider than the figure (\(pt(size.width)))")
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }
}
