import FigureConfig
import Gallery
import Plotting

/// What a document needs from the figure pipeline. The Gallery-backed implementation is
/// ``GallerySources``; tests may supply their own.
public protocol HandoutSources {
    /// The figure a figure config describes, drawn as vectors.
    func figure(config path: String, at location: SourceLocation) throws -> FigureContent
    /// One single-panel figure per iteration of the config's Lloyd trace.
    func iterationFigures(config path: String, at location: SourceLocation) throws -> [FigureContent]
    /// The distance table of one iteration (1-based) of the config's Lloyd trace.
    func distanceTable(config path: String, iteration: Int, at location: SourceLocation) throws -> Table
    /// The cluster profiles of a figure config (`clustering.profiles`).
    func profileTable(config path: String, at location: SourceLocation) throws -> Table
}

extension HandoutSources {
    /// No profiles by default.
    public func profileTable(config path: String, at location: SourceLocation) throws -> Table {
        throw ConfigError("\(path): this document source has no cluster profiles", at: location, keyPath: "profiles.config")
    }
}

/// Turns a validated ``DocumentSpec`` into a ``Document``: Markdown into blocks, figure configs
/// into figures, table specs into tables.
public enum DocumentBuilder {
    public static func build(_ spec: DocumentSpec, sources: HandoutSources) throws -> Document {
        let format = spec.format
        let title = spec.title.map { TitleBlock(title: $0, subtitle: spec.subtitle, author: spec.author) }
        var blocks: [Block] = []
        for b in spec.blocks {
            switch b {
            case .heading(let level, let text): blocks.append(.heading(level: level, text: RichText(markdown: text)))
            case .paragraph(let text): blocks.append(.paragraph(RichText(markdown: text)))
            case .markdown(let text): blocks += MarkdownBlocks.parse(text)
            case .bullets(let items): blocks.append(.bullets(items.map { BulletItem(RichText(markdown: $0)) }))
            case .pageBreak: blocks.append(.pageBreak)
            case .figure(let config, let caption, let width, let location):
                blocks.append(.figure(try sources.figure(config: config, at: location), caption: caption.map { RichText(markdown: $0) }, width: width))
            case .table(let t):
                blocks.append(.table(try table(t, sources: sources), caption: t.caption.map { RichText(markdown: $0) }))
            case .slide(let title, let bullets, let figure, let location):
                let f = try figure.map { try sources.figure(config: $0, at: location) }
                blocks.append(.slide(title: title, bullets: bullets.map { RichText(markdown: $0) }, figure: f, notes: nil))
            case .iterationSlides(let config, let title, let bullets, let location):
                let figures = try sources.iterationFigures(config: config, at: location)
                for (i, f) in figures.enumerated() {
                    let t = title.replacingOccurrences(of: "{iteration}", with: "\(i + 1)")
                        .replacingOccurrences(of: "{count}", with: "\(figures.count)")
                    blocks.append(.slide(title: t, bullets: bullets.map { RichText(markdown: $0) }, figure: f, notes: nil))
                }
            }
        }
        return Document(format: format, margin: spec.margin, title: title, pageNumbers: spec.pageNumbers,
                        fontSize: spec.fontSize, blocks: blocks)
    }

    static func table(_ t: TableSpec, sources: HandoutSources) throws -> Table {
        var table: Table
        if let d = t.distances {
            table = try sources.distanceTable(config: d.config, iteration: d.iteration, at: t.location)
        } else if let p = t.profiles {
            table = try sources.profileTable(config: p, at: t.location)
        } else if let seed = t.randomSeed {
            // numpy: np.random.seed(seed), then np.random.randint(low, high, size=rows) column by column.
            let columns: [[Int]]
            do {
                columns = try TableSources.randomIntegers(seed: seed, rows: t.randomRows, columns: t.randomColumns.map { ($0.low, $0.high) })
            } catch {
                throw ConfigError("\(error)", at: t.location, keyPath: "random_integers")
            }
            let rows = (0..<t.randomRows).map { r in columns.map { Table.Cell.integer($0[r]) } }
            table = Table(columns: t.randomColumns.map { Table.Column($0.name) }, rows: rows)
        } else {
            let rows = t.rows.map { row in
                row.map { c -> Table.Cell in
                    switch c {
                    case .text(let s): return .text(s)
                    case .integer(let i): return .integer(i)
                    case .number(let d): return .number(d)
                    case .empty: return .empty
                    }
                }
            }
            table = Table(columns: t.columns.map { Table.Column($0) }, rows: rows)
        }
        if !t.emptyColumns.isEmpty {
            table = Table(columns: table.columns + t.emptyColumns.map { Table.Column($0) },
                          rows: table.rows.map { $0 + t.emptyColumns.map { _ in Table.Cell.empty } })
        }
        if let d = t.decimals { for i in table.columns.indices { table.columns[i].decimals = d } }
        if let h = t.highlight {
            let numeric = table.columns.indices.filter { c in table.rows.contains { $0[c].isNumeric } }
            let marked = table.highlightColumns ?? numeric
            table.highlight(h.extremum, along: h.along, columns: marked)
        }
        return table
    }
}
