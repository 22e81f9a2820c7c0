#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// scikit-learn's `GaussianMixture` (EM with `init_params="kmeans"`), reproduced in numpy's
/// operation order.
///
/// The initial responsibilities are the labels of `KMeans(n_clusters=k, n_init=1,
/// random_state=rs)` where `rs` is the mixture's own `RandomState(seed)`: k-means draws from that
/// generator, and with `nInit > 1` each initialisation continues the same stream. The run with the
/// highest final lower bound wins (strict `>`, the first run otherwise). EM stops when the lower
/// bound (the mean log-likelihood) changes by less than `tol`; running out of `maxIter` is not an
/// error (`converged` is false).
///
/// Labels, `iterations` and `converged` are identical to scikit-learn's; the floats follow numpy's
/// SIMD `exp`/`log`/`log1p` (SVML), OpenBLAS's FMA chains and LAPACK's Cholesky step by step and
/// come out bit-identical on the reference cases (see docs/mixture.md for the tiers).
///
/// ```swift
/// let blobs = try makeBlobs(samples: 500, centers: 3, seed: 0)
/// let gmm = try GaussianMixture(k: 3, covariance: .full, seed: 0).fit(blobs.points)
/// gmm.labels; gmm.weights; gmm.means; gmm.covariances; gmm.lowerBound; gmm.iterations
/// try gmm.bic(blobs.points); try gmm.predictProbabilities(blobs.points)
/// ```
public struct GaussianMixture: Sendable, Equatable {
    /// The form of the component covariances (`covariance_type`).
    public enum CovarianceType: String, Sendable, Equatable, CaseIterable {
        /// Each component has its own general covariance matrix (k × d × d).
        case full
        /// All components share one general covariance matrix (d × d).
        case tied
        /// Each component has its own diagonal covariance (k × d).
        case diag
        /// Each component has its own single variance (k).
        case spherical
    }

    /// The number of components `k` (`n_components`).
    public var componentCount: Int
    /// The covariance form.
    public var covarianceType: CovarianceType
    /// The `random_state` seed, 0…2³²−1.
    public var seed: Int
    /// The maximum number of EM iterations per initialisation (`max_iter`).
    public var maxIterations: Int
    /// The convergence threshold on the change of the lower bound (`tol`).
    public var tolerance: Double
    /// The number of initialisations (`n_init`).
    public var initCount: Int
    /// The value added to the covariance diagonals (`reg_covar`).
    public var regularization: Double
    /// The number of threads; `nil` means the number of active processors. Does not change results.
    public var threads: Int?

    /// Creates a configuration with scikit-learn's defaults.
    /// - Parameters:
    ///   - k: `n_components`.
    ///   - covariance: `covariance_type` (default `.full`).
    ///   - seed: `random_state`.
    ///   - maxIter: `max_iter` (default 100).
    ///   - tol: `tol` (default 1e-3).
    ///   - nInit: `n_init` (default 1).
    ///   - regCovar: `reg_covar` (default 1e-6).
    ///   - threads: worker threads (default: active processors); results do not depend on it.
    public init(
        k: Int, covariance: CovarianceType = .full, seed: Int, maxIter: Int = 100, tol: Double = 1e-3,
        nInit: Int = 1, regCovar: Double = 1e-6, threads: Int? = nil
    ) {
        componentCount = k
        covarianceType = covariance
        self.seed = seed
        maxIterations = maxIter
        tolerance = tol
        initCount = nInit
        regularization = regCovar
        self.threads = threads
    }

    /// Fits the mixture to the rows of `data` and returns the fitted model.
    /// - Throws: `ClusteringError` for empty or non-finite data, fewer than 2 samples, `k < 1`,
    ///   `k > rows`, a seed out of range, `maxIter`/`nInit`/`threads` < 1, a negative or NaN `tol`
    ///   or `regCovar`, and `.illDefinedCovariance` when a covariance is not positive definite
    ///   (scikit-learn's advice: fewer components, a larger `reg_covar`, or scaled data).
    public func fit(_ data: DataMatrix) throws -> GaussianMixtureModel {
        try data.validateNonEmptyFinite()
        let n = data.rows, d = data.columns, k = componentCount
        guard k >= 1 else { throw ClusteringError.tooFewClusters(k) }
        guard n >= 2 else { throw ClusteringError.invalidArgument(name: "data", reason: "at least 2 samples are required, got \(n)") }
        guard k <= n else { throw ClusteringError.tooManyClusters(clusters: k, samples: n) }
        guard seed >= 0, seed <= RandomState.maximumSeed else { throw ClusteringError.seedOutOfRange(seed) }
        guard maxIterations >= 1 else {
            throw ClusteringError.invalidArgument(name: "maxIter", reason: "must be at least 1, got \(maxIterations)")
        }
        guard initCount >= 1 else { throw ClusteringError.invalidArgument(name: "nInit", reason: "must be at least 1, got \(initCount)") }
        guard tolerance >= 0, !tolerance.isNaN else {
            throw ClusteringError.invalidArgument(name: "tol", reason: "must not be negative or NaN, got \(tolerance)")
        }
        guard regularization >= 0, regularization.isFinite else {
            throw ClusteringError.invalidArgument(name: "regCovar", reason: "must be finite and not negative, got \(regularization)")
        }
        let threadCount = try Parallelism.resolve(threads)
        let engine = MixtureEngine(data: data, type: covarianceType, k: k, regCovar: regularization, threads: threadCount)
        var rs = RandomState(seed: UInt32(seed))
        let resp = UnsafeMutablePointer<Double>.allocate(capacity: n * k)
        let lpn = UnsafeMutablePointer<Double>.allocate(capacity: n)
        defer {
            resp.deallocate()
            lpn.deallocate()
        }

        var best: (params: MixtureParameters, iterations: Int, converged: Bool, bounds: [Double])?
        var maxLowerBound = -Double.infinity
        for _ in 0..<initCount {
            // _initialize_parameters: one-hot responsibilities from k-means on the same stream.
            let labels = try KMeans(k: k, seed: 0, nInit: 1, threads: threadCount).fit(data, randomState: &rs).labels
            resp.initialize(repeating: 0, count: n * k)
            for i in 0..<n { resp[i * k + labels[i]] = 1 }
            let (nk, means, covariances) = engine.estimateParameters(resp)
            var params = MixtureParameters(
                weights: nk.map { $0 / Double(n) }, means: means, covariances: covariances,
                precisionsCholesky: try engine.precisionCholesky(covariances))

            var lowerBound = -Double.infinity
            var bounds: [Double] = []
            var converged = false
            var iterations = 0
            for iteration in 1...maxIterations {
                iterations = iteration
                let previous = lowerBound
                engine.eStep(params, EStepOutputs(responsibilities: resp, logProbNorm: lpn, labels: nil))
                // _m_step
                let (nk, means, covariances) = engine.estimateParameters(resp)
                let total = NumpyMath.pairwiseSum(nk)
                params = MixtureParameters(
                    weights: nk.map { $0 / total }, means: means, covariances: covariances,
                    precisionsCholesky: try engine.precisionCholesky(covariances))
                lowerBound = NumpyMath.pairwiseSum(UnsafePointer(lpn), count: n, stride: 1) / Double(n)
                bounds.append(lowerBound)
                if abs(lowerBound - previous) < tolerance {
                    converged = true
                    break
                }
            }
            if lowerBound > maxLowerBound || maxLowerBound == -.infinity {
                maxLowerBound = lowerBound
                best = (params, iterations, converged, bounds)
            }
        }
        guard let winner = best else { throw ClusteringError.emptyData }
        var model = GaussianMixtureModel(
            covarianceType: covarianceType, componentCount: k, featureCount: d,
            parameters: winner.params, iterations: winner.iterations, converged: winner.converged,
            lowerBound: maxLowerBound, lowerBounds: winner.bounds, threads: threadCount)
        // The final E-step of fit_predict: labels, membership probabilities and log-likelihoods.
        var labels = [Int](repeating: 0, count: n)
        var logLikelihoods = [Double](repeating: 0, count: n)
        labels.withUnsafeMutableBufferPointer { lb in
            logLikelihoods.withUnsafeMutableBufferPointer { lp in
                engine.eStep(winner.params, EStepOutputs(responsibilities: resp, logProbNorm: lp.baseAddress!, labels: lb.baseAddress!))
            }
        }
        model.labels = labels
        model.logLikelihoods = logLikelihoods
        model.probabilities = DataMatrix(uncheckedRows: n, columns: k, values: Array(UnsafeBufferPointer(start: resp, count: n * k)))
        return model
    }
}
