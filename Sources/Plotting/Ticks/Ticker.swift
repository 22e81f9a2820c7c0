import Foundation

/// matplotlib's tick locating, autoscaling and tick formatting, ported step by step
/// (`ticker.MaxNLocator`, `transforms.nonsingular`, `Axes.autoscale_view`, `ScalarFormatter`).
public enum Ticker {
    /// Python's float `divmod` (floor division with the remainder taking the divisor's sign).
    static func pyDivmod(_ x: Double, _ y: Double) -> (Double, Double) {
        var mod = fmod(x, y)
        var div = (x - mod) / y
        if mod != 0 {
            if (y < 0) != (mod < 0) { mod += y; div -= 1 }
        } else {
            mod = copysign(0, y)
        }
        var floordiv: Double
        if div != 0 {
            floordiv = div.rounded(.down)
            if div - floordiv > 0.5 { floordiv += 1 }
        } else {
            floordiv = copysign(0, x / y)
        }
        return (floordiv, mod)
    }

    static func pyFloorDiv(_ x: Double, _ y: Double) -> Double { pyDivmod(x, y).0 }

    /// `matplotlib.transforms.nonsingular`: widens an empty or tiny interval, swaps a reversed one.
    public static func nonsingular(_ vmin: Double, _ vmax: Double, expander: Double = 0.001,
                                   tiny: Double = 1e-15) -> (Double, Double) {
        guard vmin.isFinite, vmax.isFinite else { return (-expander, expander) }
        var lo = vmin, hi = vmax
        if hi < lo { swap(&lo, &hi) }
        let maxabs = max(abs(lo), abs(hi))
        if maxabs < (1e6 / tiny) * Double.leastNormalMagnitude {
            lo = -expander; hi = expander
        } else if hi - lo <= maxabs * tiny {
            if hi == 0 && lo == 0 {
                lo = -expander; hi = expander
            } else {
                lo -= expander * abs(lo)
                hi += expander * abs(hi)
            }
        }
        return (lo, hi)
    }

    /// View limits for data limits, as `autoscale_view` computes them on a linear axis:
    /// `nonsingular(expander: 0.05)`, then `margin` of the range added on each side.
    public static func autoscale(dataMin: Double, dataMax: Double, margin: Double = 0.05) -> (Double, Double) {
        var (x0, x1) = nonsingular(dataMin, dataMax, expander: 0.05)
        var delta = (x1 - x0) * margin
        if !delta.isFinite { delta = 0 }
        x0 -= delta; x1 += delta
        return (x0, x1)
    }

    /// `autoscale` honouring sticky edges, as matplotlib's `autoscale_view` does: the margins may
    /// not carry a limit past a sticky value at or beyond the data (bars stuck to 0 keep 0 as their
    /// limit). Stickies only matter with a non-zero margin; without any the result is `autoscale`'s.
    public static func autoscale(dataMin: Double, dataMax: Double, margin: Double, stickyEdges: [Double]) -> (Double, Double) {
        let stickies = stickyEdges.filter(\.isFinite)
        guard !stickies.isEmpty, margin != 0 else { return autoscale(dataMin: dataMin, dataMax: dataMax, margin: margin) }
        let (x0, x1) = nonsingular(dataMin, dataMax, expander: 0.05)
        let bounds = stickyBounds(stickies, x0, x1)
        var (lo, hi) = autoscale(dataMin: dataMin, dataMax: dataMax, margin: margin)
        if let b = bounds.low { lo = max(lo, b) }
        if let b = bounds.high { hi = min(hi, b) }
        return (lo, hi)
    }

    /// The sticky values that limit the margins of a range `x0…x1` (matplotlib's rule, with its
    /// tolerance of 1e-5 of the range's size): the largest below `x0` (or at it), the smallest above `x1`
    /// (or at it).
    static func stickyBounds(_ stickies: [Double], _ x0: Double, _ x1: Double) -> (low: Double?, high: Double?) {
        let tol = 1e-5 * max(abs(x0), abs(x1), abs(x1 - x0))
        return (stickies.filter { $0 < x0 + tol }.max(), stickies.filter { $0 >= x1 - tol }.min())
    }

    /// `nbins='auto'` for an axis of `length` points with tick labels of `fontSize` points:
    /// `floor(length / (3 · fontSize))` for x, `floor(length / (2 · fontSize))` for y, clipped to 1…9.
    public static func autoBins(axisLength: Double, tickLabelSize: Double, isXAxis: Bool) -> Int {
        let size = tickLabelSize * (isXAxis ? 3 : 2)
        guard size > 0, axisLength.isFinite else { return 9 }
        let space = Int((axisLength / size).rounded(.down))
        return min(max(space, 1), 9)
    }

    static func scaleRange(_ vmin: Double, _ vmax: Double, n: Int, threshold: Double = 100) -> (scale: Double, offset: Double) {
        let dv = abs(vmax - vmin)
        let meanv = (vmax + vmin) / 2
        let offset: Double
        if abs(meanv) / dv < threshold {
            offset = 0
        } else {
            offset = copysign(pow(10, pyFloorDiv(log10(abs(meanv)), 1)), meanv)
        }
        let scale = pow(10, pyFloorDiv(log10(dv / Double(n)), 1))
        return (scale, offset)
    }

    private struct EdgeInteger {
        let step: Double
        let offset: Double
        func closeTo(_ ms: Double, _ edge: Double) -> Bool {
            var tol: Double
            if offset > 0 {
                let digits = log10(offset / step)
                tol = max(1e-10, pow(10, digits - 12))
                tol = min(0.4999, tol)
            } else {
                tol = 1e-10
            }
            return abs(ms - edge) < tol
        }
        func le(_ x: Double) -> Double {
            let (d, m) = Ticker.pyDivmod(x, step)
            return closeTo(m / step, 1) ? d + 1 : d
        }
        func ge(_ x: Double) -> Double {
            let (d, m) = Ticker.pyDivmod(x, step)
            return closeTo(m / step, 0) ? d : d + 1
        }
    }

    /// The default AutoLocator steps.
    public static let autoSteps: [Double] = [1, 2, 2.5, 5, 10]

    /// `MaxNLocator(nbins, steps).tick_values(vmin, vmax)`: nice tick locations, including one
    /// beyond each end of the interval (the axis only draws those inside the view).
    public static func tickValues(_ vmin: Double, _ vmax: Double, nbins: Int, steps: [Double] = autoSteps,
                                  minTicks: Int = 2) -> [Double] {
        let (lo, hi) = nonsingular(vmin, vmax, expander: 1e-13, tiny: 1e-14)
        let (scale, offset) = scaleRange(lo, hi, n: nbins)
        let v0 = lo - offset, v1 = hi - offset
        var staircase = steps.dropLast().map { 0.1 * $0 } + steps
        staircase.append(10 * steps[1])
        let candidates = staircase.map { $0 * scale }
        let rawStep = (v1 - v0) / Double(nbins)
        let istep = candidates.firstIndex(where: { $0 >= rawStep }) ?? candidates.count - 1
        var ticks: [Double] = []
        for step in candidates[0...istep].reversed() {
            let bestVmin = pyFloorDiv(v0, step) * step
            let edge = EdgeInteger(step: step, offset: abs(offset))
            let low = edge.le(v0 - bestVmin)
            let high = edge.ge(v1 - bestVmin)
            ticks = []
            var i = low
            while i <= high { ticks.append(i * step + bestVmin); i += 1 }
            let n = ticks.filter { $0 <= v1 && $0 >= v0 }.count
            if n >= minTicks { break }
        }
        return ticks.map { $0 + offset }
    }

    /// Whether `value` is inside `[a, b]` with matplotlib's relative tolerance (1e-10 of the span).
    public static func inView(_ value: Double, _ a: Double, _ b: Double) -> Bool {
        let lo = min(a, b), hi = max(a, b)
        let tol = (hi - lo) * 1e-10
        return value >= lo - tol && value <= hi + tol
    }

    /// Tick labels as `ScalarFormatter` makes them (offset and scientific notation included).
    public struct Labels: Hashable, Sendable {
        /// One label per location passed in (also those outside the view).
        public var labels: [String]
        /// The offset/exponent text shown at the end of the axis ("1e6", "+1e3"), or "".
        public var offsetText: String

        /// Labels, one per location, and the axis' offset text ("" for none).
        public init(labels: [String], offsetText: String = "") {
            self.labels = labels; self.offsetText = offsetText
        }
    }

    /// numpy's `round(x, decimals)`: scale, round half to even, unscale.
    static func npRound(_ x: Double, _ decimals: Int) -> Double {
        let f = pow(10, Double(decimals))
        return (x * f).rounded(.toNearestOrEven) / f
    }

    /// Formats tick locations with the fewest decimals that show every tick exactly
    /// (`ScalarFormatter`: useOffset with threshold 4, power limits −5…6, U+2212 minus).
    public static func format(_ locs: [Double], viewMin: Double, viewMax: Double, unicodeMinus: Bool = true,
                              useOffset: Bool = true, offsetThreshold: Int = 4,
                              powerLimits: (Int, Int) = (-5, 6)) -> Labels {
        guard !locs.isEmpty else { return Labels(labels: [], offsetText: "") }
        let vmin = min(viewMin, viewMax), vmax = max(viewMin, viewMax)
        let visible = locs.filter { $0 >= vmin && $0 <= vmax }
        // Offset.
        var offset = 0.0
        if useOffset, let lmin = visible.min(), let lmax = visible.max(), lmin != lmax, !(lmin <= 0 && 0 <= lmax) {
            let absMin = min(abs(lmin), abs(lmax)), absMax = max(abs(lmin), abs(lmax))
            let sign = copysign(1, lmin)
            let oomMax = ceil(log10(absMax))
            var oom = oomMax
            while pyFloorDiv(absMin, pow(10, oom)) == pyFloorDiv(absMax, pow(10, oom)) { oom -= 1; if oom < -400 { break } }
            oom += 1
            if (absMax - absMin) / pow(10, oom) <= 1e-2 {
                oom = oomMax
                while pyFloorDiv(absMax, pow(10, oom)) - pyFloorDiv(absMin, pow(10, oom)) <= 1 { oom -= 1; if oom < -400 { break } }
                oom += 1
            }
            let n = Double(offsetThreshold - 1)
            offset = pyFloorDiv(absMax, pow(10, oom)) >= pow(10, n) ? sign * pyFloorDiv(absMax, pow(10, oom)) * pow(10, oom) : 0
        }
        // Order of magnitude.
        var orderOfMagnitude = 0
        let absVisible = visible.map(abs)
        if !absVisible.isEmpty {
            let oom: Int
            if offset != 0 {
                oom = Int(floor(log10(vmax - vmin)))
            } else {
                let val = absVisible.max()!
                oom = val == 0 ? 0 : Int(floor(log10(val)))
            }
            if oom <= powerLimits.0 || oom >= powerLimits.1 { orderOfMagnitude = oom }
        }
        // Decimals.
        let scale = pow(10, Double(orderOfMagnitude))
        var scaled = locs.map { ($0 - offset) / scale }
        if locs.count < 2 { scaled += [(vmin - offset) / scale, (vmax - offset) / scale] }
        var locRange = (scaled.max() ?? 0) - (scaled.min() ?? 0)
        if locRange == 0 { locRange = scaled.map(abs).max() ?? 0 }
        if locRange == 0 { locRange = 1 }
        if locs.count < 2 { scaled.removeLast(2) }
        let rangeOOM = Int(floor(log10(locRange)))
        var sigfigs = max(0, 3 - rangeOOM)
        let thresh = 1e-3 * pow(10, Double(rangeOOM))
        while sigfigs >= 0 {
            let err = scaled.map { abs($0 - npRound($0, sigfigs)) }.max() ?? 0
            if err < thresh { sigfigs -= 1 } else { break }
        }
        sigfigs += 1
        let minus = unicodeMinus ? "\u{2212}" : "-"
        func fmt(_ v: Double, _ decimals: Int) -> String {
            var s = String(format: "%1.\(decimals)f", v)
            if s.hasPrefix("-") { s = minus + s.dropFirst() }
            return s
        }
        let labels = locs.map { loc -> String in
            var xp = (loc - offset) / scale
            if abs(xp) < 1e-8 { xp = 0 }
            return fmt(xp, sigfigs)
        }
        var offsetText = ""
        if orderOfMagnitude != 0 || offset != 0 {
            var sci = ""
            var off = ""
            if offset != 0 {
                off = formatData(offset)
                if offset > 0 { off = "+" + off }
            }
            if orderOfMagnitude != 0 { sci = "1e\(orderOfMagnitude)" }
            offsetText = (sci + off).replacingOccurrences(of: "-", with: minus)
        }
        return Labels(labels: labels, offsetText: offsetText)
    }

    /// A compact representation of a number for the offset text (like `ScalarFormatter.format_data`).
    static func formatData(_ v: Double) -> String {
        var s = String(format: "%.10e", v)
        // strip trailing zeros of the mantissa: 1.5000000000e+06 -> 1.5e6
        if let e = s.firstIndex(of: "e") {
            var mant = String(s[..<e])
            var exp = String(s[s.index(after: e)...])
            while mant.hasSuffix("0") { mant.removeLast() }
            if mant.hasSuffix(".") { mant.removeLast() }
            if exp.hasPrefix("+") { exp.removeFirst() }
            while exp.hasPrefix("0") && exp.count > 1 { exp.removeFirst() }
            if exp.hasPrefix("-0") { exp = "-" + exp.dropFirst(2) }
            s = mant + "e" + exp
        }
        return s
    }
}
