import Foundation
import FigureConfig
import Plotting

/// `figure:` and `output:` — page size, dpi, style, layout, grid; output name, formats, dpi.
enum FigureSections {
    /// The keys of `figure:`.
    static let figureKeys: [ConfigKey] = [
        ConfigKey("size", .numbers(count: 2), "[width, height] in inches"),
        ConfigKey("dpi", .number(above: 0, max: 2400), "raster resolution"),
        ConfigKey("style", .choice(Style.names), "style preset"),
        ConfigKey("context", .choice(PlotContext.allCases.map(\.rawValue)), "seaborn plotting context: sizes of text, lines and markers"),
        ConfigKey("font_scale", .number(above: 0, max: 10), "multiplies every text size (seaborn's font_scale)"),
        ConfigKey("rc", .dictionary(.anyOf([.text, .anyNumber, .boolean, .list(.text, count: nil)])), "matplotlib rcParams-style keys, applied after style and context"),
        ConfigKey("share_limits", .choice(shareNames), "iteration facets share axis limits (matplotlib's sharex/sharey)"),
        ConfigKey("hide_empty", .boolean, "hide grid cells without a panel"),
        ConfigKey("layout", .choice(layoutNames), "tight (measured) or none (matplotlib's fixed subplot parameters)"),
        ConfigKey("suptitle", .text, "title over all panels"),
        ConfigKey("grid", .numbers(count: 2), "[rows, columns] of the subplot grid"),
        ConfigKey("background", .text, "page colour, or none"),
        ConfigKey("pairs", .anyOf([.list(.text, count: nil), .mapping(PairsLayout.keys)]), "a pair plot of these columns instead of panels"),
    ]
    /// The keys of `output:`.
    static let outputKeys: [ConfigKey] = [
        ConfigKey("name", .text, "output file stem"),
        ConfigKey("formats", .anyOf([.list(.choice(OutputFormat.self), count: nil), .text]), "formats written"),
        ConfigKey("dpi", .number(above: 0, max: 2400), "raster resolution (overrides figure.dpi)"),
        ConfigKey("png_compression", .integer(0...9), "zlib level of PNG files"),
    ]
    /// `figure.layout` names.
    static let layoutNames = ["tight", "none"]
    /// `figure.share_limits` names.
    static let shareNames = ["both", "x", "y", "none"]

    /// Reads `figure:`; returns the settings and the grid when given.
    static func figure(_ value: ConfigValue) -> (FigureSettings, grid: (rows: Int, columns: Int)?) {
        var figure = FigureSettings()
        var grid: (Int, Int)?
        guard let m = value.mapping(figureKeys) else { return (figure, nil) }
        let fmt = value.reader.fmt
        if let s = m.doubles("size", count: 2, what: "[width, height] in inches") {
            if s[0] <= 0 || s[1] <= 0 { m["size"]!.fail("width and height must be positive, got [\(fmt(s[0])), \(fmt(s[1]))]") }
            else if s[0] > 200 || s[1] > 200 { m["size"]!.fail("at most 200 inches a side, got [\(fmt(s[0])), \(fmt(s[1]))]") }
            else { figure.width = s[0]; figure.height = s[1] }
        }
        if let v = m.double("dpi", above: 0, max: 2400) { figure.dpi = v }
        if let v = m.choice("style", Style.names) { figure.styleName = v }
        if let v = m.choice("context", PlotContext.allCases.map(\.rawValue)) { figure.context = PlotContext(rawValue: v) }
        if let v = m.double("font_scale", above: 0, max: 10) { figure.fontScale = v }
        if let r = m["rc"] { figure.rc = rcSettings(r) }
        if let v = m.choice("share_limits", shareNames) { figure.shareLimits = (v == "both" || v == "x", v == "both" || v == "y") }
        if let v = m.bool("hide_empty") { figure.hideEmpty = v }
        figure.style = figure.resolvedStyle()
        if let v = m.choice("layout", layoutNames) { figure.layout = v == "tight" ? .tight() : .fixed(.matplotlib) }
        if let v = m.string("suptitle") { figure.suptitle = v }
        if let b = m["background"] {
            if b.scalar == "none" || b.scalar == "transparent" { figure.background = nil }
            else if let c = ColorEncoding.parseColor(b) { figure.background = c }
        }
        if let g = m.doubles("grid", count: 2, what: "[rows, columns]") {
            if g.contains(where: { $0 < 1 || $0 > 20 || $0 != $0.rounded() }) {
                m["grid"]!.fail("rows and columns must be whole numbers from 1 to 20, got [\(fmt(g[0])), \(fmt(g[1]))]")
            } else { grid = (Int(g[0]), Int(g[1])) }
        }
        return (figure, grid)
    }

    /// `figure.rc: {key: value}`: each key one `Style.set` accepts, its value checked now (an
    /// unknown key or value is reported at its place with a "did you mean" hint).
    static func rcSettings(_ value: ConfigValue) -> [RCSetting] {
        guard let m = value.anyMapping(what: "a mapping of rcParams keys to values (e.g. {text.color: white})") else { return [] }
        var out: [RCSetting] = []
        var probe = Style.whitegrid
        for key in m.keysInOrder {
            guard let v = m[key] else { continue }
            let text: String
            if v.isSequence, let items = v.items() { text = items.compactMap { $0.scalar }.joined(separator: ", ") }
            else if v.isScalar, let s = v.scalar, !v.isNull { text = s }
            else { v.fail("expected a value for '\(key)', got \(v.typeName)"); continue }
            do {
                try probe.set(key, text)
                out.append(RCSetting(key: key, value: text))
            } catch let e as StyleError {
                if e.unknownKey {
                    let hint = Spelling.hint(for: key, among: Style.keys)
                    (m.key(key) ?? v).fail("unknown rc key '\(key)'\(hint.isEmpty ? " (see docs/config.md#figurerc for the keys)" : hint)")
                } else {
                    let hint = e.candidates.isEmpty ? "" : Spelling.hint(for: text, among: e.candidates)
                    v.fail("\(e.description)\(hint)")
                }
            } catch { v.fail("\(error)") }
        }
        return out
    }

    /// Reads `output:`; returns the settings and the name when given.
    static func output(_ value: ConfigValue) -> (OutputSpec, name: String?) {
        var output = OutputSpec()
        var name: String?
        guard let m = value.mapping(outputKeys) else { return (output, nil) }
        if let v = m.int("png_compression", min: 0, max: 9) { output.pngCompression = v }
        if let n = m["name"], let v = n.string() {
            let longest = OutputFormat.allCases.map(\.rawValue.utf8.count).max() ?? 3
            if v.isEmpty || v.contains("/") || v == "." || v == ".." || v.hasPrefix(".") {
                n.fail("must be a plain file stem without '/' (e.g. segmentation), got '\(v)'")
            } else if v.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                n.fail("must not contain control characters such as a newline or NUL")
            } else if v.utf8.count + 1 + longest > 255 {
                n.fail("is \(v.utf8.count) bytes long; with its extension a file name may have at most 255 (at most \(255 - 1 - longest) for the stem)")
            } else { name = v }
        }
        if let f = m["formats"], let formats = formats(f) { output.formats = formats; output.formatsGiven = true }
        if let v = m.double("dpi", above: 0, max: 2400) { output.dpi = v }
        return (output, name)
    }

    /// `[png, pdf]` or `"png, pdf"`: distinct formats in order.
    static func formats(_ v: ConfigValue) -> [OutputFormat]? {
        let names = OutputFormat.configNames.joined(separator: ", ")
        var items: [ConfigValue]
        if v.isSequence, let list = v.items() { items = list }
        else if v.isScalar, let s = v.scalar {
            items = s.split(separator: ",").map {
                ConfigValue(reader: v.reader, node: ConfigNode(.scalar($0.trimmingCharacters(in: .whitespaces), quoted: true), at: v.location), path: v.path)
            }
        } else { v.fail("expected a list of formats (\(names)), got \(v.typeName)"); return nil }
        if items.isEmpty { v.fail("needs at least one format (\(names))"); return nil }
        var out: [OutputFormat] = []
        for (i, item) in items.enumerated() {
            let indexed = ConfigValue(reader: v.reader, node: item.node, path: "\(v.path)[\(i)]")
            guard let f = indexed.choice(OutputFormat.self) else { return nil }
            if !out.contains(f) { out.append(f) }
        }
        return out
    }
}
