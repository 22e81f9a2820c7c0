/// scipy 1.17.1's `linkage(X, method, metric='euclidean')` for ward, complete and average, which is
/// what scikit-learn's `AgglomerativeClustering` calls without connectivity:
/// `pdist` → `_hierarchy.nn_chain` → stable sort by height → `label` (union-find relabelling).
///
/// Every floating-point operation is scipy's, in scipy's order: the distances, the Lance–Williams
/// updates (`_hierarchy_distance_update.pxi`) and the chain's comparisons (strict `<` in index
/// order, starting from the previous chain element), so the merges, ties included, are the same.
enum NearestNeighborChain {
    /// The merges (children as (min, max) roots, heights) of the tree for `linkage` (not `.single`).
    /// `distances` is the condensed matrix (`pdist` order); it is overwritten.
    static func linkage(
        _ linkage: Linkage, n: Int, distances: UnsafeMutablePointer<Double>
    ) throws -> (children: [MergePair], heights: [Double]) {
        switch linkage {
        case .ward: return try chain(WardUpdate.self, n: n, distances: distances)
        case .complete: return try chain(CompleteUpdate.self, n: n, distances: distances)
        case .average: return try chain(AverageUpdate.self, n: n, distances: distances)
        case .single: return try chain(SingleUpdate.self, n: n, distances: distances)
        }
    }

    /// scipy's `nn_chain` loop, specialised for one update rule.
    static func chain<U: LanceWilliamsUpdate>(
        _: U.Type, n: Int, distances D: UnsafeMutablePointer<Double>
    ) throws -> (children: [MergePair], heights: [Double]) {
        // rowBase[i] + j is the condensed index of (i, j) for i < j
        // (scipy's condensed_index: n·i − i(i+1)/2 + (j − i − 1)).
        let rb = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer { rb.deallocate() }
        for i in 0..<n { rb[i] = n * i - (i * (i + 1)) / 2 - i - 1 }
        let size = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer { size.deallocate() }
        size.initialize(repeating: 1, count: n)
        // The live clusters in increasing id order (scipy scans range(n) skipping size 0, so
        // scanning this list visits the same clusters in the same order), `m` of them.
        let live = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer { live.deallocate() }
        for i in 0..<n { live[i] = i }
        var m = n
        /// The position of live cluster `c` in `live` (binary search), = the number of live ids below c.
        func position(_ c: Int) -> Int {
            var lo = 0, hi = m
            while lo < hi {
                let mid = (lo + hi) >> 1
                if live[mid] < c { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        var chain = [Int](repeating: 0, count: n)
        var chainLength = 0
        var mergeX = [Int](repeating: 0, count: n - 1)
        var mergeY = [Int](repeating: 0, count: n - 1)
        var heights = [Double](repeating: 0, count: n - 1)
        var y = 0

        for k in 0..<(n - 1) {
            if chainLength == 0 {
                chainLength = 1
                chain[0] = live[0]
            }
            var x = 0
            var currentMin = Double.infinity
            while true {
                x = chain[chainLength - 1]
                // Prefer the previous chain element on ties, to avoid cycles.
                if chainLength > 1 {
                    y = chain[chainLength - 2]
                    currentMin = x < y ? D[rb[x] + y] : D[rb[y] + x]
                } else {
                    currentMin = .infinity
                }
                // for i in range(n): skip dead and x; strict < keeps the first minimum. Clusters
                // below x are read down column x, those above along row x.
                let px = position(x)
                for q in 0..<px {
                    let i = live[q]
                    let dist = D[rb[i] + x]
                    if dist < currentMin { currentMin = dist; y = i }
                }
                let rowX = D + rb[x]
                for q in (px + 1)..<m {
                    let i = live[q]
                    let dist = rowX[i]
                    if dist < currentMin { currentMin = dist; y = i }
                }
                if chainLength > 1 && y == chain[chainLength - 2] { break }
                // Only reachable with NaN distances (no strict minimum): refuse rather than loop.
                guard chainLength < n, y != x, size[y] > 0 else {
                    throw ClusteringError.invalidArgument(
                        name: "data", reason: "the \(U.name) distances became NaN (no nearest cluster)")
                }
                chain[chainLength] = y
                chainLength += 1
            }
            chainLength -= 2
            // fastcluster's convention: the merged cluster takes the larger id's slot.
            if x > y { swap(&x, &y) }
            let nx = size[x], ny = size[y]
            mergeX[k] = x
            mergeY[k] = y
            heights[k] = currentMin
            size[x] = 0
            size[y] = nx + ny
            let px = position(x)
            for q in px..<(m - 1) { live[q] = live[q + 1] }
            m -= 1
            // D(i, y) = new_dist(D(i, x), D(i, y), D(x, y), nx, ny, ni) for every live i ≠ y, in
            // three ranges of i: below x, between x and y, above y.
            let dxy = currentMin
            let py = position(y)
            let rowX = D + rb[x], rowY = D + rb[y]
            for q in 0..<px {
                let i = live[q]
                let r = D + rb[i]
                r[y] = U.update(dxi: r[x], dyi: r[y], dxy: dxy, nx: nx, ny: ny, ni: size[i])
            }
            for q in px..<py {
                let i = live[q]
                let iy = rb[i] + y
                D[iy] = U.update(dxi: rowX[i], dyi: D[iy], dxy: dxy, nx: nx, ny: ny, ni: size[i])
            }
            for q in (py + 1)..<m {
                let i = live[q]
                rowY[i] = U.update(dxi: rowX[i], dyi: rowY[i], dxy: dxy, nx: nx, ny: ny, ni: size[i])
            }
        }
        return relabel(n: n, x: mergeX, y: mergeY, heights: heights)
    }

    /// `np.argsort(Z[:, 2], kind='mergesort')` followed by scipy's `label`: the merges in stable
    /// height order (NaN last, as numpy sorts), children renamed to their union-find roots, (min, max).
    static func relabel(n: Int, x: [Int], y: [Int], heights: [Double]) -> (children: [MergePair], heights: [Double]) {
        let order = stableOrder(heights)
        var parent = [Int](0..<(2 * n - 1))
        var next = n
        var children: [MergePair] = []
        children.reserveCapacity(n - 1)
        var sorted: [Double] = []
        sorted.reserveCapacity(n - 1)
        func find(_ v: Int) -> Int {
            var r = v
            while parent[r] != r { r = parent[r] }
            var p = v
            while parent[p] != r { let q = parent[p]; parent[p] = r; p = q }
            return r
        }
        for k in order {
            let a = find(x[k]), b = find(y[k])
            children.append(a < b ? MergePair(a, b) : MergePair(b, a))
            sorted.append(heights[k])
            parent[a] = next
            parent[b] = next
            next += 1
        }
        return (children, sorted)
    }

    /// The permutation a stable sort by value gives (numpy's `kind='mergesort'`, NaN last).
    static func stableOrder(_ values: [Double]) -> [Int] {
        var order = Array(values.indices)
        order.sort { a, b in
            let va = values[a], vb = values[b]
            if va.isNaN || vb.isNaN {
                if va.isNaN != vb.isNaN { return vb.isNaN }
                return a < b
            }
            return va < vb || (va == vb && a < b)
        }
        return order
    }
}

/// One Lance–Williams update rule of `_hierarchy_distance_update.pxi`: the distance from cluster
/// `i` to the union of clusters `x` and `y`, with scipy's operations in scipy's order.
protocol LanceWilliamsUpdate {
    static var name: String { get }
    static func update(dxi: Double, dyi: Double, dxy: Double, nx: Int, ny: Int, ni: Int) -> Double
}

/// `_ward`: `sqrt((ni+nx)·t·dxi·dxi + (ni+ny)·t·dyi·dyi − ni·t·dxy·dxy)`, `t = 1.0/(nx+ny+ni)`,
/// each product evaluated left to right from an integer sum converted to double, as in C.
enum WardUpdate: LanceWilliamsUpdate {
    static let name = "ward"
    @inline(__always)
    static func update(dxi: Double, dyi: Double, dxy: Double, nx: Int, ny: Int, ni: Int) -> Double {
        let t = 1.0 / Double(nx + ny + ni)
        let a = Double(ni + nx) * t * dxi * dxi
        let b = Double(ni + ny) * t * dyi * dyi
        let c = Double(ni) * t * dxy * dxy
        return (a + b - c).squareRoot()
    }
}

/// `_complete`: Cython's `max(d_xi, d_yi)` for C doubles, `d_yi > d_xi ? d_yi : d_xi`.
enum CompleteUpdate: LanceWilliamsUpdate {
    static let name = "complete"
    @inline(__always)
    static func update(dxi: Double, dyi: Double, dxy: Double, nx: Int, ny: Int, ni: Int) -> Double {
        dyi > dxi ? dyi : dxi
    }
}

/// `_average`: `(nx·dxi + ny·dyi) / (nx + ny)`.
enum AverageUpdate: LanceWilliamsUpdate {
    static let name = "average"
    @inline(__always)
    static func update(dxi: Double, dyi: Double, dxy: Double, nx: Int, ny: Int, ni: Int) -> Double {
        (Double(nx) * dxi + Double(ny) * dyi) / Double(nx + ny)
    }
}

/// `_single`: `min(d_xi, d_yi)` (scikit-learn takes its own MST path for single; kept for completeness).
enum SingleUpdate: LanceWilliamsUpdate {
    static let name = "single"
    @inline(__always)
    static func update(dxi: Double, dyi: Double, dxy: Double, nx: Int, ny: Int, ni: Int) -> Double {
        dyi < dxi ? dyi : dxi
    }
}

/// scipy's `pdist(X, 'euclidean')`: for each pair i < j in row-major condensed order,
/// `sqrt(Σ_f (x_if − x_jf)²)` with the squares added one feature after the other to 0.0.
enum CondensedDistances {
    /// Fills `out` (n(n−1)/2 values); returns false if any distance is not finite (overflow).
    static func fill(_ x: DataMatrix, into out: UnsafeMutablePointer<Double>, threads: Int) -> Bool {
        let n = x.rows, d = x.columns
        // Fixed blocks of rows with about equal numbers of pairs; every entry is independent, so
        // the split only balances the work.
        let blocks = min(n, 64)
        let totalPairs = n * (n - 1) / 2
        var starts = [0]
        var acc = 0
        for i in 0..<n {
            acc += n - 1 - i
            if starts.count < blocks && acc >= totalPairs * starts.count / blocks && i + 1 < n { starts.append(i + 1) }
        }
        starts.append(n)
        let ranges = (0..<(starts.count - 1)).map { starts[$0]..<starts[$0 + 1] }
        var finite = [Bool](repeating: true, count: ranges.count)
        let outP = SharedMutablePointer(out)
        x.values.withUnsafeBufferPointer { vb in
            let v = SharedPointer(vb.baseAddress!)
            finite.withUnsafeMutableBufferPointer { fb in
                let fp = SharedMutablePointer(fb.baseAddress!)
                Parallelism.run(tasks: ranges.count, threads: threads) { t in
                    var ok = true
                    for i in ranges[t] {
                        var k = n * i - (i * (i + 1)) / 2
                        let xi = v + i * d
                        if d == 2 {
                            let a0 = xi[0], a1 = xi[1]
                            var j = i + 1
                            while j < n {
                                let t0 = a0 - v[j * 2], t1 = a1 - v[j * 2 + 1]
                                let s = t0 * t0 + t1 * t1
                                outP[k] = s.squareRoot()
                                ok = ok && s.isFinite
                                k += 1
                                j += 1
                            }
                        } else {
                            for j in (i + 1)..<n {
                                let xj = v + j * d
                                var s = 0.0
                                for f in 0..<d {
                                    let t = xi[f] - xj[f]
                                    s += t * t
                                }
                                outP[k] = s.squareRoot()
                                ok = ok && s.isFinite
                                k += 1
                            }
                        }
                    }
                    fp[t] = ok
                }
            }
        }
        return !finite.contains(false)
    }
}
