/// An error thrown by the Clustering module for input it cannot work with.
///
/// Every public entry point validates its arguments and throws one of these instead of trapping.
/// `description` is a complete sentence suitable for showing to a user.
public enum ClusteringError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data has no rows (or no columns).
    case emptyData
    /// A value is NaN or infinite; `row` and `column` locate the first one.
    case nonFiniteValue(row: Int, column: Int)
    /// Row `row` has `actual` values where `expected` were required.
    case mismatchedRowLength(row: Int, expected: Int, actual: Int)
    /// A flat value array does not hold `rows × columns` values.
    case mismatchedStorage(rows: Int, columns: Int, count: Int)
    /// The number of clusters is below 1.
    case tooFewClusters(Int)
    /// The number of clusters exceeds the number of samples.
    case tooManyClusters(clusters: Int, samples: Int)
    /// A sample count is below 1 (or a per-centre count is negative).
    case invalidSampleCount(Int)
    /// A standard deviation is negative or not finite.
    case invalidStandardDeviation(Double)
    /// A seed lies outside numpy's accepted range 0…2³²−1.
    case seedOutOfRange(Int)
    /// Any other invalid argument; `name` is the parameter, `reason` says what is wrong.
    case invalidArgument(name: String, reason: String)
    /// A Gaussian mixture component's covariance is not positive definite (scikit-learn's
    /// "ill-defined empirical covariance" error).
    case illDefinedCovariance

    /// The message, one line.
    public var description: String {
        switch self {
        case .emptyData:
            return "The data is empty: at least one sample with at least one feature is required."
        case let .nonFiniteValue(row, column):
            return "The data contains a NaN or infinite value at row \(row), column \(column)."
        case let .mismatchedRowLength(row, expected, actual):
            return "Row \(row) has \(actual) values, but the first row has \(expected)."
        case let .mismatchedStorage(rows, columns, count):
            return "A \(rows) × \(columns) matrix needs \(rows &* columns) values, but \(count) were given."
        case let .tooFewClusters(k):
            return "The number of clusters must be at least 1, got \(k)."
        case let .tooManyClusters(k, n):
            return "The number of clusters (\(k)) must not exceed the number of samples (\(n))."
        case let .invalidSampleCount(n):
            return "The number of samples must be at least 1 (per-centre counts at least 0), got \(n)."
        case let .invalidStandardDeviation(s):
            return "A standard deviation must be finite and not negative, got \(s)."
        case let .seedOutOfRange(s):
            return "The seed must be between 0 and 4294967295 (2^32 - 1), got \(s)."
        case let .invalidArgument(name, reason):
            return "Invalid \(name): \(reason)."
        case .illDefinedCovariance:
            return "Fitting the mixture model failed because some components have ill-defined empirical covariance "
                + "(for instance caused by singleton or collapsed samples). Try to decrease the number of components, "
                + "increase reg_covar, or scale the input data."
        }
    }
}
