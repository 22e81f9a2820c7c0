import FigureConfig
import Plotting

/// `mark: line` from the points — a polyline through the rows in order, with optional markers.
public struct LineLayer: Layer {
    /// Colour, filters, split, marker, size, alpha, line width, label, columns.
    public var style = LayerStyle()
    /// Where the layer was written.
    public var location: SourceLocation

    /// A line through columns `x` and `y`.
    public init(location: SourceLocation) { self.location = location }

    /// One `ax.plot` per series (a line takes one colour: the first of a per-row colouring).
    public func draw(on ax: Axes, in panel: PanelContext) throws -> Bool {
        guard let series = PointGroups.series(style, panel) else { return false }
        for s in series {
            let (xs, ys) = PointGroups.coordinates(s.rows, style, panel.dataset)
            let color: Color?
            switch s.colors {
            case .cycle, .mapped: color = nil
            case let .one(c): color = c
            case let .perRow(cs): color = cs.first
            }
            ax.plot(x: xs, y: ys, color: color, lineWidth: style.lineWidth, lineStyle: .solid, marker: style.marker.marker,
                    markerSize: style.size, alpha: style.alpha, label: s.label)
        }
        return style.label != nil
    }
}

extension LayerKind {
    /// `mark: line` from the points.
    public static let line = LayerKind(
        mark: "line", sources: ["points"], summary: "a polyline through the points in order",
        defaultSource: { _ in "points" },
        decode: { m, _, style, _ in
            var layer = LineLayer(location: m.location)
            layer.style = style
            return layer
        })
}
