/// ε-neighbourhoods (`radius_neighbors(X)` with the data as its own query) with scikit-learn's
/// exact acceptance test: counts in parallel, then the members of one neighbourhood, either from a
/// compact list filled in parallel (when it fits a memory budget) or enumerated again on demand
/// (O(n) memory whatever the radius).
final class RadiusNeighbors: @unchecked Sendable {
    /// The rule the answers follow (`.kdTree` or `.brute`).
    let algorithm: NeighborAlgorithm
    /// `eps * eps`, the value both rules compare with.
    let squaredRadius: Double
    private let points: DataMatrix
    private let grid: NeighborGrid?
    /// Point index → sorted position in the grid.
    private let position: [Int]
    /// `ddot` row norms for the brute rule.
    private let norms: [Double]
    /// Stored neighbourhoods of selected points (CSR: `offsets[i] ..< offsets[i + 1]` in `members`).
    private var offsets: [Int] = []
    private var members: [Int32] = []

    /// The most neighbour indices `storeNeighborhoods` keeps (4 bytes each: 128 MiB).
    static let storageBudget = 1 << 25

    init(points: DataMatrix, radius: Double, algorithm: NeighborAlgorithm) {
        precondition(algorithm != .auto)
        self.points = points
        self.algorithm = algorithm
        squaredRadius = radius * radius
        if algorithm == .kdTree {
            let size = squaredRadius.isFinite ? NeighborRules.safeCellSize(squaredRadius: squaredRadius) : .infinity
            let g = NeighborGrid(points: points, minimumCellSize: size)
            var position = [Int](repeating: 0, count: points.rows)
            for (p, i) in g.order.enumerated() { position[i] = p }
            grid = g
            self.position = position
            norms = []
        } else {
            grid = nil
            position = []
            norms = NeighborRules.rowNorms(points)
        }
    }

    /// Fixed blocks of 1024 queries, in sorted (cell) order for the grid; the partition depends
    /// only on n, and every block writes its own outputs.
    private func forEachBlock(threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let n = points.rows, block = 1024
        Parallelism.run(tasks: (n + block - 1) / block, threads: threads) { t in
            body((t * block)..<min((t + 1) * block, n))
        }
    }

    /// The size of every point's neighbourhood, itself included (`len(neighborhoods[i])`).
    func counts(threads: Int) -> [Int] {
        var out = [Int](repeating: 0, count: points.rows)
        out.withUnsafeMutableBufferPointer { o in
            let sink = SharedMutablePointer(o.baseAddress!)
            forEachBlock(threads: threads) { range in
                for k in range {
                    if let grid = self.grid {
                        sink[grid.order[k]] = self.countTree(sortedPosition: k, grid: grid)
                    } else {
                        var c = 0
                        self.scanBrute(point: k) { _ in c += 1 }
                        sink[k] = c
                    }
                }
            }
        }
        return out
    }

    /// Stores the neighbourhoods of the points with `selected[i]` (their sizes are `counts[i]`)
    /// when they hold at most `budget` indices, filling them in parallel; returns whether it did.
    func storeNeighborhoods(of selected: [Bool], counts: [Int], threads: Int, budget: Int = storageBudget) -> Bool {
        let n = points.rows
        var offsets = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { offsets[i + 1] = offsets[i] + (selected[i] ? counts[i] : 0) }
        guard offsets[n] <= budget, n < Int(Int32.max) else { return false }
        var members = [Int32](repeating: 0, count: offsets[n])
        members.withUnsafeMutableBufferPointer { m in
            let sink = SharedMutablePointer(m.baseAddress!)
            offsets.withUnsafeBufferPointer { off in
                let start = SharedPointer(off.baseAddress!)
                forEachBlock(threads: threads) { range in
                    if let grid = self.grid {
                        var scratch = UnsafeMutablePointer<Int32>.allocate(capacity: 256)
                        var capacity = 256
                        for k in range {
                            let i = grid.order[k]
                            guard selected[i] else { continue }
                            let found = self.fillTree(sortedPosition: k, grid: grid, scratch: &scratch, capacity: &capacity)
                            (sink.base + start[i]).update(from: scratch, count: found)
                        }
                        scratch.deallocate()
                    } else {
                        for i in range where selected[i] {
                            var at = start[i]
                            self.scanBrute(point: i) { j in
                                sink[at] = Int32(truncatingIfNeeded: j)
                                at += 1
                            }
                        }
                    }
                }
            }
        }
        self.offsets = offsets
        self.members = members
        return true
    }

    /// Calls `body(j)` for every `j` in the neighbourhood of point `i` (stored if available; the
    /// order does not matter to DBSCAN).
    @inline(__always)
    func forEachNeighbor(of i: Int, _ body: (Int) -> Void) {
        if !offsets.isEmpty {
            members.withUnsafeBufferPointer { m in
                for k in offsets[i]..<offsets[i + 1] { body(Int(m[k])) }
            }
        } else {
            scan(query: grid == nil ? i : position[i], body)
        }
    }

    /// The neighbours (point indices) of one query: sorted position `k` for the grid, point index
    /// `k` for brute force.
    @inline(__always)
    private func scan(query k: Int, _ body: (Int) -> Void) {
        if let grid {
            scanTree(sortedPosition: k, grid: grid, body)
        } else {
            scanBrute(point: k, body)
        }
    }

    /// The number of grid candidates of sorted position `p` that pass the tree rule, counted
    /// without branches on the test (about a third of the candidates pass, so a branch would be
    /// mispredicted often).
    private func countTree(sortedPosition p: Int, grid: NeighborGrid) -> Int {
        let d = grid.columns
        let e2 = squaredRadius
        var c = 0
        grid.sorted.withUnsafeBufferPointer { s in
            let base = s.baseAddress!
            let a = base + p * d
            if d == 2 {
                let a0 = a[0], a1 = a[1]
                grid.forEachAdjacentRun(ofCell: grid.cellOfPosition[p]) { lo, hi in
                    var q = lo
                    while q < hi {
                        let t0 = a0 - base[2 * q], t1 = a1 - base[2 * q + 1]
                        c &+= t0 * t0 + t1 * t1 <= e2 ? 1 : 0
                        q += 1
                    }
                }
            } else {
                grid.forEachAdjacentRun(ofCell: grid.cellOfPosition[p]) { lo, hi in
                    for q in lo..<hi { c &+= NeighborRules.treeRdist(a, base + q * d, d) <= e2 ? 1 : 0 }
                }
            }
        }
        return c
    }

    /// Writes the point indices of the neighbours of sorted position `p` to `scratch` (grown to
    /// hold every candidate) without branching on the test: every candidate is written, and the
    /// write position advances only past the accepted ones. Returns the number accepted.
    private func fillTree(
        sortedPosition p: Int, grid: NeighborGrid, scratch: inout UnsafeMutablePointer<Int32>, capacity: inout Int
    ) -> Int {
        var candidates = 0
        grid.forEachAdjacentRun(ofCell: grid.cellOfPosition[p]) { lo, hi in candidates += hi - lo }
        if candidates > capacity {
            scratch.deallocate()
            capacity = max(candidates, 2 * capacity)
            scratch = .allocate(capacity: capacity)
        }
        let out = scratch
        let d = grid.columns
        let e2 = squaredRadius
        var at = 0
        grid.sorted.withUnsafeBufferPointer { s in
            grid.order.withUnsafeBufferPointer { order in
                let base = s.baseAddress!
                let a = base + p * d
                if d == 2 {
                    let a0 = a[0], a1 = a[1]
                    grid.forEachAdjacentRun(ofCell: grid.cellOfPosition[p]) { lo, hi in
                        var q = lo
                        while q < hi {
                            let t0 = a0 - base[2 * q], t1 = a1 - base[2 * q + 1]
                            out[at] = Int32(truncatingIfNeeded: order[q])
                            at &+= t0 * t0 + t1 * t1 <= e2 ? 1 : 0
                            q += 1
                        }
                    }
                } else {
                    grid.forEachAdjacentRun(ofCell: grid.cellOfPosition[p]) { lo, hi in
                        for q in lo..<hi {
                            out[at] = Int32(truncatingIfNeeded: order[q])
                            at &+= NeighborRules.treeRdist(a, base + q * d, d) <= e2 ? 1 : 0
                        }
                    }
                }
            }
        }
        return at
    }

    /// Grid candidates of sorted position `p` that pass `Σ(x_p − x_q)² ≤ eps²` (features in order).
    @inline(__always)
    private func scanTree(sortedPosition p: Int, grid: NeighborGrid, _ body: (Int) -> Void) {
        let d = grid.columns
        let e2 = squaredRadius
        grid.sorted.withUnsafeBufferPointer { s in
            grid.order.withUnsafeBufferPointer { order in
                let base = s.baseAddress!
                let a = base + p * d
                if d == 2 {
                    let a0 = a[0], a1 = a[1]
                    grid.forEachAdjacentRun(ofCell: grid.cellOfPosition[p]) { lo, hi in
                        var q = lo
                        while q < hi {
                            let t0 = a0 - base[2 * q], t1 = a1 - base[2 * q + 1]
                            // 0 + t0² is t0² exactly, so this is the tree's running sum.
                            if t0 * t0 + t1 * t1 <= e2 { body(order[q]) }
                            q += 1
                        }
                    }
                } else {
                    grid.forEachAdjacentRun(ofCell: grid.cellOfPosition[p]) { lo, hi in
                        for q in lo..<hi where NeighborRules.treeRdist(a, base + q * d, d) <= e2 { body(order[q]) }
                    }
                }
            }
        }
    }

    /// Indices `j` with `max(0, (‖x_i‖² − 2 x_i·x_j) + ‖x_j‖²) ≤ eps²`, x_i as the query
    /// (the expansion is not symmetric in i and j).
    @inline(__always)
    private func scanBrute(point i: Int, _ body: (Int) -> Void) {
        let n = points.rows, d = points.columns
        let e2 = squaredRadius
        points.values.withUnsafeBufferPointer { v in
            norms.withUnsafeBufferPointer { norm in
                let base = v.baseAddress!
                let x = base + i * d
                let xNorm = norm[i]
                for j in 0..<n where NeighborRules.bruteSquared(x, xNorm, base + j * d, norm[j], d) <= e2 {
                    body(j)
                }
            }
        }
    }
}
