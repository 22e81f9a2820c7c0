/// A dense matrix of `Double` values in row-major order: one sample per row, one feature per column.
///
/// The values live in one flat array (`values[row * columns + column]`), the layout numpy calls
/// C order, so the algorithms can stream through them without per-row allocations.
public struct DataMatrix: Sendable, Equatable, Hashable {
    /// The number of rows (samples).
    public let rows: Int
    /// The number of columns (features).
    public let columns: Int
    /// The values, row after row; always `rows * columns` long.
    public internal(set) var values: [Double]

    /// Creates a matrix from flat row-major values.
    /// - Throws: `ClusteringError.mismatchedStorage` when `values.count != rows * columns`,
    ///   `.invalidArgument` for negative dimensions.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        guard rows >= 0, columns >= 0 else {
            throw ClusteringError.invalidArgument(
                name: "dimensions", reason: "rows and columns must not be negative (got \(rows) × \(columns))")
        }
        let (product, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, product == values.count else {
            throw ClusteringError.mismatchedStorage(rows: rows, columns: columns, count: values.count)
        }
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// Creates a matrix filled with one value (negative dimensions count as 0).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        self.values = Array(repeating: value, count: self.rows * self.columns)
    }

    /// Creates a matrix from an array of rows.
    /// - Throws: `ClusteringError.mismatchedRowLength` when the rows differ in length.
    public init(_ rowArrays: [[Double]]) throws {
        let columns = rowArrays.first?.count ?? 0
        var values: [Double] = []
        values.reserveCapacity(rowArrays.count * columns)
        for (i, row) in rowArrays.enumerated() {
            guard row.count == columns else {
                throw ClusteringError.mismatchedRowLength(row: i, expected: columns, actual: row.count)
            }
            values.append(contentsOf: row)
        }
        self.rows = rowArrays.count
        self.columns = columns
        self.values = values
    }

    /// Unchecked initialiser for values built inside the module.
    init(uncheckedRows rows: Int, columns: Int, values: [Double]) {
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// The value at `row`, `column`.
    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The values of one row.
    public func row(_ index: Int) -> [Double] {
        Array(values[index * columns ..< (index + 1) * columns])
    }

    /// The values of one column.
    public func column(_ index: Int) -> [Double] {
        (0..<rows).map { values[$0 * columns + index] }
    }

    /// All rows as separate arrays (allocates; meant for small results and tests).
    public var rowArrays: [[Double]] { (0..<rows).map(row) }

    /// The rows selected by `indices`, in that order (numpy `X[indices]`).
    public func selectingRows(_ indices: [Int]) -> DataMatrix {
        var out: [Double] = []
        out.reserveCapacity(indices.count * columns)
        for i in indices { out.append(contentsOf: values[i * columns ..< (i + 1) * columns]) }
        return DataMatrix(uncheckedRows: indices.count, columns: columns, values: out)
    }

    /// This matrix with the rows of `other` below it (numpy `vstack`).
    /// - Throws: `ClusteringError.mismatchedRowLength` when the column counts differ.
    public func appendingRows(of other: DataMatrix) throws -> DataMatrix {
        if other.rows == 0 { return self }
        if rows == 0 { return other }
        guard other.columns == columns else {
            throw ClusteringError.mismatchedRowLength(row: rows, expected: columns, actual: other.columns)
        }
        return DataMatrix(uncheckedRows: rows + other.rows, columns: columns, values: values + other.values)
    }

    /// Throws unless the matrix has at least one row and column and only finite values.
    func validateNonEmptyFinite() throws {
        guard rows > 0, columns > 0 else { throw ClusteringError.emptyData }
        for (i, v) in values.enumerated() where !v.isFinite {
            throw ClusteringError.nonFiniteValue(row: i / columns, column: i % columns)
        }
    }
}
