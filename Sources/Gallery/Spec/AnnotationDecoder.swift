import FigureConfig

/// Decodes `annotations:` entries: `{text, at: [x, y] | knee, offset, arrow, color, fontsize}`.
enum AnnotationDecoder {
    /// The keys of an annotation.
    static let keys: [ConfigKey] = [
        ConfigKey("text", .text, "the note ({knee} becomes the knee's value)"),
        ConfigKey("at", .anyOf([.numbers(count: 2), .text]), "[x, y] in data units, or a named point (knee)"),
        ConfigKey("offset", .numbers(count: 2), "[right, up] in points"),
        ConfigKey("arrow", .boolean, "an arrow from the text to the point"),
        ConfigKey("color", .text, "text and arrow colour"),
        ConfigKey("fontsize", .number(above: 0, max: 200), "text size (pt)"),
    ]

    static func decode(_ value: ConfigValue, _ ctx: PanelDecoder.Context) -> AnnotationSpec? {
        guard let m = value.mapping(keys, what: "an annotation") else { return nil }
        guard let t = m["text"] else { m.missing("needs 'text' (what the note says)"); return nil }
        guard let at = m["at"] else { m.missing("needs 'at' ([x, y] in data units, or knee)"); return nil }
        guard let text = t.string() else { return nil }
        if text.isEmpty { t.fail("must not be empty"); return nil }
        let target: AnnotationSpec.Target
        let named = AnalysisKind.registry.flatMap(\.namedPoints)
        if at.isScalar, let s = at.scalar, named.contains(s) {
            let owners = AnalysisKind.registry.filter { $0.namedPoints.contains(s) }
            guard owners.contains(where: { ctx.present.contains($0.key) }) else {
                at.fail("'\(s)' needs \(owners.map { "clustering.\($0.key)" }.joined(separator: " or "))"); return nil
            }
            target = .named(s)
        } else if let v = at.doubles(count: 2, what: "[x, y] in data units, or knee") {
            target = .point(v[0], v[1])
        } else { return nil }
        var a = AnnotationSpec(text: text, target: target, location: value.location)
        if let v = m.doubles("offset", count: 2, what: "[right, up] in points") {
            if v.contains(where: { abs($0) > 1000 }) {
                m["offset"]!.fail("offsets are points and at most 1000, got [\(ctx.reader.fmt(v[0])), \(ctx.reader.fmt(v[1]))]")
            } else { a.offset = v }
        }
        if let v = m["arrow"] { a.arrow = v.bool() }
        if let v = m["color"] { a.color = ColorEncoding.parseColor(v) }
        if let v = m["fontsize"] { a.fontSize = v.double(above: 0, max: 200) }
        return a
    }
}
