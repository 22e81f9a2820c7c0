import Clustering
import FigureConfig
import Plotting

/// `mark: silhouette` — scikit-learn's silhouette-analysis plot (`plot_kmeans_silhouette_analysis`):
/// each cluster's silhouette values sorted and filled as a horizontal band (`fill_betweenx`, alpha
/// 0.7) with `gap` empty rows between clusters, cluster 0 at the bottom; the cluster numbers as y
/// tick labels at the bands' mid-heights; a red dashed line at the mean score with a legend entry;
/// x from −0.1 (or lower, to show the smallest value) to 1, y from 0 to n + (clusters + 1) · gap.
/// DBSCAN's noise, when it is scored as a cluster, is a black band on top labelled "noise".
public struct SilhouetteLayer: Layer {
    /// Band colours: a colormap placed by ``Palette/Normalization`` (default scikit-learn's
    /// `nipy_spectral(i / clusters)`), or explicit colours.
    public var palette = SilhouetteLayer.defaultPalette
    /// Band opacity (default 0.7).
    public var alpha = 0.7
    /// Empty rows between bands and below the first (scikit-learn: 10).
    public var gap = 10
    /// Draw the mean line.
    public var meanLine = true
    /// The mean line's legend label (`{score}` is the mean with 3 decimals); nil: none.
    public var meanLabel: String? = "Average silhouette: {score}"
    /// Where the layer was written.
    public var location: SourceLocation

    /// scikit-learn's band colours.
    public static let defaultPalette: Palette = {
        var p = Palette(colormap: "nipy_spectral")!
        p.normalization = .count
        return p
    }()

    /// A silhouette plot layer.
    public init(location: SourceLocation) { self.location = location }

    /// The bands, the mean line, the axis limits and the cluster tick labels.
    public func draw(on ax: Axes, in panel: PanelContext) throws -> Bool {
        guard let result = panel.results["silhouette"] as? SilhouetteResult else { return false }
        let run = result.run(panel.fieldContext)
        let s = run.silhouette
        // Each scored row's label, in the order of the samples.
        let labels = s.rows.map { run.fit.labels[$0] }
        let clusters = Set(labels.filter { $0 >= 0 }).sorted()
        let hasNoise = labels.contains { $0 < 0 }
        let lowest = clusters.first ?? 0, highest = clusters.last ?? 0
        var yLower = Double(gap)
        var ticks: [Double] = [], names: [String] = []
        for c in clusters + (hasNoise ? [-1] : []) {
            let values = zip(labels, s.samples).filter { $0.0 == c }.map(\.1).sorted()
            guard !values.isEmpty else { continue }
            let ys = values.indices.map { yLower + Double($0) }
            let colour = c < 0 ? PointGroups.noiseColor : panel.color(palette.color(for: c, lowest: lowest, highest: highest))
            ax.fillBetweenX(y: ys, x1: values, x2: [0], color: colour, edgeColor: colour, alpha: alpha)
            ticks.append(yLower + 0.5 * Double(values.count))
            names.append(c < 0 ? "noise" : String(c))
            yLower += Double(values.count + gap)
        }
        var labelled = false
        if meanLine {
            let label = meanLabel.map { $0.replacingOccurrences(of: "{score}", with: String(format: "%.3f", s.score)) }
            ax.axvline(x: s.score, color: Color(red: 1, green: 0, blue: 0), lineStyle: .dashed, label: label)
            labelled = label != nil
        }
        let low = min(-0.1, ((s.samples.min() ?? 0) * 10).rounded(.down) / 10)
        if ax.xLimits == nil { ax.xLimits = low...1 }
        if ax.yLimits == nil { ax.yLimits = 0...(Double(s.samples.count + (ticks.count + 1) * gap)) }
        if ax.xAxis.locator == nil, low == -0.1 { ax.xAxis.locator = FixedLocator([-0.1, 0, 0.2, 0.4, 0.6, 0.8, 1]) }
        if ax.yAxis.locator == nil {
            ax.yAxis.setCategories(names, at: ticks)
            ax.yAxis.showsGrid = false
        }
        return labelled
    }
}

extension LayerKind {
    /// `mark: silhouette`, from `silhouette`.
    public static let silhouette = LayerKind(
        mark: "silhouette", sources: ["silhouette"], summary: "sorted silhouette values per cluster as bands, with the mean",
        styleKeys: ["alpha", "label"],
        keys: [
            ConfigKey("cmap", .text, "band colormap (default nipy_spectral, as scikit-learn's example)"),
            ConfigKey("colors", .list(.text, count: nil), "explicit band colours, one per cluster"),
            ConfigKey("normalize", .choice(Palette.Normalization.self), "clusters on the colormap: count (i/n, default) or range (i/(n−1))"),
            ConfigKey("gap", .integer(0...10_000), "empty rows between bands (default 10)"),
            ConfigKey("mean_line", .boolean, "the red dashed line at the mean score (default true)"),
        ],
        defaultSource: { _ in "silhouette" },
        decode: { m, _, style, ctx in
            var layer = SilhouetteLayer(location: m.location)
            if let a = style.alpha { layer.alpha = a }
            if m.has("label") { layer.meanLabel = style.label.flatMap { $0.isEmpty ? nil : $0 } }
            if let c = m["colors"], m.has("cmap") { c.fail("give 'cmap' or 'colors', not both") }
            else if let c = m["cmap"], let name = c.choice(Palette.colormapNames) {
                layer.palette = Palette(colormap: name)!
                layer.palette.normalization = .count
            } else if let list = m["colors"], let items = list.items(what: "a list of colours") {
                let cs = items.compactMap(ColorEncoding.parseColor)
                if items.isEmpty { list.fail("needs at least one colour") } else if cs.count == items.count { layer.palette = Palette(colors: cs) }
            }
            if let n = m.choice("normalize", Palette.Normalization.self) { layer.palette.normalization = n }
            if let g = m.int("gap", min: 0, max: 10_000) { layer.gap = g }
            if let v = m.bool("mean_line") { layer.meanLine = v }
            return layer
        })
}
