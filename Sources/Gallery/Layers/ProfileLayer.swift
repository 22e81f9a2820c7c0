import Clustering
import Foundation
import FigureConfig
import Plotting

/// `mark: profile` from `profiles` — the cluster profiles as a heat-mapped table: one row per cluster
/// (its name and size on the left), one column per numeric column, each cell the statistic in the
/// original units, coloured by where it lies between that column's smallest and largest cluster
/// value (seaborn's `heatmap(df.groupby(labels).mean(), annot=True)` with each column min–max
/// normalised, as cluster-profile charts are read: which cluster is high or low on what).
public struct ProfileLayer: Layer {
    /// The colormap of the cells (default `coolwarm`).
    public var colormap = "coolwarm"
    /// Decimals of the cell texts (default: 3 significant digits).
    public var decimals: Int?
    /// Cell text size (pt; default the tick label size).
    public var fontSize: Double?
    /// Where the layer was written.
    public var location: SourceLocation

    /// The table: cells as rectangles with texts, fixed ticks, the first cluster on top.
    public func draw(on ax: Axes, in panel: PanelContext) throws -> Bool {
        guard let p = panel.results["profiles"] as? ClusterProfiles, let cmap = Colormap.named(colormap) else { return false }
        let columns = p.numbers, rows = p.clusters.count
        guard !columns.isEmpty, rows > 0 else { return false }
        for (j, column) in columns.enumerated() {
            let finite = column.values.filter(\.isFinite)
            let lo = finite.min() ?? 0, hi = finite.max() ?? 0
            for i in 0..<rows {
                let v = column.values[i]
                let t = hi > lo ? (v - lo) / (hi - lo) : 0.5
                let face = v.isFinite ? cmap(t) : Color(red: 0.9, green: 0.9, blue: 0.9)
                let (x, y) = (Double(j), Double(i))
                ax.polygon([(x - 0.5, y - 0.5), (x + 0.5, y - 0.5), (x + 0.5, y + 0.5), (x - 0.5, y + 0.5)],
                           color: face, edgeColor: .white, lineWidth: 1)
                let light = 0.299 * face.red + 0.587 * face.green + 0.114 * face.blue > 0.55
                ax.text(v.isFinite ? format(v) : "–", x: x, y: y, color: light ? .black : .white, fontSize: fontSize,
                        horizontal: .center, vertical: .center)
            }
        }
        ax.xLimits = ax.xLimits ?? (-0.5)...(Double(columns.count) - 0.5)
        ax.yLimits = ax.yLimits ?? (-0.5)...(Double(rows) - 0.5)
        ax.xAxis = TickSettings(locator: FixedLocator(columns.indices.map(Double.init)), formatter: FixedFormatter(columns.map(\.column)))
        ax.xAxis.labelRotation = columns.count * (columns.map(\.column.count).max() ?? 0) > 40 ? 30 : 0
        ax.xAxis.showsGrid = false
        ax.yAxis = TickSettings(locator: FixedLocator((0..<rows).map(Double.init)),
                                formatter: FixedFormatter((0..<rows).map { "\(p.names[$0]) (n = \(p.sizes[$0]))" }))
        ax.yAxis.isInverted = true
        ax.yAxis.showsGrid = false
        return false
    }

    /// 3 significant digits (or the given decimals), without a trailing `.0` for whole numbers.
    func format(_ v: Double) -> String {
        if let decimals { return String(format: "%.\(decimals)f", v) }
        if v == v.rounded() && abs(v) < 1e6 { return String(Int(v)) }
        let magnitude = v == 0 ? 0 : Int(floor(log10(abs(v))))
        return String(format: "%.\(max(0, 2 - magnitude))f", v)
    }
}

extension LayerKind {
    /// `mark: profile` (from `profiles`).
    public static let profile = LayerKind(
        mark: "profile", sources: ["profiles"], summary: "the cluster profiles as a heat-mapped table",
        styleKeys: [],
        keys: [
            ConfigKey("cmap", .text, "colormap of the cells (default coolwarm)"),
            ConfigKey("decimals", .integer(0...12), "decimals of the cell texts (default: 3 significant digits)"),
            ConfigKey("fontsize", .number(above: 0, max: 200), "cell text size (pt)"),
        ],
        defaultSource: { _ in "profiles" },
        decode: { m, _, _, _ in
            var layer = ProfileLayer(location: m.location)
            if let c = m["cmap"], let name = c.choice(Palette.colormapNames + Palette.colormapNames.map { $0 + "_r" }) { layer.colormap = name }
            if let v = m.int("decimals", min: 0, max: 12) { layer.decimals = v }
            if let v = m.double("fontsize", above: 0, max: 200) { layer.fontSize = v }
            return layer
        })
}
