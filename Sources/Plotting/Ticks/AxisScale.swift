import Foundation

/// How an axis maps data to position.
public enum AxisScale: String, CaseIterable, Hashable, Sendable {
    /// Equal distances for equal differences (the default).
    case linear
    /// Equal distances for equal ratios (base 10). Values ≤ 0 are not drawn, as matplotlib masks them.
    case log
}

extension Ticker {
    /// The position of `v` along an axis of this scale (log10 for log axes; NaN for v ≤ 0 there).
    static func transform(_ v: Double, _ scale: AxisScale) -> Double {
        switch scale {
        case .linear: return v
        case .log: return v > 0 ? log10(v) : .nan
        }
    }

    /// View limits of a log axis for positive data limits, as matplotlib's `autoscale_view` makes
    /// them: a single value is widened to the decades around it, then `margin` of the range is
    /// added on each side in log space.
    public static func logAutoscale(dataMin: Double, dataMax: Double, margin: Double = 0.05) -> (Double, Double) {
        var a = log10(dataMin), b = log10(dataMax)
        if a == b { a = a.rounded(.down) - (a == a.rounded(.down) ? 1 : 0); b = b.rounded(.up) + (b == b.rounded(.up) ? 1 : 0) }
        let delta = (b - a) * margin
        return (pow(10, a - delta), pow(10, b + delta))
    }

    /// `logAutoscale` honouring sticky edges (positive ones only), as `autoscale(dataMin:dataMax:margin:stickyEdges:)`
    /// does on linear axes; without any the result is `logAutoscale`'s.
    public static func logAutoscale(dataMin: Double, dataMax: Double, margin: Double, stickyEdges: [Double]) -> (Double, Double) {
        let stickies = stickyEdges.filter { $0 > 0 && $0.isFinite }
        var (lo, hi) = logAutoscale(dataMin: dataMin, dataMax: dataMax, margin: margin)
        guard !stickies.isEmpty, margin != 0 else { return (lo, hi) }
        // The range before the margins (a single value widened to its decades).
        let (x0, x1) = dataMin < dataMax ? (dataMin, dataMax) : logAutoscale(dataMin: dataMin, dataMax: dataMax, margin: 0)
        let bounds = stickyBounds(stickies, x0, x1)
        if let b = bounds.low { lo = max(lo, b) }
        if let b = bounds.high { hi = min(hi, b) }
        return (lo, hi)
    }

    /// Ticks of a log axis (matplotlib's `LogLocator` and `LogFormatterSciNotation`): every
    /// `stride`-th decade, at most about `maxTicks` in view, labelled 10ⁿ. A view spanning less than
    /// two decades also gets labelled ticks at 2× and 5× (all of 2×…9× under half a decade),
    /// written 2×10ⁿ, so the axis always reads.
    public static func logTicks(_ vmin: Double, _ vmax: Double, maxTicks: Int) -> (locations: [Double], labels: [String]) {
        let lo = log10(min(vmin, vmax)), hi = log10(max(vmin, vmax))
        guard lo.isFinite, hi.isFinite else { return ([], []) }
        let first = Int(lo.rounded(.down)), last = Int(hi.rounded(.up))
        let decades = max(last - first, 1)
        let stride = max(1, Int((Double(decades) / Double(max(maxTicks, 1))).rounded(.up)))
        var values: [(Double, String)] = []
        var k = first - first.mod(stride)
        while k <= last {
            values.append((pow(10, Double(k)), "10" + superscript(k)))
            k += stride
        }
        if hi - lo < 2 {
            let multiples: [Int] = hi - lo < 0.5 ? Array(2...9) : [2, 5]
            for d in (first - 1)...last {
                for m in multiples {
                    values.append((Double(m) * pow(10, Double(d)), "\(m)×10" + superscript(d)))
                }
            }
            values.sort { $0.0 < $1.0 }
        }
        return (values.map(\.0), values.map(\.1))
    }

    /// An integer in Unicode superscript digits (U+2212 is not used: ⁻ is the superscript minus).
    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(abs(n)).map { digits[Int(String($0))!] }
        return (n < 0 ? "⁻" : "") + String(body)
    }
}

extension Int {
    /// The remainder with the sign of the divisor (Python's `%`).
    func mod(_ m: Int) -> Int { ((self % m) + m) % m }
}

/// Where a value falls along an axis, 0 at the lower limit and 1 at the upper one (linear or log10;
/// NaN for values ≤ 0 on a log axis). Made once per laid-out axes, so the log of the limits is not
/// recomputed for every point.
struct AxisMap {
    let scale: AxisScale
    let low: Double
    let span: Double
    /// The axis runs from the upper limit to the lower one.
    let inverted: Bool

    init(_ scale: AxisScale, _ limits: ClosedRange<Double>, inverted: Bool = false) {
        self.scale = scale
        self.inverted = inverted
        low = Ticker.transform(limits.lowerBound, scale)
        span = Ticker.transform(limits.upperBound, scale) - low
    }

    @inline(__always)
    func fraction(_ v: Double) -> Double {
        let f = scale == .linear ? (v - low) / span : (Ticker.transform(v, scale) - low) / span
        return inverted ? 1 - f : f
    }
}
