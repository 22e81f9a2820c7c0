import Foundation
import Plotting
import VisualDiff

/// Benchmarks of the VisualDiff module, by name; each gets the remaining command-line arguments.
///
/// - `visualdiff-images DIR`: writes the 1200×1600 benchmark pair (`expected.png`, `actual.png`: one
///   cluster recoloured, text moved) and `same.png` (same pixels as expected, other PNG encoding).
/// - `visualdiff-compare A B [RUNS]`: decode both (in parallel) + compare, in-process; prints the median.
let visualdiffBenchmarks: [String: @Sendable ([String]) throws -> Void] = [
    "visualdiff-images": { args in
        let dir = URL(fileURLWithPath: args.first ?? "/tmp/cp-visualdiff-bench")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try AtomicFile.write(VisualDiffBench.figure(recolor: false), to: dir.appendingPathComponent("expected.png"))
        try AtomicFile.write(VisualDiffBench.figure(recolor: true), to: dir.appendingPathComponent("actual.png"))
        let same = try PNGCodec.encode(PNGCodec.decode(VisualDiffBench.figure(recolor: false)),
                                       options: .init(compressionLevel: 1, adaptiveFilters: true))
        try AtomicFile.write(same, to: dir.appendingPathComponent("same.png"))
        print("wrote \(dir.path)/{expected,actual,same}.png")
    },
    "visualdiff-demo-report": { args in
        // A report with one regression (a recoloured cluster), one pass and one missing golden.
        let dir = URL(fileURLWithPath: args.first ?? "/tmp/cp-visualdiff-report")
        let root = dir.appendingPathComponent("suite")
        try? FileManager.default.removeItem(at: root)
        let configs = root.appendingPathComponent("configs")
        try FileManager.default.createDirectory(at: configs, withIntermediateDirectories: true)
        for n in ["segments", "same"] { try Data("# demo\n".utf8).write(to: configs.appendingPathComponent("\(n).yaml")) }
        let original = try VisualDiffBench.figure(recolor: false), changed = try VisualDiffBench.figure(recolor: true)
        let before: FigureRenderer = { _ in ["png": original] }
        _ = try GoldenSuite(configs: configs, golden: root.appendingPathComponent("golden"), renderer: before)
            .update(.all, environment: [:])
        try Data("# demo\n".utf8).write(to: configs.appendingPathComponent("new.yaml"))
        let after: FigureRenderer = { url in ["png": url.lastPathComponent == "segments.yaml" ? changed : original] }
        let report = try GoldenSuite(configs: configs, golden: root.appendingPathComponent("golden"), renderer: after)
            .check(keepsImages: true)
        try AtomicFile.write(Array(GoldenReport.html(report).utf8), to: dir.appendingPathComponent("index.html"))
        try AtomicFile.write(Array(GoldenReport.junit(report).utf8), to: dir.appendingPathComponent("junit.xml"))
        print("\(report.summary); wrote \(dir.path)/index.html")
    },
    "visualdiff-compare": { args in
        guard args.count >= 2 else { throw VisualDiffError.unreadable("usage: cpbench visualdiff-compare A B [RUNS]") }
        let runs = args.count > 2 ? Int(args[2]) ?? 15 : 15
        var times: [Double] = [], decode: [Double] = [], compare: [Double] = []
        var last = ""
        for _ in 0..<(runs + 1) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let (a, b) = try ImageLoader.loadPair(args[0], args[1])
            let t1 = DispatchTime.now().uptimeNanoseconds
            let r = ImageComparator.compare(expected: a, actual: b)
            let t2 = DispatchTime.now().uptimeNanoseconds
            times.append(Double(t2 - t0) / 1e6); decode.append(Double(t1 - t0) / 1e6); compare.append(Double(t2 - t1) / 1e6)
            last = r.summary
        }
        func median(_ v: [Double]) -> Double { let s = v.dropFirst().sorted(); return s[s.count / 2] }
        print(String(format: "visualdiff-compare: median %.1f ms (decode both %.1f, compare %.1f), min %.1f ms over %d runs",
                     median(times), median(decode), median(compare), times.dropFirst().min()!, runs))
        print("  \(last)")
    },
]

enum VisualDiffBench {
    /// A 1200×1600 px scatter figure (three clusters, 6000 markers, grid lines, labels).
    static func figure(recolor: Bool) throws -> [UInt8] {
        var state: UInt64 = 42
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        func normal() -> Double { (-2 * log(max(next(), 1e-12))).squareRoot() * cos(2 * .pi * next()) }
        let colors = ["#1f77b4", recolor ? "#d62728" : "#ff7f0e", "#2ca02c"].map { Color(hex: $0)! }
        let centres = [Point(x: 250, y: 300), Point(x: 600, y: 500), Point(x: 350, y: 850)]
        return try Canvas.render(format: .png, size: Size(width: 864, height: 1152), dpi: 100) { r in
            for i in 0...10 {
                var g = Path()
                g.move(to: Point(x: 60, y: 60 + Double(i) * 100)); g.line(to: Point(x: 820, y: 60 + Double(i) * 100))
                g.move(to: Point(x: 60 + Double(i) * 76, y: 60)); g.line(to: Point(x: 60 + Double(i) * 76, y: 1060))
                r.drawPath(g, fill: nil, stroke: StrokeStyle(color: Color(hex: "#dddddd")!, width: 0.8))
                r.drawText(String(i * 10), at: Point(x: 50, y: 60 + Double(i) * 100), style: TextStyle(size: 10),
                           horizontal: .right, vertical: .center, rotation: 0)
            }
            for (c, centre) in zip(colors, centres) {
                var pts: [Point] = []
                for _ in 0..<2000 { pts.append(Point(x: centre.x + normal() * 70, y: centre.y + normal() * 70)) }
                var shape = Path(); shape.addCircle(center: .zero, radius: 3)
                r.drawMarkers(MarkerBatch(shape: shape, positions: pts, fillColors: [c], edgeColors: [.white], edgeWidth: 0.5))
            }
            r.drawText("Customer segments", at: Point(x: recolor ? 433 : 432, y: 30), style: TextStyle(size: 18, weight: .bold),
                       horizontal: .center, vertical: .center, rotation: 0)
        }
    }
}
