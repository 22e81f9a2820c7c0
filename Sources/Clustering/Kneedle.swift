/// The shape of a curve for knee detection (kneed's `curve`).
public enum KneeCurve: String, Sendable, Equatable, CaseIterable {
    /// Bends down (a knee), like the silhouette or Calinski–Harabasz curves.
    case concave
    /// Bends up (an elbow), like inertia or distortion curves.
    case convex
}

/// Whether the curve rises or falls (kneed's `direction`).
public enum KneeDirection: String, Sendable, Equatable, CaseIterable {
    /// y grows with x.
    case increasing
    /// y falls with x.
    case decreasing
}

/// How the knee of a curve is chosen.
public enum KneeMethod: String, Sendable, Equatable, CaseIterable {
    /// kneed 0.8.6's `KneeLocator` (the Kneedle algorithm with its thresholds), bit for bit.
    case kneedle
    /// ClusterPlot's original rule: the point farthest from the chord (`kneeIndex(x:y:)`).
    case chord
}

/// A knee found on a curve.
public struct Knee: Sendable, Equatable {
    /// The index of the knee point in the input arrays.
    public var index: Int
    /// `x[index]` (kneed's `knee`).
    public var x: Double
    /// kneed's `knee_y`: the first `y` whose `x` equals the knee, but `nil` when the knee is at
    /// x = 0 (kneed tests `if self.knee:`, and 0 is false). For `.chord`, always `y[index]`.
    public var y: Double?
}

/// Knee detection settings, as the config layer spells them
/// (`knee: {method, sensitivity, online, curve, direction}`).
public struct KneeLocator: Sendable, Equatable {
    /// Kneedle (kneed) or the chord rule.
    public var method: KneeMethod
    /// kneed's `S` (default 1).
    public var sensitivity: Double
    /// kneed's `online`: keep correcting and return the last knee (default false: the first).
    public var online: Bool
    /// kneed's `curve` (ignored by `.chord`).
    public var curve: KneeCurve
    /// kneed's `direction` (ignored by `.chord`).
    public var direction: KneeDirection

    /// Creates knee settings; kneed's defaults are `curve: .concave, direction: .increasing`
    /// (for an elbow curve use `ElbowMetric.kneeLocator()`).
    public init(
        method: KneeMethod = .kneedle, sensitivity: Double = 1.0, online: Bool = false,
        curve: KneeCurve = .concave, direction: KneeDirection = .increasing
    ) {
        self.method = method
        self.sensitivity = sensitivity
        self.online = online
        self.curve = curve
        self.direction = direction
    }

    /// The knee of `(x, y)`, or `nil` when there is none.
    /// - Throws: `ClusteringError` for mismatched or empty arrays, non-finite values or a non-finite
    ///   sensitivity.
    public func locate(x: [Double], y: [Double]) throws -> Knee? {
        switch method {
        case .kneedle:
            return try kneedle(x: x, y: y, sensitivity: sensitivity, curve: curve, direction: direction, online: online)
        case .chord:
            try Kneedle.validate(x, y)
            return kneeIndex(x: x, y: y).map { Knee(index: $0, x: x[$0], y: y[$0]) }
        }
    }
}

/// kneed 0.8.6 `KneeLocator(x, y, S, curve, direction, online, interp_method="interp1d")`:
/// `.knee` and `.knee_y`. See `Kneedle` for the steps.
/// - Throws: `ClusteringError` for mismatched or empty arrays, non-finite values or sensitivity.
public func kneedle(
    x: [Double], y: [Double], sensitivity: Double = 1.0, curve: KneeCurve = .concave,
    direction: KneeDirection = .increasing, online: Bool = false
) throws -> Knee? {
    try Kneedle.validate(x, y)
    guard sensitivity.isFinite else { throw ClusteringError.invalidArgument(name: "sensitivity", reason: "must be finite, got \(sensitivity)") }
    return Kneedle.locate(x: x, y: y, s: sensitivity, curve: curve, direction: direction, online: online)
}

/// kneed 0.8.6's arithmetic, step by step (`kneed/knee_locator.py`).
enum Kneedle {
    static func validate(_ x: [Double], _ y: [Double]) throws {
        guard x.count == y.count else {
            throw ClusteringError.invalidArgument(name: "y", reason: "has \(y.count) values for \(x.count) x values")
        }
        // interp1d raises for empty input.
        guard !x.isEmpty else { throw ClusteringError.emptyData }
        if let i = x.firstIndex(where: { !$0.isFinite }) { throw ClusteringError.nonFiniteValue(row: i, column: 0) }
        if let i = y.firstIndex(where: { !$0.isFinite }) { throw ClusteringError.nonFiniteValue(row: i, column: 1) }
    }

    /// `interp1d(x, y)(x)`: scipy sorts x stably (mergesort) and calls `np.interp`, which at a node
    /// returns the y of the last sorted entry whose x is ≤ the node, i.e. the last duplicate. For
    /// distinct x this is y itself.
    static func smoothed(_ x: [Double], _ y: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        let xs = order.map { x[$0] }, ys = order.map { y[$0] }
        return x.map { v in
            // last index j with xs[j] <= v (binary search; v is one of the nodes)
            var lo = 0, hi = xs.count
            while lo < hi { let mid = (lo + hi) / 2; if xs[mid] <= v { lo = mid + 1 } else { hi = mid } }
            return ys[lo - 1]
        }
    }

    /// `(a - min(a)) / (max(a) - min(a))` with Python's `min`/`max` (first extreme; 0/0 is NaN).
    static func normalize(_ a: [Double]) -> [Double] {
        var mn = a[0], mx = a[0]
        for v in a.dropFirst() {
            if v < mn { mn = v }
            if v > mx { mx = v }
        }
        let range = mx - mn
        return a.map { ($0 - mn) / range }
    }

    /// `transform_y`: fold every shape to concave increasing (`y.max()` is numpy's, NaN-propagating).
    static func transform(_ y: [Double], curve: KneeCurve, direction: KneeDirection) -> [Double] {
        func npMax(_ a: [Double]) -> Double {
            var m = a[0]
            for v in a.dropFirst() { if v > m || v.isNaN { m = v } }
            return a.contains(where: \.isNaN) ? .nan : m
        }
        switch (direction, curve) {
        case (.decreasing, .concave): return y.reversed()
        case (.decreasing, .convex): let m = npMax(y); return y.map { m - $0 }
        case (.increasing, .convex): let m = npMax(y); return y.map { m - $0 }.reversed()
        case (.increasing, .concave): return y
        }
    }

    /// `argrelextrema(a, comparator)` with order 1 and `mode='clip'` (the ends compare with themselves).
    static func extrema(_ a: [Double], _ keep: (Double, Double) -> Bool) -> [Int] {
        let n = a.count
        return (0..<n).filter { i in keep(a[i], a[min(i + 1, n - 1)]) && keep(a[i], a[max(i - 1, 0)]) }
    }

    static func locate(x: [Double], y: [Double], s: Double, curve: KneeCurve, direction: KneeDirection, online: Bool) -> Knee? {
        let n = x.count
        let xn = normalize(x)
        let yn = transform(normalize(smoothed(x, y)), curve: curve, direction: direction)
        let diff = (0..<n).map { yn[$0] - xn[$0] }
        let maxima = extrema(diff, >=)
        let minima = Set(extrema(diff, <=))
        // Tmx = y_d[maxima] − S · |mean(diff(x_n))| (numpy's pairwise mean; NaN for one point).
        let steps = (0..<max(n - 1, 0)).map { xn[$0 + 1] - xn[$0] }
        let meanStep = steps.isEmpty ? Double.nan : NumpyMath.pairwiseSum(steps) / Double(steps.count)
        let offset = s * abs(meanStep)
        let thresholds = maxima.map { diff[$0] - offset }
        guard let firstMax = maxima.first else { return nil }
        let maximaSet = Set(maxima)
        var maximaSeen = 0
        var threshold = 0.0, thresholdIndex = 0
        var active = true
        var found: Int?
        var i = firstMax
        while i < n - 1 {
            if maximaSet.contains(i) {
                threshold = thresholds[maximaSeen]
                thresholdIndex = i
                maximaSeen += 1
                active = true
            }
            // A plateau point is a maximum and a minimum; this rule comes second, so it wins.
            if minima.contains(i) {
                threshold = 0.0
                active = false
            }
            if active && diff[i + 1] < threshold {
                // Map back: the flipped shapes count from the end.
                let flipped = (curve == .convex) != (direction == .decreasing)
                found = flipped ? n - 1 - thresholdIndex : thresholdIndex
                if !online { break }
            }
            i += 1
        }
        guard let index = found else { return nil }
        let knee = x[index]
        // knee_y = y[x == knee][0], only `if self.knee:` (0 and -0.0 are false).
        let kneeY: Double? = knee == 0 ? nil : y[x.firstIndex(of: knee)!]
        return Knee(index: index, x: knee, y: kneeY)
    }
}
