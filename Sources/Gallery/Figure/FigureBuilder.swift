import Clustering
import FigureConfig
import Foundation
import Plotting

/// Builds a Plotting `Figure` from a spec and its computed data: the figure's settings, then each
/// panel's axes, annotations and legend, with the layers drawing themselves.
public enum FigureBuilder {
    /// The figure for `spec` drawn from `data`, at the spec's output dpi (else the figure dpi).
    public static func figure(for spec: FigureSpec, data: FigureData) throws -> Figure {
        try checkPlottable(data, spec: spec)
        let f = spec.figure
        let fig = Figure(width: f.width, height: f.height, dpi: spec.output.dpi ?? f.dpi, style: f.style)
        fig.layout = f.layout
        fig.suptitle = TemplateText.fill(f.suptitle, data.results, dataset: data.dataset)
        fig.pngOptions = PNGCodec.Options(compressionLevel: spec.output.pngCompression)
        fig.backgroundColor = f.background.map { $0.color(in: f.style) } ?? .clear
        let grid = fig.subplots(rows: max(1, f.rows), columns: max(1, f.columns))
        for panel in spec.panels {
            let source = panel.cell.flatMap { data.cells.indices.contains($0) ? data.cells[$0] : nil } ?? data
            let context = PanelContext(spec: panel, dataset: source.dataset, results: source.results, style: f.style, clusterNames: spec.clusterNames)
            try draw(panel, on: grid[panel.row][panel.column], context)
        }
        if f.hideEmpty {
            let used = Set(spec.panels.map { $0.row * max(1, f.columns) + $0.column })
            for (i, ax) in fig.axes.enumerated() where !used.contains(i) { ax.isVisible = false }
        }
        shareIterationLimits([fig], spec: spec)
        return fig
    }

    /// The iteration facets of `figures` (one figure holding every facet, or one figure per
    /// iteration) share their axis limits as `figure.share_limits` says (default both axes).
    public static func shareIterationLimits(_ figures: [Figure], spec: FigureSpec) {
        let share = spec.figure.shareLimits
        guard share.x || share.y else { return }
        var group: [Axes] = []
        for fig in figures {
            let columns = max(1, fig.columns)
            for panel in spec.panels where panel.iteration != nil {
                let i = panel.row * columns + panel.column
                if i < fig.axes.count { group.append(fig.axes[i]) }
            }
        }
        Axes.shareLimits(group, x: share.x, y: share.y)
    }

    /// Every value must be finite and within ±1e100 (tick arithmetic needs headroom below Double.max).
    static func checkPlottable(_ data: FigureData, spec: FigureSpec) throws {
        let m = data.points
        let limit = ConfigLimits.maxCoordinate
        for r in 0..<m.rows {
            for c in 0..<m.columns where !(abs(m[r, c]) <= limit) {
                let name = c < data.columns.count ? data.columns[c] : "\(c)"
                throw GalleryError("row \(r + 1), column '\(name)': \(m[r, c]) is too large to plot (limit ±1e100)",
                                   at: spec.data.source.location, keyPath: "data")
            }
        }
    }

    static func draw(_ panel: PanelSpec, on ax: Axes, _ context: PanelContext) throws {
        ax.title = TemplateText.fill(panel.title, context.results, in: context.fieldContext, dataset: context.dataset)
        ax.xLabel = TemplateText.fill(panel.xLabel, context.results, in: context.fieldContext, dataset: context.dataset)
        ax.yLabel = TemplateText.fill(panel.yLabel, context.results, in: context.fieldContext, dataset: context.dataset)
        ax.xLimits = panel.xLimits
        ax.yLimits = panel.yLimits
        ax.xScale = panel.xScale
        ax.yScale = panel.yScale
        if panel.hidesTicks { ax.xTicks = []; ax.yTicks = [] }
        if let cb = panel.colorbar {
            let value = panel.layers.lazy.compactMap(\.continuousColor).last
            ax.colorbar(label: cb.label ?? value.map { $0.label(context.dataset) })
        }
        for a in panel.annotations {
            var text = a.text, x = 0.0, y = 0.0
            switch a.target {
            case let .point(px, py): (x, y) = (px, py)
            case let .named(name):
                guard let point = context.results.entries.lazy.compactMap({ $0.result.namedPoint(name) }).first else { continue }
                (x, y) = (point.x, point.y)
                text = text.replacingOccurrences(of: "{\(name)}", with: point.text)
            }
            let moved = a.offset[0] != 0 || a.offset[1] != 0
            ax.annotate(text, x: x, y: y, offset: (a.offset[0], a.offset[1]), arrow: a.arrow ?? moved,
                        color: a.color.map(context.color), fontSize: a.fontSize)
        }
        let fs = panel.fontSizes
        if !fs.isEmpty { ax.setFontSizes(title: fs.title, label: fs.labels, tickLabel: fs.ticks, legend: fs.legend) }
        var labelled = false
        for layer in panel.layers { labelled = try layer.draw(on: ax, in: context) || labelled }
        if panel.note != nil, let labels = context.results.entries.first?.result.values(of: "cluster", in: context.fieldContext)?.categories,
           let x = panel.xLimits, let y = panel.yLimits {
            let n = Set(labels.filter { $0 >= 0 }).count
            // Bottom right inside the axes, as scikit-learn's `text(0.99, 0.01, …, ha="right")`.
            ax.text("\(n) cluster\(n == 1 ? "" : "s")", x: x.upperBound - 0.01 * (x.upperBound - x.lowerBound),
                    y: y.lowerBound + 0.01 * (y.upperBound - y.lowerBound), fontSize: (fs.labels ?? 10) * 1.0,
                    horizontal: .right, vertical: .baseline)
        }
        if panel.legend.show ?? labelled { ax.legend(location: panel.legend.location, fontSize: fs.legend) }
    }
}
