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
    public var pageNumbers = true
    /// Body text size in points (nil: the format's default).
    public var fontSize: Double?
    public var title: String?
    public var subtitle: String?
    public var author: String?
    public var blocks: [DocumentBlockSpec] = []

    public init(file: String) { self.file = file }
}

/// One block of a document config.
public enum DocumentBlockSpec: Sendable {
    case heading(level: Int, text: String)
    case paragraph(String)
    /// Headings, paragraphs and bullet lists written as Markdown.
    case markdown(String)
    case bullets([String])
    /// A figure from a figure config (absolute path), optionally with a caption and a width in points.
    case figure(config: String, caption: String?, width: Double?, location: SourceLocation)
    case table(TableSpec)
    case pageBreak
    case slide(title: String, bullets: [String], figureConfig: String?, location: SourceLocation)
    /// One slide per iteration of a figure config's Lloyd trace; `{iteration}` and `{count}` in
    /// the title are replaced.
    case iterationSlides(config: String, title: String, bullets: [String], location: SourceLocation)
}

/// A table block: literal rows, seeded random integers (numpy's `randint`, column by column), or
/// the distance table of one iteration of a Lloyd trace.
public struct TableSpec: Sendable {
    /// A literal cell.
    public enum Cell: Sendable, Hashable { case text(String), integer(Int), number(Double), empty }
    /// A column of random integers in `low..<high`.
    public struct RandomColumn: Sendable, Hashable {
        public var name: String
        public var low: Int
        public var high: Int
    }

    public var columns: [String] = []
    public var rows: [[Cell]] = []
    public var randomSeed: UInt32?
    public var randomRows = 5
    public var randomColumns: [RandomColumn] = []
    /// Distance table source: figure config and 1-based iteration.
    public var distances: (config: String, iteration: Int)?
    /// Cluster profiles source: a figure config with `clustering.profiles`.
    public var profiles: String?
    /// Extra empty columns appended (the app's `Cluster_Label`).
    public var emptyColumns: [String] = []
    /// Highlight: `min`/`max` along `row`/`column` over the numeric columns.
    public var highlight: (extremum: Table.Extremum, along: Table.Direction)?
    public var caption: String?
    public var decimals: Int?
    public var location: SourceLocation
}
