import Clustering
import FigureConfig
import Foundation
import Plotting

/// Builds a Plotting `Figure` from a spec and its computed data.
public enum FigureBuilder {
    /// The figure for `spec` drawn from `data`, at `dpi` (default: the spec's output dpi, else figure dpi).
    public static func figure(for spec: FigureSpec, data: FigureData) throws -> Figure {
        try checkPlottable(data, spec: spec)
        let f = spec.figure
        let style = Style.named(f.style) ?? .whitegrid
        let fig = Figure(width: f.width, height: f.height, dpi: spec.output.dpi ?? f.dpi, style: style)
        fig.layout = f.layout == .tight ? .tight() : .fixed(.matplotlib)
        fig.suptitle = f.suptitle
        fig.pngOptions = PNGCodec.Options(compressionLevel: spec.output.pngCompression)
        fig.backgroundColor = f.background.map { color($0, style) } ?? .clear
        let grid = fig.subplots(rows: max(1, f.rows), columns: max(1, f.columns))
        for panel in spec.panels {
            try draw(panel, on: grid[panel.row][panel.column], spec: spec, data: data, style: style)
        }
        return fig
    }

    /// The largest coordinate magnitude drawn (tick arithmetic needs headroom below Double.max).
    public static let maxCoordinate = 1e100

    static func checkPlottable(_ data: FigureData, spec: FigureSpec) throws {
        let m = data.points
        for r in 0..<m.rows {
            for c in 0..<m.columns where !(abs(m[r, c]) <= maxCoordinate) {
                let name = c < data.columns.count ? data.columns[c] : "\(c)"
                throw GalleryError("row \(r + 1), column '\(name)': \(m[r, c]) is too large to plot (limit ±1e100)",
                                   at: spec.data.location, keyPath: "data")
            }
        }
    }

    static func color(_ c: ColorValue, _ style: Style) -> Color {
        switch c {
        case let .rgba(r, g, b, a): return Color(red: r, green: g, blue: b, alpha: a)
        case let .cycle(n): return style.colorCycle.isEmpty ? .black : style.colorCycle[n % style.colorCycle.count]
        }
    }

    static func draw(_ panel: PanelSpec, on ax: Axes, spec: FigureSpec, data: FigureData, style: Style) throws {
        ax.title = panel.title
        ax.xLabel = panel.xLabel
        ax.yLabel = panel.yLabel
        if let l = panel.xLimits { ax.xLimits = l[0]...l[1] }
        if let l = panel.yLimits { ax.yLimits = l[0]...l[1] }
        ax.xScale = AxisScale(rawValue: panel.xScale) ?? .linear
        ax.yScale = AxisScale(rawValue: panel.yScale) ?? .linear
        if let cb = panel.colorbar {
            let value = panel.layers.lazy.compactMap { l -> ContinuousValue? in
                if case let .continuous(v, _, _, _) = l.color { return v } else { return nil }
            }.last
            ax.colorbar(label: cb.label ?? value.map { continuousLabel($0, data) })
        }
        for a in panel.annotations {
            var text = a.text, x = 0.0, y = 0.0
            switch a.target {
            case let .point(px, py): (x, y) = (px, py)
            case .knee:
                guard let el = data.elbow, let knee = el.knee, let i = el.ks.firstIndex(of: knee) else { continue }
                (x, y) = (Double(knee), el.inertias[i])
                text = text.replacingOccurrences(of: "{knee}", with: String(knee))
            }
            let moved = a.offset[0] != 0 || a.offset[1] != 0
            ax.annotate(text, x: x, y: y, offset: (a.offset[0], a.offset[1]), arrow: a.arrow ?? moved,
                        color: a.color.map { color($0, style) }, fontSize: a.fontSize)
        }
        let fs = panel.fontSizes
        if fs.title != nil || fs.labels != nil || fs.ticks != nil || fs.legend != nil {
            ax.setFontSizes(title: fs.title, label: fs.labels, tickLabel: fs.ticks, legend: fs.legend)
        }
        var labelled = false
        for layer in panel.layers {
            labelled = try draw(layer, on: ax, panel: panel, data: data, style: style) || labelled
        }
        if panel.legend.show ?? labelled {
            ax.legend(location: LegendLocation(matplotlibName: panel.legend.location) ?? .best, fontSize: fs.legend)
        }
    }

    /// Per-point values of a field for this panel (the trace's assignments in an iteration facet).
    static func values(_ field: PointField, panel: PanelSpec, data: FigureData) -> [Int]? {
        switch field {
        case .cluster:
            if let it = panel.iteration, let tr = data.trace { return tr.trace.iterations[it].assignments }
            return data.kmeans?.labels
        case .blob: return data.blobLabels
        case .outlier: return data.threshold?.outliers.map { $0 ? 1 : 0 }
        }
    }

    /// Number of categories of a field (for split series and colours).
    static func categoryCount(_ field: PointField, panel: PanelSpec, data: FigureData) -> Int {
        switch field {
        case .cluster:
            if panel.iteration != nil, let tr = data.trace { return tr.initialCenters.rows }
            return data.kmeans?.centers.rows ?? 0
        case .blob: return (data.blobLabels?.max() ?? -1) + 1
        case .outlier: return 2
        }
    }

    /// The numbers a continuous colour maps, one per point (empty when the analysis is missing).
    static func continuousValues(_ value: ContinuousValue, _ data: FigureData) -> [Double] {
        switch value {
        case .distance:
            if let t = data.threshold { return t.distances }
            guard let fit = data.kmeans else { return [] }
            return FigureData.centreDistances(points: data.points, fit: fit)
        case let .column(ref):
            let c = column(ref, data)
            return (0..<data.points.rows).map { data.points[$0, c] }
        }
    }

    /// The default colorbar label for a continuous colour.
    static func continuousLabel(_ value: ContinuousValue, _ data: FigureData) -> String {
        switch value {
        case .distance: return "Distance to centre"
        case let .column(ref):
            let c = column(ref, data)
            return data.columns.indices.contains(c) ? data.columns[c] : "\(ref)"
        }
    }

    static func column(_ ref: ColumnRef, _ data: FigureData) -> Int {
        switch ref {
        case let .index(i): return i
        case let .name(n): return data.columns.firstIndex(of: n) ?? 0
        }
    }

    static func label(_ template: String?, field: PointField?, value: Int) -> String? {
        guard let template, let field else { return template }
        return template.replacingOccurrences(of: "{\(field.rawValue)}", with: String(value + 1))
    }

    static func marker(_ name: String) -> Marker? { name == "none" ? nil : Marker(symbol: name) }

    /// Draws one layer; returns whether it added a legend entry.
    static func draw(_ layer: LayerSpec, on ax: Axes, panel: PanelSpec, data: FigureData, style: Style) throws -> Bool {
        switch (layer.mark, layer.source) {
        case (.line, .elbow):
            guard let el = data.elbow else { return false }
            let c: Color? = { if case let .fixed(v) = layer.color { return color(v, style) } else { return nil } }()
            ax.plot(x: el.ks.map(Double.init), y: el.inertias, color: c, lineWidth: layer.lineWidth, lineStyle: .solid,
                    marker: marker(layer.marker), markerSize: layer.size.map { $0 }, alpha: layer.alpha, label: layer.label)
            var labelled = layer.label != nil
            if layer.markKnee, let knee = el.knee, let i = el.ks.firstIndex(of: knee),
               let lo = el.inertias.min(), let hi = el.inertias.max() {
                ax.plot(x: [Double(knee), Double(knee)], y: [lo, hi], color: Color(red: 0.5, green: 0.5, blue: 0.5),
                        lineWidth: 1, lineStyle: .dashed, label: "knee: k = \(knee)")
                ax.scatter(x: [Double(knee)], y: [el.inertias[i]], color: Color(red: 0.77, green: 0.31, blue: 0.32),
                           size: 120, marker: .circle, alpha: 0.9)
                labelled = true
            }
            return labelled
        case (.centers, _):
            let centres: DataMatrix?
            if layer.source == .lloydTrace, let it = panel.iteration { centres = data.trace?.trace.iterations[it].centers }
            else { centres = data.kmeans?.centers }
            guard let centres else { return false }
            let xi = column(layer.x, data), yi = column(layer.y, data)
            var idx = Array(0..<centres.rows).filter { centres[$0, xi].isFinite && centres[$0, yi].isFinite }
            for f in layer.filters where f.field == .cluster { idx = idx.filter { $0 == f.value } }
            var colours: [Color]
            switch layer.color {
            case .automatic, .continuous: colours = [.black]   // continuous colours are for point layers
            case let .fixed(v): colours = [color(v, style)]
            case let .field(_, palette):
                colours = idx.map { color(palette.color(for: $0, lowest: 0, highest: max(0, centres.rows - 1)), style) }
            }
            if idx.isEmpty { return false }
            if colours.count == 1 && idx.count != 1 { colours = Array(repeating: colours[0], count: idx.count) }
            ax.scatter(x: idx.map { centres[$0, xi] }, y: idx.map { centres[$0, yi] }, colors: colours,
                       size: layer.size ?? 50, marker: marker(layer.marker) ?? .x, alpha: layer.alpha,
                       edgeWidth: layer.lineWidth, label: layer.label)
            return layer.label != nil
        default:
            break
        }
        // Points: scatter or line through the rows.
        let xi = column(layer.x, data), yi = column(layer.y, data)
        var rows = Array(0..<data.points.rows)
        for f in layer.filters {
            guard let v = values(f.field, panel: panel, data: data) else { return false }
            rows = rows.filter { v[$0] == f.value }
        }
        func emit(_ rows: [Int], colours: [Color]?, fixed: Color?, label: String?) {
            let xs = rows.map { data.points[$0, xi] }, ys = rows.map { data.points[$0, yi] }
            if layer.mark == .line {
                ax.plot(x: xs, y: ys, color: fixed ?? colours?.first, lineWidth: layer.lineWidth, lineStyle: .solid,
                        marker: marker(layer.marker), markerSize: layer.size, alpha: layer.alpha, label: label)
            } else if let fixed {
                ax.scatter(x: xs, y: ys, color: fixed, size: layer.size, marker: marker(layer.marker) ?? .circle,
                           alpha: layer.alpha, edgeWidth: layer.lineWidth, label: label)
            } else if let colours, !colours.isEmpty {
                ax.scatter(x: xs, y: ys, colors: colours.count == rows.count ? colours : [colours[0]], size: layer.size,
                           marker: marker(layer.marker) ?? .circle, alpha: layer.alpha, edgeWidth: layer.lineWidth, label: label)
            } else {
                // Cycle colour (matplotlib's default for a scatter without c/color).
                ax.scatter(x: xs, y: ys, size: layer.size, marker: marker(layer.marker) ?? .circle,
                           alpha: layer.alpha, edgeWidth: layer.lineWidth, label: label)
            }
        }
        if case let .continuous(value, cmap, vmin, vmax) = layer.color {
            let all = continuousValues(value, data)
            guard all.count == data.points.rows else { return false }
            ax.scatter(x: rows.map { data.points[$0, xi] }, y: rows.map { data.points[$0, yi] }, values: rows.map { all[$0] },
                       colormap: Colormap.named(cmap), vmin: vmin, vmax: vmax, size: layer.size,
                       marker: marker(layer.marker) ?? .circle, alpha: layer.alpha, edgeWidth: layer.lineWidth, label: layer.label)
            return layer.label != nil
        }
        let fixed: Color? = { if case let .fixed(v) = layer.color { return color(v, style) } else { return nil } }()
        if let split = layer.split, let v = values(split, panel: panel, data: data) {
            let n = categoryCount(split, panel: panel, data: data)
            for cat in 0..<n {
                let sub = rows.filter { v[$0] == cat }
                var c = fixed
                if c == nil, case let .field(field, palette) = layer.color {
                    let fv = values(field, panel: panel, data: data)
                    if field == split { c = color(palette.color(for: cat, lowest: 0, highest: max(0, n - 1)), style) }
                    else if let fv { c = sub.first.map { color(palette.color(for: fv[$0], lowest: 0, highest: max(0, categoryCount(field, panel: panel, data: data) - 1)), style) } }
                }
                emit(sub, colours: nil, fixed: c ?? color(.cycle(cat), style), label: label(layer.label, field: split, value: cat))
            }
            return layer.label != nil
        }
        if case let .field(field, palette) = layer.color, let v = values(field, panel: panel, data: data) {
            let present = rows.map { v[$0] }
            let lo = present.min() ?? 0, hi = present.max() ?? 0
            let colours = present.map { color(palette.color(for: $0, lowest: lo, highest: hi), style) }
            emit(rows, colours: colours, fixed: nil, label: layer.label)
        } else if case .automatic = layer.color {
            emit(rows, colours: nil, fixed: nil, label: layer.label)   // next colour of the axes' cycle
        } else {
            emit(rows, colours: nil, fixed: fixed, label: layer.label)
        }
        return layer.label != nil
    }
}
