/// One pass of the seed app's own K-Means loop (the 4×3 iteration grid).
public struct SeedIteration: Sendable, Equatable {
    /// The 0-based iteration number (the grid title shows `index + 1`).
    public var index: Int
    /// The centres used in this iteration, one per row (plotted as black crosses).
    public var centers: DataMatrix
    /// `distances[p, i]`: Euclidean distance of point `p` to centre `i` (the seed's table).
    public var distances: DataMatrix
    /// The nearest centre of each point (first index on ties; a NaN distance wins, as `np.argmin`).
    public var assignments: [Int]
    /// How many points each centre got.
    public var counts: [Int]
}

/// The whole run of the seed's loop: every iteration and the centres after the last update.
public struct SeedLloydTrace: Sendable, Equatable {
    /// The iterations in order.
    public var iterations: [SeedIteration]
    /// The centres computed from the last iteration's assignments (not plotted by the seed).
    public var finalCenters: DataMatrix
}

/// The seed's random initial centres: `np.random.seed(s)` then
/// `column_stack((uniform(xLow, xHigh, count), uniform(yLow, yHigh, count)))`, drawn from the
/// caller's global `RandomState` (pass a freshly seeded one to reproduce `np.random.seed(42)`).
/// - Throws: `ClusteringError.invalidArgument` for a count below 1 or non-finite ranges.
public func seedInitialCenters(
    from global: inout RandomState, count: Int = 3,
    xRange: (low: Double, high: Double) = (-10, 10), yRange: (low: Double, high: Double) = (-10, 5)
) throws -> DataMatrix {
    guard count >= 1 else { throw ClusteringError.tooFewClusters(count) }
    let xs = try global.uniform(low: xRange.low, high: xRange.high, count: count)
    let ys = try global.uniform(low: yRange.low, high: yRange.high, count: count)
    var v: [Double] = []
    for i in 0..<count { v.append(xs[i]); v.append(ys[i]) }
    return DataMatrix(uncheckedRows: count, columns: 2, values: v)
}

/// The seed app's own Lloyd loop, exactly as numpy and pandas compute it.
///
/// Each iteration: `distances = np.linalg.norm(points[:, None] - centers, axis=2)` (a pairwise sum
/// of squares, then `sqrt`), `closest = argmin(distances, axis=1)`, then every centre becomes the
/// pandas mean of its member rows (a pairwise sum in row order divided by the count; an empty
/// cluster gives NaN, as in pandas).
/// - Parameters:
///   - points: the samples (n × d).
///   - initialCenters: the starting centres (k × d).
///   - iterations: how many iterations to record (the seed uses 12).
/// - Throws: `ClusteringError` for empty or non-finite input, mismatched widths, or `iterations < 1`.
public func seedLloyd(points: DataMatrix, initialCenters: DataMatrix, iterations: Int = 12) throws -> SeedLloydTrace {
    try points.validateNonEmptyFinite()
    try initialCenters.validateNonEmptyFinite()
    guard initialCenters.columns == points.columns else {
        throw ClusteringError.mismatchedRowLength(row: 0, expected: points.columns, actual: initialCenters.columns)
    }
    guard iterations >= 1 else {
        throw ClusteringError.invalidArgument(name: "iterations", reason: "must be at least 1, got \(iterations)")
    }
    let n = points.rows, d = points.columns, k = initialCenters.rows
    var centers = initialCenters
    var out: [SeedIteration] = []
    var squares = [Double](repeating: 0, count: d)
    for index in 0..<iterations {
        var dist = [Double](repeating: 0, count: n * k)
        var closest = [Int](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: k)
        for p in 0..<n {
            var best = 0
            for i in 0..<k {
                for f in 0..<d {
                    let t = points.values[p * d + f] - centers.values[i * d + f]
                    squares[f] = t * t
                }
                let v = NumpyMath.pairwiseSum(squares).squareRoot()
                dist[p * k + i] = v
                let b = dist[p * k + best]
                if !b.isNaN && (v.isNaN || v < b) { best = i }
            }
            closest[p] = best
            counts[best] += 1
        }
        out.append(SeedIteration(
            index: index, centers: centers,
            distances: DataMatrix(uncheckedRows: n, columns: k, values: dist),
            assignments: closest, counts: counts))
        // pandas mean of the member rows, column by column.
        var next = [Double](repeating: .nan, count: k * d)
        for i in 0..<k where counts[i] > 0 {
            var column = [Double]()
            column.reserveCapacity(counts[i])
            for f in 0..<d {
                column.removeAll(keepingCapacity: true)
                for p in 0..<n where closest[p] == i { column.append(points.values[p * d + f]) }
                next[i * d + f] = NumpyMath.pairwiseSum(column) / Double(counts[i])
            }
        }
        centers = DataMatrix(uncheckedRows: k, columns: d, values: next)
    }
    return SeedLloydTrace(iterations: out, finalCenters: centers)
}

/// Distance-based anomaly scores (figure 2 of the seed): each point's distance to its cluster's
/// centre and the points beyond a percentile of those distances.
public struct AnomalyScores: Sendable, Equatable {
    /// The centres the distances are measured from (one row per cluster).
    public var centers: DataMatrix
    /// `np.linalg.norm(X - centers[label], axis=1)` for every sample.
    public var distances: [Double]
    /// `np.percentile(distances, percentile)` (linear method).
    public var threshold: Double
    /// `distances > threshold`.
    public var outliers: [Bool]
    /// The number of outliers.
    public var outlierCount: Int { outliers.lazy.filter { $0 }.count }
    /// The first centre (the only one in the seed's single-cluster case).
    public var center: [Double] { centers.row(0) }
}

/// Scores every sample by its distance to `center` and flags those above the given percentile.
/// - Throws: `ClusteringError` for empty or non-finite input, a centre of the wrong width, or a
///   percentile outside 0…100.
public func anomalyScores(points: DataMatrix, center: [Double], percentile: Double = 95) throws -> AnomalyScores {
    try points.validateNonEmptyFinite()
    let d = points.columns
    guard center.count == d else {
        throw ClusteringError.mismatchedRowLength(row: 0, expected: d, actual: center.count)
    }
    if let f = center.firstIndex(where: { !$0.isFinite }) { throw ClusteringError.nonFiniteValue(row: 0, column: f) }
    let centers = try DataMatrix(rows: 1, columns: d, values: center)
    return try anomalyScores(points: points, labels: Array(repeating: 0, count: points.rows), centers: centers, percentile: percentile)
}

/// Scores every sample by its distance to its own cluster's centre (`labels[i]` indexes `centers`),
/// as `np.linalg.norm` computes it (a pairwise sum of the squared differences, then `sqrt`), and
/// flags those above the given percentile of all distances.
/// - Throws: `ClusteringError` for empty or non-finite input, mismatched widths or labels, or a
///   percentile outside 0…100.
public func anomalyScores(points: DataMatrix, labels: [Int], centers: DataMatrix, percentile: Double = 95) throws -> AnomalyScores {
    let distances = try centreDistances(points: points, labels: labels, centers: centers)
    let threshold = try NumpyMath.percentile(distances, percentile)
    return AnomalyScores(centers: centers, distances: distances, threshold: threshold, outliers: distances.map { $0 > threshold })
}

/// Each sample's distance to its own cluster's centre, `np.linalg.norm(X - centers[labels], axis=1)`:
/// a pairwise sum of the squared differences, then `sqrt`.
/// - Throws: `ClusteringError` for empty or non-finite points, mismatched widths, or a label that
///   is not a row of `centers`.
public func centreDistances(points: DataMatrix, labels: [Int], centers: DataMatrix) throws -> [Double] {
    try points.validateNonEmptyFinite()
    let d = points.columns
    guard centers.columns == d else { throw ClusteringError.mismatchedRowLength(row: 0, expected: d, actual: centers.columns) }
    guard labels.count == points.rows else {
        throw ClusteringError.invalidArgument(name: "labels", reason: "need one label per point (\(labels.count) for \(points.rows))")
    }
    if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= centers.rows }) {
        throw ClusteringError.invalidArgument(name: "labels", reason: "label \(labels[bad]) of row \(bad) is not a centre")
    }
    var squares = [Double](repeating: 0, count: d)
    var distances = [Double](repeating: 0, count: points.rows)
    for p in 0..<points.rows {
        let c = labels[p]
        for f in 0..<d {
            let t = points.values[p * d + f] - centers.values[c * d + f]
            squares[f] = t * t
        }
        distances[p] = NumpyMath.pairwiseSum(squares).squareRoot()
    }
    return distances
}

/// The seed's anomaly detection: `KMeans(1, seed)` on the points, then `anomalyScores` around the
/// single centre.
/// - Throws: see `KMeans.fit` and `anomalyScores(points:center:percentile:)`.
public func detectAnomalies(points: DataMatrix, seed: Int, percentile: Double = 95, threads: Int? = nil) throws -> AnomalyScores {
    let fit = try KMeans(k: 1, seed: seed, threads: threads).fit(points)
    return try anomalyScores(points: points, center: fit.centers.row(0), percentile: percentile)
}

/// The elbow sweep: one `KMeans(k, seed)` per k, each with a fresh `RandomState(seed)`.
public struct ElbowCurve: Sendable, Equatable {
    /// The cluster counts, in order.
    public var clusterCounts: [Int]
    /// The inertia for each count.
    public var inertias: [Double]
    /// The full fits, for each count.
    public var fits: [KMeansResult]
    /// The knee of the curve by `kneeIndex(x:y:)`, as a cluster count (nil when undefined).
    public var knee: Int? {
        kneeIndex(x: clusterCounts.map(Double.init), y: inertias).map { clusterCounts[$0] }
    }
}

/// Runs `KMeans(k, seed, n_init, max_iter, tol)` for every k in `clusterCounts` (the seed: 1…9,
/// seed 42, scikit-learn's defaults otherwise).
/// - Throws: see `KMeans.fit`; also `.invalidArgument` for an empty list of counts.
public func elbowSweep(
    points: DataMatrix, clusterCounts: [Int] = Array(1...9), seed: Int = 42, nInit: Int? = nil, maxIterations: Int = 300,
    tolerance: Double = 1e-4, threads: Int? = nil
) throws -> ElbowCurve {
    guard !clusterCounts.isEmpty else {
        throw ClusteringError.invalidArgument(name: "clusterCounts", reason: "at least one cluster count is required")
    }
    let fits = try clusterCounts.map {
        try KMeans(k: $0, seed: seed, nInit: nInit, maxIter: maxIterations, tol: tolerance, threads: threads).fit(points)
    }
    return ElbowCurve(clusterCounts: clusterCounts, inertias: fits.map(\.inertia), fits: fits)
}

/// The knee of a curve by the maximum-distance-to-chord rule ("kneedle" without smoothing).
///
/// Both axes are scaled to 0…1 by their minimum and maximum; the knee is the point farthest
/// (perpendicular distance) from the straight line through the first and last points. Ties go to
/// the earlier point. Returns `nil` for fewer than three points, mismatched lengths, non-finite
/// values, or a curve with no point off the chord (a straight line).
public func kneeIndex(x: [Double], y: [Double]) -> Int? {
    guard x.count == y.count, x.count >= 3, x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else { return nil }
    guard let xMin = x.min(), let xMax = x.max(), let yMin = y.min(), let yMax = y.max(),
          xMax > xMin, yMax > yMin else { return nil }
    let xs = x.map { ($0 - xMin) / (xMax - xMin) }
    let ys = y.map { ($0 - yMin) / (yMax - yMin) }
    let n = xs.count
    let dx = xs[n - 1] - xs[0], dy = ys[n - 1] - ys[0]
    let length = (dx * dx + dy * dy).squareRoot()
    guard length > 0 else { return nil }
    var best: Int?
    var bestDistance = 0.0
    for i in 1..<(n - 1) {
        let distance = abs(dx * (ys[0] - ys[i]) - (xs[0] - xs[i]) * dy) / length
        if distance > bestDistance + 1e-12 {
            bestDistance = distance
            best = i
        }
    }
    return best
}
