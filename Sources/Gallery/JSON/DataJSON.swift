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
        if let p = dataset.projection { doc.append(("pca", p.json)) }
        if let m = dataset.records { doc.append(("missing", m.json)) }
        if let blobLabels { doc.append(("blob_labels", .ints(blobLabels))) }
        for (analysis, entry) in zip(spec.analyses, results.entries) {
            var object = entry.result.json(JSONContext(dataset: dataset, spec: analysis))
            // `names:` of the analysis, by label, after its own fields.
            if let names = spec.clusterNames[entry.key], !names.isEmpty, case let .object(pairs) = object {
                object = .object(pairs + [("names", .object(names.keys.sorted().map { (String($0), .string(names[$0]!)) }))])
            }
            doc.append((entry.key, object))
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
