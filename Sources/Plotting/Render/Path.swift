/// A vector path in points: move/line/curve/close elements, like Cairo's and PDF's path model.
public struct Path: Hashable, Sendable {
    /// One element of a path.
    public enum Element: Hashable, Sendable {
        /// Start a subpath at a point.
        case move(Point)
        /// A straight segment to a point.
        case line(Point)
        /// A cubic Bézier: first control point, second control point, end point.
        case curve(Point, Point, Point)
        /// Close the subpath back to its start.
        case close
    }

    /// The elements in drawing order.
    public private(set) var elements: [Element] = []

    /// An empty path.
    public init() {}
    /// A path of the given elements.
    public init(elements: [Element]) { self.elements = elements }

    /// Starts a new subpath at `p`.
    public mutating func move(to p: Point) { elements.append(.move(p)) }
    /// A straight segment to `p`.
    public mutating func line(to p: Point) { elements.append(.line(p)) }
    /// A cubic Bézier to `p` through the two control points.
    public mutating func curve(to p: Point, control1: Point, control2: Point) {
        elements.append(.curve(control1, control2, p))
    }
    /// Closes the current subpath.
    public mutating func close() { elements.append(.close) }

    /// Appends a closed rectangle.
    public mutating func addRect(_ r: Rect) {
        move(to: Point(x: r.minX, y: r.minY))
        line(to: Point(x: r.maxX, y: r.minY))
        line(to: Point(x: r.maxX, y: r.maxY))
        line(to: Point(x: r.minX, y: r.maxY))
        close()
    }

    /// Appends a closed circle made of four cubic Béziers.
    public mutating func addCircle(center c: Point, radius r: Double) {
        let k = 0.5522847498307936 * r
        move(to: Point(x: c.x + r, y: c.y))
        curve(to: Point(x: c.x, y: c.y + r), control1: Point(x: c.x + r, y: c.y + k), control2: Point(x: c.x + k, y: c.y + r))
        curve(to: Point(x: c.x - r, y: c.y), control1: Point(x: c.x - k, y: c.y + r), control2: Point(x: c.x - r, y: c.y + k))
        curve(to: Point(x: c.x, y: c.y - r), control1: Point(x: c.x - r, y: c.y - k), control2: Point(x: c.x - k, y: c.y - r))
        curve(to: Point(x: c.x + r, y: c.y), control1: Point(x: c.x + k, y: c.y - r), control2: Point(x: c.x + r, y: c.y - k))
        close()
    }

    /// Appends an open polyline through `points`.
    public mutating func addPolyline(_ points: [Point]) {
        guard let first = points.first else { return }
        move(to: first)
        for p in points.dropFirst() { line(to: p) }
    }

    /// Whether the path has no elements.
    public var isEmpty: Bool { elements.isEmpty }

    /// The bounding box of all vertices and control points (nil for an empty path).
    public var controlBounds: Rect? {
        var pts: [Point] = []
        for e in elements {
            switch e {
            case .move(let p), .line(let p): pts.append(p)
            case .curve(let a, let b, let c): pts += [a, b, c]
            case .close: break
            }
        }
        guard let f = pts.first else { return nil }
        var x0 = f.x, x1 = f.x, y0 = f.y, y1 = f.y
        for p in pts { x0 = min(x0, p.x); x1 = max(x1, p.x); y0 = min(y0, p.y); y1 = max(y1, p.y) }
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// The path moved by (dx, dy).
    public func translatedBy(dx: Double, dy: Double) -> Path {
        func t(_ p: Point) -> Point { Point(x: p.x + dx, y: p.y + dy) }
        return Path(elements: elements.map { e in
            switch e {
            case .move(let p): return .move(t(p))
            case .line(let p): return .line(t(p))
            case .curve(let a, let b, let c): return .curve(t(a), t(b), t(c))
            case .close: return .close
            }
        })
    }
}
