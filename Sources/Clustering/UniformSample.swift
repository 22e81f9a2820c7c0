/// The order in which uniform draws fill a table.
public enum UniformFill: String, Sendable, Hashable, CaseIterable {
    /// Row after row: `RandomState(seed).uniform(low, high, size=(n, d))`.
    case rows
    /// Column after column: `np.column_stack([uniform(low[j], high[j], n) for j in …])`, as the seed
    /// app draws its initial centres.
    case columns
}

/// Uniform points from a freshly seeded numpy `RandomState`, one bound pair per column.
/// - Throws: `ClusteringError.invalidArgument` for a negative count, mismatched bounds or a bad seed.
public func uniformSample(rows n: Int, low: [Double], high: [Double], seed: Int, fill: UniformFill = .rows) throws -> DataMatrix {
    guard n >= 0 else { throw ClusteringError.invalidArgument(name: "rows", reason: "must not be negative (got \(n))") }
    guard low.count == high.count, !low.isEmpty else {
        throw ClusteringError.invalidArgument(name: "low/high", reason: "need one bound pair per column (got \(low.count) and \(high.count))")
    }
    var rs = try RandomState(seed: seed)
    let d = low.count
    var v = [Double](repeating: 0, count: n * d)
    switch fill {
    case .rows:
        for i in 0..<n {
            for j in 0..<d { v[i * d + j] = try rs.uniform(low: low[j], high: high[j]) }
        }
    case .columns:
        for j in 0..<d {
            let col = try rs.uniform(low: low[j], high: high[j], count: n)
            for i in 0..<n { v[i * d + j] = col[i] }
        }
    }
    return try DataMatrix(rows: n, columns: d, values: v)
}
