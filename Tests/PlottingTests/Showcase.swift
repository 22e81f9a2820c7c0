import Foundation
@testable import Plotting

/// One figure per feature, rendered into docs/showcase/ by ShowcaseTests (CLUSTERPLOT_SHOWCASE=1).
enum Showcase {
    static func rng(_ seed: UInt64) -> () -> Double {
        var s = seed
        return { s = s &* 6364136223846793005 &+ 1442695040888963407; return Double(s >> 11) / 9007199254740992 }
    }
    static func gauss(_ r: () -> Double) -> Double {
        (-2 * log(max(r(), 1e-300))).squareRoot() * cos(2 * .pi * r())
    }

    static let all: [(String, @Sendable () -> Figure)] = [
        ("markers", markers), ("lines", lines), ("colormaps", colormaps), ("styles", styles),
        ("legends", legends), ("grid-suptitle", gridWithSuptitle), ("dense-scatter", denseScatter),
        ("scales-colorbars-annotations", scalesColorbarsAnnotations),
    ]

    /// Every marker shape, filled and line-art, sizes in pt², edge colours and widths.
    static func markers() -> Figure {
        let fig = Figure(width: 9, height: 4, style: .whitegrid)
        let ax = fig.subplots()[0][0]
        for (i, m) in Marker.allCases.enumerated() {
            let xs = (0..<5).map { Double($0) }
            ax.scatter(x: xs, y: Array(repeating: Double(i), count: 5), sizes: [10, 30, 60, 100, 160], marker: m,
                       label: "\(m) \"\(m.rawValue)\"")
        }
        let xs = (0..<5).map { 5.5 + Double($0) * 0.6 }
        ax.scatter(x: xs, y: Array(repeating: 0, count: 5), color: Color(name: "gold")!, size: 120, marker: .circle,
                   edgeColor: .black, edgeWidth: 1.5, label: "edge colour/width")
        ax.scatter(x: xs, y: Array(repeating: 1, count: 5), color: Color(name: "C3")!, size: 120, marker: .square, alpha: 0.4,
                   label: "alpha 0.4")
        ax.title = "Markers: shapes, sizes in pt² (s = 10…160), edges, alpha"
        ax.xLimits = -0.6...12.5
        ax.legend(location: .right)
        return fig
    }

    /// Line styles scaled by width, colours from the cycle, markers on lines.
    static func lines() -> Figure {
        let fig = Figure(width: 9, height: 4, style: .whitegrid)
        let ax = fig.subplots()[0][0]
        let xs = (0...40).map { Double($0) / 4 }
        let styles: [(LineStyle, String)] = [(.solid, "solid"), (.dashed, "dashed"), (.dotted, "dotted"), (.dashDot, "dash-dot")]
        for (i, (ls, name)) in styles.enumerated() {
            ax.plot(x: xs, y: xs.map { sin($0 + Double(i) * 0.6) + Double(i) * 0.8 }, lineWidth: 1 + Double(i) * 0.5,
                    lineStyle: ls, label: "\(name), \(1 + Double(i) * 0.5) pt")
        }
        ax.plot(x: Array(xs.prefix(11)).map { $0 * 4 }, y: xs.prefix(11).map { -1.5 + 0.2 * $0 }, marker: .circle, label: "line + 'o' markers")
        ax.plot(x: [1, 3, 5, 7, 9], y: [-1, -0.5, -1.2, -0.4, -0.9], color: .black, lineStyle: nil, marker: .diamond,
                markerSize: 8, markerFaceColor: .white, label: "markers only")
        ax.title = "Lines: styles scaled by width, round caps and joins"
        ax.xLabel = "x"
        ax.yLabel = "value"
        ax.legend(location: .upperLeft, fontSize: 9)
        ax.yLimits = -2...5.8
        return fig
    }

    /// Continuous values through viridis and labels through listed maps.
    static func colormaps() -> Figure {
        let fig = Figure(width: 12, height: 4, style: .whitegrid)
        let g = fig.subplots(rows: 1, columns: 2)
        let r = rng(7)
        let n = 2000
        let xs = (0..<n).map { _ in gauss(r) }, ys = (0..<n).map { _ in gauss(r) }
        g[0][0].scatter(x: xs, y: ys, values: zip(xs, ys).map { ($0 * $0 + $1 * $1).squareRoot() }, colormap: .viridis, size: 12)
        g[0][0].title = "viridis: values normalised min…max"
        let maps: [Colormap] = [.tab10, .deep, .accent, .set1, .set2, .paired]
        let ax = g[0][1]
        for (row, m) in maps.enumerated() {
            ax.scatter(x: (0..<12).map(Double.init), y: Array(repeating: Double(row), count: 12),
                       values: (0..<12).map(Double.init), colormap: m, size: 150, marker: .square, label: m.name)
        }
        ax.yTicks = (0..<maps.count).map(Double.init)
        ax.title = "Listed maps, labels 0…11 (floor(x·N) indexing)"
        ax.yLabel = "tab10 · deep · Accent · Set1 · Set2 · Paired"
        return fig
    }

    /// The same axes in whitegrid and classic, in one figure (per-axes style override).
    static func styles() -> Figure {
        let fig = Figure(width: 13, height: 8, style: .whitegrid)
        let g = fig.subplots(rows: 2, columns: 3)
        let names = ["darkgrid", "whitegrid", "dark", "white", "ticks", "classic"]
        for (i, ax) in g.flatMap({ $0 }).enumerated() {
            ax.style = Style.named(names[i])
            let r = rng(3)
            for k in 0..<3 {
                let xs = (0..<60).map { _ in gauss(r) + Double(k) * 3 }, ys = (0..<60).map { _ in gauss(r) - Double(k) * 2 }
                ax.scatter(x: xs, y: ys, label: "cluster \(k + 1)")
            }
            ax.plot(x: [-2, 9], y: [1, -6], color: Color(name: "C3"), lineStyle: .dashed, label: "boundary")
            ax.title = i < 5 ? "\(names[i]) (seaborn)" : "classic (matplotlib defaults)"
            ax.xLabel = "feature 1"
            ax.yLabel = "feature 2"
            ax.legend()
        }
        fig.suptitle = "Styles: seaborn's five and matplotlib's defaults, one per axes"
        return fig
    }

    /// Every legend location, and `best` avoiding the data.
    static func legends() -> Figure {
        let fig = Figure(width: 12, height: 9, style: .whitegrid)
        let locs: [LegendLocation] = [.upperLeft, .upperCenter, .upperRight, .centerLeft, .center, .centerRight, .lowerLeft, .lowerCenter, .lowerRight]
        let g = fig.subplots(rows: 3, columns: 3)
        for (i, loc) in locs.enumerated() {
            let ax = g[i / 3][i % 3]
            ax.plot(x: [0, 1, 2, 3], y: [0, 1, 0.5, 1.5], marker: .circle, label: "line")
            ax.scatter(x: [0.5, 1.5, 2.5], y: [0.9, 0.2, 1.0], color: Color(name: "C1"), label: "points")
            ax.title = loc == .center ? "best (first location free of data)" : loc.rawValue
            ax.legend(location: loc == .center ? .best : loc)
            ax.setFontSizes(title: 10, tickLabel: 9, legend: 9)
        }
        return fig
    }

    /// A 2×2 grid with long labels, a suptitle and custom spacing: nothing clipped.
    static func gridWithSuptitle() -> Figure {
        let fig = Figure(width: 8, height: 6, style: .whitegrid)
        let g = fig.subplots(rows: 2, columns: 2, wspace: 0.3)
        let r = rng(11)
        for (i, ax) in fig.axes.enumerated() {
            let scale = pow(10, Double(i * 2 - 1))
            let xs = (0..<50).map { Double($0) }, ys = xs.map { _ in scale * (1 + gauss(r) * 0.2) }
            ax.plot(x: xs, y: ys, lineWidth: 1)
            ax.title = "Scale 10^\(i * 2 - 1)"
            ax.xLabel = "Iteration"
            ax.yLabel = "Measured value (units)"
        }
        _ = g
        fig.suptitle = "Tight layout: measured margins per row and column"
        return fig
    }

    /// A log axis with an annotated knee, a scatter coloured by a number with its colorbar, and a
    /// legend outside the axes.
    static func scalesColorbarsAnnotations() -> Figure {
        let fig = Figure(width: 13, height: 4.5, style: .whitegrid)
        let g = fig.subplots(rows: 1, columns: 3)
        let ks = (1...10).map(Double.init)
        let inertia = [48_000, 21_000, 6_400, 5_100, 4_300, 3_700, 3_300, 2_950, 2_700, 2_500].map(Double.init)
        let elbow = g[0][0]
        elbow.yScale = .log
        elbow.plot(x: ks, y: inertia, marker: .circle)
        elbow.annotate("knee: k = 3", x: 3, y: 6_400, offset: (35, 45), arrow: true)
        elbow.title = "Log axis + annotation"; elbow.xLabel = "k"; elbow.yLabel = "Inertia"
        let r = rng(3)
        var xs = [Double](), ys = [Double](), d = [Double]()
        for _ in 0..<400 {
            let x = gauss(r) * 1.5, y = gauss(r)
            xs.append(x); ys.append(y); d.append((x * x + y * y).squareRoot())
        }
        let score = g[0][1]
        score.scatter(x: xs, y: ys, values: d, colormap: .viridis, size: 18)
        score.colorbar(label: "Distance to centre")
        score.title = "Colour by a number + colorbar"; score.xLabel = "x"; score.yLabel = "y"
        let out = g[0][2]
        for c in 0..<5 {
            let cx = Double(c) * 1.2
            out.scatter(x: (0..<40).map { _ in cx + gauss(r) * 0.3 }, y: (0..<40).map { _ in gauss(r) * 0.3 + cx * 0.5 },
                        label: "Cluster \(c + 1)")
        }
        out.legend(location: .outsideRight)
        out.title = "Legend outside the axes"; out.xLabel = "x"; out.yLabel = "y"
        return fig
    }

    /// 100,000 points through viridis (the raster marker fast path).
    static func denseScatter() -> Figure {
        let fig = Figure(width: 9, height: 4, style: .classic)
        let ax = fig.subplots()[0][0]
        let r = rng(5)
        let n = 100_000
        var xs = [Double](), ys = [Double](), ls = [Double]()
        for _ in 0..<n {
            let l = Double(Int(r() * 4))
            xs.append((l.truncatingRemainder(dividingBy: 2) == 0 ? -2 : 2) + gauss(r))
            ys.append((l < 2 ? -2 : 2) + gauss(r))
            ls.append(l)
        }
        ax.scatter(x: xs, y: ys, values: ls, colormap: .viridis, vmin: 0, vmax: 3, size: 20)
        ax.title = "Scatter, N = 100000 (sprite-stamped markers)"
        ax.xLabel = "x"
        ax.yLabel = "y"
        return fig
    }
}
