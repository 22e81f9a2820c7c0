/// A piece of a laid-out line: a run of text at an x offset.
public struct PlacedFragment: Hashable, Sendable {
    /// The fragment's text.
    public var text: String
    /// Its text style.
    public var style: TextStyle
    /// Its x offset from the line start, in points.
    public var x: Double
    /// Its advance width in points.
    public var width: Double
}

/// One laid-out line of a paragraph.
public struct LaidOutLine: Hashable, Sendable {
    /// The fragments, left to right.
    public var fragments: [PlacedFragment]
    /// The line's width in points.
    public var width: Double
}

/// A paragraph broken into lines that fit a width, measured with the renderer's own font engine.
public struct TextBlockLayout: Sendable {
    /// The lines, top to bottom.
    public var lines: [LaidOutLine]
    /// Baseline-to-baseline distance in points.
    public var lineHeight: Double
    /// The base font's ascent (the first baseline's distance from the top).
    public var ascent: Double
    /// Words wider than the whole width that had to be broken inside the word.
    public var brokenWords: [String]
    /// The height of all lines.
    public var height: Double { Double(lines.count) * lineHeight }
    /// The widest line's width.
    public var maxLineWidth: Double { lines.map(\.width).max() ?? 0 }

    /// Lays out `text` in lines no wider than `width` points. Breaks at spaces; a word wider than
    /// the width is split between characters (and reported in `brokenWords`). Explicit newlines
    /// start new lines.
    public init(_ text: RichText, width: Double, base: TextStyle, lineSpacing: Double = 1.25, measure: Renderer) {
        let m = measure.measureText("Hg", style: base)
        lineHeight = base.size * lineSpacing
        ascent = m.ascent
        var lines: [LaidOutLine] = []
        var broken: [String] = []
        var line: [PlacedFragment] = []
        var x = 0.0
        var pendingSpace: (style: TextStyle, width: Double)? = nil

        func endLine() {
            lines.append(LaidOutLine(fragments: line, width: x))
            line = []; x = 0; pendingSpace = nil
        }
        func place(_ word: String, _ style: TextStyle, _ w: Double) {
            if let last = line.last, last.style == style, pendingSpace == nil || pendingSpace!.style == style {
                let space = pendingSpace?.width ?? 0
                line[line.count - 1].text += (pendingSpace != nil ? " " : "") + word
                line[line.count - 1].width += space + w
                x += space + w
            } else {
                if let s = pendingSpace {
                    line.append(PlacedFragment(text: " ", style: s.style, x: x, width: s.width))
                    x += s.width
                }
                line.append(PlacedFragment(text: word, style: style, x: x, width: w))
                x += w
            }
            pendingSpace = nil
        }

        for run in text.runs {
            let style = run.style(base: base)
            let spaceWidth = measure.measureText(" ", style: style).width
            let paragraphs = run.text.split(separator: "\n", omittingEmptySubsequences: false)
            for (pi, para) in paragraphs.enumerated() {
                if pi > 0 { endLine() }
                let words = para.split(separator: " ", omittingEmptySubsequences: false)
                for (wi, wordSub) in words.enumerated() {
                    if wi > 0 {
                        if !line.isEmpty || x > 0 { pendingSpace = (style, spaceWidth) }
                    }
                    let word = String(wordSub)
                    if word.isEmpty { continue }
                    let w = measure.measureText(word, style: style).width
                    let space = pendingSpace?.width ?? 0
                    if x + space + w <= width || (line.isEmpty && w <= width) {
                        place(word, style, w)
                        continue
                    }
                    if w <= width {
                        endLine()
                        place(word, style, w)
                        continue
                    }
                    // A word wider than the whole width: split between characters.
                    broken.append(word)
                    if !line.isEmpty { endLine() }
                    var piece = ""
                    for ch in word {
                        let candidate = piece + String(ch)
                        if !piece.isEmpty, measure.measureText(candidate, style: style).width > width {
                            place(piece, style, measure.measureText(piece, style: style).width)
                            endLine()
                            piece = String(ch)
                        } else {
                            piece = candidate
                        }
                    }
                    if !piece.isEmpty { place(piece, style, measure.measureText(piece, style: style).width) }
                }
            }
        }
        if !line.isEmpty || lines.isEmpty { endLine() }
        self.lines = lines
        self.brokenWords = broken
    }

    /// Draws the lines with their first baseline at `origin.y + ascent`.
    public func draw(in renderer: Renderer, at origin: Point, alignment: HorizontalAlignment = .left, width: Double = 0) {
        for (i, line) in lines.enumerated() {
            let baseline = origin.y + ascent + Double(i) * lineHeight
            let shift: Double
            switch alignment {
            case .left: shift = 0
            case .center: shift = (width - line.width) / 2
            case .right: shift = width - line.width
            }
            for f in line.fragments where f.text != " " {
                renderer.drawText(f.text, at: Point(x: origin.x + shift + f.x, y: baseline), style: f.style,
                                  horizontal: .left, vertical: .baseline, rotation: 0)
            }
        }
    }
}
