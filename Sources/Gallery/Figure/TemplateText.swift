import FigureConfig

/// `{key.name}` placeholders in titles and labels, filled from the analyses' results
/// (`"Estimated number of clusters: {dbscan.clusters}"`).
enum TemplateText {
    /// The dotted placeholders of `text`, with their ranges.
    static func placeholders(_ text: String) -> [(owner: String, name: String, range: Range<String.Index>)] {
        var out: [(String, String, Range<String.Index>)] = []
        var i = text.startIndex
        while let open = text[i...].firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") {
            let inner = text[text.index(after: open)..<close]
            if let dot = inner.firstIndex(of: "."), dot != inner.startIndex, inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) {
                out.append((String(inner[..<dot]), String(inner[inner.index(after: dot)...]), open..<text.index(after: close)))
            }
            i = text.index(after: close)
        }
        return out
    }

    /// `text` with every known placeholder filled (unknown ones are left as written).
    /// In a facet's panel (`context`), values that depend on the facet are the panel's own; the data's
    /// own values (`{pca.pc1}`) come from `dataset`.
    static func fill(_ text: String?, _ results: AnalysisResults, in context: FieldContext? = nil, dataset: Dataset? = nil) -> String? {
        guard var text, text.contains("{") else { return text }
        for p in placeholders(text).reversed() {
            guard let r = results[p.owner] else {
                if let v = dataset?.templateValue(p.owner, p.name) { text.replaceSubrange(p.range, with: v) }
                continue
            }
            if let v = context.map({ r.templateValue(p.name, in: $0) }) ?? r.templateValue(p.name) { text.replaceSubrange(p.range, with: v) }
        }
        return text
    }

    /// Reports placeholders that name no analysis of the config or no value it offers.
    static func check(_ value: ConfigValue?, present: Set<String>) {
        guard let value, let text = value.scalar else { return }
        for p in placeholders(text) {
            if Dataset.templateOwners.contains(p.owner) {
                if let problem = Dataset.templateProblem(p.owner, p.name) { value.fail(problem) }
                continue
            }
            guard let kind = AnalysisKind.named(p.owner) else {
                value.fail("'{\(p.owner).\(p.name)}' names no analysis; values come from \(value.reader.list(AnalysisKind.registry.filter { !$0.templateValues.isEmpty }.map(\.key)))")
                continue
            }
            guard kind.templateValues.contains(p.name) else {
                let hint = Spelling.hint(for: p.name, among: kind.templateValues)
                value.fail("'{\(p.owner).\(p.name)}' is not a value of \(p.owner)\(hint.isEmpty ? "; it offers \(value.reader.list(kind.templateValues.map { "{\(p.owner).\($0)}" }))" : hint)")
                continue
            }
            if !present.contains(p.owner) { value.fail("'{\(p.owner).\(p.name)}' needs clustering.\(p.owner)") }
        }
    }
}
