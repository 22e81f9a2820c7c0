/// How user text is shown inside messages: quoted, with control characters escaped and long text
/// shortened, so that every problem stays one readable line whatever the input holds (a 50 MB CSV
/// cell, a key with a newline, a value with raw escape bytes).
public enum Echo {
    /// The most characters of one echoed value (a key, a cell, a value) shown in a message.
    public static let maxValue = 80
    /// The most characters of one printed problem line; longer lines lose their middle.
    public static let maxLine = 1_000

    /// `'text'`, with control characters escaped and text past ``maxValue`` characters cut
    /// (`'aaaa…' (50000000 characters)`).
    public static func quoted(_ text: String, quote: String = "'", limit: Int = maxValue) -> String {
        let count = text.unicodeScalars.count
        if count <= limit { return "\(quote)\(escaped(text))\(quote)" }
        let head = String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit)))
        return "\(quote)\(escaped(head))…\(quote) (\(count) characters)"
    }

    /// The text unquoted, escaped and cut like ``quoted(_:quote:limit:)`` (for numbers echoed bare).
    public static func clipped(_ text: String, limit: Int = maxValue) -> String {
        let count = text.unicodeScalars.count
        if count <= limit { return escaped(text) }
        return "\(escaped(String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit)))))… (\(count) characters)"
    }

    /// The text with every control character (C0, DEL, C1, line and paragraph separators) written
    /// as an escape: `\n`, `\t`, `\r`, else `\u{1B}`.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            guard isControl(u) else { out.append(u); continue }
            let esc: String
            switch u {
            case "\n": esc = "\\n"
            case "\t": esc = "\\t"
            case "\r": esc = "\\r"
            default: esc = "\\u{\(String(u.value, radix: 16, uppercase: true))}"
            }
            out.append(contentsOf: esc.unicodeScalars)
        }
        return String(out)
    }

    /// One printable line: control characters escaped, and a line longer than `limit` characters
    /// shortened in the middle (its start — the place — and its end — the key path and any hint —
    /// are kept).
    public static func line(_ text: String, limit: Int = maxLine) -> String {
        let scalars = text.unicodeScalars
        let count = scalars.count
        guard count > limit else {
            let t = escaped(text)
            return t.unicodeScalars.count > limit ? line(t, limit: limit) : t
        }
        let tail = limit / 4, head = limit - tail
        let start = escaped(String(String.UnicodeScalarView(scalars.prefix(head))))
        let end = escaped(String(String.UnicodeScalarView(scalars.suffix(tail))))
        return "\(start) …[\(count - head - tail) characters left out]… \(end)"
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0) || u.value == 0x2028 || u.value == 0x2029
    }
}
