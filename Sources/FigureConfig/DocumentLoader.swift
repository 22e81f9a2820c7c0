import Foundation
import Plotting

/// Turns handout and slide-deck YAML files into validated ``DocumentSpec`` values, with the same
/// one-line `FILE:LINE:COLUMN: message (key path)` errors (and spelling hints) as figure configs.
public enum DocumentLoader {
    /// The top-level keys (``DocumentSchema/topLevelKeys``).
    public static let topLevelKeys = DocumentSchema.topLevelKeys.names
    /// The keys of `document:`.
    public static let documentKeys = DocumentSchema.documentKeys.names
    /// The kinds of block.
    public static let blockKinds = DocumentSchema.blockKeys.names

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
        let spec = d.decode(d.r.value(root, ""))
        if !d.r.errors.isEmpty {
            throw ConfigErrors(d.r.errors.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) })
        }
        return spec
    }
}

/// The document schema, read through ``ConfigValue`` so every problem is collected with its key path.
final class DocumentDecoder {
    let r = ConfigReader()
    let file: String
    let base: String

    init(file: String, base: String) { self.file = file; self.base = base }

    func decode(_ root: ConfigValue) -> DocumentSpec {
        var spec = DocumentSpec(file: file)
        guard let top = root.mapping(keys: DocumentLoader.topLevelKeys, what: "a document config") else { return spec }
        if let m = top.mapping("document", keys: DocumentLoader.documentKeys) {
            if let v = m.choice("format", PageFormat.self) { spec.format = v }
            if let v = m["margin"] { spec.margin = v.double(min: 0, max: 200) }
            if let v = m["page_numbers"] { spec.pageNumbers = v.bool() ?? true }
            if let v = m["font_size"] { spec.fontSize = v.double(min: 4, max: 72) }
            if let v = m["title"] { spec.title = v.string() }
            if let v = m["subtitle"] { spec.subtitle = v.string() }
            if let v = m["author"] { spec.author = v.string() }
            if let v = m["theme"] { spec.theme = theme(v) }
        }
        guard let b = top["blocks"] else {
            top.missing("a document needs 'blocks': a list of headings, paragraphs, figures and tables")
            return spec
        }
        guard let items = b.items() else { return spec }
        if items.isEmpty { b.fail("'blocks' is empty: add headings, paragraphs, figures or tables") }
        for item in items {
            if let block = self.block(item) { spec.blocks.append(block) }
        }
        return spec
    }

    /// A figure-config path that must exist, resolved against the document's folder.
    func configPath(_ v: ConfigValue) -> String? {
        guard let p = v.string() else { return nil }
        let full = p.hasPrefix("/") ? p : URL(fileURLWithPath: base).appendingPathComponent(p).standardized.path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else {
            v.fail("figure config not found: \(p)")
            return nil
        }
        return full
    }

    func strings(_ v: ConfigValue) -> [String]? {
        guard let items = v.items() else { return nil }
        return items.compactMap { $0.string() }
    }

    func block(_ v: ConfigValue) -> DocumentBlockSpec? {
        if v.scalar == "page_break" { return .pageBreak }
        guard let m = v.mapping(keys: DocumentLoader.blockKinds, what: "a block") else { return nil }
        guard m.count == 1, let kind = m.keysInOrder.first, let b = m[kind] else {
            m.missing("a block has exactly one kind (\(r.list(DocumentLoader.blockKinds))), got \(m.count)")
            return nil
        }
        switch kind {
        case "heading":
            if b.scalar != nil { return b.string().map { .heading(level: 2, text: $0) } }
            guard let h = b.mapping(keys: DocumentSchema.headingKeys.names) else { return nil }
            let level = h.int("level", min: 1, max: 3) ?? 2
            guard let t = h["text"] else { h.missing("a heading needs 'text'"); return nil }
            return t.string().map { .heading(level: level, text: $0) }
        case "paragraph": return b.string().map { .paragraph($0) }
        case "markdown": return b.string().map { .markdown($0) }
        case "bullets": return bullets(b).map { .bullets($0) }
        case "page_break": return .pageBreak
        case "figure": return figure(b, slide: false).map { .figure($0) }
        case "image": return image(b).map { .image($0) }
        case "table": return table(b).map { .table($0) }
        case "slide": return slide(b).map { .slide($0) }
        case "iteration_slides": return iterationSlides(b).map { .iterationSlides($0) }
        default:
            return nil
        }
    }

    func table(_ v: ConfigValue) -> TableSpec? {
        guard let m = v.mapping(keys: DocumentSchema.tableKeys.names) else { return nil }
        var t = TableSpec(location: v.location)
        if let c = m["columns"] { t.columns = strings(c) ?? [] }
        if let rows = m.items("rows") {
            for row in rows {
                guard let cells = row.items(what: "a list of cells") else { continue }
                t.rows.append(cells.map { cell in
                    guard case let .scalar(s, quoted) = cell.node.kind else {
                        r.fail("a table cell must be a single value, got \(cell.typeName)", cell.node, row.path)
                        return .empty
                    }
                    if quoted { return s.isEmpty ? .empty : .text(s) }
                    if cell.isNull { return .empty }
                    if let n = cell.unquotedInteger { return .integer(n) }
                    if let d = cell.unquotedNumber, d.isFinite { return .number(d) }
                    return .text(s)
                })
                if !t.columns.isEmpty, cells.count != t.columns.count {
                    row.fail("row has \(cells.count) cells but the table has \(t.columns.count) columns")
                }
            }
        }
        if let rm = m.mapping("random_integers", keys: DocumentSchema.randomKeys.names) {
            t.randomSeed = rm.seed("seed") ?? 0
            t.randomRows = rm.int("rows", min: 1, max: 10_000) ?? 5
            if let items = rm.items("columns") {
                for c in items {
                    guard let cm = c.mapping(keys: ["name", "low", "high"]) else { continue }
                    let limit = (min: Int(Int32.min), max: Int(Int32.max))
                    guard let n = cm.string("name"), let lo = cm.int("low", min: limit.min, max: limit.max),
                          let hi = cm.int("high", min: limit.min, max: limit.max)
                    else {
                        if !cm.has("name") || !cm.has("low") || !cm.has("high") { cm.missing("a random column needs 'name', 'low' and 'high'") }
                        continue
                    }
                    if lo >= hi { c.fail("low (\(lo)) must be below high (\(hi))"); continue }
                    t.randomColumns.append(.init(name: n, low: lo, high: hi))
                }
            } else if !rm.has("columns") {
                rm.missing("random_integers needs 'columns'")
            }
        }
        if let dm = m.mapping("distances", keys: ["config", "iteration"]) {
            let config = dm["config"].flatMap(configPath)
            let it = dm.int("iteration", min: 1, max: 10_000)
            if !dm.has("config") || !dm.has("iteration") { dm.missing("distances needs 'config' and 'iteration'") }
            if let config, let it { t.distances = (config, it) }
        }
        if let sm = m.mapping("scores", keys: DocumentSchema.scoresKeys.names) {
            if let config = sm["config"].flatMap(configPath) {
                var s = ScoresTableSpec(config: config)
                s.rows = sm.choice("rows", ScoreTableRows.self)
                if let c = sm["columns"], let items = c.items() {
                    let cs = items.compactMap { $0.choice(ScoreColumn.self) }
                    if cs.count == items.count {
                        if cs.isEmpty { c.fail("needs at least one score") } else { s.columns = cs }
                    }
                    if s.rows == .method, cs.contains(.inertia) { c.fail("inertia is a score of K-Means fits: it needs 'rows: k'") }
                }
                if let d = sm["dataset"] { s.dataset = d.string() }
                if let v = sm.bool("exclude_noise") { s.excludeNoise = v }
                t.scores = s
            } else if !sm.has("config") {
                sm.missing("scores needs 'config' (a figure config with an elbow, clustering analyses or a comparison grid)")
            }
        }
        if let pm = m.mapping("profiles", keys: ["config"]) {
            if !pm.has("config") { pm.missing("profiles needs 'config' (a figure config with clustering.profiles)") }
            t.profiles = pm["config"].flatMap(configPath)
        }
        if let e = m["empty_columns"] { t.emptyColumns = strings(e) ?? [] }
        if let c = m["caption"] { t.caption = c.string() }
        if let d = m["decimals"] { t.decimals = d.int(min: 0, max: 12) }
        if let hm = m.mapping("highlight", keys: ["extremum", "along"]) {
            t.highlight = (hm.choice("extremum", Table.Extremum.self) ?? .min, hm.choice("along", Table.Direction.self) ?? .row)
        }
        let sources = ["rows", "random_integers", "distances", "scores", "profiles"].filter { m.has($0) }.count
        if sources != 1 {
            v.fail("a table needs exactly one of 'rows' (with 'columns'), 'random_integers', 'distances', 'scores' or 'profiles'")
        } else if m.has("rows") && t.columns.isEmpty {
            m.missing("a table with 'rows' needs 'columns'")
        }
        return t
    }
}
