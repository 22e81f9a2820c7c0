#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// numpy's legacy random number generator, `numpy.random.RandomState`, reproduced bit for bit.
///
/// The state is the Mersenne Twister MT19937 seeded from an integer exactly as numpy's
/// `RandomState(seed)` / `RandomState.seed(seed)`, plus the cached second value of the polar
/// Box–Muller method used by `standardNormal`. Every method consumes the underlying stream in the
/// same order as numpy 2.x, so a sequence of calls on a `RandomState(seed:)` gives the same doubles
/// (same bit patterns) and integers as the same sequence of numpy calls.
///
/// numpy's *module-level* functions (`np.random.seed`, `np.random.uniform`, …) act on one hidden
/// global `RandomState`. Here there is no hidden global: create one value where the Python code
/// calls `np.random.seed(s)` and pass it (`inout`) to everything that would draw from the global
/// state afterwards. `seed(_:)` re-seeds an existing value like `np.random.seed`.
///
/// ```swift
/// var global = try RandomState(seed: 42)              // np.random.seed(42)
/// let a = try global.uniform(low: -10, high: 10, count: 3)  // np.random.uniform(-10, 10, 3)
/// let b = try global.uniform(low: -10, high: 5, count: 3)   // np.random.uniform(-10, 5, 3)
/// ```
///
/// `log` comes from the platform C library; the reference values were produced with glibc, so
/// `standardNormal` is bit-exact on Linux/glibc.
public struct RandomState: Sendable, Equatable {
    @usableFromInline var key: [UInt32]
    /// The tempered outputs of the current `key` (filled at each refill, all 624 at once).
    @usableFromInline var output: [UInt32]
    @usableFromInline var position: Int
    @usableFromInline var hasGauss: Bool
    @usableFromInline var gauss: Double

    /// The largest accepted seed, 2³² − 1.
    public static let maximumSeed = Int(UInt32.max)

    /// Creates a generator seeded like `numpy.random.RandomState(seed)`.
    /// - Throws: `ClusteringError.seedOutOfRange` unless `0 <= seed <= 2³² − 1`.
    public init(seed: Int) throws {
        key = Array(repeating: 0, count: 624)
        output = Array(repeating: 0, count: 624)
        position = 624
        hasGauss = false
        gauss = 0
        try self.seed(seed)
    }

    /// Creates a generator from a seed that is always in range.
    public init(seed: UInt32) {
        key = Array(repeating: 0, count: 624)
        output = Array(repeating: 0, count: 624)
        position = 624
        hasGauss = false
        gauss = 0
        reseed(seed)
    }

    /// Re-seeds the generator like `RandomState.seed(seed)` / `np.random.seed(seed)`; clears the
    /// cached Gaussian value.
    /// - Throws: `ClusteringError.seedOutOfRange` unless `0 <= seed <= 2³² − 1`.
    public mutating func seed(_ seed: Int) throws {
        guard seed >= 0, seed <= RandomState.maximumSeed else { throw ClusteringError.seedOutOfRange(seed) }
        reseed(UInt32(seed))
    }

    mutating func reseed(_ seed: UInt32) {
        key.withUnsafeMutableBufferPointer { k in
            var s = seed
            for i in 0..<624 {
                k[i] = s
                s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(i + 1)
            }
        }
        output.withUnsafeMutableBufferPointer { o in
            for i in 0..<624 { o[i] = 0 }
        }
        position = 624
        hasGauss = false
        gauss = 0
    }

    @usableFromInline
    mutating func refill() {
        key.withUnsafeMutableBufferPointer { k in
            output.withUnsafeMutableBufferPointer { o in
                RandomState.regenerate(key: k.baseAddress!, output: o.baseAddress!)
            }
        }
        position = 0
    }

    /// The next raw 32-bit output of MT19937 (`mt19937_next32`); the tempering is done for the
    /// whole block of 624 words at each refill.
    @inlinable @inline(__always)
    public mutating func nextUInt32() -> UInt32 {
        if position == 624 { refill() }
        let y = output[position]
        position += 1
        return y
    }

    /// The next 64-bit output: two 32-bit outputs, the first in the high half (`mt19937_next64`).
    @inlinable
    public mutating func nextUInt64() -> UInt64 {
        let high = UInt64(nextUInt32())
        return (high << 32) | UInt64(nextUInt32())
    }

    /// A double in [0, 1) with 53 random bits (`random_sample()`); uses two 32-bit outputs.
    @inlinable @inline(__always)
    public mutating func randomSample() -> Double {
        let a = nextUInt32() >> 5
        let b = nextUInt32() >> 6
        return (Double(a) * 67_108_864.0 + Double(b)) / 9_007_199_254_740_992.0
    }

    /// `count` doubles from `randomSample()` (`random_sample(count)`).
    public mutating func randomSample(count: Int) -> [Double] {
        (0..<max(count, 0)).map { _ in randomSample() }
    }

    /// One draw of `uniform(low, high)`: `low + (high - low) * randomSample()`.
    /// - Throws: `ClusteringError.invalidArgument` when `high - low` is not finite.
    public mutating func uniform(low: Double = 0, high: Double = 1) throws -> Double {
        let range = high - low
        guard range.isFinite, low.isFinite else {
            throw ClusteringError.invalidArgument(name: "uniform range", reason: "low and high must be finite, got \(low) and \(high)")
        }
        return low + range * randomSample()
    }

    /// `count` draws of `uniform(low, high, size: count)`, in order.
    /// - Throws: `ClusteringError.invalidArgument` when `high - low` is not finite.
    public mutating func uniform(low: Double = 0, high: Double = 1, count: Int) throws -> [Double] {
        let range = high - low
        guard range.isFinite, low.isFinite else {
            throw ClusteringError.invalidArgument(name: "uniform range", reason: "low and high must be finite, got \(low) and \(high)")
        }
        return (0..<max(count, 0)).map { _ in low + range * randomSample() }
    }

    /// One standard normal value by numpy's legacy polar Box–Muller method (`legacy_gauss`).
    ///
    /// Each accepted pair gives two values: one is returned, the other is cached in the state and
    /// returned by the next call (whatever method made it). Only seeding clears the cache.
    @inlinable @inline(__always)
    public mutating func standardNormal() -> Double {
        if hasGauss {
            hasGauss = false
            let t = gauss
            gauss = 0
            return t
        }
        var x1: Double, x2: Double, r2: Double
        repeat {
            x1 = 2.0 * randomSample() - 1.0
            x2 = 2.0 * randomSample() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        let f = (-2.0 * log(r2) / r2).squareRoot()
        gauss = f * x1
        hasGauss = true
        return f * x2
    }

    /// `count` standard normal values, in order.
    public mutating func standardNormal(count: Int) -> [Double] {
        (0..<max(count, 0)).map { _ in standardNormal() }
    }

    /// One draw of `normal(loc, scale)`: `loc + scale * standardNormal()`.
    /// - Throws: `ClusteringError.invalidStandardDeviation` when `scale` is negative or not finite.
    public mutating func normal(loc: Double = 0, scale: Double = 1) throws -> Double {
        guard scale >= 0, scale.isFinite else { throw ClusteringError.invalidStandardDeviation(scale) }
        return loc + scale * standardNormal()
    }

    /// `count` draws of `normal(loc, scale, size: count)`, in order.
    /// - Throws: `ClusteringError.invalidStandardDeviation` when `scale` is negative or not finite.
    public mutating func normal(loc: Double = 0, scale: Double = 1, count: Int) throws -> [Double] {
        guard scale >= 0, scale.isFinite else { throw ClusteringError.invalidStandardDeviation(scale) }
        return (0..<max(count, 0)).map { _ in loc + scale * standardNormal() }
    }

    /// A uniform integer in `0...max` by masked rejection (numpy's `random_interval`), the draw
    /// behind `shuffle` and `permutation`.
    @inlinable
    public mutating func nextInteger(through max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4
        mask |= mask >> 8; mask |= mask >> 16; mask |= mask >> 32
        if max <= 0xffff_ffff {
            let m32 = UInt32(truncatingIfNeeded: mask), max32 = UInt32(truncatingIfNeeded: max)
            var v: UInt32
            repeat { v = nextUInt32() & m32 } while v > max32
            return UInt64(v)
        }
        var v: UInt64
        repeat { v = nextUInt64() & mask } while v > max
        return v
    }

    /// A uniform integer in `low..<high` (`randint(low, high)`, dtype int64, masked rejection).
    /// - Throws: `ClusteringError.invalidArgument` when `low >= high`.
    public mutating func randint(low: Int, high: Int) throws -> Int {
        guard low < high else {
            throw ClusteringError.invalidArgument(name: "randint bounds", reason: "low (\(low)) must be less than high (\(high))")
        }
        return boundedInteger(offset: low, range: UInt64(bitPattern: Int64(high &- 1)) &- UInt64(bitPattern: Int64(low)))
    }

    /// `count` draws of `randint(low, high, size: count)`, in order.
    /// - Throws: `ClusteringError.invalidArgument` when `low >= high`.
    public mutating func randint(low: Int, high: Int, count: Int) throws -> [Int] {
        guard low < high else {
            throw ClusteringError.invalidArgument(name: "randint bounds", reason: "low (\(low)) must be less than high (\(high))")
        }
        let range = UInt64(bitPattern: Int64(high &- 1)) &- UInt64(bitPattern: Int64(low))
        return (0..<max(count, 0)).map { _ in boundedInteger(offset: low, range: range) }
    }

    /// `random_bounded_uint64` with the masked method: `offset + v`, `v` uniform in `0...range`.
    mutating func boundedInteger(offset: Int, range: UInt64) -> Int {
        let v: UInt64
        if range == 0 {
            v = 0
        } else if range == 0xffff_ffff {
            v = UInt64(nextUInt32())
        } else if range == UInt64.max {
            v = nextUInt64()
        } else {
            v = nextInteger(through: range)
        }
        return Int(bitPattern: UInt(bitPattern: offset) &+ UInt(v))
    }

    /// Shuffles `array` in place like `RandomState.shuffle` (Fisher–Yates from the end,
    /// `j = nextInteger(through: i)`).
    public mutating func shuffle<Element>(_ array: inout [Element]) {
        let n = array.count
        guard n > 1 else { return }
        array.withUnsafeMutableBufferPointer { a in
            for i in stride(from: n - 1, through: 1, by: -1) {
                let j = Int(nextInteger(through: UInt64(i)))
                a.swapAt(i, j)
            }
        }
    }

    /// Shuffles the rows of `matrix` in place (numpy shuffles a 2-D array along axis 0 with the same
    /// sequence of swaps as a 1-D array of the same length).
    public mutating func shuffleRows(of matrix: inout DataMatrix) {
        let n = matrix.rows, d = matrix.columns
        guard n > 1 else { return }
        matrix.values.withUnsafeMutableBufferPointer { a in
            for i in stride(from: n - 1, through: 1, by: -1) {
                let j = Int(nextInteger(through: UInt64(i)))
                if i != j {
                    for f in 0..<d { a.swapAt(i * d + f, j * d + f) }
                }
            }
        }
    }

    /// A random permutation of `0..<n` (`permutation(n)`).
    /// - Throws: `ClusteringError.invalidArgument` when `n` is negative.
    public mutating func permutation(_ n: Int) throws -> [Int] {
        guard n >= 0 else { throw ClusteringError.invalidArgument(name: "permutation size", reason: "must not be negative, got \(n)") }
        var a = Array(0..<n)
        shuffle(&a)
        return a
    }

    /// One index in `0..<n` drawn with probabilities `p` (`choice(n, p=p)`): one `randomSample()`
    /// located in the normalised cumulative sum.
    /// - Throws: `ClusteringError.invalidArgument` when `n < 1`, `p.count != n`, a probability is
    ///   negative or not finite, or the probabilities do not sum to 1 (tolerance √ε, like numpy).
    public mutating func choice(_ n: Int, p: [Double]) throws -> Int {
        let cdf = try RandomState.choiceCDF(n, p: p)
        return RandomState.searchSortedRight(cdf, randomSample())
    }

    /// `count` independent draws of `choice(n, p=p)`.
    /// - Throws: see `choice(_:p:)`.
    public mutating func choice(_ n: Int, p: [Double], count: Int) throws -> [Int] {
        let cdf = try RandomState.choiceCDF(n, p: p)
        return (0..<max(count, 0)).map { _ in RandomState.searchSortedRight(cdf, randomSample()) }
    }

    /// One uniformly drawn index in `0..<n` (`choice(n)`, which is `randint(0, n)`).
    /// - Throws: `ClusteringError.invalidArgument` when `n < 1`.
    public mutating func choice(_ n: Int) throws -> Int {
        guard n >= 1 else { throw ClusteringError.invalidArgument(name: "choice population", reason: "must be at least 1, got \(n)") }
        return try randint(low: 0, high: n)
    }

    /// `choice(n, p=w / w.sum())` for `n` equal weights (scikit-learn's first k-means++ pick):
    /// the same single draw and the same cumulative sums, streamed without arrays.
    mutating func uniformWeightChoice(_ n: Int) -> Int {
        let p = 1.0 / Double(n)
        var last = 0.0
        for i in 0..<n { last = i == 0 ? p : last + p }
        let u = randomSample()
        var running = 0.0
        for i in 0..<n {
            running = i == 0 ? p : running + p
            if running / last > u { return i }
        }
        return n
    }

    static func choiceCDF(_ n: Int, p: [Double]) throws -> [Double] {
        guard n >= 1 else { throw ClusteringError.invalidArgument(name: "choice population", reason: "must be at least 1, got \(n)") }
        guard p.count == n else {
            throw ClusteringError.invalidArgument(name: "probabilities", reason: "\(p.count) values given for a population of \(n)")
        }
        // numpy: non-negative, finite, Kahan sum within sqrt(eps) of 1.
        var sum = 0.0, c = 0.0
        for v in p {
            guard v.isFinite, v >= 0 else {
                throw ClusteringError.invalidArgument(name: "probabilities", reason: "must be finite and not negative, got \(v)")
            }
            let y = v - c
            let t = sum + y
            c = (t - sum) - y
            sum = t
        }
        guard abs(sum - 1.0) <= Double.ulpOfOne.squareRoot() else {
            throw ClusteringError.invalidArgument(name: "probabilities", reason: "they sum to \(sum), not 1")
        }
        return cumulativeDistribution(p)
    }

    /// numpy's `cdf = p.cumsum(); cdf /= cdf[-1]`, in its summation order.
    static func cumulativeDistribution(_ p: [Double]) -> [Double] {
        let n = p.count
        var cdf = [Double](repeating: 0, count: n)
        var running = 0.0
        for i in 0..<n {
            running = i == 0 ? p[0] : running + p[i]
            cdf[i] = running
        }
        let last = cdf[n - 1]
        for i in 0..<n { cdf[i] = cdf[i] / last }
        return cdf
    }

    /// First index `i` with `a[i] > v` (numpy `searchsorted(side: "right")`).
    static func searchSortedRight(_ a: [Double], _ v: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if a[mid] <= v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
