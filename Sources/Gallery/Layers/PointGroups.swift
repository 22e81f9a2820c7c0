import Clustering
import FigureConfig
import Plotting

/// The points a layer of the points draws, after its `where` filters, split into series by its
/// `split` field and coloured by its `color` — the one place the shared styling is applied.
struct PointGroups {
    /// One series: its rows, its colours (one per row, one for all, or none for the cycle colour)
    /// and its legend label.
    struct Series {
        var rows: [Int]
        var colors: Colors
        var label: String?
    }

    /// How a series is coloured.
    enum Colors {
        /// The next colour of the axes' cycle.
        case cycle
        /// One colour for all.
        case one(Color)
        /// One per row.
        case perRow([Color])
        /// Numbers through a colormap.
        case mapped([Double], ContinuousColor)
    }

    /// The series to draw, nil when a field the layer needs is not available (nothing is drawn).
    static func series(_ style: LayerStyle, _ panel: PanelContext) -> [Series]? {
        var rows = Array(0..<panel.dataset.points.rows)
        for f in style.filters {
            guard let v = panel.values(f.field)?.categories else { return nil }
            var wanted = f.value
            if let text = f.text {
                guard let names = panel.categoryNames(f.field), let i = Dataset.categoryIndex(of: text, in: names) else { return nil }
                wanted = i
            }
            rows = rows.filter { v[$0] == wanted }
        }
        if case let .continuous(c) = style.color {
            let all = c.values(panel)
            guard all.count == panel.dataset.points.rows else { return nil }
            return [Series(rows: rows, colors: .mapped(rows.map { all[$0] }, c), label: style.label)]
        }
        let fixed = style.color.fixedColor.map(panel.color)
        if let split = style.split, let values = panel.values(split), let v = values.categories {
            let n = values.categoryCount
            let names = panel.categoryNames(split)
            // Points in no category (DBSCAN's noise, −1) are one more series, black, after the others.
            let noise = rows.filter { v[$0] < 0 }
            let noiseName = split.owner == FieldRef.dataOwner && split.name != DataFields.blob.name
                ? "(missing)" : (panel.clusterNames[split.owner]?[-1] ?? "Noise")
            let noiseSeries = noise.isEmpty ? [] : [Series(rows: noise, colors: .one(fixed ?? noiseColor),
                                                           label: style.label.map { _ in noiseName })]
            return (0..<n).map { cat in
                let sub = rows.filter { v[$0] == cat }
                var c = fixed
                if c == nil, case let .field(field, palette) = style.color {
                    if field == split {
                        c = panel.color(palette.color(for: cat, lowest: 0, highest: max(0, n - 1)))
                    } else if let other = panel.values(field), let fv = other.categories {
                        c = sub.first.map { panel.color(palette.color(for: fv[$0], lowest: 0, highest: max(0, other.categoryCount - 1))) }
                    }
                }
                return Series(rows: sub, colors: .one(c ?? panel.color(.cycle(cat))), label: style.label(for: cat, named: names?[cat]))
            } + noiseSeries
        }
        if case let .field(field, palette) = style.color, let v = panel.values(field)?.categories {
            let present = rows.map { v[$0] }
            // The palette spans the categories present in the whole data (so a `where` filter
            // keeps every category's colour); points in none (noise, −1) are black.
            let categories = v.filter { $0 >= 0 }
            let lo = categories.min() ?? 0, hi = categories.max() ?? 0
            let colours = present.map { $0 < 0 ? noiseColor : panel.color(palette.color(for: $0, lowest: lo, highest: hi)) }
            return [Series(rows: rows, colors: .perRow(colours), label: style.label)]
        }
        if case .automatic = style.color { return [Series(rows: rows, colors: .cycle, label: style.label)] }
        return [Series(rows: rows, colors: fixed.map(Colors.one) ?? .cycle, label: style.label)]
    }

    /// Points in no category (DBSCAN's noise) are drawn black, as scikit-learn's examples draw them.
    static let noiseColor = Color(red: 0, green: 0, blue: 0)

    /// The x and y values of `rows` in the layer's columns (clustered columns as clustered, components,
    /// other numeric columns).
    static func coordinates(_ rows: [Int], _ style: LayerStyle, _ dataset: Dataset) -> (x: [Double], y: [Double]) {
        if case let .clustered(xi)? = dataset.place(style.x), case let .clustered(yi)? = dataset.place(style.y) {
            let p = dataset.points
            return (rows.map { p[$0, xi] }, rows.map { p[$0, yi] })
        }
        let xs = dataset.numbers(style.x) ?? [], ys = dataset.numbers(style.y) ?? []
        guard xs.count == dataset.points.rows, ys.count == dataset.points.rows else { return ([], []) }
        return (rows.map { xs[$0] }, rows.map { ys[$0] })
    }
}
