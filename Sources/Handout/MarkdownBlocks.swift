import Plotting

/// Splits a small Markdown subset into blocks: `#`…`######` headings, paragraphs separated by
/// blank lines, `-`/`*` bullet lists (nested by indentation), with inline `**bold**`, `*italic*`
/// and `` `code` `` inside. Lines of a paragraph are joined with spaces.
public enum MarkdownBlocks {
    public static func parse(_ source: String) -> [Block] {
        var blocks: [Block] = []
        var paragraph: [String] = []
        var bullets: [BulletItem] = []
        var bulletIndents: [Int] = []

        func flushParagraph() {
            if !paragraph.isEmpty {
                blocks.append(.paragraph(RichText(markdown: paragraph.joined(separator: " "))))
                paragraph = []
            }
        }
        func flushBullets() {
            if !bullets.isEmpty { blocks.append(.bullets(bullets)); bullets = []; bulletIndents = [] }
        }

        for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            if trimmed.isEmpty {
                flushParagraph(); flushBullets()
                continue
            }
            if trimmed.hasPrefix("#") {
                let level = trimmed.prefix { $0 == "#" }.count
                let text = trimmed.dropFirst(level).trimmingCharacters(in: .whitespaces)
                if level <= 6, !text.isEmpty, trimmed.dropFirst(level).first == " " {
                    flushParagraph(); flushBullets()
                    blocks.append(.heading(level: min(level, 3), text: RichText(markdown: text)))
                    continue
                }
            }
            if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                flushParagraph()
                // Nesting: deeper indentation than the previous items opens a sub-level.
                while let last = bulletIndents.last, indent < last { bulletIndents.removeLast() }
                if bulletIndents.last != indent { bulletIndents.append(indent) }
                bullets.append(BulletItem(RichText(markdown: String(trimmed.dropFirst(2))), level: bulletIndents.count - 1))
                continue
            }
            if !bullets.isEmpty && indent > 0 {
                // A continuation line of the last bullet item.
                let last = bullets.removeLast()
                bullets.append(BulletItem(RichText(markdown: last.text.markdownSource + " " + trimmed), level: last.level))
                continue
            }
            flushBullets()
            paragraph.append(trimmed)
        }
        flushParagraph(); flushBullets()
        return blocks
    }
}

extension RichText {
    /// The runs written back as inline Markdown (used to extend an item with a continuation line).
    var markdownSource: String {
        runs.map { r in
            let t = r.text.replacingOccurrences(of: "*", with: "\\*").replacingOccurrences(of: "`", with: "\\`")
            switch r.emphasis {
            case .plain: return t
            case .bold: return "**\(t)**"
            case .italic: return "*\(t)*"
            case .boldItalic: return "***\(t)***"
            case .code: return "`\(r.text)`"
            }
        }.joined()
    }
}
