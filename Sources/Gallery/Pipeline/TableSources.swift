import Clustering
import FigureConfig
import Plotting

/// Tables computed from figure configs and seeds, for handouts and slides.
public enum TableSources {
    /// The seed app's example tables of random integers: numpy's `np.random.seed(seed)`, then
    /// `np.random.randint(low, high, size=rows)` column by column, from one stream.
    /// - Throws: `ClusteringError` for an empty range.
    public static func randomIntegers(seed: UInt32, rows: Int, columns: [(low: Int, high: Int)]) throws -> [[Int]] {
        var rng = RandomState(seed: seed)
        return try columns.map { try rng.randint(low: $0.low, high: $0.high, count: rows) }
    }

    /// The app's "Show cluster table": the points, their distance to every centre and the closest
    /// centre in one iteration (1-based) of the config's Lloyd trace; the smallest distance of each
    /// row is highlighted.
    /// - Throws: a located error when the config has no trace or the iteration is out of range.
    public static func distances(_ data: FigureData, config path: String, iteration: Int, at location: SourceLocation) throws -> Table {
        guard let trace = data.results["lloyd_trace"] as? SeedLloydTrace else {
            throw ConfigError("\(path) has no lloyd_trace analysis to take distances from", at: location, keyPath: "distances.config")
        }
        guard iteration >= 1, iteration <= trace.iterations.count else {
            throw ConfigError("iteration \(iteration) is out of range: the trace has \(trace.iterations.count) iterations",
                              at: location, keyPath: "distances.iteration")
        }
        let it = trace.iterations[iteration - 1]
        let k = it.distances.columns
        let names = data.columns.count >= 2 ? Array(data.columns.prefix(2)) : ["x1", "x2"]
        var columns = names.map { Table.Column($0, decimals: 4) }
        columns += (1...k).map { Table.Column("dist_to_center_\($0)", decimals: 4) }
        columns.append(Table.Column("closest_center", alignment: .right))
        var rows: [[Table.Cell]] = []
        for r in 0..<data.points.rows {
            var row: [Table.Cell] = (0..<min(2, data.points.columns)).map { .number(data.points[r, $0]) }
            row += (0..<k).map { .number(it.distances[r, $0]) }
            row.append(.integer(it.assignments[r]))
            rows.append(row)
        }
        var table = Table(columns: columns, rows: rows)
        table.highlightColumns = Array(2..<(2 + k))
        return table
    }

    /// The cluster profiles of a config (`clustering.profiles`): cluster, name (when named), size,
    /// the mean or median of each column in original units, the counts of text values.
    /// - Throws: a located error when the config has no profiles.
    public static func profiles(_ data: FigureData, config path: String, at location: SourceLocation) throws -> Table {
        guard let p = data.results["profiles"] as? ClusterProfiles else {
            throw ConfigError("\(path) has no clustering.profiles analysis to take the profiles from", at: location, keyPath: "profiles.config")
        }
        return p.table()
    }
}
