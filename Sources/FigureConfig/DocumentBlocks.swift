import Foundation
import Plotting

/// The document schema's figures, pictures, slides and theme (see docs/handouts.md).
extension DocumentDecoder {
    /// Keys of a `figure:` block in a handout.
    static let figureKeys = DocumentSchema.figureKeys.names
    /// Keys of a slide's `figure:` (and of `iteration_slides`, with its own).
    static let slideFigureKeys = DocumentSchema.slideFigureKeys.names
    static let imageKeys = DocumentSchema.imageKeys.names
    static let slideKeys = DocumentSchema.slideKeys.names
    static let columnKeys = DocumentSchema.columnKeys.names
    static let iterationKeys = DocumentSchema.iterationKeys.names
    static let themeKeys = DocumentSchema.themeKeys.names

    /// A list of bullets; a list inside the list nests one level deeper.
    func bullets(_ v: ConfigValue, level: Int = 0) -> [BulletSpec]? {
        guard let items = v.items(what: "a list of bullets") else { return nil }
        var out: [BulletSpec] = []
        for item in items {
            if item.isSequence {
                if level >= 3 { item.fail("bullets nest at most 4 levels deep"); continue }
                out += bullets(item, level: level + 1) ?? []
            } else if let s = item.string() {
                out.append(BulletSpec(s, level: level))
            }
        }
        return out
    }

    /// `figure: {config, caption, width, set, keep_background}` (slides also `place`, `fill`, `min_font_size`, `redraw`).
    func figure(_ v: ConfigValue, slide: Bool) -> FigureBlockSpec? {
        guard let f = v.mapping(keys: slide ? Self.slideFigureKeys : Self.figureKeys, what: "a figure") else { return nil }
        guard let c = f["config"] else { f.missing("a \(slide ? "slide " : "")figure needs 'config': the path of a figure config"); return nil }
        let path = configPath(c)
        return path.map { figureOptions(f, config: $0, at: v.location) }
    }

    /// The options of an embedded figure from a mapping that has them.
    func figureOptions(_ f: ConfigMapping, config: String, at location: SourceLocation) -> FigureBlockSpec {
        var spec = FigureBlockSpec(config: config, location: location)
        spec.caption = f.string("caption")
        spec.width = f.double("width", min: 36, max: 2000)
        if let p = f.choice("place", FigurePlace.allCases.map(\.rawValue)) { spec.place = FigurePlace(rawValue: p)! }
        spec.fill = f.bool("fill")
        spec.minFontSize = f.double("min_font_size", min: 0, max: 200)
        spec.redraw = f.bool("redraw")
        if spec.redraw == false {
            for key in ["fill", "min_font_size"] where f.has(key) {
                f.key(key)?.fail("'\(key)' needs the figure redrawn on the slide; with redraw: false it is drawn at its own size and scaled")
            }
        }
        spec.keepBackground = f.bool("keep_background") ?? false
        if let s = f["set"], let m = s.anyMapping(what: "a mapping of figure-config key paths to values (like --set)") {
            for key in m.keysInOrder {
                guard let value = m[key], let keyNode = m.key(key) else { continue }
                let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                if parts.contains(where: \.isEmpty) { keyNode.fail("the key path '\(key)' has an empty part"); continue }
                spec.overrides.append(Override(path: parts, node: value.node, keyLocation: keyNode.location))
            }
        }
        return spec
    }

    /// `image: {file, width, caption}`: a PNG or PDF that must exist and be one.
    func image(_ v: ConfigValue) -> ImageSpec? {
        guard let m = v.mapping(keys: Self.imageKeys, what: "an image") else { return nil }
        guard let f = m["file"] else { m.missing("an image needs 'file': a PNG or PDF"); return nil }
        guard let p = f.string() else { return nil }
        let full = p.hasPrefix("/") ? p : URL(fileURLWithPath: base).appendingPathComponent(p).standardized.path
        guard let handle = FileHandle(forReadingAtPath: full) else { f.fail("image not found: \(p)"); return nil }
        let head = [UInt8](handle.readData(ofLength: 8))
        try? handle.close()
        let png: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
        guard head == png || head.starts(with: Array("%PDF".utf8)) else {
            f.fail("\(p) is not a PNG or PDF image")
            return nil
        }
        return ImageSpec(file: full, width: m.double("width", min: 8, max: 2000), caption: m.string("caption"), location: v.location)
    }

    /// `slide: {title, bullets, figure, image, columns, notes}`.
    func slide(_ v: ConfigValue) -> SlideSpec? {
        guard let s = v.mapping(keys: Self.slideKeys, what: "a slide") else { return nil }
        var spec = SlideSpec(location: v.location)
        spec.title = s.string("title") ?? ""
        spec.notes = s.string("notes")
        spec.main = column(s)
        if let c = s["columns"], let items = c.items(what: "a list of two columns") {
            if items.count != 2 { c.fail("columns needs exactly two entries (left and right), got \(items.count)") }
            if s.has("bullets") || s.has("figure") || s.has("image") {
                c.fail("a slide has either 'columns' or 'bullets'/'figure'/'image', not both")
            }
            for item in items.prefix(2) {
                guard let cm = item.mapping(keys: Self.columnKeys, what: "a column") else { continue }
                spec.columns.append(column(cm))
            }
        }
        return spec
    }

    /// Bullets, a figure or a picture of a slide or column (a figure and a picture are exclusive).
    func column(_ m: ConfigMapping) -> SlideColumnSpec {
        var col = SlideColumnSpec()
        col.bullets = m["bullets"].flatMap { bullets($0) } ?? []
        col.figure = m["figure"].flatMap { figure($0, slide: true) }
        col.image = m["image"].flatMap(image)
        if m.has("figure") && m.has("image") { m["image"]!.fail("a slide or column has a figure or an image, not both") }
        return col
    }

    /// `iteration_slides: {config, title, bullets, notes, …figure options}`.
    func iterationSlides(_ v: ConfigValue) -> IterationSlidesSpec? {
        guard let s = v.mapping(keys: Self.iterationKeys, what: "iteration slides") else { return nil }
        guard let c = s["config"] else { s.missing("iteration_slides needs 'config': a figure config with a lloyd_trace"); return nil }
        let title = s.string("title") ?? "Iteration {iteration}"
        let bullets = s["bullets"].flatMap { self.bullets($0) } ?? []
        guard let path = configPath(c) else { return nil }
        return IterationSlidesSpec(figure: figureOptions(s, config: path, at: v.location), title: title, bullets: bullets,
                                   notes: s.string("notes"))
    }

    /// `theme: light | dark | {style, context, font_scale, background, text_color, heading_color}`.
    func theme(_ v: ConfigValue) -> ThemeSpec? {
        if v.isScalar {
            guard let name = v.choice(ThemeSpec.presets) else { return nil }
            return ThemeSpec.preset(name)
        }
        guard let m = v.mapping(keys: Self.themeKeys, what: "a theme name (light, dark) or a mapping") else { return nil }
        var t = ThemeSpec()
        t.style = m.choice("style", Style.names)
        if let c = m.choice("context", PlotContext.allCases.map(\.rawValue)) { t.context = PlotContext(rawValue: c) }
        if let f = m["font_scale"] { t.fontScale = f.double(above: 0, max: 10) }
        func color(_ key: String) -> Color? {
            guard let c = m[key], let s = c.string() else { return nil }
            guard let color = Color.parse(s) else {
                c.fail("'\(s)' is not a colour (a name like white, #rrggbb or a grey level like \"0.2\")")
                return nil
            }
            return color
        }
        t.background = color("background")
        t.textColor = color("text_color")
        t.headingColor = color("heading_color")
        return t
    }
}
