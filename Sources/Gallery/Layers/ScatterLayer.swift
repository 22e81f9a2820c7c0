import FigureConfig
import Plotting

/// `mark: scatter` — one marker per point (matplotlib's `scatter`).
public struct ScatterLayer: Layer {
    /// Colour, filters, split, marker, size, alpha, edge width, label, columns.
    public var style = LayerStyle()
    /// Where the layer was written.
    public var location: SourceLocation

    /// A scatter of columns `x` and `y`.
    public init(location: SourceLocation, x: ColumnRef = .index(0), y: ColumnRef = .index(1)) {
        self.location = location
        style.x = x
        style.y = y
    }

    /// The number it is coloured by, if any.
    public var continuousColor: ContinuousColor? {
        if case let .continuous(c) = style.color { return c } else { return nil }
    }

    /// One `ax.scatter` per series.
    public func draw(on ax: Axes, in panel: PanelContext) throws -> Bool {
        guard let series = PointGroups.series(style, panel) else { return false }
        let marker = style.marker.marker ?? .circle
        for s in series {
            let (xs, ys) = PointGroups.coordinates(s.rows, style, panel.dataset)
            switch s.colors {
            case .cycle:
                ax.scatter(x: xs, y: ys, size: style.size, marker: marker, alpha: style.alpha, edgeWidth: style.lineWidth, label: s.label)
            case let .one(c):
                ax.scatter(x: xs, y: ys, color: c, size: style.size, marker: marker, alpha: style.alpha, edgeWidth: style.lineWidth,
                           label: s.label)
            case let .perRow(cs):
                if cs.isEmpty {
                    ax.scatter(x: xs, y: ys, size: style.size, marker: marker, alpha: style.alpha, edgeWidth: style.lineWidth, label: s.label)
                } else {
                    ax.scatter(x: xs, y: ys, colors: cs.count == xs.count ? cs : [cs[0]], size: style.size, marker: marker,
                               alpha: style.alpha, edgeWidth: style.lineWidth, label: s.label)
                }
            case let .mapped(values, c):
                ax.scatter(x: xs, y: ys, values: values, colormap: Colormap.named(c.colormap), vmin: c.vmin, vmax: c.vmax,
                           size: style.size, marker: marker, alpha: style.alpha, edgeWidth: style.lineWidth, label: s.label)
            }
        }
        return style.label != nil
    }
}

extension LayerKind {
    /// `mark: scatter` (from the points).
    public static let scatter = LayerKind(
        mark: "scatter", sources: ["points"], summary: "one marker per point",
        defaultSource: { _ in "points" },
        decode: { m, _, style, _ in
            var layer = ScatterLayer(location: m.location)
            layer.style = style
            return layer
        })
}
