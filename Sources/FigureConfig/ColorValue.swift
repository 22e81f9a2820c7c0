import Foundation
import Plotting

/// A colour as written in a config: a name (`red`, `tab:blue`, any CSS4 name), hex (`#f0027f`,
/// `#f0027f80`, `#f00`), a grey level (`"0.8"`), or a colour-cycle entry of the figure's style (`C0`…`C9`).
public enum ColorValue: Sendable, Hashable, CustomStringConvertible {
    /// A fixed colour with components in 0…1.
    case rgba(red: Double, green: Double, blue: Double, alpha: Double)
    /// The n-th colour of the style's colour cycle (`C0` is the first).
    case cycle(Int)

    /// Opaque black.
    public static let black = ColorValue.rgba(red: 0, green: 0, blue: 0, alpha: 1)
    /// Opaque white.
    public static let white = ColorValue.rgba(red: 1, green: 1, blue: 1, alpha: 1)
    /// Opaque red (`red`).
    public static let red = ColorValue.rgba(red: 1, green: 0, blue: 0, alpha: 1)

    /// Parses a colour, or returns nil.
    public init?(parsing text: String) {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s.count == 2, s.first == "C", let d = s.last?.wholeNumberValue {
            self = .cycle(d)
            return
        }
        // Names, hex and grey levels: Plotting's parser, the one matplotlib-compatible table.
        guard let c = Color.parse(s, cycle: []) else { return nil }
        self = .rgba(red: c.red, green: c.green, blue: c.blue, alpha: c.alpha)
    }

    /// Every colour name accepted (for suggestions).
    public static var names: [String] {
        (Array(Color.cssColors.keys) + Array(Color.baseColors.keys) + Color.tableauColors.map(\.0)).sorted()
    }

    /// `#rrggbb` (plus alpha when not opaque) or `C<n>`.
    public var description: String {
        switch self {
        case let .cycle(n): return "C\(n)"
        case let .rgba(r, g, b, a):
            func h(_ x: Double) -> String {
                let v = Int((x * 255).rounded())
                return String(v, radix: 16).count == 1 ? "0" + String(v, radix: 16) : String(v, radix: 16)
            }
            return "#" + h(r) + h(g) + h(b) + (a < 1 ? h(a) : "")
        }
    }
}

/// A list of colours for categories (cluster 0, 1, …): a named qualitative colormap or explicit colours.
public struct Palette: Sendable, Hashable {
    /// The colormap name when the palette came from one (`Accent`), else nil.
    public var name: String?
    /// The colours, in order.
    public var colors: [ColorValue]
    /// How a named colormap's position is found for a category (explicit lists are indexed).
    public var normalization: Normalization = .range

    /// Where category `i` of the categories `lowest…highest` sits on a colormap.
    public enum Normalization: String, Sendable, Hashable, CaseIterable, ConfigChoice {
        /// `(i − lowest) / (highest − lowest)`: matplotlib's `scatter(c=labels, cmap=…)`, the last
        /// category at the colormap's end.
        case range
        /// `(i − lowest) / count`: scikit-learn's examples (`cm.nipy_spectral(i / n_clusters)`,
        /// `Spectral(linspace(0, 1, clusters + noise))`), the end of the colormap left unused.
        case count
    }

    /// Creates a palette from explicit colours.
    public init(colors: [ColorValue], name: String? = nil) {
        self.colors = colors
        self.name = name
    }

    /// A named listed colormap (`Accent`, `Set2`, `tab10`, `deep`, …), or nil.
    public init?(colormap name: String) {
        guard let map = Colormap.named(name) else { return nil }
        self.name = map.name
        self.colors = map.colors.map { .rgba(red: $0.red, green: $0.green, blue: $0.blue, alpha: $0.alpha) }
    }

    /// Names of the built-in colormaps (Plotting's).
    public static var colormapNames: [String] { Colormap.all.map(\.name).sorted() }

    /// The colour for category `value` when the categories present run from `lowest` to `highest`.
    ///
    /// Named colormaps follow matplotlib's `scatter(c=labels, cmap=name)`: the value is normalised to
    /// 0…1 over the categories present (see ``Normalization``) and picks entry
    /// `min(Int(x × N), N − 1)`, so labels 0…3 with Accent pick entries 0, 2, 5 and 7. Explicit
    /// colour lists are indexed directly (cycling).
    public func color(for value: Int, lowest: Int, highest: Int) -> ColorValue {
        guard !colors.isEmpty else { return .cycle(0) }
        if name == nil { return colors[((value % colors.count) + colors.count) % colors.count] }
        let n = colors.count
        let x: Double
        switch normalization {
        case .range: x = highest > lowest ? Double(value - lowest) / Double(highest - lowest) : 0
        case .count: x = Double(value - lowest) / Double(max(1, highest - lowest + 1))
        }
        return colors[max(0, min(Int(x * Double(n)), n - 1))]
    }
}
