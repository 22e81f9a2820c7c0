import Clustering
import FigureConfig
import Foundation

/// Every number behind a figure: the points and the results of each analysis of the spec.
public struct FigureData: Sendable {
    /// Column names (`x1`, `x2`, … or the CSV header names).
    public var columns: [String]
    /// The points, one row each.
    public var points: DataMatrix
    /// The generating blob of each row; −1 for rows from other sources. Nil when no blobs are involved.
    public var blobLabels: [Int]?
    /// The k-means fit.
    public var kmeans: KMeansResult?
    /// Distances to the k-means centres and the anomaly flags.
    public var threshold: ThresholdResult?
    /// The seed's Lloyd loop, iteration by iteration.
    public var trace: LloydTraceResult?
    /// The elbow sweep.
    public var elbow: ElbowResult?
}

/// Result of `distance_threshold`.
public struct ThresholdResult: Sendable {
    /// The percentile used.
    public var percentile: Double
    /// Each point's distance to its k-means centre.
    public var distances: [Double]
    /// `np.percentile(distances, percentile)`.
    public var threshold: Double
    /// `distances > threshold`.
    public var outliers: [Bool]
}

/// Result of `lloyd_trace`.
public struct LloydTraceResult: Sendable {
    /// The starting centres.
    public var initialCenters: DataMatrix
    /// Per iteration: the centres used, distances, nearest centre, counts.
    public var trace: SeedLloydTrace
}

/// Result of `elbow`.
public struct ElbowResult: Sendable {
    /// The k values.
    public var ks: [Int]
    /// Inertia for each k.
    public var inertias: [Double]
    /// The fits.
    public var fits: [KMeansResult]
    /// The knee by the maximum-distance-to-chord rule, as a k (nil when the curve has none).
    public var knee: Int?
}

/// A failure while computing or drawing a figure, with the config location it is about.
public struct GalleryError: Error, Sendable, CustomStringConvertible {
    /// True when the config or its input is at fault (exit status 2); false for other failures (1).
    public var isInputError: Bool
    /// The one-line message, `FILE:LINE:COLUMN: …`.
    public var description: String

    /// An error at a config location.
    public init(_ message: String, at location: SourceLocation, keyPath: String = "", isInputError: Bool = true) {
        self.isInputError = isInputError
        self.description = ConfigError(message, at: location, keyPath: keyPath).description
    }
}

extension FigureData {
    /// Runs the data sources and analyses of `spec`. `threads` is passed to k-means (results do not
    /// depend on it).
    public static func compute(_ spec: FigureSpec, threads: Int? = nil) throws -> FigureData {
        let (points, labels) = try makePoints(spec.data, keyPath: "data")
        var data = FigureData(columns: spec.data.columnNames ?? (1...max(1, points.columns)).map { "x\($0)" },
                              points: points, blobLabels: labels)
        if case let .csv(c) = spec.data, let t = c.table { data.columns = t.columns }
        let c = spec.clustering
        if let km = c.kmeans {
            data.kmeans = try run("clustering.kmeans", at: km.kLocation) {
                try KMeans(k: km.k, seed: Int(km.seed), nInit: km.initializations == 1 ? nil : km.initializations,
                           maxIter: km.maxIterations, tol: km.tolerance, threads: threads).fit(points)
            }
        }
        if let t = c.distanceThreshold, let fit = data.kmeans {
            data.threshold = try run("clustering.distance_threshold", at: t.location) {
                try threshold(points: points, fit: fit, percentile: t.percentile)
            }
        }
        if let lt = c.lloydTrace {
            data.trace = try run("clustering.lloyd_trace", at: lt.location) {
                let initial: DataMatrix
                switch lt.initialCenters {
                case let .points(p): initial = try DataMatrix(p)
                case let .uniform(u): initial = try uniform(u)
                }
                return LloydTraceResult(initialCenters: initial,
                                        trace: try seedLloyd(points: points, initialCenters: initial, iterations: lt.iterations))
            }
        }
        if let el = c.elbow {
            data.elbow = try run("clustering.elbow", at: el.location) {
                let fits = try el.ks.map {
                    try KMeans(k: $0, seed: Int(el.seed), nInit: el.initializations == 1 ? nil : el.initializations,
                               maxIter: el.maxIterations, tol: el.tolerance, threads: threads).fit(points)
                }
                let inertias = fits.map(\.inertia)
                let knee = kneeIndex(x: el.ks.map(Double.init), y: inertias).map { el.ks[$0] }
                return ElbowResult(ks: el.ks, inertias: inertias, fits: fits, knee: knee)
            }
        }
        return data
    }

    static func run<T>(_ path: String, at location: SourceLocation, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as ClusteringError {
            throw GalleryError("\(e)", at: location, keyPath: path)
        }
    }

    /// Distances of every point to its own k-means centre (numpy's `norm`: pairwise sum of squares,
    /// then the square root) and the percentile threshold.
    static func threshold(points: DataMatrix, fit: KMeansResult, percentile: Double) throws -> ThresholdResult {
        if fit.centers.rows == 1 {
            let s = try anomalyScores(points: points, center: fit.centers.row(0), percentile: percentile)
            return ThresholdResult(percentile: percentile, distances: s.distances, threshold: s.threshold, outliers: s.outliers)
        }
        let distances = centreDistances(points: points, fit: fit)
        let t = try NumpyMath.percentile(distances, percentile)
        return ThresholdResult(percentile: percentile, distances: distances, threshold: t, outliers: distances.map { $0 > t })
    }

    /// Each point's distance to its own k-means centre (numpy's `norm` of the difference row).
    static func centreDistances(points: DataMatrix, fit: KMeansResult) -> [Double] {
        let d = points.columns
        var squares = [Double](repeating: 0, count: d)
        var distances = [Double](repeating: 0, count: points.rows)
        for p in 0..<points.rows {
            let c = fit.labels[p]
            for f in 0..<d {
                let t = points[p, f] - fit.centers[c, f]
                squares[f] = t * t
            }
            distances[p] = NumpyMath.pairwiseSum(squares).squareRoot()
        }
        return distances
    }

    /// `RandomState(seed).uniform(low, high, size=(n, d))` (rows) or one column after another (columns).
    static func uniform(_ u: UniformSpec) throws -> DataMatrix {
        var rs = try RandomState(seed: Int(u.seed))
        let n = u.samples, d = u.features
        var v = [Double](repeating: 0, count: n * d)
        switch u.fill {
        case .rows:
            for i in 0..<n {
                for j in 0..<d { v[i * d + j] = try rs.uniform(low: u.low[j], high: u.high[j]) }
            }
        case .columns:
            for j in 0..<d {
                let col = try rs.uniform(low: u.low[j], high: u.high[j], count: n)
                for i in 0..<n { v[i * d + j] = col[i] }
            }
        }
        return try DataMatrix(rows: n, columns: d, values: v)
    }

    static func makePoints(_ spec: DataSpec, keyPath: String) throws -> (DataMatrix, [Int]?) {
        switch spec {
        case let .blobs(b):
            let blobs = try run(keyPath + ".blobs", at: b.location) {
                try makeBlobs(samples: .total(b.samples),
                              centers: try b.centerPoints.map { .given(try DataMatrix($0)) } ?? .random(b.centers),
                              features: b.features, std: .same(b.std), centerBox: (b.centerBox[0], b.centerBox[1]),
                              shuffle: b.shuffle, seed: Int(b.seed))
            }
            return (blobs.points, blobs.labels)
        case let .uniform(u):
            return (try run(keyPath + ".uniform", at: u.location) { try uniform(u) }, nil)
        case let .csv(c):
            guard let t = c.table else { throw GalleryError("the CSV file was not read", at: c.location, keyPath: keyPath + ".csv") }
            return (try run(keyPath + ".csv", at: c.location) { try DataMatrix(t.rows) }, nil)
        case let .concat(parts):
            var matrix: DataMatrix?
            var labels: [Int] = []
            var anyBlobs = false
            for (i, p) in parts.enumerated() {
                let (m, l) = try makePoints(p, keyPath: "\(keyPath).concat[\(i)]")
                anyBlobs = anyBlobs || l != nil
                labels += l ?? Array(repeating: -1, count: m.rows)
                matrix = try matrix.map { prev in try run(keyPath + ".concat", at: p.location) { try prev.appendingRows(of: m) } } ?? m
            }
            return (matrix!, anyBlobs ? labels : nil)
        }
    }
}
