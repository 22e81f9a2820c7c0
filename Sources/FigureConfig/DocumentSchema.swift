import Plotting

/// The keys of handout and slide-deck configs, declared once with their shapes: the document
/// decoder checks unknown keys against these names, `docs/handouts.md` describes them, and the
/// editor schema (`schema/document-config.schema.json`) is generated from them.
public enum DocumentSchema {
    /// The top level: `document` and `blocks`.
    public static var topLevelKeys: [ConfigKey] {
        [ConfigKey("document", .mapping(documentKeys), "page format, margins, page numbers, title page, theme"),
         ConfigKey("blocks", .list(block, count: nil), "the content, in order")]
    }

    /// `document:`.
    public static var documentKeys: [ConfigKey] {
        [ConfigKey("format", .choice(PageFormat.self), "a4, letter, slides (16:9) or slides-4x3"),
         ConfigKey("margin", .number(0...200), "page margin in points"),
         ConfigKey("page_numbers", .boolean, "number the pages"),
         ConfigKey("font_size", .number(4...72), "body text size in points"),
         ConfigKey("title", .text, "title page (slides) or heading"),
         ConfigKey("subtitle", .text, "under the title"),
         ConfigKey("author", .text, "under the subtitle"),
         ConfigKey("theme", .anyOf([.choice(ThemeSpec.presets), .mapping(themeKeys)]), "light, dark or a theme mapping")]
    }

    /// `document.theme:` as a mapping.
    public static var themeKeys: [ConfigKey] {
        [ConfigKey("style", .choice(Style.names), "the figures' style"),
         ConfigKey("context", .choice(PlotContext.allCases.map(\.rawValue)), "seaborn's context: paper, notebook, talk, poster"),
         ConfigKey("font_scale", .number(above: 0, max: 10), "scales every font of the context"),
         ConfigKey("background", .text, "page and figure background colour"),
         ConfigKey("text_color", .text, "text colour"),
         ConfigKey("heading_color", .text, "headings' colour")]
    }

    /// The kinds of block, each the one key of its mapping (`page_break` may also stand alone).
    public static var blockKeys: [ConfigKey] {
        [ConfigKey("heading", .anyOf([.text, .mapping(headingKeys)]), "a heading (level 2, or {text, level})"),
         ConfigKey("paragraph", .text, "a paragraph (Markdown emphasis)"),
         ConfigKey("markdown", .text, "Markdown: headings, paragraphs, lists"),
         ConfigKey("bullets", bullets, "a list; a nested list indents"),
         ConfigKey("figure", .mapping(figureKeys), "a figure config drawn as vectors"),
         ConfigKey("image", .mapping(imageKeys), "a PNG or PDF picture"),
         ConfigKey("table", .mapping(tableKeys), "a table: rows, random integers, distances, scores or profiles"),
         ConfigKey("page_break", .anyOf([.boolean, .text]), "start a new page"),
         ConfigKey("slide", .mapping(slideKeys), "a slide: title, bullets, a figure or picture, or two columns"),
         ConfigKey("iteration_slides", .mapping(iterationKeys), "one slide per K-Means iteration of a lloyd_trace config")]
    }

    /// Bullets: texts, a nested list one level deeper (at most four levels).
    static var bullets: ConfigShape {
        .list(.anyOf([.text, .list(.anyOf([.text, .list(.anyOf([.text, .list(.text, count: nil)]), count: nil)]), count: nil)]), count: nil)
    }

    /// One entry of `blocks:`.
    static var block: ConfigShape { .anyOf([.choice(["page_break"]), .mapping(blockKeys)]) }

    /// `heading: {text, level}`.
    public static var headingKeys: [ConfigKey] {
        [ConfigKey("text", .text, "the heading"), ConfigKey("level", .integer(1...3), "1, 2 (default) or 3")]
    }

    /// A handout's `figure:`.
    public static var figureKeys: [ConfigKey] {
        [ConfigKey("config", .text, "the figure config (relative to the document)"),
         ConfigKey("caption", .text, "under the figure (Markdown)"),
         ConfigKey("width", .number(36...2000), "width in points"),
         ConfigKey("set", .dictionary(.anyOf([.anyNumber, .text, .boolean, .list(.anyNumber, count: nil)])), "overrides of the config, like --set"),
         ConfigKey("keep_background", .boolean, "keep the figure's own style on a themed document")]
    }

    /// A slide's `figure:`: a handout figure's keys and where and how it is drawn on the slide.
    public static var slideFigureKeys: [ConfigKey] {
        figureKeys + [
            ConfigKey("place", .choice(FigurePlace.allCases.map(\.rawValue)), "auto, full, left, right or below the bullets"),
            ConfigKey("fill", .boolean, "take the shape of its place (default true)"),
            ConfigKey("min_font_size", .number(0...200), "no figure text under this size (default 18; 0 keeps the config's)"),
            ConfigKey("redraw", .boolean, "false: draw at the config's own size and scale it into its place"),
        ]
    }

    /// `image:`.
    public static var imageKeys: [ConfigKey] {
        [ConfigKey("file", .text, "a PNG or PDF (relative to the document)"),
         ConfigKey("width", .number(8...2000), "width in points"),
         ConfigKey("caption", .text, "under the picture (Markdown)")]
    }

    /// `slide:`.
    public static var slideKeys: [ConfigKey] {
        [ConfigKey("title", .text, "the slide's title")] + columnKeys + [
         ConfigKey("columns", .list(.mapping(columnKeys), count: 2), "two columns instead of bullets/figure/image"),
         ConfigKey("notes", .text, "speaker notes (--notes)")]
    }

    /// One of a slide's two `columns:`.
    public static var columnKeys: [ConfigKey] {
        [ConfigKey("bullets", bullets, "bullets (Markdown emphasis)"),
         ConfigKey("figure", .mapping(slideFigureKeys), "a figure redrawn at the size of its place"),
         ConfigKey("image", .mapping(imageKeys), "a picture")]
    }

    /// `iteration_slides:`: a config with a lloyd_trace, the slides' title, bullets and notes, and the
    /// slide figure's options.
    public static var iterationKeys: [ConfigKey] {
        [ConfigKey("config", .text, "a figure config with clustering.lloyd_trace"),
         ConfigKey("title", .text, "each slide's title ({iteration}, {count})"),
         ConfigKey("bullets", bullets, "bullets on every iteration slide"),
         ConfigKey("notes", .text, "speaker notes on every iteration slide")]
            + slideFigureKeys.filter { $0.name != "config" }
    }

    /// `table:`.
    public static var tableKeys: [ConfigKey] {
        [ConfigKey("columns", .list(.text, count: nil), "column headers (with rows)"),
         ConfigKey("rows", .list(.list(.anyOf([.anyNumber, .text, .boolean]), count: nil), count: nil), "the cells, row by row"),
         ConfigKey("random_integers", .mapping(randomKeys), "np.random.randint columns from a seed"),
         ConfigKey("distances", .mapping([ConfigKey("config", .text, "a lloyd_trace config"), ConfigKey("iteration", .integer(1...10_000), "1-based")]),
                   "distances to every centre in one iteration"),
         ConfigKey("scores", .mapping(scoresKeys), "cluster quality scores per k or per method"),
         ConfigKey("profiles", .mapping([ConfigKey("config", .text, "a config with clustering.profiles")]), "cluster profiles"),
         ConfigKey("empty_columns", .list(.text, count: nil), "empty columns appended"),
         ConfigKey("highlight", .mapping([ConfigKey("extremum", .choice(Table.Extremum.self), "min or max"),
                                          ConfigKey("along", .choice(Table.Direction.self), "row or column")]), "shade each row's or column's extremum"),
         ConfigKey("caption", .text, "under the table"),
         ConfigKey("decimals", .integer(0...12), "digits after the point")]
    }

    /// `table.random_integers:`.
    public static var randomKeys: [ConfigKey] {
        [ConfigKey("seed", .seed, "np.random.seed"),
         ConfigKey("rows", .integer(1...10_000), "rows drawn"),
         ConfigKey("columns", .list(.mapping([ConfigKey("name", .text, "header"), ConfigKey("low", .integer(min: Int(Int32.min), max: Int(Int32.max)), "inclusive"),
                                              ConfigKey("high", .integer(min: Int(Int32.min), max: Int(Int32.max)), "exclusive")]), count: nil), "one randint per column, in order")]
    }

    /// `table.scores:`.
    public static var scoresKeys: [ConfigKey] {
        [ConfigKey("config", .text, "a figure config with an elbow, clusterings or a comparison grid"),
         ConfigKey("rows", .choice(ScoreTableRows.self), "k or method"),
         ConfigKey("columns", .list(.choice(ScoreColumn.self), count: nil), "the scores shown, in order"),
         ConfigKey("dataset", .text, "one dataset of a comparison grid"),
         ConfigKey("exclude_noise", .boolean, "leave DBSCAN's noise out")]
    }
}
