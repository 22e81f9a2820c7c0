import Clustering
import FigureConfig

/// Every number behind a figure: the dataset and the results of each analysis of the spec.
public struct FigureData: Sendable {
    /// The data and results (warnings start empty).
    public init(dataset: Dataset, results: AnalysisResults) { self.dataset = dataset; self.results = results }

    /// The points, their column names and generator labels.
    public var dataset: Dataset
    /// The analyses' results, in run order.
    public var results: AnalysisResults

    /// Column names (`x1`, `x2`, … or the CSV header names).
    public var columns: [String] { dataset.columns }
    /// The points, one row each.
    public var points: DataMatrix { dataset.points }
    /// The generating blob of each row; −1 for rows from other sources. Nil when no blobs are involved.
    public var blobLabels: [Int]? { dataset.blobLabels }
    /// What the analyses found worth a warning (an iteration with an empty cluster), one line each.
    public var warnings: [ConfigError] = []
    /// A comparison grid's cells, row by row: each cell's dataset and its one method's result.
    public var cells: [FigureData] = []

    /// The data step and the checks that need the data: the dataset of `spec`, or every problem the
    /// data reveals (a CSV's bad cell, k above a CSV's row count) as located config errors.
    public static func dataset(for spec: FigureSpec) throws -> Dataset {
        let dataset: Dataset
        do { dataset = try spec.data.load() } catch let e as ConfigError { throw ConfigErrors([e]) }
        let reader = ConfigReader()
        DataChecks.check(spec, dataset, reader)
        if reader.errors.isEmpty { for a in spec.analyses { a.check(rows: dataset.points.rows, columns: dataset.points.columns, reader) } }
        WorkBudget.check(spec, rows: dataset.points.rows, columns: dataset.points.columns, reader)
        if !reader.errors.isEmpty { throw ConfigErrors(reader.errorsInFileOrder(primaryFile: spec.file)) }
        return dataset
    }

    /// Every cell of a comparison grid: each dataset read once, each method fitted to it.
    static func cells(_ grid: ComparisonSpec, spec: FigureSpec, threads: Int?) throws -> [FigureData] {
        var out: [FigureData] = []
        for (r, row) in grid.rows.enumerated() {
            let dataset: Dataset
            do { dataset = try row.data.load() } catch let e as ConfigError { throw ConfigErrors([e]) }
            let reader = ConfigReader()
            for a in grid.cells[r] { a.check(rows: dataset.points.rows, columns: dataset.points.columns, reader) }
            if !reader.errors.isEmpty { throw ConfigErrors(reader.errorsInFileOrder(primaryFile: spec.file)) }
            for a in grid.cells[r] {
                var results = AnalysisResults()
                let result = try runClustering(a.keyPath, at: a.location) { try a.run(on: dataset, earlier: results, threads: threads) }
                results.append(a.kind.key, result)
                var cell = FigureData(dataset: dataset, results: results)
                cell.warnings = result.warnings(a)
                out.append(cell)
            }
        }
        return out
    }

    /// Reads or generates the data of `spec` and runs its analyses in order. `threads` is passed to
    /// the analyses (results do not depend on it).
    public static func compute(_ spec: FigureSpec, threads: Int? = nil) throws -> FigureData {
        let dataset = try dataset(for: spec)
        var results = AnalysisResults()
        var warnings: [ConfigError] = dataset.notes
        for a in spec.analyses {
            let r = try runClustering(a.keyPath, at: a.location) { try a.run(on: dataset, earlier: results, threads: threads) }
            results.append(a.kind.key, r)
            warnings += r.warnings(a)
        }
        for panel in spec.panels { for layer in panel.layers { warnings += layer.warnings(results) } }
        var data = FigureData(dataset: dataset, results: results)
        data.warnings = warnings
        if let grid = spec.comparison { data.cells = try cells(grid, spec: spec, threads: threads) }
        return data
    }
}
