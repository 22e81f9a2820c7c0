#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension NumpyMath {
    /// numpy 2.4.6's `np.argpartition(a, kth)` for a float64 vector: the very index order numpy
    /// returns on an x86-64 CPU with AVX-512 (numpy's `X86_V4` dispatch target, the reference
    /// machine's), not merely some valid partition.
    ///
    /// With a single `kth`, numpy's `introselect` hands float64 to x86-simd-sort's
    /// `avx512_argselect` (`np::qsort_simd::ArgQSelect`, `x86_simd_argsort.dispatch.cpp`), whose
    /// order among equal values is a property of its vector code. That code is emulated lane by
    /// lane (see docs/clustering.md, "Empty clusters"):
    /// - 2…256 values: the 8-lane key-index bitonic network (`argsort_n<…, 256>`), padded with +∞;
    /// - more: median-of-8 pivots and the 4 × 8-lane unrolled compress-store partition, then the
    ///   network on the part holding `kth`; after `2⌊log₂ n⌋` rounds without reaching 256 values,
    ///   libstdc++'s `std::sort` of the rest (reached when most values equal the smallest);
    /// - any NaN: libstdc++'s `std::nth_element` with NaN last, as x86-simd-sort does then.
    ///
    /// - Parameters:
    ///   - a: the values; any float64 (±0, ±∞ and NaN included).
    ///   - kth: the position to partition at, `-n ..< n` (negative counts from the end, as numpy).
    /// - Returns: numpy's index array (a permutation of `0..<n`; `[0]` for one value, `[]` for none).
    /// - Throws: `ClusteringError.invalidArgument` for `kth` out of range, or in the never observed
    ///   case where x86-simd-sort itself would return a padding lane's out-of-range index.
    public static func argPartition(_ a: [Double], kth: Int) throws -> [Int] {
        let n = a.count
        guard n > 0 else { return [] }
        guard kth >= -n, kth < n else {
            throw ClusteringError.invalidArgument(name: "kth", reason: "must be in \(-n)..<\(n), got \(kth)")
        }
        let result = NumpyArgPartition.order(a, kth: kth < 0 ? kth + n : kth)
        guard result.exact else {
            throw ClusteringError.invalidArgument(
                name: "a", reason: "x86-simd-sort's network would return a padding index for these values")
        }
        return result.indices
    }
}

/// The emulation behind `NumpyMath.argPartition`.
enum NumpyArgPartition {
    /// numpy's `np.argpartition(a, kth)` order for `kth` in `0..<a.count` (non-empty `a`).
    /// `exact` is false only if the network would have stored a padding lane (numpy would return
    /// an index out of range there); that position then keeps its previous index, so `indices` is
    /// always a permutation.
    static func order(_ a: [Double], kth: Int) -> (indices: [Int], exact: Bool) {
        let n = a.count
        var arg = Array(0..<n)
        // numpy's `_new_argsortlike` returns zeros without calling the kernel for n <= 1, and
        // x86-simd-sort's `xss_argselect` does nothing for arrsize <= 1.
        if n <= 1 { return (arg, true) }
        var exact = true
        a.withUnsafeBufferPointer { av in
            arg.withUnsafeMutableBufferPointer { gv in
                let values = av.baseAddress!, indices = gv.baseAddress!
                if a.contains(where: { $0.isNaN }) {
                    // `xss_argselect(…, hasnan=true)`: `std_argselect_withnan`, i.e. nth_element.
                    LibstdcxxOrder<NaNLastOrder>(values: values, indices: indices).nthElement(kth, count: n)
                } else {
                    var s = SIMDArgSelect(values: values, indices: indices)
                    // `argselect_(arr, arg, k, 0, n - 1, 2 * (arrsize_t)log2(arrsize))`.
                    s.select(position: kth, count: n, maxIterations: 2 * Int(log2(Double(n))))
                    exact = s.exact
                }
            }
        }
        return (arg, exact)
    }
}

/// x86-simd-sort's `argselect_` for `zmm_vector<double>` (8 lanes), on `indices[0..<count]`.
struct SIMDArgSelect {
    let values: UnsafePointer<Double>
    let indices: UnsafeMutablePointer<Int>
    /// False once the network would have stored a padding lane.
    var exact = true

    /// x86-simd-sort's `network_sort_threshold` for 64-bit keys: ranges of at most this many
    /// elements are sorted whole by the bitonic network.
    static let networkThreshold = 256
    /// The vector width (`zmm_vector<double>::numlanes`).
    static let lanes = 8
    /// `argpartition_unrolled<vtype, argtype, 4>`: four vectors per load.
    static let unroll = 4

    init(values: UnsafePointer<Double>, indices: UnsafeMutablePointer<Int>) {
        self.values = values
        self.indices = indices
    }

    /// `argselect_(arr, arg, pos, 0, count - 1, maxIterations)`; its tail recursion as a loop
    /// (`right` inclusive, as there).
    mutating func select(position pos: Int, count: Int, maxIterations: Int) {
        var left = 0, right = count - 1, iterations = maxIterations
        while true {
            if iterations <= 0 {
                // "Resort to std::sort if quicksort isnt making any progress".
                LibstdcxxOrder<PlainOrder>(values: values, indices: indices + left).sort(count: right + 1 - left)
                return
            }
            if right + 1 - left <= SIMDArgSelect.networkThreshold {
                if !ArgSortNetwork.sort(values: values, indices: indices + left, count: right + 1 - left) {
                    exact = false
                }
                return
            }
            let pivot = self.pivot(left: left, right: right)
            let (split, smallest, biggest) = partition(left: left, right: right + 1, pivot: pivot)
            if pivot != smallest && pos < split {
                right = split - 1
            } else if pivot != biggest && pos >= split {
                left = split
            } else {
                return
            }
            iterations -= 1
        }
    }

    /// `get_pivot_64bit` for 8 lanes: the fifth smallest (`sort_vec(…)[4]`) of the values at
    /// `left + s, left + 2s, …, left + 8s`, `s = (right - left) / 8` (`right` inclusive). Only the
    /// value matters: every later use is a comparison, where -0.0 and +0.0 are the same.
    func pivot(left: Int, right: Int) -> Double {
        let step = (right - left) / 8
        var samples = (1...8).map { values[indices[left + $0 * step]] }
        samples.sort()
        return samples[4]
    }

    /// `argpartition_unrolled<zmm_vector<double>, zmm_vector<uint64_t>, 4>` on `[left, right)`
    /// (only reached with more than 256 elements, so never its short `argpartition` branch).
    /// Returns the first index of the `>= pivot` part, and the range's smallest and largest value.
    func partition(left l0: Int, right r0: Int, pivot: Double) -> (Int, Double, Double) {
        let lanes = SIMDArgSelect.lanes, block = SIMDArgSelect.unroll * lanes
        // The running min/max (scalar head, then the vector min_vec/max_vec and their
        // reductions) end as the minimum and maximum of the range, whatever the order.
        var smallest = Double.infinity, biggest = -Double.infinity
        for p in l0..<r0 {
            let v = values[indices[p]]
            smallest = Swift.min(smallest, v)
            biggest = Swift.max(biggest, v)
        }
        var left = l0, right = r0
        // "make array length divisible by num_unroll * numlanes": the first elements one by one,
        // a value not below the pivot swapped with the last unclaimed slot.
        for _ in 0..<((right - left) % block) {
            if values[indices[left]] < pivot {
                left += 1
            } else {
                right -= 1
                indices.exchangeIndices(left, right)
            }
        }
        // Registers: the first and last four vectors (partitioned at the end), one loaded block.
        let edges = UnsafeMutablePointer<Int>.allocate(capacity: 3 * block)
        defer { edges.deallocate() }
        let current = edges + 2 * block
        for q in 0..<block {
            edges[q] = indices[left + q]
            edges[block + q] = indices[right - block + q]
        }
        var rStore = right - lanes, lStore = left
        left += block
        right -= block
        // `partition_vec_avx512`: lanes >= pivot compress-stored to the right end, the others to
        // the left end, each in lane order.
        func store(_ v: UnsafeMutablePointer<Int>) {
            var high = 0
            for j in 0..<lanes where values[v[j]] >= pivot { high += 1 }
            var lo = lStore, hi = rStore + lanes - high
            for j in 0..<lanes {
                if values[v[j]] >= pivot {
                    indices[hi] = v[j]
                    hi += 1
                } else {
                    indices[lo] = v[j]
                    lo += 1
                }
            }
            lStore += lanes - high
            rStore -= high
        }
        while right != left {
            // Load from the side with less room already written (the right on ties: strict <).
            if (rStore + lanes) - right < left - lStore {
                right -= block
                for q in 0..<block { current[q] = indices[right + q] }
            } else {
                for q in 0..<block { current[q] = indices[left + q] }
                left += block
            }
            for ii in 0..<SIMDArgSelect.unroll { store(current + ii * lanes) }
        }
        for ii in 0..<(2 * SIMDArgSelect.unroll) { store(edges + ii * lanes) }
        return (lStore, smallest, biggest)
    }
}
