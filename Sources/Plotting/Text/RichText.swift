/// One run of inline-formatted text.
public struct TextRun: Hashable, Sendable {
    /// The look of a run: the small inline Markdown subset we support.
    public enum Emphasis: String, Hashable, Sendable {
        /// Upright, regular weight.
        case plain
        /// `**bold**`.
        case bold
        /// `*italic*` or `_italic_` (slanted).
        case italic
        /// Bold and italic at once (markers nested: `**_both_**`).
        case boldItalic
        /// `` `code` ``: DejaVu Sans Mono at 92 %.
        case code
    }

    /// The run's text.
    public var text: String
    /// How the run is set.
    public var emphasis: Emphasis

    /// A run of `text` set with `emphasis`.
    public init(_ text: String, emphasis: Emphasis = .plain) { self.text = text; self.emphasis = emphasis }

    /// The text style of this run, derived from a base style.
    public func style(base: TextStyle) -> TextStyle {
        var s = base
        switch emphasis {
        case .plain: break
        case .bold: s.weight = .bold
        case .italic: s.slant = .italic
        case .boldItalic: s.weight = .bold; s.slant = .italic
        case .code: s.family = "DejaVu Sans Mono"; s.size = base.size * 0.92
        }
        return s
    }
}

/// A paragraph of inline-formatted text: `**bold**`, `*italic*` (or `_italic_`), `` `code` ``.
public struct RichText: Hashable, Sendable {
    /// The runs, in reading order.
    public var runs: [TextRun]

    /// A paragraph of `runs`.
    public init(runs: [TextRun]) { self.runs = runs }

    /// Plain text as a single run.
    public init(plain: String) { runs = [TextRun(plain)] }

    /// Parses the inline Markdown subset. Unclosed markers are kept as literal text, so any input
    /// parses; a backslash escapes the next character.
    public init(markdown: String) {
        var runs: [TextRun] = []
        var current = ""
        var bold = false, italic = false
        let chars = Array(markdown)
        var i = 0
        func emphasis() -> TextRun.Emphasis {
            switch (bold, italic) {
            case (true, true): return .boldItalic
            case (true, false): return .bold
            case (false, true): return .italic
            default: return .plain
            }
        }
        func flush() {
            if !current.isEmpty { runs.append(TextRun(current, emphasis: emphasis())); current = "" }
        }
        func hasClosing(_ marker: [Character], from j: Int) -> Bool {
            var k = j
            while k + marker.count <= chars.count {
                if Array(chars[k..<(k + marker.count)]) == marker { return true }
                k += 1
            }
            return false
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                current.append(chars[i + 1]); i += 2; continue
            }
            if c == "`" {
                if let end = chars[(i + 1)...].firstIndex(of: "`") {
                    flush()
                    runs.append(TextRun(String(chars[(i + 1)..<end]), emphasis: .code))
                    i = end + 1
                    continue
                }
            }
            if c == "*" || c == "_" {
                let double = i + 1 < chars.count && chars[i + 1] == c
                if double && (bold || hasClosing([c, c], from: i + 2)) {
                    flush(); bold.toggle(); i += 2; continue
                }
                // `_` inside a word (snake_case) is literal.
                let inWord = c == "_" && i > 0 && chars[i - 1].isLetter && i + 1 < chars.count && chars[i + 1].isLetter
                if !double && !inWord && (italic || hasClosing([c], from: i + 1)) {
                    flush(); italic.toggle(); i += 1; continue
                }
            }
            current.append(c)
            i += 1
        }
        flush()
        self.runs = runs
    }

    /// The text without formatting.
    public var plainText: String { runs.map(\.text).joined() }
}
