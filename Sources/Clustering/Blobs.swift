/// Isotropic Gaussian blobs, the output of `makeBlobs`.
public struct Blobs: Sendable, Equatable {
    /// The samples, one per row (`X`).
    public var points: DataMatrix
    /// The blob each sample was drawn from (`y`), 0-based.
    public var labels: [Int]
    /// The blob centres, one per row (`return_centers=True`).
    public var centers: DataMatrix
}

/// How many samples `makeBlobs` draws: a total split evenly over the centres, or one count per centre.
public enum BlobSampleCounts: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
    /// `n` samples in total; centre `c` gets `n / k` plus one when `c < n % k`.
    case total(Int)
    /// Exactly `counts[c]` samples for centre `c` (the number of centres is `counts.count`).
    case perCenter([Int])

    /// `samples: 300`: that many in total.
    public init(integerLiteral value: Int) { self = .total(value) }
    /// `[100, 50]`: that many per centre.
    public init(arrayLiteral elements: Int...) { self = .perCenter(elements) }
}

/// The blob centres `makeBlobs` uses: drawn uniformly in the centre box, or given.
public enum BlobCenters: Sendable, Equatable, ExpressibleByIntegerLiteral {
    /// `k` centres drawn with `uniform(low, high)` in row-major order.
    case random(Int)
    /// These centres, one per row (no random draws for them).
    case given(DataMatrix)

    /// `centers: 3`: that many random centres.
    public init(integerLiteral value: Int) { self = .random(value) }
}

/// The standard deviation of each blob: one for all, or one per centre.
public enum BlobStandardDeviation: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral
{
    /// The same standard deviation for every blob.
    case same(Double)
    /// `values[c]` for blob `c`.
    case perCenter([Double])

    /// `std: 1.5`: the same spread for every centre.
    public init(floatLiteral value: Double) { self = .same(value) }
    /// `std: 2`: the same spread for every centre.
    public init(integerLiteral value: Int) { self = .same(Double(value)) }
    /// `[1, 2.5, 0.5]`: one spread per centre.
    public init(arrayLiteral elements: Double...) { self = .perCenter(elements) }
}

/// scikit-learn's `make_blobs`, reproduced bit for bit.
///
/// One `RandomState(seed)` serves every stage, in scikit-learn's order: the random centres
/// (`uniform(low, high)` row by row), then the samples centre by centre (`normal(centre, std)` in
/// row-major order, the Gaussian cache carrying over between centres), then the shuffle of the rows.
///
/// ```swift
/// let blobs = try makeBlobs(samples: 300, centers: 4, std: 1.0, seed: 42)
/// blobs.points   // 300 × 2, identical to make_blobs(300, centers=4, random_state=42)[0]
/// ```
/// - Parameters:
///   - samples: the total number of samples (≥ 1) or one count per centre (each ≥ 0, total ≥ 1).
///   - centers: the number of random centres (default 3, or one per count) or the centres themselves.
///   - features: the number of features of random centres (ignored for given centres).
///   - std: one standard deviation for all blobs or one per blob (each ≥ 0).
///   - centerBox: the bounds of the random centres.
///   - shuffle: whether to shuffle the rows (scikit-learn's default `true`).
///   - seed: the `random_state`, 0…2³²−1.
///   - threads: the number of threads (default: all processors); the result is the same for any.
/// - Throws: `ClusteringError` for invalid counts, seeds, deviations, centres or boxes.
public func makeBlobs(
    samples: BlobSampleCounts,
    centers: BlobCenters? = nil,
    features: Int = 2,
    std: BlobStandardDeviation = .same(1.0),
    centerBox: (low: Double, high: Double) = (-10.0, 10.0),
    shuffle: Bool = true,
    seed: Int,
    threads: Int? = nil
) throws -> Blobs {
    let threads = try Parallelism.resolve(threads)
    var rs = try RandomState(seed: seed)
    // Sample counts and number of centres.
    let centerCount: Int
    switch (samples, centers) {
    case let (.total(n), _):
        guard n >= 1 else { throw ClusteringError.invalidSampleCount(n) }
        switch centers {
        case nil: centerCount = 3
        case let .random(k)?: centerCount = k
        case let .given(c)?: centerCount = c.rows
        }
    case let (.perCenter(counts), nil):
        centerCount = counts.count
    case let (.perCenter(counts), .random(k)?):
        guard k == counts.count else {
            throw ClusteringError.invalidArgument(
                name: "centers", reason: "\(k) centres requested but \(counts.count) per-centre sample counts given")
        }
        centerCount = k
    case let (.perCenter(counts), .given(c)?):
        guard c.rows == counts.count else {
            throw ClusteringError.invalidArgument(
                name: "centers", reason: "\(c.rows) centres given but \(counts.count) per-centre sample counts")
        }
        centerCount = c.rows
    }
    guard centerCount >= 1 else { throw ClusteringError.tooFewClusters(centerCount) }

    var counts: [Int]
    switch samples {
    case let .total(n):
        counts = Array(repeating: n / centerCount, count: centerCount)
        for c in 0..<(n % centerCount) { counts[c] += 1 }
    case let .perCenter(given):
        for v in given where v < 0 { throw ClusteringError.invalidSampleCount(v) }
        let total = given.reduce(0, +)
        guard total >= 1 else { throw ClusteringError.invalidSampleCount(total) }
        counts = given
    }

    let stds: [Double]
    switch std {
    case let .same(s): stds = Array(repeating: s, count: centerCount)
    case let .perCenter(list):
        guard list.count == centerCount else {
            throw ClusteringError.invalidArgument(
                name: "std", reason: "\(list.count) standard deviations given for \(centerCount) centres")
        }
        stds = list
    }
    for s in stds where !(s >= 0 && s.isFinite) { throw ClusteringError.invalidStandardDeviation(s) }

    // Centres.
    let centerMatrix: DataMatrix
    switch centers {
    case let .given(c)?:
        try c.validateNonEmptyFinite()
        centerMatrix = c
    default:
        guard features >= 1 else {
            throw ClusteringError.invalidArgument(name: "features", reason: "must be at least 1, got \(features)")
        }
        let values = try rs.uniform(low: centerBox.low, high: centerBox.high, count: centerCount * features)
        centerMatrix = DataMatrix(uncheckedRows: centerCount, columns: features, values: values)
    }
    let d = centerMatrix.columns
    let n = counts.reduce(0, +)

    let sampled = BlobSampler(
        centers: centerMatrix, counts: counts, stds: stds, shuffle: shuffle,
        threads: threads)
    let (x, y) = sampled.draw(&rs)
    let points = DataMatrix(uncheckedRows: n, columns: d, values: x)
    return Blobs(points: points, labels: y, centers: centerMatrix)
}

/// `makeBlobs` with plain integer arguments, for callers holding counts in variables.
/// - Throws: see `makeBlobs(samples:centers:features:std:centerBox:shuffle:seed:)`.
public func makeBlobs(
    samples: Int,
    centers: Int,
    features: Int = 2,
    std: Double = 1.0,
    centerBox: (low: Double, high: Double) = (-10.0, 10.0),
    shuffle: Bool = true,
    seed: Int
) throws -> Blobs {
    try makeBlobs(
        samples: .total(samples), centers: .random(centers), features: features, std: .same(std),
        centerBox: centerBox, shuffle: shuffle, seed: seed)
}
