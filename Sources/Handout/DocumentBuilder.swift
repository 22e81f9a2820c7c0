import FigureConfig
import Foundation
import Gallery
import Plotting

/// What a document needs from the figure pipeline. The Gallery-backed implementation is
/// ``GallerySources``; tests may supply their own.
public protocol HandoutSources {
    /// The figure a figure config describes, drawn as vectors.
    func figure(_ request: FigureRequest) throws -> FigureContent
    /// One single-panel figure per iteration of the config's Lloyd trace.
    func iterationFigures(_ request: FigureRequest) throws -> [FigureContent]
    /// The distance table of one iteration (1-based) of the config's Lloyd trace.
    func distanceTable(config path: String, iteration: Int, at location: SourceLocation) throws -> Table
    /// The cluster quality scores of a figure config's clusterings.
    func scoresTable(_ spec: ScoresTableSpec, at location: SourceLocation) throws -> Table
    /// The cluster profiles of a figure config (`clustering.profiles`).
    func profileTable(config path: String, at location: SourceLocation) throws -> Table
    /// Loads and computes these configs (with their overrides) ahead of use, concurrently where
    /// it can; the results must not depend on it. By default nothing is done.
    func prefetch(_ configs: [(path: String, overrides: [Override])])
}

extension HandoutSources {
    /// Nothing is fetched ahead by default.
    public func prefetch(_ configs: [(path: String, overrides: [Override])]) {}

    /// No profiles by default.
    public func profileTable(config path: String, at location: SourceLocation) throws -> Table {
        throw ConfigError("\(path): this document source has no cluster profiles", at: location, keyPath: "profiles.config")
    }
}

/// Turns a validated ``DocumentSpec`` into a ``Document``: Markdown into blocks, figure configs
/// into figures (with the document's theme), pictures into pixels, table specs into tables.
public enum DocumentBuilder {
    /// The document of `spec`, its figures and tables drawn from `sources`.
    public static func build(_ spec: DocumentSpec, sources: HandoutSources) throws -> Document {
        let format = spec.format
        let title = spec.title.map { TitleBlock(title: $0, subtitle: spec.subtitle, author: spec.author) }
        var blocks: [Block] = []
        func request(_ f: FigureBlockSpec, slide: Bool) -> FigureRequest {
            var r = FigureRequest(config: f.config, location: f.location)
            r.overrides = f.overrides
            r.theme = spec.theme
            r.onSlide = slide && f.redraw != false   // a scaled drawing keeps the config's own context
            r.keepBackground = f.keepBackground
            return r
        }
        // A slide visual is redrawn at its place unless `redraw: false`.
        func slideRequest(_ f: FigureBlockSpec) -> FigureRequest {
            var r = request(f, slide: true)
            r.redrawn = f.redraw != false
            return r
        }
        func bullets(_ items: [BulletSpec]) -> [BulletItem] { items.map { BulletItem(RichText(markdown: $0.text), level: $0.level) } }
        func visual(_ f: FigureBlockSpec?, _ image: ImageSpec?, figure: FigureContent? = nil) throws -> SlideVisual? {
            var v: SlideVisual
            if let f {
                v = SlideVisual(figure: try figure ?? sources.figure(slideRequest(f)))
                v.placement = SlidePlacement(rawValue: f.place.rawValue) ?? .auto
                v.fill = f.fill ?? true
                v.width = f.width
                v.minFontSize = f.minFontSize ?? 18
                if f.redraw == false {
                    // Drawn as built at the config's size, scaled into its place: no redraw, no font floor.
                    v.figure?.resized = nil
                    v.fill = false
                    v.minFontSize = 0
                }
                v.caption = f.caption.map { RichText(markdown: $0) }
            } else if let image {
                v = SlideVisual(image: try ImageLoader.load(image))
                v.width = image.width
                v.caption = image.caption.map { RichText(markdown: $0) }
            } else { return nil }
            return v
        }
        sources.prefetch(configs(of: spec))
        for b in spec.blocks {
            switch b {
            case .heading(let level, let text): blocks.append(.heading(level: level, text: RichText(markdown: text)))
            case .paragraph(let text): blocks.append(.paragraph(RichText(markdown: text)))
            case .markdown(let text): blocks += MarkdownBlocks.parse(text)
            case .bullets(let items): blocks.append(.bullets(bullets(items)))
            case .pageBreak: blocks.append(.pageBreak)
            case .figure(let f):
                blocks.append(.figure(try sources.figure(request(f, slide: format.isSlides)), caption: f.caption.map { RichText(markdown: $0) }, width: f.width))
            case .image(let i):
                blocks.append(.image(try ImageLoader.load(i), caption: i.caption.map { RichText(markdown: $0) }, width: i.width))
            case .table(let t):
                blocks.append(.table(try table(t, sources: sources), caption: t.caption.map { RichText(markdown: $0) }))
            case .slide(let s):
                let parts = s.columns.isEmpty ? [s.main] : s.columns
                let columns = try parts.map { SlideColumn(bullets: bullets($0.bullets), visual: try visual($0.figure, $0.image)) }
                blocks.append(.slide(Slide(title: s.title, columns: columns, notes: s.notes.map { RichText(markdown: $0) })))
            case .iterationSlides(let it):
                let figures = try sources.iterationFigures(slideRequest(it.figure))
                for (i, f) in figures.enumerated() {
                    let t = it.title.replacingOccurrences(of: "{iteration}", with: "\(i + 1)")
                        .replacingOccurrences(of: "{count}", with: "\(figures.count)")
                    let column = SlideColumn(bullets: bullets(it.bullets), visual: try visual(it.figure, nil, figure: f))
                    blocks.append(.slide(Slide(title: t, columns: [column], notes: it.notes.map { RichText(markdown: $0) })))
                }
            }
        }
        return Document(format: format, margin: spec.margin, title: title, pageNumbers: spec.pageNumbers,
                        fontSize: spec.fontSize, theme: pageTheme(spec.theme), blocks: blocks)
    }

    /// Every figure config the document reads, with the overrides it reads it with, in order.
    static func configs(of spec: DocumentSpec) -> [(path: String, overrides: [Override])] {
        var out: [(path: String, overrides: [Override])] = []
        func add(_ f: FigureBlockSpec?) { if let f { out.append((f.config, f.overrides)) } }
        for b in spec.blocks {
            switch b {
            case .figure(let f): add(f)
            case .slide(let s): for c in (s.columns.isEmpty ? [s.main] : s.columns) { add(c.figure) }
            case .iterationSlides(let it): add(it.figure)
            case .table(let t):
                for path in [t.distances?.config, t.scores?.config, t.profiles].compactMap({ $0 }) { out.append((path, [])) }
            default: break
            }
        }
        return out
    }

    /// The page colours of a theme: its own, else its style's (figure colour, text colour, first
    /// cycle colour for headings), else the standard white pages.
    static func pageTheme(_ t: ThemeSpec?) -> PageTheme {
        guard let t else { return .standard }
        let style = t.style.flatMap(Style.named)
        let std = PageTheme.standard
        let bg = t.background ?? style?.figureFaceColor ?? std.background
        let text = t.textColor ?? style?.textColor ?? std.text
        return PageTheme(background: bg, text: text, heading: t.headingColor ?? style?.colorCycle.first ?? std.heading)
    }

    static func table(_ t: TableSpec, sources: HandoutSources) throws -> Table {
        var table: Table
        if let d = t.distances {
            table = try sources.distanceTable(config: d.config, iteration: d.iteration, at: t.location)
        } else if let s = t.scores {
            table = try sources.scoresTable(s, at: t.location)
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

/// Pictures for documents: PNG files decoded, PDF files' first page rasterised by pdftoppm.
enum ImageLoader {
    static func load(_ spec: ImageSpec) throws -> ImageContent {
        let fail = { (m: String) in ConfigError(m, at: spec.location, keyPath: "image.file") }
        let bytes: [UInt8]
        var dpi: Double?
        if spec.file.lowercased().hasSuffix(".pdf") || (FileManager.default.contents(atPath: spec.file)?.prefix(4)).map({ Array($0) == Array("%PDF".utf8) }) == true {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("clusterplot-img-\(UUID().uuidString)")
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftoppm")
            p.arguments = ["-png", "-r", "300", "-f", "1", "-l", "1", "-singlefile", spec.file, dir.appendingPathComponent("page").path]
            p.standardError = FileHandle.nullDevice
            do { try p.run() } catch { throw fail("a PDF image needs pdftoppm (apt-get install poppler-utils)") }
            p.waitUntilExit()
            guard p.terminationStatus == 0, let d = FileManager.default.contents(atPath: dir.appendingPathComponent("page.png").path) else {
                throw fail("\(spec.file) is not a readable PDF")
            }
            bytes = [UInt8](d)
            dpi = 300
        } else {
            guard let d = FileManager.default.contents(atPath: spec.file) else { throw fail("image not found: \(spec.file)") }
            bytes = [UInt8](d)
        }
        let image: RGBAImage
        do { image = try PNGCodec.decode(bytes) } catch { throw fail("\(spec.file) is not a readable PNG image (\(error))") }
        let k = 72 / (dpi ?? image.dpi ?? 96)
        return ImageContent(image: image, size: Size(width: Double(image.width) * k, height: Double(image.height) * k))
    }
}
