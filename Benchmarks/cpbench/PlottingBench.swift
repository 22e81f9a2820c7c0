import Foundation
import Plotting

/// Benchmarks of the Plotting module, by name; each gets the remaining command-line arguments.
/// Each is a whole workload of the peers in ../shared/bench: read the data, build the figure, write the file.
let plottingBenchmarks: [String: @Sendable ([String]) throws -> Void] = [
    // cpbench scatter DATA.bin OUT.{png,pdf,svg}: the peers' scatter (mpl_scatter.py): 9×4 in at 100 dpi,
    // colours from the label through viridis (vmin 0, vmax 3), s = 20, title and axis labels.
    "scatter": { args in
        guard args.count >= 2 else { throw BenchError("usage: cpbench scatter DATA.bin|N OUT.png|OUT.pdf") }
        let (x, y, labels) = try loadScatter(args[0])
        let fig = Figure(width: 9, height: 4, dpi: 100, style: .classic)
        let ax = fig.subplots()[0][0]
        ax.scatter(x: x, y: y, values: labels, colormap: .viridis, vmin: 0, vmax: 3, size: 20)
        ax.title = "Scatter, N = \(x.count)"
        ax.xLabel = "x"
        ax.yLabel = "y"
        try fig.save(toPath: args[1])
    },
    // cpbench elbow ELBOW.txt OUT.{png,pdf}: the peers' line chart (mpl_line.py, line.gp).
    "elbow": { args in
        guard args.count >= 2 else { throw BenchError("usage: cpbench elbow elbow.txt OUT.png") }
        let text = try String(contentsOfFile: args[0], encoding: .utf8)
        var k: [Double] = [], inertia: [Double] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: " ")
            guard f.count >= 2, let a = Double(f[0]), let b = Double(f[1]) else { continue }
            k.append(a); inertia.append(b)
        }
        let fig = Figure(width: 9, height: 4, dpi: 100, style: .classic)
        let ax = fig.subplots()[0][0]
        ax.plot(x: k, y: inertia, marker: .circle)
        ax.title = "Elbow method"
        ax.xLabel = "k (number of clusters)"
        ax.yLabel = "inertia"
        try fig.save(toPath: args[1])
    },
]

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Reads gen_data.py's binary rows (float64 x, y, label), or makes N points of the same shape
/// (4 unit Gaussian blobs at (±2, ±2)) when the argument is a number.
func loadScatter(_ arg: String) throws -> ([Double], [Double], [Double]) {
    if let n = Int(arg) {
        var rng = SplitMix(seed: 20240601 &+ UInt64(n))
        var x = [Double](repeating: 0, count: n), y = x, l = x
        let cx = [-2.0, 2, -2, 2], cy = [-2.0, -2, 2, 2]
        for i in 0..<n {
            let lab = Int(rng.next() % 4)
            let u1 = max(Double(rng.next() >> 11) / 9007199254740992, 1e-300), u2 = Double(rng.next() >> 11) / 9007199254740992
            let r = (-2 * log(u1)).squareRoot()
            x[i] = cx[lab] + r * cos(2 * .pi * u2); y[i] = cy[lab] + r * sin(2 * .pi * u2); l[i] = Double(lab)
        }
        return (x, y, l)
    }
    guard let fh = FileHandle(forReadingAtPath: arg) else { throw BenchError("cannot read \(arg)") }
    defer { try? fh.close() }
    let data = try fh.readToEnd() ?? Data()
    let n = data.count / 24
    var x = [Double](repeating: 0, count: n), y = x, l = x
    data.withUnsafeBytes { raw in
        for i in 0..<n {
            x[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 24, as: UInt64.self)))
            y[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 24 + 8, as: UInt64.self)))
            l[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 24 + 16, as: UInt64.self)))
        }
    }
    return (x, y, l)
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e3779b97f4a7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}
