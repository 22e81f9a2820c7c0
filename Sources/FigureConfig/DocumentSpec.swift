import Plotting

/// A validated handout or slide-deck config (`clusterplot handout`): page set-up and blocks in
/// reading order. Figures are referenced by figure-config paths, resolved against the document.
public struct DocumentSpec: Sendable {
    /// The config file, as given.
    public var file: String
    /// `a4`, `letter` or `slides` (16:9).
    public var format: PageFormat = .a4
    /// Page margin in points (nil: the format's default).
    public var margin: Double?
    /// Page numbers in the footer (default true).
    public var pageNumbers = true
    /// Body text size in points (nil: the format's default).
    public var fontSize: Double?
    /// The title (a title page on slides, a heading on paper).
    public var title: String?
    /// Under the title.
    public var subtitle: String?
    /// Under the subtitle.
    public var author: String?
    /// `document.theme`: the look of the pages and of every embedded figure (nil: white pages,
    /// figures as their configs say; slides default to the `talk` context).
    public var theme: ThemeSpec?
    /// The content, in order.
    public var blocks: [DocumentBlockSpec] = []

    /// An empty document read from `file`.
    public init(file: String) { self.file = file }
}

/// One block of a document config.
public enum DocumentBlockSpec: Sendable {
    case heading(level: Int, text: String)
    case paragraph(String)
    /// Headings, paragraphs and bullet lists written as Markdown.
    case markdown(String)
    case bullets([BulletSpec])
    /// A figure from a figure config, with its caption, width and options.
    case figure(FigureBlockSpec)
    /// A PNG or PDF picture (a logo, a photo).
    case image(ImageSpec)
    case table(TableSpec)
    case pageBreak
    case slide(SlideSpec)
    /// One slide per iteration of a figure config's Lloyd trace; `{iteration}` and `{count}` in
    /// the title are replaced.
    case iterationSlides(IterationSlidesSpec)
}

/// A bullet and its nesting level (0 outermost).
public struct BulletSpec: Sendable, Hashable {
    /// Inline Markdown.
    public var text: String
    /// 0 for a top-level bullet, 1 for one nested under it, …
    public var level: Int
    /// A bullet.
    public init(_ text: String, level: Int = 0) { self.text = text; self.level = level }
}

/// Where a slide figure goes.
public enum FigurePlace: String, Sendable, CaseIterable, Hashable {
    /// Wide figures below the bullets, others right of them; alone, the whole slide body.
    case auto
    /// The whole slide body (bullets, if any, are not drawn beside it).
    case full
    /// Left of the bullets.
    case left
    /// Right of the bullets.
    case right
    /// Below the bullets, full width.
    case below
}

/// An embedded figure (`figure:` block, a slide's `figure:`, `iteration_slides`).
public struct FigureBlockSpec: Sendable {
    /// The figure config (absolute path).
    public var config: String
    /// `set: {KEY.PATH: VALUE}`: overrides applied to the config, like `--set`.
    public var overrides: [Override] = []
    /// Caption (Markdown).
    /// Under the table (Markdown).
    public var caption: String?
    /// Width in points (handouts: the figure is scaled to it; slides: the figure's box).
    public var width: Double?
    /// Where a slide figure goes.
    public var place: FigurePlace = .auto
    /// Slides: the figure takes its box's shape (redrawn at that size) rather than keeping its
    /// own; nil is the default, true.
    public var fill: Bool?
    /// Slides: the smallest figure text on the page, in points (default 18; 0 keeps the config's sizes).
    public var minFontSize: Double?
    /// Slides: redraw the figure at the size of its place (nil: the default, true); false draws it
    /// at the config's own size and scales the drawing into the place, text included, like a picture.
    public var redraw: Bool?
    /// Keep the figure's own style and background on a themed document (`keep_background`).
    public var keepBackground = false
    /// Where the block was written.
    /// Where the table was written.
    public var location: SourceLocation

    /// A figure block.
    public init(config: String, location: SourceLocation) { self.config = config; self.location = location }
}

/// A picture from a file: PNG, or PDF (its first page, rasterised by pdftoppm at 300 dpi).
public struct ImageSpec: Sendable {
    /// The file (absolute path).
    public var file: String
    /// Width in points (default: the picture's own size, at most the column's width).
    public var width: Double?
    /// Caption (Markdown).
    /// Under the table (Markdown).
    public var caption: String?
    /// Where the block was written.
    /// Where the table was written.
    public var location: SourceLocation
}

/// One column of a slide: bullets, then a figure or a picture below them.
public struct SlideColumnSpec: Sendable {
    /// The column's bullets.
    public var bullets: [BulletSpec] = []
    /// A figure.
    public var figure: FigureBlockSpec?
    /// A picture.
    public var image: ImageSpec?
}

/// A slide: title, bullets and a figure or picture, or two columns; speaker notes.
public struct SlideSpec: Sendable {
    /// The title.
    public var title: String = ""
    /// The body (without `columns`).
    public var main = SlideColumnSpec()
    /// `columns: [left, right]`.
    public var columns: [SlideColumnSpec] = []
    /// Speaker notes (Markdown).
    public var notes: String?
    /// Where the slide was written.
    /// Where the table was written.
    public var location: SourceLocation
}

/// `iteration_slides`: one slide per iteration facet of a config.
public struct IterationSlidesSpec: Sendable {
    /// The figure and its options (`set`, `min_font_size`, `place`, …).
    public var figure: FigureBlockSpec
    /// Title template.
    public var title: String
    /// Bullets on every slide.
    public var bullets: [BulletSpec]
    /// Notes on every slide.
    public var notes: String?
}

/// `document.theme`: a preset name (`light`, `dark`) or a mapping.
public struct ThemeSpec: Sendable {
    /// The figures' style (one of `Style.names`); nil keeps each figure's own.
    public var style: String?
    /// The figures' context; nil keeps each figure's (slides: `talk` unless the figure says).
    public var context: PlotContext?
    /// The figures' font scale.
    public var fontScale: Double?
    /// The page colour, and every figure's background (nil: the style's figure colour, white without a style).
    public var background: Color?
    /// Body text colour (nil: the style's text colour).
    public var textColor: Color?
    /// Heading and slide title colour (nil: the style's first cycle colour).
    public var headingColor: Color?

    /// A theme with nothing set.
    public init() {}

    /// `light`: whitegrid figures on white pages; `dark`: matplotlib's dark_background.
    public static func preset(_ name: String) -> ThemeSpec? {
        var t = ThemeSpec()
        switch name {
        case "light": t.style = "whitegrid"
        case "dark": t.style = "dark_background"
        default: return nil
        }
        return t
    }
    /// The preset names.
    public static let presets = ["light", "dark"]
}

/// A table block: literal rows, seeded random integers (numpy's `randint`, column by column), or
/// the distance table of one iteration of a Lloyd trace.
public struct TableSpec: Sendable {
    /// A literal cell.
    public enum Cell: Sendable, Hashable { case text(String), integer(Int), number(Double), empty }
    /// A column of random integers in `low..<high`.
    public struct RandomColumn: Sendable, Hashable {
        /// The column header.
        public var name: String
        /// The smallest value (inclusive).
        public var low: Int
        /// The bound (exclusive), as `np.random.randint`.
        public var high: Int
    }

    /// Column headers of a literal table.
    public var columns: [String] = []
    /// The cells of a literal table, row by row.
    public var rows: [[Cell]] = []
    /// `random_integers`: the `np.random.seed` (nil: not a random table).
    public var randomSeed: UInt32?
    /// `random_integers`: the rows drawn.
    public var randomRows = 5
    /// `random_integers`: the columns, drawn in order.
    public var randomColumns: [RandomColumn] = []
    /// Distance table source: figure config and 1-based iteration.
    public var distances: (config: String, iteration: Int)?
    /// Cluster profiles source: a figure config with `clustering.profiles`.
    public var profiles: String?
    /// Scores table source (`scores: {config, rows, columns, dataset, exclude_noise}`).
    public var scores: ScoresTableSpec?
    /// Extra empty columns appended (the app's `Cluster_Label`).
    public var emptyColumns: [String] = []
    /// Highlight: `min`/`max` along `row`/`column` over the numeric columns.
    public var highlight: (extremum: Table.Extremum, along: Table.Direction)?
    /// Under the table (Markdown).
    public var caption: String?
    /// Digits after the point (nil: the table's default).
    public var decimals: Int?
    /// Where the table was written.
    public var location: SourceLocation
}

/// `table: {scores: {config, rows, columns, dataset, exclude_noise}}` — cluster quality scores of a
/// figure config's clusterings, per k of its elbow or per method.
public struct ScoresTableSpec: Sendable {
    /// The figure config (absolute path).
    public var config: String
    /// What the rows are; nil: per k when the config has an elbow (and no comparison grid), else per method.
    public var rows: ScoreTableRows?
    /// The scores shown, in order; nil: the defaults for the rows.
    public var columns: [ScoreColumn]?
    /// One dataset of a comparison grid; nil: all of them.
    public var dataset: String?
    /// Leave DBSCAN's noise out of the scores.
    public var excludeNoise = false

    /// A scores table of `config`.
    public init(config: String) { self.config = config }
}
