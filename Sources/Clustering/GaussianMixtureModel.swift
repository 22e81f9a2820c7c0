#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A fitted Gaussian mixture: scikit-learn's fitted attributes, the final E-step on the training
/// data, and `predict` / `predict_proba` / `score_samples` / `score` / `bic` / `aic` for any data.
///
/// Shapes follow scikit-learn: `means` is k × d; `covariances` is flat row-major with shape
/// `covarianceShape` (full k × d × d, tied d × d, diag k × d, spherical k); `precisionsCholesky`
/// has the same shape (`precisions_cholesky_`).
public struct GaussianMixtureModel: Sendable, Equatable {
    /// The covariance form the model was fitted with.
    public let covarianceType: GaussianMixture.CovarianceType
    /// The number of components k.
    public let componentCount: Int
    /// The number of features d.
    public let featureCount: Int
    /// `weights_` (k).
    public var weights: [Double] { parameters.weights }
    /// `means_` (k × d).
    public var means: DataMatrix { DataMatrix(uncheckedRows: componentCount, columns: featureCount, values: parameters.means) }
    /// `covariances_`, flat row-major in `covarianceShape`.
    public var covariances: [Double] { parameters.covariances }
    /// `precisions_cholesky_`, flat row-major in `covarianceShape`.
    public var precisionsCholesky: [Double] { parameters.precisionsCholesky }
    /// The shape of `covariances` and `precisionsCholesky`.
    public var covarianceShape: [Int] {
        switch covarianceType {
        case .full: return [componentCount, featureCount, featureCount]
        case .tied: return [featureCount, featureCount]
        case .diag: return [componentCount, featureCount]
        case .spherical: return [componentCount]
        }
    }
    /// The EM steps of the winning initialisation (`n_iter_`).
    public let iterations: Int
    /// Whether the winning initialisation converged (`converged_`).
    public let converged: Bool
    /// The lower bound of the winning initialisation (`lower_bound_`, a mean log-likelihood).
    public let lowerBound: Double
    /// The lower bound after each EM step of the winning initialisation (`lower_bounds_`).
    public let lowerBounds: [Double]
    /// `predict(X)` on the training data.
    public internal(set) var labels: [Int] = []
    /// `predict_proba(X)` on the training data (n × k).
    public internal(set) var probabilities = DataMatrix(rows: 0, columns: 0)
    /// `score_samples(X)` on the training data: each sample's log-likelihood.
    public internal(set) var logLikelihoods: [Double] = []

    let parameters: MixtureParameters
    /// The thread count for `predict` & co. (never changes a result, so not part of equality).
    let threads: Int

    /// Models are equal when every fitted number is (the thread count is ignored).
    public static func == (a: GaussianMixtureModel, b: GaussianMixtureModel) -> Bool {
        a.covarianceType == b.covarianceType && a.componentCount == b.componentCount && a.featureCount == b.featureCount
            && a.parameters == b.parameters && a.iterations == b.iterations && a.converged == b.converged
            && a.lowerBound.bitPattern == b.lowerBound.bitPattern && a.lowerBounds == b.lowerBounds && a.labels == b.labels
            && a.probabilities == b.probabilities && a.logLikelihoods == b.logLikelihoods
    }

    init(
        covarianceType: GaussianMixture.CovarianceType, componentCount: Int, featureCount: Int,
        parameters: MixtureParameters, iterations: Int, converged: Bool, lowerBound: Double,
        lowerBounds: [Double], threads: Int
    ) {
        self.covarianceType = covarianceType
        self.componentCount = componentCount
        self.featureCount = featureCount
        self.parameters = parameters
        self.iterations = iterations
        self.converged = converged
        self.lowerBound = lowerBound
        self.lowerBounds = lowerBounds
        self.threads = threads
    }

    /// The d × d covariance of one component (for tied models every component's is the shared
    /// one; diag and spherical ones are expanded to diagonal matrices).
    public func covariance(ofComponent c: Int) -> DataMatrix {
        let d = featureCount
        var m = DataMatrix(rows: d, columns: d)
        let v = parameters.covariances
        for f in 0..<d {
            for h in 0..<d {
                switch covarianceType {
                case .full: m[f, h] = v[c * d * d + f * d + h]
                case .tied: m[f, h] = v[f * d + h]
                case .diag: m[f, h] = f == h ? v[c * d + f] : 0
                case .spherical: m[f, h] = f == h ? v[c] : 0
                }
            }
        }
        return m
    }

    /// The number of free parameters (`_n_parameters`).
    public var parameterCount: Int {
        let k = componentCount, d = featureCount
        let covarianceParameters: Int
        switch covarianceType {
        case .full: covarianceParameters = k * d * (d + 1) / 2
        case .diag: covarianceParameters = k * d
        case .tied: covarianceParameters = d * (d + 1) / 2
        case .spherical: covarianceParameters = k
        }
        return covarianceParameters + d * k + k - 1
    }

    func engine(for data: DataMatrix) throws -> MixtureEngine {
        try data.validateNonEmptyFinite()
        guard data.columns == featureCount else {
            throw ClusteringError.mismatchedRowLength(row: 0, expected: featureCount, actual: data.columns)
        }
        return MixtureEngine(data: data, type: covarianceType, k: componentCount, regCovar: 0, threads: threads)
    }

    /// The most likely component of each row (`predict`).
    /// - Throws: `ClusteringError` for empty or non-finite data or a different number of columns.
    public func predict(_ data: DataMatrix) throws -> [Int] {
        let e = try engine(for: data)
        var labels = [Int](repeating: 0, count: data.rows)
        labels.withUnsafeMutableBufferPointer { e.eStep(parameters, EStepOutputs(responsibilities: nil, logProbNorm: nil, labels: $0.baseAddress!)) }
        return labels
    }

    /// Each row's membership probabilities, n × k (`predict_proba`).
    /// - Throws: as `predict(_:)`.
    public func predictProbabilities(_ data: DataMatrix) throws -> DataMatrix {
        let e = try engine(for: data)
        var values = [Double](repeating: 0, count: data.rows * componentCount)
        let norm = UnsafeMutablePointer<Double>.allocate(capacity: data.rows)
        defer { norm.deallocate() }
        values.withUnsafeMutableBufferPointer { e.eStep(parameters, EStepOutputs(responsibilities: $0.baseAddress!, logProbNorm: norm, labels: nil)) }
        return DataMatrix(uncheckedRows: data.rows, columns: componentCount, values: values)
    }

    /// Each row's log-likelihood under the model (`score_samples`).
    /// - Throws: as `predict(_:)`.
    public func scoreSamples(_ data: DataMatrix) throws -> [Double] {
        let e = try engine(for: data)
        var out = [Double](repeating: 0, count: data.rows)
        out.withUnsafeMutableBufferPointer { e.eStep(parameters, EStepOutputs(responsibilities: nil, logProbNorm: $0.baseAddress!, labels: nil)) }
        return out
    }

    /// The mean log-likelihood of the rows (`score`).
    /// - Throws: as `predict(_:)`.
    public func score(_ data: DataMatrix) throws -> Double {
        NumpyMath.pairwiseSum(try scoreSamples(data)) / Double(data.rows)
    }

    /// The Bayesian information criterion `-2·score·n + p·ln n` (`bic`); lower is better.
    /// - Throws: as `predict(_:)`.
    public func bic(_ data: DataMatrix) throws -> Double {
        let s = try score(data)
        return -2 * s * Double(data.rows) + Double(parameterCount) * log(Double(data.rows))
    }

    /// The Akaike information criterion `-2·score·n + 2p` (`aic`); lower is better.
    /// - Throws: as `predict(_:)`.
    public func aic(_ data: DataMatrix) throws -> Double {
        let s = try score(data)
        return -2 * s * Double(data.rows) + Double(2 * parameterCount)
    }
}
