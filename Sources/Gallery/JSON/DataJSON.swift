import Clustering
import FigureConfig

extension FigureData {
    /// The `clusterplot data` document: `config`, `columns`, `points`, `blob_labels` and one object per
    /// analysis under its config key (`kmeans`, `distance_threshold`, `lloyd_trace`, `elbow`), in the
    /// order they ran.
    public func json(spec: FigureSpec) -> JSONValue {
        var doc: [(String, JSONValue)] = [
            ("config", .string(spec.file)),
            ("columns", .array(columns.map(JSONValue.string))),
            ("points", .matrix(points)),
        ]
        if let blobLabels { doc.append(("blob_labels", .ints(blobLabels))) }
        for (analysis, entry) in zip(spec.analyses, results.entries) {
            doc.append((entry.key, entry.result.json(JSONContext(dataset: dataset, spec: analysis))))
        }
        if let grid = spec.comparison {
            let n = grid.columns.count
            doc.append(("comparison", .object([
                ("datasets", .array(grid.rows.map { .string($0.name) })),
                ("methods", .array(grid.columns.map { .string($0.name) })),
                ("cells", .array(grid.rows.indices.map { r in
                    .array((0..<n).map { c -> JSONValue in
                        let cell = cells[r * n + c]
                        let labels = cell.results.entries.first?.result.values(of: "cluster", in: FieldContext(dataset: cell.dataset, iteration: nil))?.categories ?? []
                        return .object([("dataset", .string(grid.rows[r].name)), ("method", .string(grid.columns[c].name)),
                                        ("labels", .ints(labels)), ("n_clusters", .int(Set(labels.filter { $0 >= 0 }).count))])
                    })
                })),
            ])))
        }
        return .object(doc)
    }
}
