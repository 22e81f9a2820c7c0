import Plotting

/// A figure to place on a page: its natural size in points and how to draw it (as vectors).
/// Built and drawn on one thread (the closure usually holds a Plotting `Figure`).
public struct FigureContent: @unchecked Sendable {
    public var size: Size
    public var draw: (Renderer) -> Void
    public init(size: Size, draw: @escaping (Renderer) -> Void) { self.size = size; self.draw = draw }
}

/// One block of a document, in reading order.
public enum Block: Sendable {
    case heading(level: Int, text: RichText)
    case paragraph(RichText)
    case bullets([BulletItem])
    case figure(FigureContent, caption: RichText?, width: Double?)
    case table(Table, caption: RichText?)
    case pageBreak
    /// A slide: a title, optional bullets and an optional figure on one page of its own.
    case slide(title: String, bullets: [RichText], figure: FigureContent?, notes: RichText?)
}

/// One bullet list item; `level` 0 is the outer list, 1 a nested one, and so on.
public struct BulletItem: Sendable {
    public var text: RichText
    public var level: Int
    public init(_ text: RichText, level: Int = 0) { self.text = text; self.level = level }
}

/// Title block shown at the top of the first page.
public struct TitleBlock: Sendable {
    public var title: String
    public var subtitle: String?
    public var author: String?
    public init(title: String, subtitle: String? = nil, author: String? = nil) {
        self.title = title; self.subtitle = subtitle; self.author = author
    }
}

/// A multi-page document: handout (A4/Letter) or slide deck (16:9).
public struct Document: Sendable {
    public var format: PageFormat
    /// Page margin in points on every side.
    public var margin: Double
    public var title: TitleBlock?
    public var pageNumbers: Bool
    public var blocks: [Block]
    /// Body text size in points (headings and slide text scale from it).
    public var fontSize: Double

    public init(format: PageFormat = .a4, margin: Double? = nil, title: TitleBlock? = nil,
                pageNumbers: Bool = true, fontSize: Double? = nil, blocks: [Block]) {
        self.format = format
        self.margin = margin ?? (format == .slides ? 36 : 56)
        self.title = title
        self.pageNumbers = pageNumbers
        self.fontSize = fontSize ?? (format == .slides ? 20 : 10.5)
        self.blocks = blocks
    }
}
