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
        // The last bullet item's source lines, parsed once when the item ends (re-parsing the item at
        // every continuation line made a bullet of n lines cost n² time).
        var pending: (lines: [String], level: Int)?

        func flushItem() {
            if let p = pending {
                bullets.append(BulletItem(RichText(markdown: p.lines.joined(separator: " ")), level: p.level))
                pending = nil
            }
        }

        func flushParagraph() {
            if !paragraph.isEmpty {
                blocks.append(.paragraph(RichText(markdown: paragraph.joined(separator: " "))))
                paragraph = []
            }
        }
        func flushBullets() {
            flushItem()
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
                flushItem()
                pending = ([String(trimmed.dropFirst(2))], bulletIndents.count - 1)
                continue
            }
            if pending != nil && indent > 0 {
                // A continuation line of the last bullet item.
                pending!.lines.append(trimmed)
                continue
            }
            flushBullets()
            paragraph.append(trimmed)
        }
        flushParagraph(); flushBullets()
        return blocks
    }
}
