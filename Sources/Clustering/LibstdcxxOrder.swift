/// The comparison an index sort orders by (x86-simd-sort's comparator lambdas).
protocol IndexOrder {
    /// Whether value `x` goes strictly before value `y`.
    static func less(_ x: Double, _ y: Double) -> Bool
}

/// `std_argsort`'s `arr[left] < arr[right]`.
enum PlainOrder: IndexOrder {
    @inline(__always)
    static func less(_ x: Double, _ y: Double) -> Bool { x < y }
}

/// `std_argselect_withnan`'s comparator: `<` between numbers, NaN after everything.
enum NaNLastOrder: IndexOrder {
    @inline(__always)
    static func less(_ x: Double, _ y: Double) -> Bool {
        if !x.isNaN && !y.isNaN { return x < y }
        return !x.isNaN
    }
}

/// libstdc++'s `std::sort` and `std::nth_element` (bits/stl_algo.h, bits/stl_heap.h; unchanged
/// from GCC 4.x to 14) on an index array, with the exact moves of their introsort/introselect,
/// median-of-three, unguarded partition, heap fallback and insertion sorts, so equal values end
/// in the same order as in numpy's compiled x86-simd-sort fallbacks.
struct LibstdcxxOrder<Order: IndexOrder> {
    let values: UnsafePointer<Double>
    /// `indices[0..<count]` is the range worked on.
    let indices: UnsafeMutablePointer<Int>

    /// libstdc++'s `_S_threshold`.
    static var threshold: Int { 16 }

    @inline(__always) func less(_ i: Int, _ j: Int) -> Bool { Order.less(values[indices[i]], values[indices[j]]) }
    @inline(__always) func less(index v: Int, _ j: Int) -> Bool { Order.less(values[v], values[indices[j]]) }
    @inline(__always) func less(_ i: Int, index v: Int) -> Bool { Order.less(values[indices[i]], values[v]) }

    /// `std::__lg`: ⌊log₂ n⌋.
    static func lg(_ n: Int) -> Int { Int.bitWidth - 1 - n.leadingZeroBitCount }

    /// `std::sort(indices, indices + count, comp)`.
    func sort(count n: Int) {
        guard n > 0 else { return }
        introsortLoop(0, n, depth: LibstdcxxOrder.lg(n) * 2)
        // `__final_insertion_sort`.
        if n > LibstdcxxOrder.threshold {
            insertionSort(0, LibstdcxxOrder.threshold)
            for i in LibstdcxxOrder.threshold..<n { unguardedLinearInsert(i) }
        } else {
            insertionSort(0, n)
        }
    }

    /// `std::nth_element(indices, indices + nth, indices + count, comp)` (`std::__introselect`).
    func nthElement(_ nth: Int, count n: Int) {
        guard n > 0, nth != n else { return }
        var first = 0, last = n
        var depth = LibstdcxxOrder.lg(n) * 2
        while last - first > 3 {
            if depth == 0 {
                heapSelect(first, nth + 1, last)
                indices.exchangeIndices(first, nth)
                return
            }
            depth -= 1
            let cut = unguardedPartitionPivot(first, last)
            if cut <= nth { first = cut } else { last = cut }
        }
        insertionSort(first, last)
    }

    /// `std::__introsort_loop`.
    func introsortLoop(_ first: Int, _ last0: Int, depth depth0: Int) {
        var last = last0, depth = depth0
        while last - first > LibstdcxxOrder.threshold {
            if depth == 0 {
                // `std::__partial_sort(first, last, last)`: heap select (no-op loop), sort heap.
                makeHeap(first, last)
                var end = last
                while end - first > 1 {
                    end -= 1
                    popHeap(first, end, end)
                }
                return
            }
            depth -= 1
            let cut = unguardedPartitionPivot(first, last)
            introsortLoop(cut, last, depth: depth)
            last = cut
        }
    }

    /// `std::__unguarded_partition_pivot`: median of (first+1, mid, last-1) moved to `first`,
    /// then Hoare's unguarded partition of `first+1 ..< last` around it.
    func unguardedPartitionPivot(_ first: Int, _ last: Int) -> Int {
        let mid = first + (last - first) / 2
        moveMedianToFirst(first, first + 1, mid, last - 1)
        var lo = first + 1, hi = last
        while true {
            while less(lo, first) { lo += 1 }
            hi -= 1
            while less(first, hi) { hi -= 1 }
            if !(lo < hi) { return lo }
            indices.exchangeIndices(lo, hi)
            lo += 1
        }
    }

    /// `std::__move_median_to_first`.
    func moveMedianToFirst(_ result: Int, _ a: Int, _ b: Int, _ c: Int) {
        let pick: Int
        if less(a, b) {
            if less(b, c) { pick = b } else if less(a, c) { pick = c } else { pick = a }
        } else if less(a, c) {
            pick = a
        } else if less(b, c) {
            pick = c
        } else {
            pick = b
        }
        indices.exchangeIndices(result, pick)
    }

    /// `std::__insertion_sort` on `first ..< last`.
    func insertionSort(_ first: Int, _ last: Int) {
        guard first != last else { return }
        var i = first + 1
        while i < last {
            if less(i, first) {
                let v = indices[i]
                var j = i
                while j > first {
                    indices[j] = indices[j - 1]
                    j -= 1
                }
                indices[first] = v
            } else {
                unguardedLinearInsert(i)
            }
            i += 1
        }
    }

    /// `std::__unguarded_linear_insert`.
    func unguardedLinearInsert(_ position: Int) {
        let v = indices[position]
        var last = position, next = position - 1
        while less(index: v, next) {
            indices[last] = indices[next]
            last = next
            next -= 1
        }
        indices[last] = v
    }

    /// `std::__heap_select(first, middle, last)`.
    func heapSelect(_ first: Int, _ middle: Int, _ last: Int) {
        makeHeap(first, middle)
        for i in middle..<last where less(i, first) { popHeap(first, middle, i) }
    }

    /// `std::__make_heap`.
    func makeHeap(_ first: Int, _ last: Int) {
        let len = last - first
        guard len >= 2 else { return }
        var parent = (len - 2) / 2
        while true {
            adjustHeap(first, parent, len, indices[first + parent])
            if parent == 0 { return }
            parent -= 1
        }
    }

    /// `std::__pop_heap(first, last, result)`.
    func popHeap(_ first: Int, _ last: Int, _ result: Int) {
        let v = indices[result]
        indices[result] = indices[first]
        adjustHeap(first, 0, last - first, v)
    }

    /// `std::__adjust_heap` followed by its `std::__push_heap`.
    func adjustHeap(_ first: Int, _ hole0: Int, _ len: Int, _ value: Int) {
        let top = hole0
        var hole = hole0, second = hole0
        while second < (len - 1) / 2 {
            second = 2 * (second + 1)
            if less(first + second, first + second - 1) { second -= 1 }
            indices[first + hole] = indices[first + second]
            hole = second
        }
        if len & 1 == 0 && second == (len - 2) / 2 {
            second = 2 * (second + 1)
            indices[first + hole] = indices[first + second - 1]
            hole = second - 1
        }
        var parent = (hole - 1) / 2
        while hole > top && less(first + parent, index: value) {
            indices[first + hole] = indices[first + parent]
            hole = parent
            parent = (hole - 1) / 2
        }
        indices[first + hole] = value
    }
}

extension UnsafeMutablePointer where Pointee == Int {
    /// `std::swap(arg[i], arg[j])` / `std::iter_swap` on an index array.
    @inline(__always)
    func exchangeIndices(_ i: Int, _ j: Int) {
        let t = self[i]
        self[i] = self[j]
        self[j] = t
    }
}
