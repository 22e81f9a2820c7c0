import Foundation

/// How a histogram's bins are given (numpy's `bins=`).
public enum HistogramBins: Hashable, Sendable {
    /// That many equal bins between the range's ends (numpy's `linspace` edges).
    case count(Int)
    /// Explicit edges, increasing (n + 1 edges for n bins).
    case edges([Double])
}

/// Counts per bin and the bin edges, as numpy's `histogram` computes them (matplotlib's `hist`
/// returns the same `n, bins`).
public struct Histogram: Hashable, Sendable {
    /// One count per bin (densities with `density`).
    public var counts: [Double]
    /// The bin edges, one more than the counts.
    public var edges: [Double]

    /// A histogram of the given counts and edges.
    public init(counts: [Double], edges: [Double]) { self.counts = counts; self.edges = edges }

    /// numpy's `histogram(values, bins, range, density)`:
    /// - `.count(n)`: edges `linspace(lo, hi, n + 1)` between `range` (default the values' minimum and
    ///   maximum, widened by ±0.5 when they are equal, 0…1 without values); values outside the range
    ///   are not counted. A value goes to bin `i` when `edges[i] ≤ v < edges[i+1]`, the last bin
    ///   including its right edge — with numpy's index computation and its ±1 corrections, so values
    ///   on an edge land where numpy puts them.
    /// - `.edges(e)`: the given edges (`range` is ignored, as in numpy), the same half-open bins.
    /// - `density`: `counts / widths / total`.
    ///
    /// Values that are not finite are left out (numpy refuses them when it has to find the range).
    /// Nil for a bin count below 1, fewer than two edges, edges that decrease, a range that is not
    /// finite or is reversed, or more bins than the range can hold (numpy's errors).
    public static func compute(_ values: [Double], bins: HistogramBins = .count(10), range: ClosedRange<Double>? = nil,
                               density: Bool = false) -> Histogram? {
        let a = values.filter(\.isFinite)
        var counts: [Int]
        let edges: [Double]
        switch bins {
        case .count(let n):
            guard n >= 1 else { return nil }
            var first: Double, last: Double
            if let range {
                guard range.lowerBound.isFinite, range.upperBound.isFinite else { return nil }
                (first, last) = (range.lowerBound, range.upperBound)
            } else if let lo = a.min(), let hi = a.max() {
                (first, last) = (lo, hi)
            } else {
                (first, last) = (0, 1)
            }
            if first == last { first -= 0.5; last += 0.5 }
            edges = linspace(first, last, count: n + 1)
            for i in 1..<edges.count where edges[i - 1] >= edges[i] { return nil }
            counts = [Int](repeating: 0, count: n)
            let denom = last - first, numer = Double(n)
            for v in a where v >= first && v <= last {
                var i = Int(((v - first) / denom) * numer)
                if i == n { i -= 1 }
                if v < edges[i] { i -= 1 }
                if v >= edges[i + 1] && i != n - 1 { i += 1 }
                counts[i] += 1
            }
        case .edges(let e):
            guard e.count >= 2, e.allSatisfy(\.isFinite) else { return nil }
            for i in 1..<e.count where e[i - 1] > e[i] { return nil }
            edges = e
            let sorted = a.sorted()
            // numpy's _search_sorted_inclusive: left insertion points, the last edge on the right.
            var cum = e.dropLast().map { edge in lowerBound(sorted, edge) }
            cum.append(upperBound(sorted, e[e.count - 1]))
            counts = (0..<(e.count - 1)).map { cum[$0 + 1] - cum[$0] }
        }
        guard density else { return Histogram(counts: counts.map(Double.init), edges: edges) }
        let total = Double(counts.reduce(0, +))
        return Histogram(counts: counts.indices.map { Double(counts[$0]) / (edges[$0 + 1] - edges[$0]) / total }, edges: edges)
    }

    /// numpy's `linspace(start, stop, count)` with `endpoint=True`: `i · step + start`, the last
    /// value exactly `stop`.
    static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (stop - start) / Double(count - 1)
        var y = (0..<count).map { Double($0) * step + start }
        y[count - 1] = stop
        return y
    }

    /// The number of sorted values below `v` (searchsorted left).
    static func lowerBound(_ s: [Double], _ v: Double) -> Int {
        var lo = 0, hi = s.count
        while lo < hi { let m = (lo + hi) / 2; if s[m] < v { lo = m + 1 } else { hi = m } }
        return lo
    }

    /// The number of sorted values at or below `v` (searchsorted right).
    static func upperBound(_ s: [Double], _ v: Double) -> Int {
        var lo = 0, hi = s.count
        while lo < hi { let m = (lo + hi) / 2; if s[m] <= v { lo = m + 1 } else { hi = m } }
        return lo
    }
}

/// What `Axes.hist` returns: matplotlib's `n, bins, patches`.
public struct HistogramResult {
    /// Counts (or densities) per bin.
    public var counts: [Double]
    /// The bin edges.
    public var edges: [Double]
    /// The bars drawn (one per bin).
    public var bars: BarSeries
}

extension Axes {
    /// A histogram, like matplotlib's `hist(values, bins=10, range=None, density=False,
    /// histtype='bar', rwidth=None, orientation='vertical')`: numpy's `histogram` counts (see
    /// `Histogram.compute`), drawn as one bar per bin from 0 (a sticky edge, so the view starts at 0),
    /// each bin's full width (`rwidth` narrows them, centred). Colour: the next colour of the patches
    /// cycle unless given; `edgeColor` nil = no edge. Returns the counts, edges and bars, or nil when
    /// numpy would refuse the bins or range (nothing is added then).
    @discardableResult
    public func hist(_ values: [Double], bins: HistogramBins = .count(10), range: ClosedRange<Double>? = nil,
                     density: Bool = false, rwidth: Double? = nil, orientation: BarSeries.Orientation = .vertical,
                     color: Color? = nil, edgeColor: Color? = nil, edgeWidth: Double? = nil, alpha: Double? = nil,
                     label: String? = nil) -> HistogramResult? {
        guard let h = Histogram.compute(values, bins: bins, range: range, density: density) else { return nil }
        // matplotlib: totwidth = diff(bins); dr = rwidth or 1; width = dr·totwidth;
        // boffset = -0.5·dr·totwidth·(1 − 1/nx) + 0.5·totwidth; bar(bins[:-1] + boffset, align='center').
        let dr = rwidth.map { min(max($0, 0), 1) } ?? 1
        let totwidth = (0..<h.counts.count).map { h.edges[$0 + 1] - h.edges[$0] }
        let widths = totwidth.map { dr * $0 / 1 }
        let positions = totwidth.indices.map { h.edges[$0] + (-0.5 * dr * totwidth[$0] * (1 - 1 / 1.0) + 0.5 * totwidth[$0]) }
        let bars = BarSeries(orientation: orientation, positions: positions, values: h.counts, thicknesses: widths,
                             baselines: [0], align: .center, color: color.map { .uniform($0) } ?? nextPatchColor(),
                             edgeColor: edgeColor, edgeWidth: edgeWidth, alpha: alpha, label: label)
        return HistogramResult(counts: h.counts, edges: h.edges, bars: add(bars))
    }
}
