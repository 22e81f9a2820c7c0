/// A uniform grid over (up to) three of the features, used to find the candidates of exact
/// neighbour tests without comparing every pair.
///
/// The points are sorted by cell (a stable counting sort, so ties keep index order) and their
/// coordinates copied in that order. The cell size is never below the radius that the tree rule
/// can accept (`NeighborRules.safeCellSize`), so every neighbour of a point lies in its own cell
/// or an adjacent one; the grid only proposes candidates, and the caller applies the exact test
/// to each, so the grid's own rounding can never change an answer. Cells only get coarser when the
/// grid would have more than about two cells per point, which keeps memory O(n).
struct NeighborGrid: @unchecked Sendable {
    let rows: Int
    let columns: Int
    /// The features the grid is laid over (the ≤ 3 widest, in feature order).
    let gridFeatures: [Int]
    /// Cells per grid feature.
    let cellCounts: [Int]
    /// The lower corner of the grid.
    let origin: [Double]
    /// The side of a cell.
    let cellSize: Double
    /// Sorted position → point index.
    let order: [Int]
    /// The coordinates in sorted order (`rows × columns`).
    let sorted: [Double]
    /// `cellStart[c] ..< cellStart[c + 1]` are the sorted positions in linear cell `c`.
    let cellStart: [Int]
    /// The linear cell of each sorted position.
    let cellOfPosition: [Int]

    /// Builds the grid for `points` with cells of at least `minimumCellSize` (non-finite: one cell).
    init(points: DataMatrix, minimumCellSize: Double) {
        rows = points.rows
        columns = points.columns
        let n = rows, d = columns
        var low = [Double](repeating: .infinity, count: d)
        var high = [Double](repeating: -.infinity, count: d)
        points.values.withUnsafeBufferPointer { v in
            for i in 0..<n {
                for f in 0..<d {
                    let x = v[i * d + f]
                    if x < low[f] { low[f] = x }
                    if x > high[f] { high[f] = x }
                }
            }
        }
        let spreads = (0..<d).map { high[$0] - low[$0] }
        // The widest features separate points best; ties keep the lower feature.
        let byWidth = (0..<d).sorted { spreads[$0] > spreads[$1] || (spreads[$0] == spreads[$1] && $0 < $1) }
        var features = Array(byWidth.prefix(3)).sorted()
        var size = minimumCellSize
        let finite = size.isFinite && size > 0 && features.allSatisfy { spreads[$0].isFinite }
        if !finite {
            features = []
            size = .infinity
        }
        // Coarsen until the grid has at most 2n + 64 cells.
        let budget = Double(2 * n + 64)
        func counts(_ s: Double) -> [Double] { features.map { (spreads[$0] / s).rounded(.down) + 1 } }
        while finite, counts(size).reduce(1, *) > budget { size *= 2 }
        let cellCounts = counts(size).map { Int($0) }
        let origin = features.map { low[$0] }
        gridFeatures = features
        self.cellCounts = cellCounts
        self.origin = origin
        cellSize = size

        let cellTotal = cellCounts.reduce(1, *)
        var cellOfPoint = [Int](repeating: 0, count: n)
        points.values.withUnsafeBufferPointer { v in
            for i in 0..<n {
                var linear = 0, stride = 1
                for (g, f) in features.enumerated() {
                    let u = ((v[i * d + f] - origin[g]) / size).rounded(.down)
                    let c = Int(min(max(u, 0), Double(cellCounts[g] - 1)))
                    linear += c * stride
                    stride *= cellCounts[g]
                }
                cellOfPoint[i] = linear
            }
        }
        var start = [Int](repeating: 0, count: cellTotal + 1)
        for c in cellOfPoint { start[c + 1] += 1 }
        for c in 0..<cellTotal { start[c + 1] += start[c] }
        var next = start
        var order = [Int](repeating: 0, count: n)
        var cellOfPosition = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let c = cellOfPoint[i]
            order[next[c]] = i
            cellOfPosition[next[c]] = c
            next[c] += 1
        }
        var sorted = [Double](repeating: 0, count: n * d)
        points.values.withUnsafeBufferPointer { v in
            for p in 0..<n {
                let i = order[p]
                for f in 0..<d { sorted[p * d + f] = v[i * d + f] }
            }
        }
        self.order = order
        self.sorted = sorted
        self.cellStart = start
        self.cellOfPosition = cellOfPosition
    }

    /// Calls `body(lo, hi)` for the runs of sorted positions in the cells adjacent to `cell`
    /// (including itself): one contiguous run per row of cells along the first grid feature.
    @inline(__always)
    func forEachAdjacentRun(ofCell cell: Int, _ body: (Int, Int) -> Void) {
        let g = gridFeatures.count
        if g == 0 {
            body(0, rows)
            return
        }
        let c0 = cell % cellCounts[0]
        let c1 = g > 1 ? (cell / cellCounts[0]) % cellCounts[1] : 0
        let c2 = g > 2 ? cell / (cellCounts[0] * cellCounts[1]) : 0
        let x0 = max(c0 - 1, 0), x1 = min(c0 + 1, cellCounts[0] - 1)
        let stride1 = cellCounts[0]
        let stride2 = g > 1 ? cellCounts[0] * cellCounts[1] : 0
        let yRange = g > 1 ? max(c1 - 1, 0)...min(c1 + 1, cellCounts[1] - 1) : 0...0
        let zRange = g > 2 ? max(c2 - 1, 0)...min(c2 + 1, cellCounts[2] - 1) : 0...0
        for z in zRange {
            for y in yRange {
                let base = z * stride2 + y * stride1
                body(cellStart[base + x0], cellStart[base + x1 + 1])
            }
        }
    }

    /// Calls `body(lo, hi)` for the runs of sorted positions in the cells at Chebyshev distance
    /// exactly `ring` from `cell` (ring 0: the cell itself). Returns false when the ring lies
    /// entirely outside the grid, i.e. every cell has been visited by the smaller rings.
    @discardableResult
    func forEachRingRun(ofCell cell: Int, ring r: Int, _ body: (Int, Int) -> Void) -> Bool {
        let g = gridFeatures.count
        if g == 0 {
            if r == 0 { body(0, rows) }
            return r == 0
        }
        let n0 = cellCounts[0]
        let n1 = g > 1 ? cellCounts[1] : 1, n2 = g > 2 ? cellCounts[2] : 1
        let c0 = cell % n0
        let c1 = g > 1 ? (cell / n0) % n1 : 0
        let c2 = g > 2 ? cell / (n0 * n1) : 0
        // Some cell of the ring exists unless the ring is beyond the grid in every direction.
        let reach = max(max(c0, n0 - 1 - c0), max(max(c1, n1 - 1 - c1), max(c2, n2 - 1 - c2)))
        guard r <= reach else { return false }
        let yr = g > 1 ? r : 0, zr = g > 2 ? r : 0
        for dz in -zr...zr {
            let z = c2 + dz
            guard z >= 0, z < n2 else { continue }
            for dy in -yr...yr {
                let y = c1 + dy
                guard y >= 0, y < n1 else { continue }
                let base = z * n0 * n1 + y * n0
                if abs(dy) == r || abs(dz) == r {
                    // A whole row of the ring's box.
                    let x0 = max(c0 - r, 0), x1 = min(c0 + r, n0 - 1)
                    if x0 <= x1 { body(cellStart[base + x0], cellStart[base + x1 + 1]) }
                } else {
                    // Only the two ends of the row belong to the ring.
                    if c0 - r >= 0 { body(cellStart[base + c0 - r], cellStart[base + c0 - r + 1]) }
                    if r > 0, c0 + r < n0 { body(cellStart[base + c0 + r], cellStart[base + c0 + r + 1]) }
                }
            }
        }
        return true
    }
}
