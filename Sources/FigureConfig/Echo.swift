/// How user text is shown inside messages: quoted, with control characters escaped and long text
/// shortened, so that every problem stays one readable line whatever the input holds (a 50 MB CSV
/// cell, a key with a newline, a value with raw escape bytes).
public enum Echo {
    /// The most characters of one echoed value (a key, a cell, a value) shown in a message.
    public static let maxValue = 80
    /// The most characters of one printed problem line; longer lines lose their middle.
    public static let maxLine = 1_000

    /// `'text'`, with control characters escaped and text past ``maxValue`` characters (counted
    /// after escaping) cut (`'aaaa…' (50000000 characters)`).
    public static func quoted(_ text: String, quote: String = "'", limit: Int = maxValue) -> String {
        let (head, all) = escapedHead(text.unicodeScalars, budget: limit)
        if all { return "\(quote)\(head)\(quote)" }
        return "\(quote)\(head)…\(quote) (\(text.unicodeScalars.count) characters)"
    }

    /// The text unquoted, escaped and cut like ``quoted(_:quote:limit:)`` (for numbers echoed bare).
    public static func clipped(_ text: String, limit: Int = maxValue) -> String {
        let (head, all) = escapedHead(text.unicodeScalars, budget: limit)
        return all ? head : "\(head)… (\(text.unicodeScalars.count) characters)"
    }

    /// The text with every control character (C0, DEL, C1, line and paragraph separators) written
    /// as an escape: `\n`, `\t`, `\r`, else `\u{1B}`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return escapedHead(text.unicodeScalars, budget: .max).text
    }

    /// One printable line: control characters escaped, and a line longer than `limit` characters
    /// (after escaping) shortened in the middle (its start — the place — and its end — the key path
    /// and any hint — are kept).
    public static func line(_ text: String, limit: Int = maxLine) -> String {
        let scalars = text.unicodeScalars
        let (whole, fits) = escapedHead(scalars, budget: limit)
        if fits { return whole }
        let tailBudget = limit / 4
        let head = escapedPrefix(scalars, budget: limit - tailBudget)
        var tail: [String] = []
        var used = 0
        var kept = 0
        for u in scalars.reversed() {
            let e = escape(u)
            guard used + e.count <= tailBudget else { break }
            tail.append(e); used += e.count; kept += 1
        }
        let omitted = max(0, scalars.count - kept - head.kept)
        return "\(head.text) …[\(omitted) characters left out]… \(tail.reversed().joined())"
    }

    /// The escaped form of the longest prefix whose escaped length fits `budget`, and whether that
    /// prefix is the whole text.
    static func escapedHead(_ scalars: String.UnicodeScalarView, budget: Int) -> (text: String, all: Bool) {
        let r = escapedPrefix(scalars, budget: budget)
        return (r.text, r.all)
    }

    /// ``escapedHead(_:budget:)`` with the number of scalars it kept.
    static func escapedPrefix(_ scalars: String.UnicodeScalarView, budget: Int) -> (text: String, kept: Int, all: Bool) {
        var out = String.UnicodeScalarView()
        var used = 0, kept = 0
        for u in scalars {
            let width = isControl(u) ? escape(u).count : 1
            guard used + width <= budget else { return (String(out), kept, false) }
            if width == 1 { out.append(u) } else { out.append(contentsOf: escape(u).unicodeScalars) }
            used += width
            kept += 1
        }
        return (String(out), kept, true)
    }

    static func escape(_ u: Unicode.Scalar) -> String {
        guard isControl(u) else { return String(u) }
        switch u {
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        default: return "\\u{\(String(u.value, radix: 16, uppercase: true))}"
        }
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0) || u.value == 0x2028 || u.value == 0x2029
    }
}
