/// ε-neighbourhoods (`radius_neighbors(X)` with the data as its own query) with scikit-learn's
/// exact acceptance test, without materialising them: counts in parallel, and the members of one
/// neighbourhood on demand. Memory is O(n) whatever the radius.
struct RadiusNeighbors: @unchecked Sendable {
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

    init(points: DataMatrix, radius: Double, algorithm: NeighborAlgorithm) {
        precondition(algorithm != .auto)
        self.points = points
        self.algorithm = algorithm
        squaredRadius = radius * radius
        if algorithm == .kdTree {
            let g = NeighborGrid(
                points: points, minimumCellSize: squaredRadius.isFinite ? NeighborRules.safeCellSize(squaredRadius: squaredRadius) : .infinity)
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

    /// The size of every point's neighbourhood, itself included (`len(neighborhoods[i])`).
    /// Parallel over fixed blocks of points; each count is an integer, so the result cannot
    /// depend on the thread count.
    func counts(threads: Int) -> [Int] {
        let n = points.rows
        var out = [Int](repeating: 0, count: n)
        let block = 1024
        let tasks = (n + block - 1) / block
        out.withUnsafeMutableBufferPointer { o in
            let sink = SharedMutablePointer(o.baseAddress!)
            Parallelism.run(tasks: tasks, threads: threads) { t in
                let range = (t * block)..<min((t + 1) * block, n)
                if let grid {
                    // Blocks run over sorted positions (cell order) for locality.
                    for p in range { sink[grid.order[p]] = countTree(sortedPosition: p, grid: grid) }
                } else {
                    for i in range {
                        var c = 0
                        forEachBruteNeighbor(of: i) { _ in c += 1 }
                        sink[i] = c
                    }
                }
            }
        }
        return out
    }

    /// Calls `body(j)` for every `j` in the neighbourhood of point `i` (the order is the grid's
    /// and does not matter to DBSCAN).
    @inline(__always)
    func forEachNeighbor(of i: Int, _ body: (Int) -> Void) {
        if let grid {
            forEachTreeNeighbor(sortedPosition: position[i], grid: grid) { q in body(grid.order[q]) }
        } else {
            forEachBruteNeighbor(of: i, body)
        }
    }

    // MARK: - kd-tree rule over grid candidates

    private func countTree(sortedPosition p: Int, grid: NeighborGrid) -> Int {
        var c = 0
        forEachTreeNeighbor(sortedPosition: p, grid: grid) { _ in c += 1 }
        return c
    }

    /// Sorted positions `q` with `Σ(x_p − x_q)² ≤ eps²` (features in order from 0).
    @inline(__always)
    private func forEachTreeNeighbor(sortedPosition p: Int, grid: NeighborGrid, _ body: (Int) -> Void) {
        let d = grid.columns
        let e2 = squaredRadius
        grid.sorted.withUnsafeBufferPointer { s in
            let base = s.baseAddress!
            let a = base + p * d
            if d == 2 {
                let a0 = a[0], a1 = a[1]
                grid.forEachAdjacentRun(ofCell: grid.cellOfPosition[p]) { lo, hi in
                    var q = lo
                    while q < hi {
                        let t0 = a0 - base[2 * q], t1 = a1 - base[2 * q + 1]
                        // 0 + t0² is t0² exactly, so this is the tree's running sum.
                        if t0 * t0 + t1 * t1 <= e2 { body(q) }
                        q += 1
                    }
                }
            } else {
                grid.forEachAdjacentRun(ofCell: grid.cellOfPosition[p]) { lo, hi in
                    for q in lo..<hi where NeighborRules.treeRdist(a, base + q * d, d) <= e2 { body(q) }
                }
            }
        }
    }

    // MARK: - brute rule

    /// Indices `j` with `max(0, (‖x_i‖² − 2 x_i·x_j) + ‖x_j‖²) ≤ eps²`, x_i as the query
    /// (the expansion is not symmetric in i and j).
    @inline(__always)
    private func forEachBruteNeighbor(of i: Int, _ body: (Int) -> Void) {
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
