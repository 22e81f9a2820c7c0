import Plotting

/// A figure to place on a page: its natural size in points and how to draw it (as vectors).
/// Built and drawn on one thread (the closure usually holds a Plotting `Figure`).
public struct FigureContent: @unchecked Sendable {
    /// The figure's size in points.
    public var size: Size
    /// Draws the figure with its top-left corner at the renderer's origin.
    public var draw: (Renderer) -> Void
    /// The smallest text of the figure in points at this size (0 when unknown).
    public var smallestText: Double
    /// The same figure redrawn at another size in points (a slide's box), with its text made at
    /// least `minText` points when the content allows; nil when it can only be scaled.
    public var resized: ((Size, _ minText: Double) -> FigureContent)?
    /// Text of the figure that cannot fit it (`Figure.fitWarnings`).
    public var warnings: [String] = []

    /// A figure of `size` points drawn by `draw`.
    public init(size: Size, smallestText: Double = 0, resized: ((Size, Double) -> FigureContent)? = nil,
                draw: @escaping (Renderer) -> Void) {
        self.size = size; self.draw = draw; self.smallestText = smallestText; self.resized = resized
    }
}

/// A picture (PNG pixels) and the size it takes in points.
public struct ImageContent: Sendable {
    /// The pixels.
    public var image: RGBAImage
    /// Natural size in points (its pixels at the file's dpi, else 96 dpi).
    public var size: Size

    /// A picture of `size` points.
    public init(image: RGBAImage, size: Size) { self.image = image; self.size = size }
}

/// Where a slide's figure or picture goes (see `FigurePlace` in the document schema).
public enum SlidePlacement: String, Sendable {
    /// Wide below the bullets, others right of them; alone, the whole body.
    case auto
    /// The whole slide body.
    case full
    /// Left of the bullets.
    case left
    /// Right of the bullets.
    case right
    /// Below the bullets.
    case below
}

/// A slide's figure or picture with its caption and placement.
public struct SlideVisual: Sendable {
    /// A figure (vectors) or nil.
    public var figure: FigureContent?
    /// A picture or nil.
    public var image: ImageContent?
    /// Where it goes.
    public var placement: SlidePlacement = .auto
    /// Redraw the figure at its box's shape.
    public var fill = false
    /// Width of its box in points (nil: the layout's).
    public var width: Double?
    /// Smallest figure text in points on the slide (0: as the config says).
    public var minFontSize: Double = 18
    /// Caption below it.
    public var caption: RichText?

    /// A visual.
    public init(figure: FigureContent? = nil, image: ImageContent? = nil) { self.figure = figure; self.image = image }

    /// The natural size of the figure or picture.
    var size: Size { figure?.size ?? image?.size ?? Size(width: 1, height: 1) }
}

/// A column of a slide: bullets, then a figure or picture.
public struct SlideColumn: Sendable {
    /// The bullets.
    public var bullets: [BulletItem]
    /// The figure or picture.
    public var visual: SlideVisual?

    /// A column.
    public init(bullets: [BulletItem] = [], visual: SlideVisual? = nil) { self.bullets = bullets; self.visual = visual }
}

/// A slide: a title, one column (bullets beside or above a figure) or two, and speaker notes.
public struct Slide: Sendable {
    /// The title.
    public var title: String
    /// One column, or two side by side.
    public var columns: [SlideColumn]
    /// Speaker notes (not on the slide: `LaidOutDocument.notesPDF()` and `.pdfpc()`).
    public var notes: RichText?

    /// A slide.
    public init(title: String, columns: [SlideColumn], notes: RichText? = nil) {
        self.title = title; self.columns = columns; self.notes = notes
    }
}

/// One block of a document, in reading order.
public enum Block: Sendable {
    case heading(level: Int, text: RichText)
    case paragraph(RichText)
    case bullets([BulletItem])
    case figure(FigureContent, caption: RichText?, width: Double?)
    /// A picture, at its own size or `width` points, centred.
    case image(ImageContent, caption: RichText?, width: Double?)
    case table(Table, caption: RichText?)
    case pageBreak
    /// A slide on a page of its own.
    case slide(Slide)

    /// A slide of a title, bullets and an optional figure (placed automatically).
    public static func slide(title: String, bullets: [RichText], figure: FigureContent?, notes: RichText?) -> Block {
        .slide(Slide(title: title, columns: [SlideColumn(bullets: bullets.map { BulletItem($0) }, visual: figure.map { SlideVisual(figure: $0) })],
                     notes: notes))
    }
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

/// The colours of a document's pages.
public struct PageTheme: Sendable {
    /// Page background.
    public var background: Color
    /// Body text.
    public var text: Color
    /// Headings, slide titles, bullets marks.
    public var heading: Color
    /// Captions and page numbers.
    public var muted: Color

    /// The default: white pages, #262626 text, seaborn-blue headings.
    public static let standard = PageTheme(background: .white, text: Color(red8: 0x26, green8: 0x26, blue8: 0x26),
                                           heading: Color(red8: 0x4c, green8: 0x72, blue8: 0xb0),
                                           muted: Color(red8: 0x55, green8: 0x55, blue8: 0x55))

    /// Colours for a page of `background` with `text` and `heading`; captions are the text colour
    /// two thirds of the way from the background.
    public init(background: Color, text: Color, heading: Color, muted: Color? = nil) {
        self.background = background; self.text = text; self.heading = heading
        self.muted = muted ?? Color(red: background.red + (text.red - background.red) * 0.7,
                                    green: background.green + (text.green - background.green) * 0.7,
                                    blue: background.blue + (text.blue - background.blue) * 0.7)
    }
}

/// A multi-page document: handout (A4/Letter) or slide deck (16:9 or 4:3).
public struct Document: Sendable {
    public var format: PageFormat
    /// Page margin in points on every side.
    public var margin: Double
    public var title: TitleBlock?
    public var pageNumbers: Bool
    public var blocks: [Block]
    /// Body text size in points (headings and slide text scale from it).
    public var fontSize: Double
    /// Page colours.
    public var theme: PageTheme

    public init(format: PageFormat = .a4, margin: Double? = nil, title: TitleBlock? = nil,
                pageNumbers: Bool = true, fontSize: Double? = nil, theme: PageTheme = .standard, blocks: [Block]) {
        self.format = format
        self.margin = margin ?? (format.isSlides ? 36 : 56)
        self.title = title
        self.pageNumbers = pageNumbers
        self.fontSize = fontSize ?? (format.isSlides ? 20 : 10.5)
        self.theme = theme
        self.blocks = blocks
    }
}
