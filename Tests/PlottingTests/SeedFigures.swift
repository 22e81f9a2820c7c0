import Foundation
@testable import Plotting

/// Test fixtures at the repository root (`Fixtures/reference/`), found from this file's path.
enum TestFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let reference = root.appendingPathComponent("Fixtures/reference")

    static func json(_ name: String) -> [String: Any] {
        let data = try! Data(contentsOf: reference.appendingPathComponent(name))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// matplotlib's measured layout of the seed figures (copied from shared/reference/data).
    nonisolated(unsafe) static let layout: [String: Any] = json("figure_layout.json")
    /// The numbers behind the five seed figures (points, labels, K-Means steps, inertias).
    nonisolated(unsafe) static let seed: [String: Any] = json("plotting_seed_data.json")
}

/// The five seed figures, built through the Plotting API exactly as `seed_figures.py` builds them
/// with matplotlib (same sizes, calls, colours, markers, fonts), from the reference numbers.
enum SeedFigures {
    static let names = ["segmentation", "anomaly", "documents", "iterations", "elbow"]

    static func doubles(_ v: Any?) -> [Double] { (v as! [Any]).map { ($0 as! NSNumber).doubleValue } }
    static func ints(_ v: Any?) -> [Int] { (v as! [Any]).map { ($0 as! NSNumber).intValue } }
    static func section(_ name: String) -> [String: Any] { TestFixtures.seed[name] as! [String: Any] }

    static func make(_ name: String, layout: LayoutMode? = nil) -> Figure {
        let f: Figure
        switch name {
        case "segmentation": f = segmentation()
        case "anomaly": f = anomaly()
        case "documents": f = documents()
        case "iterations": f = iterations()
        case "elbow": f = elbow()
        default: fatalError("unknown seed figure \(name)")
        }
        if let layout { f.layout = layout }
        return f
    }

    static func segmentation() -> Figure {
        let d = section("segmentation")
        let fig = Figure(width: 9, height: 4, dpi: 100, style: .whitegrid)
        let ax = fig.subplots()[0][0]
        ax.scatter(x: doubles(d["x"]), y: doubles(d["y"]), values: doubles(d["labels"]), colormap: .accent)
        ax.xLabel = "Age"
        ax.yLabel = "Spending Score"
        ax.title = "Customer Segmentation Clusters"
        return fig
    }

    static func anomaly() -> Figure {
        let d = section("anomaly")
        let x = doubles(d["x"]), y = doubles(d["y"])
        let out = (d["outliers"] as! [Any]).map { ($0 as! NSNumber).boolValue }
        let fig = Figure(width: 9, height: 4, dpi: 100, style: .whitegrid)
        let ax = fig.subplots()[0][0]
        let normal = out.indices.filter { !out[$0] }, outl = out.indices.filter { out[$0] }
        ax.scatter(x: normal.map { x[$0] }, y: normal.map { y[$0] }, alpha: 0.6, label: "Normal")
        ax.scatter(x: outl.map { x[$0] }, y: outl.map { y[$0] }, color: Color(name: "red")!, label: "Anomaly")
        ax.title = "Anomaly Detection using Clustering"
        ax.legend()
        return fig
    }

    static func documents() -> Figure {
        let d = section("documents")
        let fig = Figure(width: 9, height: 4, dpi: 100, style: .whitegrid)
        let ax = fig.subplots()[0][0]
        ax.scatter(x: doubles(d["x"]), y: doubles(d["y"]), values: doubles(d["labels"]), colormap: .set2)
        ax.title = "Clustering Documents into Categories"
        ax.xLabel = "Topic Vector 1"
        ax.yLabel = "Topic Vector 2"
        return fig
    }

    static func iterations() -> Figure {
        let d = section("iterations")
        let x = doubles(d["x"]), y = doubles(d["y"])
        let steps = d["steps"] as! [[String: Any]]
        let fig = Figure(width: 12, height: 16, dpi: 100, style: .whitegrid)
        let grid = fig.subplots(rows: 4, columns: 3)
        let colors = ["red", "green", "blue"].map { Color(name: $0)! }
        for (it, step) in steps.enumerated() {
            let ax = grid[it / 3][it % 3]
            let closest = ints(step["closest"])
            let centers = (step["centers"] as! [Any]).map { doubles($0) }
            for i in 0..<3 {
                let idx = closest.indices.filter { closest[$0] == i }
                ax.scatter(x: idx.map { x[$0] }, y: idx.map { y[$0] }, color: colors[i], size: 5, label: "Cluster \(i + 1)")
                ax.scatter(x: [centers[i][0]], y: [centers[i][1]], color: .black, size: 50, marker: .x, edgeWidth: 2)
            }
            ax.title = "Iteration \(it + 1)"
            ax.xLabel = "x1"
            ax.yLabel = "x2"
            ax.setFontSizes(title: 8, label: 8, tickLabel: 6, legend: 6)
            ax.legend()
        }
        return fig
    }

    static func elbow() -> Figure {
        let d = section("elbow")
        let fig = Figure(style: .whitegrid)  // matplotlib's default 6.4 × 4.8 in
        let ax = fig.subplots()[0][0]
        ax.plot(x: doubles(d["ks"]), y: doubles(d["inertias"]), marker: .circle)
        ax.title = "Elbow Method for Optimal K"
        ax.xLabel = "Number of Clusters (K)"
        ax.yLabel = "Inertia"
        return fig
    }
}
