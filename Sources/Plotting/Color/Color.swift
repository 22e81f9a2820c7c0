/// An sRGB colour with straight (not premultiplied) alpha, each channel in 0...1.
public struct Color: Hashable, Sendable {
    /// Red, 0…1.
    public var red: Double
    /// Green, 0…1.
    public var green: Double
    /// Blue, 0…1.
    public var blue: Double
    /// Opacity, 0 (clear) … 1 (opaque).
    public var alpha: Double

    /// A colour of components in 0…1.
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
    }

    /// A colour from 8-bit channels.
    public init(red8: UInt8, green8: UInt8, blue8: UInt8, alpha8: UInt8 = 255) {
        self.init(red: Double(red8) / 255, green: Double(green8) / 255, blue: Double(blue8) / 255,
                  alpha: Double(alpha8) / 255)
    }

    /// Parses `#rgb`, `#rrggbb` or `#rrggbbaa` (the `#` is optional). Returns nil for anything else.
    public init?(hex: String) {
        var s = Substring(hex)
        if s.hasPrefix("#") { s = s.dropFirst() }
        guard s.allSatisfy(\.isHexDigit) else { return nil }
        func byte(_ t: Substring) -> UInt8? { UInt8(t, radix: 16) }
        switch s.count {
        case 3:
            let c = s.map { String(repeating: $0, count: 2) }
            guard let r = UInt8(c[0], radix: 16), let g = UInt8(c[1], radix: 16), let b = UInt8(c[2], radix: 16)
            else { return nil }
            self.init(red8: r, green8: g, blue8: b)
        case 6, 8:
            let i = s.startIndex
            guard let r = byte(s[i..<s.index(i, offsetBy: 2)]),
                  let g = byte(s[s.index(i, offsetBy: 2)..<s.index(i, offsetBy: 4)]),
                  let b = byte(s[s.index(i, offsetBy: 4)..<s.index(i, offsetBy: 6)])
            else { return nil }
            let a = s.count == 8 ? byte(s[s.index(i, offsetBy: 6)...]) : 255
            guard let a else { return nil }
            self.init(red8: r, green8: g, blue8: b, alpha8: a)
        default:
            return nil
        }
    }

    /// The same colour with its alpha multiplied by `factor`.
    public func withAlpha(multipliedBy factor: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha * factor)
    }

    /// `#rrggbb` (or `#rrggbbaa` when not opaque), lowercase.
    public var hexString: String {
        func h(_ v: Double) -> String {
            let b = Int((min(max(v, 0), 1) * 255).rounded())
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + h(red) + h(green) + h(blue) + (alpha < 1 ? h(alpha) : "")
    }

    /// Opaque black.
    public static let black = Color(red: 0, green: 0, blue: 0)
    /// Opaque white.
    public static let white = Color(red: 1, green: 1, blue: 1)
    /// Fully transparent (no paint).
    public static let clear = Color(red: 0, green: 0, blue: 0, alpha: 0)
}
