import Foundation

/// Colours as string literals: `let c: Color = "tab:orange"`, `ax.bar(..., color: "#4c72b0")`.
///
/// A literal is read by `Color.parse` — the CSS names, matplotlib's base letters (`"r"`, `"k"`),
/// `tab:` names, grey levels (`".8"`), `"none"`, `#rgb`/`#rrggbb`/`#rrggbbaa`, and `"C0"`…`"C9"`
/// of matplotlib's default cycle (tab10: a literal cannot know the style it will be drawn in; use
/// `style.color("C1")` or an element's default cycle colour for the style's).
///
/// A typo never traps a release build: an unknown literal is black, and a debug build stops at an
/// assertion naming it (`Color.parse` or `Color(name:)` return nil instead, for text read at run time).
extension Color: ExpressibleByStringLiteral {
    /// The colour a string literal names (see the extension's notes for unknown literals).
    public init(stringLiteral value: String) {
        let (color, known) = Color.literal(value)
        assert(known, "not a colour: \"\(value)\" (see Color.parse for the accepted names)")
        self = color
    }

    /// The colour of a literal and whether it was known (unknown ones are black).
    static func literal(_ value: String) -> (Color, known: Bool) {
        if let c = Color.parse(value) { return (c, true) }
        return (.black, false)
    }
}
