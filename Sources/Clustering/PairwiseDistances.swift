/// scikit-learn 1.9.1's Euclidean distances (`sklearn.metrics.pairwise.euclidean_distances`,
/// `pairwise_distances(metric="euclidean")`, `pairwise_distances_chunked`) reproduced bit for bit.
///
/// scikit-learn expands `‖x − y‖² = ‖x‖² − 2 x·y + ‖y‖²`: `XX` and `YY` are `row_norms` (numpy's
/// einsum, `BLASOrder.rowNorm`), the dot products come from numpy `@` (OpenBLAS), and the result is
/// `sqrt(max(((−2·g) + XX[i]) + YY[j], 0))`, with the diagonal set to 0 when X is Y. Each dot product
/// is summed the way OpenBLAS sums that element (see `GemmOrderPlan`): `X @ X.T` is a `dsyrk`, a row
/// chunk `X[a:b] @ X.T` a `dgemm`, a product with one row a `dgemv`/`ddot` (`GemvOrder`).
///
/// Which call numpy makes depends on how scikit-learn cuts the work: `pairwise_distances_chunked`
/// (used by `silhouette_samples`) takes `⌊1024 MiB / (8 n)⌋` rows at a time; one chunk holding every
/// row is `X` itself (dsyrk), otherwise each chunk is a dgemm. Results here follow that cut whatever
/// block size is used to compute them, so memory stays bounded by our own (small) blocks.
public enum PairwiseDistances {
    /// scikit-learn's default `working_memory` (MiB).
    public static let workingMemoryMiB = 1024.0

    /// `euclidean_distances(X)`: the full `n × n` matrix of X against itself (numpy `X @ X.T`, dsyrk).
    /// - Parameters:
    ///   - squared: return squared distances (`squared=True`).
    ///   - maxElements: the largest matrix allowed (default 2²⁷ values = 1 GiB).
    /// - Throws: `ClusteringError` for empty or non-finite data, or `.invalidArgument` when `n × n`
    ///   exceeds `maxElements`.
    public static func euclidean(_ x: DataMatrix, squared: Bool = false, maxElements: Int = 1 << 27) throws -> DataMatrix {
        try x.validateNonEmptyFinite()
        let n = x.rows
        try checkBudget(n, n, maxElements)
        let plan = SelfDistancePlan(x: x, sklearnChunkRows: n)
        var out = [Double](repeating: 0, count: n * n)
        var row = [Double](repeating: 0, count: n)
        for i in 0..<n {
            plan.fillRow(i, into: &row, squared: squared)
            for j in 0..<n { out[i * n + j] = row[j] }
        }
        return DataMatrix(uncheckedRows: n, columns: n, values: out)
    }

    /// `euclidean_distances(X, Y)` for two different arrays: `n_X × n_Y`.
    /// - Throws: `ClusteringError` for empty or non-finite data, different widths, or a matrix
    ///   larger than `maxElements`.
    public static func euclidean(_ x: DataMatrix, _ y: DataMatrix, squared: Bool = false, maxElements: Int = 1 << 27) throws -> DataMatrix {
        try x.validateNonEmptyFinite()
        try y.validateNonEmptyFinite()
        guard x.columns == y.columns else {
            throw ClusteringError.mismatchedRowLength(row: 0, expected: x.columns, actual: y.columns)
        }
        try checkBudget(x.rows, y.rows, maxElements)
        let g = crossProducts(x, y)
        let xx = rowNorms(x), yy = rowNorms(y)
        var out = [Double](repeating: 0, count: x.rows * y.rows)
        for i in 0..<x.rows {
            for j in 0..<y.rows {
                out[i * y.rows + j] = distance(g[i * y.rows + j], xx[i], yy[j], squared: squared)
            }
        }
        return DataMatrix(uncheckedRows: x.rows, columns: y.rows, values: out)
    }

    /// `pairwise_distances(X, [point]).ravel()`: the distance of every row to one point (numpy
    /// `X @ point`, a dgemv; a ddot for one row). Used by Davies–Bouldin and the distortion score.
    /// - Throws: `ClusteringError` for empty or non-finite data or a point of the wrong width.
    public static func euclidean(_ x: DataMatrix, to point: [Double], squared: Bool = false) throws -> [Double] {
        try x.validateNonEmptyFinite()
        guard point.count == x.columns else {
            throw ClusteringError.mismatchedRowLength(row: 0, expected: x.columns, actual: point.count)
        }
        if let f = point.firstIndex(where: { !$0.isFinite }) { throw ClusteringError.nonFiniteValue(row: 0, column: f) }
        return distancesToPoint(x.values, rows: x.rows, d: x.columns, point: point, squared: squared)
    }

    /// `pairwise_distances_chunked(X)`: calls `body(firstRow, chunk)` for consecutive row blocks of
    /// the `n × n` distance matrix of X against itself, in order. The values are scikit-learn's: its
    /// chunking by `workingMemoryMiB` (scikit-learn's `working_memory`, default 1024) decides the
    /// BLAS calls and so the rounding; `rowsPerChunk` (default: as many rows as fit in 8 MiB) only
    /// bounds the memory used here.
    /// - Throws: `ClusteringError` for empty or non-finite data, `rowsPerChunk < 1` or
    ///   `workingMemoryMiB` not positive; rethrows `body`.
    public static func forEachChunk(
        of x: DataMatrix, rowsPerChunk: Int? = nil, workingMemoryMiB: Double = workingMemoryMiB, squared: Bool = false,
        _ body: (Int, DataMatrix) throws -> Void
    ) throws {
        try x.validateNonEmptyFinite()
        let n = x.rows
        let rows = rowsPerChunk ?? max(1, (8 << 20) / (8 * n))
        guard rows >= 1 else { throw ClusteringError.invalidArgument(name: "rowsPerChunk", reason: "must be at least 1, got \(rows)") }
        guard workingMemoryMiB > 0, workingMemoryMiB.isFinite else {
            throw ClusteringError.invalidArgument(name: "workingMemoryMiB", reason: "must be finite and positive, got \(workingMemoryMiB)")
        }
        let plan = SelfDistancePlan(x: x, sklearnChunkRows: sklearnChunkRows(n, workingMemoryMiB: workingMemoryMiB))
        var row = [Double](repeating: 0, count: n)
        var start = 0
        while start < n {
            let count = min(rows, n - start)
            var block = [Double](repeating: 0, count: count * n)
            for r in 0..<count {
                plan.fillRow(start + r, into: &row, squared: squared)
                for j in 0..<n { block[r * n + j] = row[j] }
            }
            try body(start, DataMatrix(uncheckedRows: count, columns: n, values: block))
            start += count
        }
    }

    /// `get_chunk_n_rows(row_bytes=8 n, max_n_rows=n, working_memory)`:
    /// `int(working_memory * 2**20 // row_bytes)` (Python's float floor division), at most n, at least 1.
    static func sklearnChunkRows(_ n: Int, workingMemoryMiB: Double = workingMemoryMiB) -> Int {
        let a = workingMemoryMiB * 1048576.0, b = Double(8 * n)
        // float_floor_div: (a - fmod(a, b)) / b, then floor with the half correction.
        let mod = a.truncatingRemainder(dividingBy: b)
        let div = (a - mod) / b
        var floorDiv = div.rounded(.down)
        if div - floorDiv > 0.5 { floorDiv += 1 }
        let rows = floorDiv >= Double(Int.max) ? Int.max : Int(floorDiv)
        return max(1, min(n, rows))
    }

    static func checkBudget(_ a: Int, _ b: Int, _ maxElements: Int) throws {
        let (p, o) = a.multipliedReportingOverflow(by: b)
        guard !o, p <= maxElements else {
            throw ClusteringError.invalidArgument(
                name: "distance matrix",
                reason: "\(a) × \(b) values exceed the budget of \(maxElements); use the chunked API")
        }
    }

    /// `row_norms(X, squared=True)`.
    static func rowNorms(_ x: DataMatrix) -> [Double] {
        x.values.withUnsafeBufferPointer { v in
            (0..<x.rows).map { BLASOrder.rowNorm(v.baseAddress! + $0 * x.columns, x.columns) }
        }
    }

    /// One element of `_euclidean_distances`: `((−2·g) + xx) + yy`, clipped at 0, then `sqrt`.
    @inline(__always)
    static func distance(_ g: Double, _ xx: Double, _ yy: Double, squared: Bool) -> Double {
        let t = ((-2.0 * g) + xx) + yy
        let c = t < 0 ? 0.0 : t
        return squared ? c : c.squareRoot()
    }

    /// numpy `X @ Y.T` for two different arrays, element order as numpy/OpenBLAS choose it.
    static func crossProducts(_ x: DataMatrix, _ y: DataMatrix) -> [Double] {
        let nx = x.rows, ny = y.rows, d = x.columns
        var g = [Double](repeating: 0, count: nx * ny)
        x.values.withUnsafeBufferPointer { xv in
            y.values.withUnsafeBufferPointer { yv in
                let xb = xv.baseAddress!, yb = yv.baseAddress!
                if d == 1 {
                    for i in 0..<nx { for j in 0..<ny { g[i * ny + j] = xb[i] * yb[j] } }
                } else if nx == 1 && ny == 1 {
                    g[0] = GemvOrder.ddot(xb, yb, d)
                } else if ny == 1 {
                    let col = GemvOrder.gemvT(xb, rows: nx, d: d, vector: yb)
                    for i in 0..<nx { g[i] = col[i] }
                } else if nx == 1 {
                    let row = GemvOrder.gemvT(yb, rows: ny, d: d, vector: xb)
                    for j in 0..<ny { g[j] = row[j] }
                } else {
                    let plan = GemmOrderPlan.gemm(m: ny, n: nx, k: d)
                    if plan.smallKernel {
                        for i in 0..<nx {
                            for j in 0..<ny { g[i * ny + j] = GemmDot.block(xb + i * d, yb + j * d, 0, d, plan.smallOrder(m: j, n: i)) }
                        }
                        return
                    }
                    for i in 0..<nx {
                        for j in 0..<ny { g[i * ny + j] = GemmDot.element(xb + i * d, yb + j * d, d, plan.kBlocks, .chain) }
                    }
                    for t in plan.specials {
                        for i in t.n0..<t.n1 {
                            for j in t.m0..<t.m1 { g[i * ny + j] = GemmDot.element(xb + i * d, yb + j * d, d, plan.kBlocks, t.order) }
                        }
                    }
                }
            }
        }
        return g
    }

    /// Distances of `rows` rows of `values` to `point` (`pairwise_distances(X, [point])`).
    static func distancesToPoint(_ values: [Double], rows: Int, d: Int, point: [Double], squared: Bool) -> [Double] {
        values.withUnsafeBufferPointer { v in
            point.withUnsafeBufferPointer { c in
                let xb = v.baseAddress!, cb = c.baseAddress!
                let yy = BLASOrder.rowNorm(cb, d)
                let g: [Double]
                if d == 1 {
                    g = (0..<rows).map { xb[$0] * cb[0] }
                } else if rows == 1 {
                    g = [GemvOrder.ddot(xb, cb, d)]
                } else {
                    g = GemvOrder.gemvT(xb, rows: rows, d: d, vector: cb)
                }
                return (0..<rows).map { distance(g[$0], BLASOrder.rowNorm(xb + $0 * d, d), yy, squared: squared) }
            }
        }
    }
}
