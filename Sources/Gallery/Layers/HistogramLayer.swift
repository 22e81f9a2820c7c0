import FigureConfig
import Foundation
import Plotting

/// `mark: hist` — a histogram of one column (matplotlib's `hist`: numpy's bins and counts), one per
/// group of a `split` field, overlaid on common bin edges with alpha (seaborn's `histplot(hue=…,
/// common_bins=True)`); the diagonal of a pair plot.
public struct HistogramLayer: Layer {
    /// Colour, where, split, alpha, label and the column (`x`).
    public var style = LayerStyle()
    /// `bins`: a count, or nil for numpy's `auto` rule.
    public var bins: Int?
    /// Where the layer was written.
    public var location: SourceLocation

    /// One bar series per group, on the bin edges of all the values drawn.
    public func draw(on ax: Axes, in panel: PanelContext) throws -> Bool {
        guard let series = PointGroups.series(style, panel), let column = panel.dataset.numbers(style.x) else { return false }
        let all = series.flatMap(\.rows).map { column[$0] }.filter(\.isFinite)
        guard let edges = Histogram.compute(all, bins: .count(bins ?? HistogramLayer.autoBins(all)))?.edges else { return false }
        for s in series {
            var colour: Color?
            switch s.colors {
            case let .one(c): colour = c
            case let .perRow(cs): colour = cs.first
            default: break
            }
            ax.hist(s.rows.map { column[$0] }, bins: .edges(edges), color: colour, alpha: style.alpha ?? (series.count > 1 ? 0.5 : nil),
                    label: s.label)
        }
        return style.label != nil
    }

    /// numpy's `histogram_bin_edges(bins="auto")` count: the smaller of the Freedman–Diaconis and
    /// Sturges widths (Sturges when the IQR is 0), `ceil(range / width)` bins.
    static func autoBins(_ values: [Double]) -> Int {
        let s = values.sorted()
        guard let lo = s.first, let hi = s.last, hi > lo else { return 1 }
        let n = Double(s.count)
        func percentile(_ q: Double) -> Double {
            let i = q * (n - 1), f = Int(i.rounded(.down)), c = min(f + 1, s.count - 1)
            return s[f] + (s[c] - s[f]) * (i - Double(f))
        }
        let sturges = (hi - lo) / (log2(n) + 1)
        let fd = 2 * (percentile(0.75) - percentile(0.25)) * pow(n, -1.0 / 3)
        let width = fd > 0 ? min(fd, sturges) : sturges
        return max(1, Int(((hi - lo) / width).rounded(.up)))
    }
}

extension LayerKind {
    /// `mark: hist` (from the points).
    public static let hist = LayerKind(
        mark: "hist", sources: ["points"], summary: "a histogram of one column, one per group",
        styleKeys: ["x", "color", "where", "split", "alpha", "label"],
        keys: [ConfigKey("bins", .anyOf([.integer(1...1000), .choice(["auto"])]), "number of bins, or auto (numpy's rule; the default)")],
        defaultSource: { _ in "points" },
        decode: { m, _, style, _ in
            var layer = HistogramLayer(location: m.location)
            layer.style = style
            if let b = m["bins"], b.scalar != "auto" { layer.bins = b.int(min: 1, max: 1000) }
            return layer
        })
}
