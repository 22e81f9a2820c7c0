import Foundation

/// Marker shapes, with matplotlib's geometry: a marker of size `s` points is matplotlib's unit
/// marker path scaled by `s` (so a circle's diameter is `s`; for scatter, `s = sqrt(area in pt²)`).
public enum Marker: String, CaseIterable, Hashable, Sendable {
    case circle = "o"
    case point = "."
    case x = "x"
    case plus = "+"
    case square = "s"
    case diamond = "D"
    case triangleUp = "^"
    case triangleDown = "v"
    case star = "*"

    /// A marker from its matplotlib symbol (`"o"`, `"x"`, `"^"` …) or its name (`"circle"`, `"triangle_up"`).
    public init?(symbol: String) {
        if let m = Marker(rawValue: symbol) { self = m; return }
        let key = symbol.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
        if let m = Marker.allCases.first(where: { "\($0)".lowercased() == key }) { self = m; return }
        switch key {
        case "d": self = .diamond
        case "triangle": self = .triangleUp
        case "cross": self = .x
        default: return nil
        }
    }

    /// Line-art markers (x, +) have no interior: they are stroked with the face colour.
    public var isFilled: Bool { self != .x && self != .plus }

    /// The outline centred at (0, 0) in points, y down, for a marker of `size` points.
    public func path(size: Double) -> Path {
        let h = size / 2
        var p = Path()
        switch self {
        case .circle:
            p.addCircle(center: .zero, radius: h)
        case .point:
            p.addCircle(center: .zero, radius: size / 4)
        case .square:
            p.addRect(Rect(x: -h, y: -h, width: size, height: size))
        case .diamond:
            let d = size * 0.5.squareRoot()
            p.addPolygon([Point(x: 0, y: -d), Point(x: d, y: 0), Point(x: 0, y: d), Point(x: -d, y: 0)])
        case .triangleUp:
            p.addPolygon([Point(x: 0, y: -h), Point(x: -h, y: h), Point(x: h, y: h)])
        case .triangleDown:
            p.addPolygon([Point(x: 0, y: h), Point(x: h, y: -h), Point(x: -h, y: -h)])
        case .star:
            var pts: [Point] = []
            for i in 0..<10 {
                let theta = Double.pi / 5 * Double(i) + Double.pi / 2
                let r = (i % 2 == 0 ? 1 : 0.381966) * h
                pts.append(Point(x: r * cos(theta), y: -r * sin(theta)))
            }
            p.addPolygon(pts)
        case .x:
            p.move(to: Point(x: -h, y: -h)); p.line(to: Point(x: h, y: h))
            p.move(to: Point(x: -h, y: h)); p.line(to: Point(x: h, y: -h))
        case .plus:
            p.move(to: Point(x: -h, y: 0)); p.line(to: Point(x: h, y: 0))
            p.move(to: Point(x: 0, y: -h)); p.line(to: Point(x: 0, y: h))
        }
        return p
    }

    /// The marker for a scatter area in pt² (matplotlib's `s`): size `sqrt(area)`.
    public func path(area: Double) -> Path { path(size: max(area, 0).squareRoot()) }
}

/// Line dash styles with matplotlib's patterns (`lines.*_pattern`), scaled by the line width.
public enum LineStyle: Hashable, Sendable {
    case solid
    case dashed
    case dotted
    case dashDot
    /// On/off lengths in multiples of the line width.
    case custom([Double])

    /// A style from a matplotlib string: `-`, `--`, `:`, `-.`, or `solid`, `dashed`, `dotted`, `dashdot`.
    public init?(matplotlibName s: String) {
        switch s.lowercased() {
        case "-", "solid": self = .solid
        case "--", "dashed": self = .dashed
        case ":", "dotted": self = .dotted
        case "-.", "dashdot", "dash-dot", "dash_dot": self = .dashDot
        case "", "none", " ": return nil
        default: return nil
        }
    }

    /// The unscaled pattern (matplotlib 3.x defaults).
    public var pattern: [Double] {
        switch self {
        case .solid: return []
        case .dashed: return [3.7, 1.6]
        case .dotted: return [1, 1.65]
        case .dashDot: return [6.4, 1.6, 1, 1.6]
        case .custom(let p): return p
        }
    }

    /// The dash array in points for a line of `lineWidth` points.
    public func dashes(lineWidth: Double) -> [Double] { pattern.map { $0 * lineWidth } }
}

extension Path {
    /// Appends a closed polygon.
    public mutating func addPolygon(_ points: [Point]) {
        guard let f = points.first else { return }
        move(to: f)
        for p in points.dropFirst() { line(to: p) }
        close()
    }
}
