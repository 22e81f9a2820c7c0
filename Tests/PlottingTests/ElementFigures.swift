import Foundation
@testable import Plotting

/// The element figures drawn beside matplotlib's rendering of the same thing (the matplotlib script
/// draws each with the same numbers; `ElementFigureTests` checks limits, ticks and legend places
/// against matplotlib's and writes PNGs to $CLUSTERPLOT_ELEMENT_RENDERS when it is set).
enum ElementFigures {
    /// A deterministic noise in 0…1 (the same doubles as Python's `math` gives).
    static func noise(_ i: Int) -> Double {
        let v = sin(Double(i) * 12.9898) * 43758.5453
        return v - floor(v)
    }

    /// A rough standard normal: six noises summed, minus 3.
    static func gauss(_ i: Int) -> Double {
        var s = 0.0
        for k in 0..<6 { s += noise(6 * i + k) }
        return s - 3.0
    }

    /// A colour of the style (`C0` is its cycle's first).
    static func C(_ style: Style, _ spec: String) -> Color { style.color(spec)! }

    static func linspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] { Histogram.linspace(a, b, count: n) }

    /// seaborn's whitegrid draws patch edges white (`patch.force_edgecolor`); the Style has no patch
    /// keys, so the figures pass it.
    static func patchEdge(_ style: Style) -> Color? { style.tickMarks ? nil : .white }

    static func pair(_ style: Style) -> (Figure, Axes, Axes) {
        let fig = Figure(width: 8, height: 4, dpi: 100, style: style)
        let row = fig.subplots(rows: 1, columns: 2)[0]
        return (fig, row[0], row[1])
    }

    static func bars(_ style: Style) -> Figure {
        let (fig, a, b) = pair(style)
        let edge = patchEdge(style)
        a.bar(x: [0, 1, 2, 3], height: [3, 5, -2, 4], edgeColor: edge, label: "counts")
        a.bar(x: [0.5, 1.5], height: [1, 2], width: 0.3, bottom: 1, colors: [C(style, "C2"), C(style, "C3")],
              edgeColor: "k", edgeWidth: 1.5, alpha: 0.7, label: "overlay")
        a.legend(); a.title = "bar"
        b.barh(y: [0, 1, 2], width: [3, 5, 2], height: 0.5, left: -1, color: "tab:purple", edgeColor: edge, label: "barh")
        b.axvline(x: 0, color: "k", lineWidth: 1)
        b.legend(); b.title = "barh"
        return fig
    }

    static func hist(_ style: Style) -> Figure {
        let (fig, a, b) = pair(style)
        let edge = patchEdge(style)
        let v = (0..<1000).map(gauss)
        a.hist(v, bins: .count(10), edgeColor: edge, label: "gauss")
        a.legend(); a.title = "hist bins=10"
        b.hist(v, bins: .edges([-3, -1, 0, 0.5, 1, 3]), density: true, edgeColor: "k", alpha: 0.6, label: "density")
        b.hist(v, bins: .count(20), range: -1...1, density: true, rwidth: 0.8, edgeColor: edge, label: "range")
        b.legend(); b.title = "edges, density"
        return fig
    }

    static func fills(_ style: Style) -> Figure {
        let (fig, a, b) = pair(style)
        let edge = patchEdge(style)
        let x = linspace(0, 6, 61)
        a.fillBetween(x: x, y1: x.map(sin), y2: x.map { sin($0) * 0.3 - 0.5 }, edgeColor: edge, alpha: 0.5, label: "band")
        a.fillBetween(x: x, y1: x.map { cos($0) + 1.5 }, where: x.map { cos($0) > 0 }, edgeColor: edge, label: "where")
        a.plot(x: x, y: x.map(sin), label: "sin")
        a.legend(); a.title = "fill_between"
        // scikit-learn's silhouette plot.
        var yLower = 10
        for (k, size) in [30, 20, 25].enumerated() {
            let vals = (0..<size).map { 0.15 + 0.6 * noise(100 * k + $0) }.sorted()
            let yUpper = yLower + size
            let c = Colormap.nipySpectral(Double(k) / 3)
            b.fillBetweenX(y: (yLower..<yUpper).map(Double.init), x1: [0], x2: vals, color: c, edgeColor: c, alpha: 0.7)
            b.text("\(k)", x: -0.05, y: Double(yLower) + 0.5 * Double(size))
            yLower = yUpper + 10
        }
        b.axvline(x: 0.45, color: "red", lineStyle: .dashed)
        b.xLimits = -0.1...1; b.yLimits = 0...Double(75 + 4 * 10)
        b.yTicks = []; b.title = "silhouette"
        return fig
    }

    static func lines(_ style: Style) -> Figure {
        let (fig, a, b) = pair(style)
        let segs: [[(x: Double, y: Double)]] = [[(0, 0), (1, 2), (2, 1)], [(3, 1), (4, -1), (5, 0)], [(0.5, -1), (4.5, 2.5)]]
        a.lineCollection(segs, colors: ["C0", "C1", "C2"].map { C(style, $0) }, label: "segments")
        a.axhline(y: 1.5, color: "gray", lineStyle: .dashed, label: "axhline")
        a.axvline(x: 2.5, ymin: 0.1, ymax: 0.6, color: C(style, "C3"), lineWidth: 3)
        a.text("peak", x: 1, y: 2, color: C(style, "C0"), horizontal: .center, vertical: .bottom)
        a.text("valley 30°", x: 4, y: -1, fontSize: 9, rotation: 30)
        a.legend(); a.title = "LineCollection, axhline, text"
        b.scatter(x: [0, 1, 2], y: [0, 1, 0.5])
        b.axhline(y: 2)
        b.text("outside right", x: 2.2, y: 0.5, vertical: .center)
        b.title = "axhline extends y"
        return fig
    }

    static func patches(_ style: Style) -> Figure {
        let (fig, a, b) = pair(style)
        let pts = (0..<40).map { i in (x: cos(Double(i)) * 2 + noise(i), y: sin(2 * Double(i)) + noise(i + 50)) }
        a.scatter(x: pts.map(\.x), y: pts.map(\.y), size: 10)
        a.ellipse(center: (0.5, 0.5), width: 3.0, height: 1.2, angle: 180 + 30, color: C(style, "C1"), alpha: 0.5, label: "covariance")
        a.ellipse(center: (-1, -1), width: 1, height: 0.5, angle: -20, fill: false, edgeColor: C(style, "C3"), lineWidth: 2)
        a.legend(); a.title = "Ellipse"
        let hull: [(x: Double, y: Double)] = [(-1, -1), (2, -0.5), (2.5, 1.5), (0, 2), (-1.5, 0.5)]
        b.polygon(hull, color: C(style, "C2"), alpha: 0.3, label: "hull")
        b.polygon([(3, 0), (4, 0), (4, 1), (3, 1)], fill: false)
        b.legend(); b.title = "Polygon"
        return fig
    }

    static func groups(_ style: Style) -> Figure {
        let (fig, a, b) = pair(style)
        let xs = (0..<90).map { gauss($0) + Double($0 % 3) * 2 }
        let ys = (0..<90).map { gauss($0 + 500) + ($0 % 3 == 1 ? 2 : 0) }
        let g = (0..<90).map { ["b", "c", "a"][$0 % 3] }
        // seaborn's scatterplot: s = 0.8·rcParams lines.markersize² pt² with white edges (linewidth
        // 0.08·markersize).
        let ms = style.markerSize
        a.scatter(x: xs, y: ys, groups: g, size: 0.8 * ms * ms, edgeColor: .white, edgeWidth: 0.08 * ms)
        a.legend(); a.title = "hue (sorted)"
        let lab = (0..<90).map { $0 % 7 == 0 ? -1 : $0 % 3 }
        let uniq = Array(Set(lab)).sorted()
        let cols = linspace(0, 1, uniq.count).map { Colormap.spectral($0) }
        for (k, col) in zip(uniq, cols) {
            let sel = (0..<90).filter { lab[$0] == k }
            b.plot(x: sel.map { xs[$0] }, y: sel.map { ys[$0] }, lineStyle: nil, marker: .circle, markerSize: 8,
                   markerFaceColor: k == -1 ? .black : col, markerEdgeColor: "k")
        }
        b.title = "DBSCAN demo: Spectral"
        return fig
    }

    /// scipy's dendrogram in the four orientations (the links of `dendro.py`: ward linkage of 12 points).
    static func dendrograms(_ style: Style) -> Figure {
        let fig = Figure(width: 9, height: 7, dpi: 100, style: style)
        let grid = fig.subplots(rows: 2, columns: 2)
        for (ax, o) in zip(grid.flatMap { $0 }, DendrogramOrientation.allCases) {
            ax.dendrogram(icoord: DendrogramReference.icoord, dcoord: DendrogramReference.dcoord,
                          colors: DendrogramReference.colors.map { C(style, $0) }, leafLabels: DendrogramReference.labels,
                          orientation: o, aboveThresholdColor: C(style, "C0"))
            ax.title = o.rawValue
        }
        return fig
    }

    /// 30 leaves (scipy's 10 pt labels turned 45°), top and left.
    static func manyLeaves(_ style: Style) -> Figure {
        let fig = Figure(width: 10, height: 4.5, dpi: 100, style: style)
        let row = fig.subplots(rows: 1, columns: 2)[0]
        let d = DendrogramReference.average30
        for (ax, o) in zip(row, [DendrogramOrientation.top, .left]) {
            ax.dendrogram(icoord: d.icoord, dcoord: d.dcoord, colors: d.colors.map { C(style, $0) }, leafLabels: d.labels,
                          orientation: o, aboveThresholdColor: C(style, "C0"))
            ax.title = "\(o.rawValue), 30 leaves"
        }
        return fig
    }

    static var all: [(String, (Style) -> Figure)] { [
        ("bars", bars), ("hist", hist), ("fills", fills), ("lines", lines), ("patches", patches), ("groups", groups),
        ("dendro", dendrograms), ("dendro-many", manyLeaves),
    ] }
}

/// scipy 1.17.1 dendrograms (`dendrogram(Z, no_plot=True)`: `icoord`, `dcoord`, `color_list`, `ivl`)
/// from `Fixtures/reference/elements.json`: `ward12` (12 labelled points, ward), `average30` (30
/// points, average linkage, colour threshold 3).
struct DendrogramReference: Decodable {
    var icoord: [[Double]]
    var dcoord: [[Double]]
    var colors: [String]
    var labels: [String]

    struct File: Decodable { var dendrograms: [String: DendrogramReference] }

    static func named(_ name: String) -> DendrogramReference {
        let data = try! Data(contentsOf: TestFixtures.reference.appendingPathComponent("elements.json"))
        return try! JSONDecoder().decode(File.self, from: data).dendrograms[name]!
    }

    static var ward12: DendrogramReference { named("ward12") }
    static var average30: DendrogramReference { named("average30") }
    // The ward12 case's values, as the tests name them.
    static var icoord: [[Double]] { ward12.icoord }
    static var dcoord: [[Double]] { ward12.dcoord }
    static var colors: [String] { ward12.colors }
    static var labels: [String] { ward12.labels }
}
