import Foundation

/// Turns handout and slide-deck YAML files into validated ``DocumentSpec`` values, with the same
/// one-line `FILE:LINE:COLUMN: message (key path)` errors (and spelling hints) as figure configs.
public enum DocumentLoader {
    public static let topLevelKeys = ["document", "blocks"]
    public static let documentKeys = ["format", "margin", "page_numbers", "font_size", "title", "subtitle", "author"]
    public static let blockKinds = ["heading", "paragraph", "markdown", "bullets", "figure", "table", "page_break", "slide", "iteration_slides"]
    public static let formats = ["a4", "letter", "slides"]

    /// Reads and validates the document config at `path`.
    public static func load(path: String) throws(ConfigErrors) -> DocumentSpec {
        let text = try ConfigFiles.readText(atPath: path, what: "document config")
        return try parse(yaml: text, file: path, baseDirectory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// Validates document config text; relative figure-config paths resolve against `baseDirectory`.
    public static func parse(yaml text: String, file: String, baseDirectory: String = ".") throws(ConfigErrors) -> DocumentSpec {
        let root: ConfigNode
        do { root = try ConfigNode.parse(yaml: text, file: file) } catch let e as ConfigError {
            throw ConfigErrors([e])
        } catch {
            throw ConfigErrors([ConfigError("\(error)", at: SourceLocation(file: file, line: 1, column: 1))])
        }
        let d = DocumentDecoder(file: file, base: baseDirectory)
        let spec = d.decode(root)
        if !d.r.errors.isEmpty {
            throw ConfigErrors(d.r.errors.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) })
        }
        return spec
    }
}

/// The document schema, read through ``NodeReader`` so every problem is collected.
final class DocumentDecoder {
    let r = NodeReader()
    let file: String
    let base: String

    init(file: String, base: String) { self.file = file; self.base = base }

    func decode(_ root: ConfigNode) -> DocumentSpec {
        var spec = DocumentSpec(file: file)
        guard let top = r.mapping(root, "", keys: DocumentLoader.topLevelKeys, what: "a document config") else { return spec }
        if let d = top["document"], let m = r.mapping(d, "document", keys: DocumentLoader.documentKeys) {
            if let v = m["format"] { spec.format = r.choice(v, "document.format", DocumentLoader.formats) ?? spec.format }
            if let v = m["margin"] { spec.margin = r.double(v, "document.margin", min: 0, max: 200) }
            if let v = m["page_numbers"] { spec.pageNumbers = r.bool(v, "document.page_numbers") ?? true }
            if let v = m["font_size"] { spec.fontSize = r.double(v, "document.font_size", min: 4, max: 72) }
            if let v = m["title"] { spec.title = r.string(v, "document.title") }
            if let v = m["subtitle"] { spec.subtitle = r.string(v, "document.subtitle") }
            if let v = m["author"] { spec.author = r.string(v, "document.author") }
        }
        guard let b = top["blocks"] else {
            r.missing("a document needs 'blocks': a list of headings, paragraphs, figures and tables", root, "blocks")
            return spec
        }
        guard let items = r.sequence(b, "blocks") else { return spec }
        if items.isEmpty { r.fail("'blocks' is empty: add headings, paragraphs, figures or tables", b, "blocks") }
        for (i, item) in items.enumerated() {
            if let block = self.block(item, "blocks[\(i)]") { spec.blocks.append(block) }
        }
        return spec
    }

    /// A figure-config path that must exist, resolved against the document's folder.
    func configPath(_ node: ConfigNode, _ path: String) -> String? {
        guard let p = r.string(node, path) else { return nil }
        let full = p.hasPrefix("/") ? p : URL(fileURLWithPath: base).appendingPathComponent(p).standardized.path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else {
            r.fail("figure config not found: \(p)", node, path)
            return nil
        }
        return full
    }

    func strings(_ node: ConfigNode, _ path: String) -> [String]? {
        guard let items = r.sequence(node, path) else { return nil }
        return items.enumerated().compactMap { r.string($1, "\(path)[\($0)]") }
    }

    func block(_ node: ConfigNode, _ path: String) -> DocumentBlockSpec? {
        if node.scalar == "page_break" { return .pageBreak }
        guard let m = r.mapping(node, path, keys: DocumentLoader.blockKinds, what: "a block") else { return nil }
        guard m.count == 1, let (kind, v) = m.first else {
            r.missing("a block has exactly one kind (\(r.list(DocumentLoader.blockKinds))), got \(m.count)", node, path)
            return nil
        }
        let p = "\(path).\(kind)"
        switch kind {
        case "heading":
            if v.scalar != nil { return r.string(v, p).map { .heading(level: 2, text: $0) } }
            guard let h = r.mapping(v, p, keys: ["text", "level"]) else { return nil }
            let level = h["level"].flatMap { r.int($0, "\(p).level", min: 1, max: 3) } ?? 2
            guard let t = h["text"] else { r.missing("a heading needs 'text'", v, p); return nil }
            return r.string(t, "\(p).text").map { .heading(level: level, text: $0) }
        case "paragraph": return r.string(v, p).map { .paragraph($0) }
        case "markdown": return r.string(v, p).map { .markdown($0) }
        case "bullets": return strings(v, p).map { .bullets($0) }
        case "page_break": return .pageBreak
        case "figure":
            guard let f = r.mapping(v, p, keys: ["config", "caption", "width"]) else { return nil }
            guard let c = f["config"] else { r.missing("a figure needs 'config': the path of a figure config", v, p); return nil }
            let caption = f["caption"].flatMap { r.string($0, "\(p).caption") }
            let width = f["width"].flatMap { r.double($0, "\(p).width", min: 36, max: 2000) }
            return configPath(c, "\(p).config").map { .figure(config: $0, caption: caption, width: width, location: v.location) }
        case "table": return table(v, p).map { .table($0) }
        case "slide":
            guard let s = r.mapping(v, p, keys: ["title", "bullets", "figure"]) else { return nil }
            let title = s["title"].flatMap { r.string($0, "\(p).title") } ?? ""
            let bullets = s["bullets"].flatMap { strings($0, "\(p).bullets") } ?? []
            var figure: String?
            if let f = s["figure"], let fm = r.mapping(f, "\(p).figure", keys: ["config"]) {
                if let c = fm["config"] { figure = configPath(c, "\(p).figure.config") } else { r.missing("a slide figure needs 'config'", f, "\(p).figure") }
            }
            return .slide(title: title, bullets: bullets, figureConfig: figure, location: v.location)
        case "iteration_slides":
            guard let s = r.mapping(v, p, keys: ["config", "title", "bullets"]) else { return nil }
            guard let c = s["config"] else { r.missing("iteration_slides needs 'config': a figure config with a lloyd_trace", v, p); return nil }
            let title = s["title"].flatMap { r.string($0, "\(p).title") } ?? "Iteration {iteration}"
            let bullets = s["bullets"].flatMap { strings($0, "\(p).bullets") } ?? []
            return configPath(c, "\(p).config").map { .iterationSlides(config: $0, title: title, bullets: bullets, location: v.location) }
        default:
            return nil
        }
    }

    func table(_ v: ConfigNode, _ p: String) -> TableSpec? {
        let keys = ["columns", "rows", "random_integers", "distances", "empty_columns", "highlight", "caption", "decimals"]
        guard let m = r.mapping(v, p, keys: keys) else { return nil }
        var t = TableSpec(location: v.location)
        if let c = m["columns"] { t.columns = strings(c, "\(p).columns") ?? [] }
        if let rows = m["rows"], let items = r.sequence(rows, "\(p).rows") {
            for (i, row) in items.enumerated() {
                guard let cells = r.sequence(row, "\(p).rows[\(i)]", what: "a list of cells") else { continue }
                t.rows.append(cells.map { cell in
                    guard case let .scalar(s, quoted) = cell.kind else {
                        r.fail("a table cell must be a single value, got \(cell.typeName)", cell, "\(p).rows[\(i)]")
                        return .empty
                    }
                    if quoted { return s.isEmpty ? .empty : .text(s) }
                    if cell.isNull { return .empty }
                    if let n = ScalarValue.int(s) { return .integer(n) }
                    if let d = ScalarValue.double(s), d.isFinite { return .number(d) }
                    return .text(s)
                })
                if !t.columns.isEmpty, cells.count != t.columns.count {
                    r.fail("row has \(cells.count) cells but the table has \(t.columns.count) columns", row, "\(p).rows[\(i)]")
                }
            }
        }
        if let ri = m["random_integers"], let rm = r.mapping(ri, "\(p).random_integers", keys: ["seed", "rows", "columns"]) {
            let rp = "\(p).random_integers"
            t.randomSeed = rm["seed"].flatMap { r.seed($0, "\(rp).seed") } ?? 0
            t.randomRows = rm["rows"].flatMap { r.int($0, "\(rp).rows", min: 1, max: 10_000) } ?? 5
            if let cols = rm["columns"], let items = r.sequence(cols, "\(rp).columns") {
                for (i, c) in items.enumerated() {
                    let cp = "\(rp).columns[\(i)]"
                    guard let cm = r.mapping(c, cp, keys: ["name", "low", "high"]) else { continue }
                    guard let n = cm["name"].flatMap({ r.string($0, "\(cp).name") }),
                          let lo = cm["low"].flatMap({ r.int($0, "\(cp).low", min: Int(Int32.min), max: Int(Int32.max)) }),
                          let hi = cm["high"].flatMap({ r.int($0, "\(cp).high", min: Int(Int32.min), max: Int(Int32.max)) })
                    else {
                        if cm["name"] == nil || cm["low"] == nil || cm["high"] == nil { r.missing("a random column needs 'name', 'low' and 'high'", c, cp) }
                        continue
                    }
                    if lo >= hi { r.fail("low (\(lo)) must be below high (\(hi))", c, cp); continue }
                    t.randomColumns.append(.init(name: n, low: lo, high: hi))
                }
            } else if rm["columns"] == nil {
                r.missing("random_integers needs 'columns'", ri, rp)
            }
        }
        if let d = m["distances"], let dm = r.mapping(d, "\(p).distances", keys: ["config", "iteration"]) {
            let config = dm["config"].flatMap { configPath($0, "\(p).distances.config") }
            let it = dm["iteration"].flatMap { r.int($0, "\(p).distances.iteration", min: 1, max: 10_000) }
            if dm["config"] == nil || dm["iteration"] == nil { r.missing("distances needs 'config' and 'iteration'", d, "\(p).distances") }
            if let config, let it { t.distances = (config, it) }
        }
        if let e = m["empty_columns"] { t.emptyColumns = strings(e, "\(p).empty_columns") ?? [] }
        if let c = m["caption"] { t.caption = r.string(c, "\(p).caption") }
        if let d = m["decimals"] { t.decimals = r.int(d, "\(p).decimals", min: 0, max: 12) }
        if let h = m["highlight"], let hm = r.mapping(h, "\(p).highlight", keys: ["extremum", "along"]) {
            let e = hm["extremum"].flatMap { r.choice($0, "\(p).highlight.extremum", ["min", "max"]) } ?? "min"
            let a = hm["along"].flatMap { r.choice($0, "\(p).highlight.along", ["row", "column"]) } ?? "row"
            t.highlight = (e, a)
        }
        let sources = (m["rows"] != nil ? 1 : 0) + (m["random_integers"] != nil ? 1 : 0) + (m["distances"] != nil ? 1 : 0)
        if sources != 1 {
            r.fail("a table needs exactly one of 'rows' (with 'columns'), 'random_integers' or 'distances'", v, p)
        } else if m["rows"] != nil && t.columns.isEmpty {
            r.missing("a table with 'rows' needs 'columns'", v, p)
        }
        return t
    }
}
