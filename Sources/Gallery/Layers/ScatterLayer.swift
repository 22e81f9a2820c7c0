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
        let alphas = style.alphaBy.map { $0.alphas(panel) }
        if let alphas, alphas.count != panel.dataset.points.rows { return false }
        for s in series {
            let (xs, ys) = PointGroups.coordinates(s.rows, style, panel.dataset)
            var color: Color?, colors: [Color]?, values: [Double]?, mapping: ContinuousColor?
            switch s.colors {
            case .cycle: break   // the axes' next cycle colour, like matplotlib's scatter without c/color
            case let .one(c): color = c
            case let .perRow(cs): if !cs.isEmpty { colors = cs.count == xs.count ? cs : [cs[0]] }
            case let .mapped(v, c): values = v; mapping = c
            }
            ax.scatter(x: xs, y: ys, color: color, colors: colors, values: values, colormap: mapping.flatMap { Colormap.named($0.colormap) },
                       vmin: mapping?.vmin, vmax: mapping?.vmax, size: style.size, marker: style.marker.marker ?? .circle,
                       alpha: style.alpha, alphas: alphas.map { a in s.rows.map { a[$0] } },
                       edgeColor: style.edge(panel), edgeWidth: style.lineWidth, label: s.label)
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
