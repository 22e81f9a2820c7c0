/// x86-simd-sort's key-index bitonic network for 64-bit keys on AVX-512
/// (`argsort_n<zmm_vector<double>, zmm_vector<uint64_t>, 256>`, xss-network-keyvaluesort.hpp and
/// xss-reg-networks.hpp), lane by lane.
///
/// Every step of that code is a compare-exchange between two lanes — `cmp_merge` within a register
/// after a fixed permutation (`swap_n`, `reverse_n`), `COEX` between two registers (one of them
/// reversed in the merge's first step) — and in every one the lower lane takes the minimum. With
/// the `_mm512_min_pd`/`_mm512_max_pd` semantics (the second operand on equality) and the index
/// selected by `eq(result, own key)`, a pair is exchanged exactly when the lower lane's key is
/// strictly greater; equal keys (-0.0 and +0.0 included) keep their indices. So the emulation is
/// that network of exchanges on `8 × vectors` slots, in the same order.
enum ArgSortNetwork {
    /// The index stored in padding lanes (x86-simd-sort loads `zmm_max()`, all ones).
    static let padding = -1

    /// Sorts `indices[0..<count]` (1…256) by `values[index]` as `argsort_n_vec` does.
    /// Returns false (and leaves `indices` unchanged) if a padding lane would be stored among the
    /// first `count`, which x86-simd-sort would do only with keys equal to its +∞ padding in a
    /// tie order never observed.
    static func sort(values: UnsafePointer<Double>, indices: UnsafeMutablePointer<Int>, count n: Int) -> Bool {
        guard n > 1 else { return true }
        // `argsort_n_vec<…, numVecs>` halves numVecs while `N * 2 <= numVecs * numlanes`.
        var vectors = 1
        while vectors * 8 < n { vectors *= 2 }
        let width = vectors * 8
        // Masked loads: lanes past `count` hold key +∞ and the all-ones index.
        var keys = [Double](repeating: .infinity, count: width)
        var slots = [Int](repeating: padding, count: width)
        for p in 0..<n {
            slots[p] = indices[p]
            keys[p] = values[indices[p]]
        }
        keys.withUnsafeMutableBufferPointer { kv in
            slots.withUnsafeMutableBufferPointer { sv in
                let net = Lanes(keys: kv.baseAddress!, slots: sv.baseAddress!)
                for v in 0..<vectors { net.sortRegister(v * 8) }
                // `bitonic_fullmerge_n_vec`: merges of 2, 4, … vectors.
                var group = 2
                while group <= vectors {
                    for first in stride(from: 0, to: vectors, by: group) { net.mergeVectors(first, group) }
                    group *= 2
                }
            }
        }
        if slots[0..<n].contains(padding) { return false }
        for p in 0..<n { indices[p] = slots[p] }
        return true
    }

    /// The registers as flat slots: vector `v`, lane `l` is slot `8v + l`.
    struct Lanes {
        let keys: UnsafeMutablePointer<Double>
        let slots: UnsafeMutablePointer<Int>

        /// One compare-exchange: the minimum to slot `i`; exchanged only when strictly out of order.
        @inline(__always)
        func exchange(_ i: Int, _ j: Int) {
            if keys[i] > keys[j] {
                let k = keys[i]
                keys[i] = keys[j]
                keys[j] = k
                let s = slots[i]
                slots[i] = slots[j]
                slots[j] = s
            }
        }

        /// One `cmp_merge` within the register at `base` against its lanes permuted by `l ^ partner`
        /// (swap_n<2> = 1, swap_n<4> = 2, swap_n<8> = 4, reverse_n<4> = 3, reverse_n<8> = 7), the
        /// mask (0xAA, 0xCC, 0xF0) giving the max to the higher lane of each pair.
        @inline(__always)
        func stage(_ base: Int, _ partner: Int) {
            for l in 0..<8 where l < (l ^ partner) { exchange(base + l, base + (l ^ partner)) }
        }

        /// `sort_reg_8lanes` (key-index version).
        func sortRegister(_ base: Int) {
            stage(base, 1)  // reverse_n<2>, 0xAA
            stage(base, 3)  // reverse_n<4>, 0xCC
            stage(base, 1)  // swap_n<2>, 0xAA
            stage(base, 7)  // reverse_n<8>, 0xF0
            stage(base, 2)  // swap_n<4>, 0xCC
            stage(base, 1)  // swap_n<2>, 0xAA
        }

        /// `bitonic_merge_reg_8lanes`: half cleaners over 4, 2 and 1 lanes.
        func mergeRegister(_ base: Int) {
            stage(base, 4)  // swap_n<8>, 0xF0
            stage(base, 2)  // swap_n<4>, 0xCC
            stage(base, 1)  // swap_n<2>, 0xAA
        }

        /// `bitonic_merge_n_vec<numVecs>` on vectors `first ..< first + count`.
        func mergeVectors(_ first: Int, _ count: Int) {
            // Vector i against the reversed vector count-1-i (reverse, COEX, reverse back).
            for i in 0..<(count / 2) {
                let a = (first + i) * 8, b = (first + count - 1 - i) * 8
                for l in 0..<8 { exchange(a + l, b + 7 - l) }
            }
            // `bitonic_clean_n_vec`: COEX of vectors num/2 apart, num = count/2 … 2.
            var num = count / 2
            while num >= 2 {
                for j in stride(from: 0, to: count, by: num) {
                    for i in 0..<(num / 2) {
                        let a = (first + i + j) * 8, b = (first + i + j + num / 2) * 8
                        for l in 0..<8 { exchange(a + l, b + l) }
                    }
                }
                num /= 2
            }
            for v in 0..<count { mergeRegister((first + v) * 8) }
        }
    }
}
