import Clustering
import FigureConfig
import Plotting

extension TableSources {
    /// The default score columns for each kind of rows.
    public static func defaultScoreColumns(_ rows: ScoreTableRows) -> [ScoreColumn] {
        switch rows {
        case .k: return [.inertia, .silhouette, .calinskiHarabasz, .daviesBouldin]
        case .method: return [.silhouette, .calinskiHarabasz, .daviesBouldin, .adjustedRand]
        }
    }

    /// A table of cluster quality scores (scikit-learn's, bit for bit; shown with 3 decimals):
    /// per k of the config's elbow sweep, or per clustering method — the config's clustering
    /// analyses, or every cell of its comparison grid (with a dataset column when the grid has
    /// several rows, unless `dataset` picks one). A score that is undefined for a clustering (the
    /// silhouette of one cluster) is left empty. DBSCAN's noise counts as one more cluster, as in
    /// scikit-learn, unless `excludeNoise`.
    /// - Throws: a located error when the config has nothing to score, or `dataset` names no row.
    public static func scores(_ data: FigureData, spec: FigureSpec, config path: String, rows: ScoreTableRows?,
                              columns: [ScoreColumn]?, dataset: String?, excludeNoise: Bool,
                              at location: SourceLocation, threads: Int? = nil) throws -> Table {
        let noise: NoiseHandling = excludeNoise ? .excluded : .asCluster
        let by = rows ?? (spec.comparison == nil && data.results["elbow"] != nil ? .k : .method)
        let wanted = columns ?? defaultScoreColumns(by)
        switch by {
        case .k:
            guard let elbow = data.results["elbow"] as? ElbowResult else {
                throw ConfigError("\(path) has no elbow analysis to take rows of k from", at: location, keyPath: "scores.rows")
            }
            let cols = wanted.filter { $0 != .adjustedRand || hasTruth(data.dataset) }
            var table = Table(columns: [Table.Column("k", alignment: .right)] + cols.map { Table.Column($0.heading, decimals: 3) }, rows: [])
            for (k, fit) in zip(elbow.sweep.clusterCounts, elbow.sweep.fits) {
                let row = cols.map { c -> Table.Cell in
                    if c == .inertia { return .number(fit.inertia) }
                    return score(c, data.dataset, fit.labels, noise, threads).map(Table.Cell.number) ?? .empty
                }
                table.rows.append([.integer(k)] + row)
            }
            return table
        case .method:
            var entries: [(dataset: String?, method: String, data: Dataset, labels: [Int])] = []
            if let grid = spec.comparison {
                if let dataset, !grid.rows.contains(where: { $0.name == dataset }) {
                    let names = grid.rows.map(\.name)
                    throw ConfigError("'\(dataset)' is not a dataset of \(path)'s comparison grid (\(names.joined(separator: ", ")))\(Spelling.hint(for: dataset, among: names))",
                                      at: location, keyPath: "scores.dataset")
                }
                var i = 0
                for row in grid.rows {
                    for column in grid.columns {
                        defer { i += 1 }
                        guard dataset == nil || dataset == row.name, i < data.cells.count,
                              let labels = clusterLabels(data.cells[i].results[column.kind], data.cells[i].dataset) else { continue }
                        entries.append((grid.rows.count > 1 && dataset == nil ? row.name : nil, column.name, data.cells[i].dataset, labels))
                    }
                }
            } else {
                for key in AnalysisKind.clusterAnalyses {
                    if let labels = clusterLabels(data.results[key], data.dataset) { entries.append((nil, key, data.dataset, labels)) }
                }
            }
            guard !entries.isEmpty else {
                throw ConfigError("\(path) has no clustering (kmeans, agglomerative, dbscan, gmm or a comparison grid) to score",
                                  at: location, keyPath: "scores.config")
            }
            let cols = wanted.filter { c in c != .inertia && (c != .adjustedRand || entries.allSatisfy { hasTruth($0.data) }) }
            let withDataset = entries.contains { $0.dataset != nil }
            var heads = withDataset ? [Table.Column("dataset")] : []
            heads += [Table.Column("method"), Table.Column("clusters", alignment: .right)]
            let showNoise = entries.contains { $0.labels.contains(-1) }
            if showNoise { heads.append(Table.Column("noise", alignment: .right)) }
            var table = Table(columns: heads + cols.map { Table.Column($0.heading, decimals: 3) }, rows: [])
            for e in entries {
                var row: [Table.Cell] = withDataset ? [.text(e.dataset ?? "")] : []
                row += [.text(e.method), .integer(Set(e.labels.filter { $0 >= 0 }).count)]
                if showNoise { row.append(.integer(e.labels.filter { $0 < 0 }.count)) }
                row += cols.map { score($0, e.data, e.labels, noise, threads).map(Table.Cell.number) ?? .empty }
                table.rows.append(row)
            }
            return table
        }
    }

    static func hasTruth(_ d: Dataset) -> Bool { d.blobLabels.map { !$0.contains { $0 < 0 } } ?? false }

    static func clusterLabels(_ result: (any AnalysisResult)?, _ dataset: Dataset) -> [Int]? {
        result?.values(of: "cluster", in: FieldContext(dataset: dataset, iteration: nil))?.categories
    }

    /// One score, nil where scikit-learn would raise (fewer than two clusters, every point its own).
    static func score(_ c: ScoreColumn, _ d: Dataset, _ labels: [Int], _ noise: NoiseHandling, _ threads: Int?) -> Double? {
        let x = d.points
        switch c {
        case .inertia: return nil
        case .distortion: return try? distortionScore(x, labels: labels, noise: noise)
        case .silhouette: return try? silhouetteScore(x, labels: labels, noise: noise, threads: threads)
        case .calinskiHarabasz: return try? calinskiHarabaszScore(x, labels: labels, noise: noise)
        case .daviesBouldin: return try? daviesBouldinScore(x, labels: labels, noise: noise)
        case .adjustedRand:
            guard let truth = d.blobLabels, !truth.contains(where: { $0 < 0 }) else { return nil }
            return try? adjustedRandScore(labelsTrue: truth, labelsPred: labels, noise: noise)
        }
    }
}
