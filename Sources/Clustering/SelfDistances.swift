/// The distances of X against itself as scikit-learn's `pairwise_distances_chunked(X)` computes
/// them: which OpenBLAS call produced each dot product (one dsyrk when a single 1024 MiB chunk
/// holds every row, else one dgemm per chunk), and a row-block kernel that evaluates them.
struct SelfDistancePlan: @unchecked Sendable {
    let n: Int
    let d: Int
    let x: [Double]
    /// `row_norms(X, squared=True)`.
    let norms: [Double]
    /// Rows per scikit-learn chunk; `n` means one chunk (`X` itself, so numpy calls dsyrk).
    let chunkRows: Int
    private let syrkPlan: GemmOrderPlan?
    private let chunkPlan: GemmOrderPlan?
    private let lastChunkPlan: GemmOrderPlan?

    init(x m: DataMatrix, sklearnChunkRows: Int) {
        n = m.rows
        d = m.columns
        x = m.values
        norms = PairwiseDistances.rowNorms(m)
        chunkRows = min(max(sklearnChunkRows, 1), n)
        if d == 1 {
            // One inner coordinate: numpy's matmul never calls BLAS (plain products).
            syrkPlan = nil; chunkPlan = nil; lastChunkPlan = nil
        } else if chunkRows >= n {
            syrkPlan = GemmOrderPlan.syrk(n: n, k: d)
            chunkPlan = nil; lastChunkPlan = nil
        } else {
            syrkPlan = nil
            chunkPlan = GemmOrderPlan.gemm(m: n, n: chunkRows, k: d)
            let last = n % chunkRows
            lastChunkPlan = last == 0 ? nil : GemmOrderPlan.gemm(m: n, n: last, k: d)
        }
    }

    /// The K blocks of the product (one block for d ≤ 384).
    var kBlocks: [Int] { syrkPlan?.kBlocks ?? chunkPlan?.kBlocks ?? [d] }

    /// A run of columns `j0..<j1` of one row whose dot products are not plain chains.
    struct Segment { var j0: Int, j1: Int, order: GemmSumOrder }

    /// The non-chain columns of row `i`.
    func segments(row i: Int) -> [Segment] {
        var out: [Segment] = []
        if let plan = syrkPlan {
            // Row-major (i, j) is the lower element (max(i, j), min(i, j)).
            for t in plan.specials {
                if i >= t.n0 && i < t.n1 {
                    let a = max(t.m0, i), b = t.m1
                    if a < b { out.append(Segment(j0: a, j1: b, order: t.order)) }
                }
                if i >= t.m0 && i < t.m1 {
                    let a = t.n0, b = min(t.n1, i + 1)
                    if a < b { out.append(Segment(j0: a, j1: b, order: t.order)) }
                }
            }
        } else if let full = chunkPlan {
            let chunk = i / chunkRows
            let local = i - chunk * chunkRows
            let isLast = (chunk + 1) * chunkRows > n
            let plan = isLast ? (lastChunkPlan ?? full) : full
            for t in plan.specials where local >= t.n0 && local < t.n1 {
                out.append(Segment(j0: t.m0, j1: t.m1, order: t.order))
            }
        }
        return out
    }

    /// Row `i` of the distance matrix (diagonal 0), one value at a time: the reference path.
    func fillRow(_ i: Int, into row: inout [Double], squared: Bool) {
        let blocks = kBlocks
        x.withUnsafeBufferPointer { v in
            let base = v.baseAddress!
            let a = base + i * d
            for j in 0..<n {
                let g = d == 1 ? a[0] * base[j] : GemmDot.element(a, base + j * d, d, blocks, .chain)
                row[j] = PairwiseDistances.distance(g, norms[i], norms[j], squared: squared)
            }
            for s in segments(row: i) {
                for j in s.j0..<s.j1 {
                    let g = GemmDot.element(a, base + j * d, d, blocks, s.order)
                    row[j] = PairwiseDistances.distance(g, norms[i], norms[j], squared: squared)
                }
            }
        }
        row[i] = 0
    }
}
