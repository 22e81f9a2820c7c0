import Foundation

/// An rcParams-style key or value that `Style.set(_:_:)` does not accept.
public struct StyleError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public let description: String
    /// The names that would have been accepted (keys for an unknown key, values for a value that
    /// must be one of fixed names), for "did you mean" hints; empty otherwise.
    public let candidates: [String]
    /// Whether the key itself is unknown (rather than its value wrong).
    public let unknownKey: Bool
    /// An error with its message.
    public init(_ description: String, candidates: [String] = [], unknownKey: Bool = false) {
        self.description = description; self.candidates = candidates; self.unknownKey = unknownKey
    }
}

extension Style {
    /// Sets one value by its matplotlib rcParams name (`"axes.edgecolor"`, `"grid.linewidth"`,
    /// `"legend.loc"` …) from its text form, as a config file holds it. Colours take any matplotlib
    /// colour string; booleans `true`/`false`; `axes.prop_cycle` a comma-separated colour list or a
    /// colour map name. Throws `StyleError` naming the key for unknown keys and bad values.
    public mutating func set(_ key: String, _ value: String) throws {
        guard let setter = Style.setters[key] else {
            throw StyleError("unknown style key '\(key)'", candidates: Style.keys, unknownKey: true)
        }
        try setter(&self, value.trimmingCharacters(in: .whitespaces))
    }

    /// Every key `set(_:_:)` accepts, sorted.
    public static var keys: [String] { setters.keys.sorted() }

    /// The fixed names a key's value must be one of (nil for numbers, colours and free text).
    public static func choices(forKey key: String) -> [String]? {
        switch key {
        case "axes.titleweight": return ["normal", "bold"]
        case "grid.linestyle": return ["-", "--", ":", "-."]
        case "xtick.direction", "ytick.direction": return ["out", "in"]
        case "legend.loc": return LegendLocation.allCases.map(\.rawValue)
        case "image.cmap": return Colormap.all.map(\.name)
        case "figure.layout": return ["tight", "fixed", "none"]
        default: return nil
        }
    }

    private typealias Setter = @Sendable (inout Style, String) throws -> Void

    private static func number(_ key: String, _ v: String) throws -> Double {
        guard let d = Double(v), d.isFinite else { throw StyleError("\(key): '\(v)' is not a number") }
        return d
    }
    private static func positive(_ key: String, _ v: String) throws -> Double {
        let d = try number(key, v)
        guard d >= 0 else { throw StyleError("\(key): \(v) must not be negative") }
        return d
    }
    private static func bool(_ key: String, _ v: String) throws -> Bool {
        switch v.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw StyleError("\(key): '\(v)' is not true or false")
        }
    }
    private static func color(_ key: String, _ v: String, _ s: Style) throws -> Color {
        guard let c = Color.parse(v, cycle: s.colorCycle) else { throw StyleError("\(key): '\(v)' is not a colour") }
        return c
    }

    private static let setters: [String: Setter] = {
        var m: [String: Setter] = [:]
        func num(_ k: String, _ path: WritableKeyPath<Style, Double> & Sendable) {
            m[k] = { s, v in s[keyPath: path] = try positive(k, v) }
        }
        func col(_ k: String, _ path: WritableKeyPath<Style, Color> & Sendable) {
            m[k] = { s, v in s[keyPath: path] = try color(k, v, s) }
        }
        func flag(_ k: String, _ path: WritableKeyPath<Style, Bool> & Sendable) {
            m[k] = { s, v in s[keyPath: path] = try bool(k, v) }
        }
        m["font.family"] = { s, v in s.fontFamily = v }
        num("font.size", \.fontSize); num("axes.titlesize", \.titleSize); num("axes.labelsize", \.labelSize)
        num("xtick.labelsize", \.xTickLabelSize); num("ytick.labelsize", \.yTickLabelSize)
        num("legend.fontsize", \.legendFontSize); num("figure.titlesize", \.suptitleSize)
        m["axes.titleweight"] = { s, v in
            guard let w = FontWeight(rawValue: v.lowercased()) else { throw StyleError("axes.titleweight: '\(v)' is not normal or bold", candidates: ["normal", "bold"]) }
            s.titleWeight = w
        }
        col("text.color", \.textColor); col("axes.labelcolor", \.labelColor)
        m["xtick.color"] = { s, v in let c = try color("xtick.color", v, s); s.tickLabelColor = c; s.tickColor = c }
        m["ytick.color"] = m["xtick.color"]
        num("axes.titlepad", \.titlePad); num("axes.labelpad", \.labelPad); flag("axes.unicode_minus", \.unicodeMinus)
        col("figure.facecolor", \.figureFaceColor); col("axes.facecolor", \.axesFaceColor); col("axes.edgecolor", \.axesEdgeColor)
        num("axes.linewidth", \.axesLineWidth)
        flag("axes.spines.top", \.spineTop); flag("axes.spines.right", \.spineRight)
        flag("axes.spines.bottom", \.spineBottom); flag("axes.spines.left", \.spineLeft)
        num("axes.xmargin", \.xMargin); num("axes.ymargin", \.yMargin)
        flag("axes.grid", \.grid); col("grid.color", \.gridColor); num("grid.linewidth", \.gridLineWidth)
        m["grid.linestyle"] = { s, v in
            guard let l = LineStyle(matplotlibName: v) else { throw StyleError("grid.linestyle: '\(v)' is not -, --, : or -.", candidates: ["-", "--", ":", "-."]) }
            s.gridLineStyle = l
        }
        flag("axes.axisbelow", \.axisBelow)
        m["xtick.bottom"] = { s, v in s.tickMarks = try bool("xtick.bottom", v) }
        m["ytick.left"] = { s, v in s.tickMarks = try bool("ytick.left", v) }
        num("xtick.major.size", \.tickSize); num("ytick.major.size", \.tickSize)
        num("xtick.major.width", \.tickWidth); num("ytick.major.width", \.tickWidth)
        num("xtick.major.pad", \.tickPad); num("ytick.major.pad", \.tickPad)
        m["xtick.direction"] = { s, v in
            switch v { case "out": s.ticksOutward = true; case "in": s.ticksOutward = false
            default: throw StyleError("xtick.direction: '\(v)' is not in or out", candidates: ["in", "out"]) }
        }
        m["ytick.direction"] = m["xtick.direction"]
        m["axes.prop_cycle"] = { s, v in
            if let map = Colormap.named(v) { s.colorCycle = map.colors; return }
            let parts = v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let colors = try parts.map { try color("axes.prop_cycle", $0, s) }
            guard !colors.isEmpty else { throw StyleError("axes.prop_cycle: no colours in '\(v)'") }
            s.colorCycle = colors
        }
        m["image.cmap"] = { s, v in
            guard let c = Colormap.named(v) else { throw StyleError("image.cmap: unknown colour map '\(v)'", candidates: Colormap.all.map(\.name)) }
            s.colormap = c
        }
        num("lines.linewidth", \.lineWidth); num("lines.markersize", \.markerSize)
        num("lines.markeredgewidth", \.markerEdgeWidth)
        m["scatter.size"] = { s, v in s.scatterSize = try positive("scatter.size", v) }
        m["scatter.linewidths"] = { s, v in s.scatterLineWidth = try positive("scatter.linewidths", v) }
        m["patch.linewidth"] = { s, v in s.scatterLineWidth = try positive("patch.linewidth", v) }
        m["xtick.labelcolor"] = { s, v in s.tickLabelColor = try color("xtick.labelcolor", v, s) }
        m["ytick.labelcolor"] = m["xtick.labelcolor"]
        m["xtick.major.visible"] = { s, v in s.tickMarks = try bool("xtick.major.visible", v) }
        m["legend.loc"] = { s, v in
            guard let l = LegendLocation(matplotlibName: v) else { throw StyleError("legend.loc: unknown location '\(v)'", candidates: LegendLocation.allCases.map(\.rawValue)) }
            s.legendLocation = l
        }
        flag("legend.frameon", \.legendFrame); num("legend.framealpha", \.legendFrameAlpha)
        col("legend.edgecolor", \.legendEdgeColor)
        m["legend.facecolor"] = { s, v in s.legendFaceColor = v == "inherit" ? nil : try color("legend.facecolor", v, s) }
        flag("legend.fancybox", \.legendFancyBox); num("legend.borderpad", \.legendBorderPad)
        num("legend.labelspacing", \.legendLabelSpacing); num("legend.handlelength", \.legendHandleLength)
        num("legend.handleheight", \.legendHandleHeight); num("legend.handletextpad", \.legendHandleTextPad)
        num("legend.borderaxespad", \.legendBorderAxesPad)
        m["figure.layout"] = { s, v in
            switch v {
            case "tight": s.layout = .tight()
            case "fixed", "matplotlib", "none": s.layout = .fixed()
            default: throw StyleError("figure.layout: '\(v)' is not tight or fixed", candidates: ["tight", "fixed", "none"])
            }
        }
        return m
    }()
}
