/// scikit-learn 1.9.1's own single linkage (`linkage_tree(..., linkage='single')` without
/// connectivity): `mst_linkage_core` (Prim's algorithm on `DistanceMetric('euclidean')`, never a
/// distance matrix), `np.argsort(mst[:, 2], kind='mergesort')`, then `_single_linkage_label`.
///
/// Memory is O(n): the coordinates, one running-minimum distance per sample and the edges.
enum SingleLinkage {
    /// The merges (children as (find(a), find(b)) in edge order, not sorted) and their heights.
    static func linkage(_ x: DataMatrix) throws -> (children: [MergePair], heights: [Double]) {
        let n = x.rows
        guard let (from, to, weight) = primEdges(x) else {
            throw ClusteringError.invalidArgument(
                name: "data", reason: "a distance between two samples overflows to infinity (values too large)")
        }
        let order = NearestNeighborChain.stableOrder(weight)
        // sklearn's UnionFind: parent −1 = root; merge m, n under next_label.
        var parent = [Int](repeating: -1, count: 2 * n - 1)
        var next = n
        func find(_ v: Int) -> Int {
            var r = v
            while parent[r] != -1 { r = parent[r] }
            var p = v
            while p != r, parent[p] != r { let q = parent[p]; parent[p] = r; p = q }
            return r
        }
        var children: [MergePair] = []
        children.reserveCapacity(n - 1)
        var heights: [Double] = []
        heights.reserveCapacity(n - 1)
        for e in order {
            let a = find(from[e]), b = find(to[e])
            children.append(MergePair(a, b))
            heights.append(weight[e])
            parent[a] = next
            parent[b] = next
            next += 1
        }
        return (children, heights)
    }

    /// `mst_linkage_core`: n − 1 rows (current_node, new_node, new_distance) in Prim order.
    ///
    /// Per step, every sample j not yet in the tree gets `current[j] = min(current[j], dist)` with
    /// `dist = sqrt(Σ(x_cf − x_jf)²)` (strict `<`), and the first j in index order with the
    /// smallest `current[j]` is next (strict `<` against a running minimum). The minima are kept
    /// squared: the square root is monotonic, so `sqrt(min(a, b)) = min(sqrt(a), sqrt(b))` and the
    /// values are the same bits, while the choice among equal roots is made on the roots (below);
    /// one square root a step instead of one a pair halved the time. "First in index order
    /// among equal minima" is the lexicographic minimum of (current[j], j), so the samples not yet
    /// in the tree can be kept in any order (removal swaps in the last one) with the same choice.
    /// Returns nil when a distance overflows to +∞ (scikit-learn would then pick sample 0 again).
    static func primEdges(_ x: DataMatrix) -> (from: [Int], to: [Int], weight: [Double])? {
        let n = x.rows, d = x.columns
        var from = [Int](repeating: 0, count: n - 1)
        var to = [Int](repeating: 0, count: n - 1)
        var weight = [Double](repeating: 0, count: n - 1)
        // Remaining samples: their ids, their coordinates (one array per feature) and running minima.
        var ids = [Int](1..<n)
        var current = [Double](repeating: .infinity, count: n - 1)
        var coords = [Double](repeating: 0, count: (n - 1) * d)
        x.values.withUnsafeBufferPointer { v in
            for j in 1..<n { for f in 0..<d { coords[f * (n - 1) + j - 1] = v[j * d + f] } }
        }
        var currentNode = 0
        var remaining = n - 1
        var overflow = false
        x.values.withUnsafeBufferPointer { vb in
            let v = vb.baseAddress!
            ids.withUnsafeMutableBufferPointer { ids in
                current.withUnsafeMutableBufferPointer { cur in
                    coords.withUnsafeMutableBufferPointer { cb in
                        let c = cb.baseAddress!
                        let stride = n - 1
                        for step in 0..<(n - 1) {
                            // Pass 1: the running minima, kept as squared distances (no square root
                            // per pair), and the smallest of them.
                            var smallest = Double.infinity
                            if d == 2 {
                                let px = v[2 * currentNode], py = v[2 * currentNode + 1]
                                let cx = c, cy = c + stride
                                for p in 0..<remaining {
                                    let t0 = px - cx[p], t1 = py - cy[p]
                                    let s = t0 * t0 + t1 * t1
                                    let m = s < cur[p] ? s : cur[p]
                                    cur[p] = m
                                    smallest = m < smallest ? m : smallest
                                }
                            } else {
                                let q = v + currentNode * d
                                for p in 0..<remaining {
                                    var s = 0.0
                                    for f in 0..<d {
                                        let t = q[f] - c[f * stride + p]
                                        s += t * t
                                    }
                                    let m = s < cur[p] ? s : cur[p]
                                    cur[p] = m
                                    smallest = m < smallest ? m : smallest
                                }
                            }
                            // Pass 2: scikit-learn compares the roots, and distinct squares can have the
                            // same root: the next sample is the lowest id among those whose root equals
                            // the smallest root. Every such square is at most limit (below the square of
                            // the next double up), so only those few are rooted.
                            let best = smallest.squareRoot()
                            let limit = best.nextUp * best.nextUp
                            var bestPos = -1
                            var bestId = Int.max
                            for p in 0..<remaining where cur[p] <= limit {
                                if cur[p].squareRoot() == best && ids[p] < bestId { bestPos = p; bestId = ids[p] }
                            }
                            guard best < .infinity else { overflow = true; return }
                            from[step] = currentNode
                            to[step] = bestId
                            weight[step] = best
                            currentNode = bestId
                            // Swap the last remaining sample into the chosen one's place.
                            let last = remaining - 1
                            ids[bestPos] = ids[last]
                            cur[bestPos] = cur[last]
                            for f in 0..<d { c[f * stride + bestPos] = c[f * stride + last] }
                            remaining = last
                        }
                    }
                }
            }
        }
        return overflow ? nil : (from, to, weight)
    }
}
