import Clustering
import FigureConfig
import Plotting

/// `clustering.dbscan` — scikit-learn `DBSCAN(eps, min_samples).fit(X)` (`algorithm="auto"`), bit for
/// bit: labels (noise −1) and core samples.
public struct DBSCANSpec: AnalysisSpec {
    /// The neighbourhood radius.
    public var eps: Double
    /// Points (the point itself included) a core point needs within `eps` (default 5).
    public var minSamples = 5
    /// Where `dbscan:` was written.
    public var location: SourceLocation

    /// The kind.
    public var kind: AnalysisKind { .dbscan }

    /// Fits DBSCAN to the points.
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        try DBSCAN(eps: eps, minSamples: minSamples, threads: threads).fit(dataset.points)
    }
}

extension AnalysisKind {
    /// `clustering.dbscan`.
    public static let dbscan = AnalysisKind(
        key: "dbscan", summary: "scikit-learn DBSCAN: density clusters, core samples, noise (−1)",
        keys: [
            ConfigKey("eps", .number(above: 0, max: ConfigLimits.maxCoordinate), "the neighbourhood radius"),
            ConfigKey("min_samples", .integer(1...1_000_000), "points within eps (itself included) that make a core point"),
        ],
        fields: [
            FieldDeclaration("cluster", .category, note: "DBSCAN's clusters, noise −1"),
            FieldDeclaration("core", .flag, note: "core samples"),
        ],
        templateValues: ["clusters", "noise"],
        decode: { m, _ in
            guard let e = m["eps"] else { m.missing("needs 'eps' (the neighbourhood radius)"); return nil }
            guard let eps = e.double(above: 0, max: ConfigLimits.maxCoordinate) else { return nil }
            var s = DBSCANSpec(eps: eps, location: m.location)
            if let v = m.int("min_samples", min: 1, max: 1_000_000) { s.minSamples = v }
            return s
        },
        defaultPanels: { ctx in
            guard ctx.analysis(DBSCANSpec.self) != nil else { return nil }
            return [DBSCANAnalysisFigure.panel(ctx.template, y: ctx.y)]
        })
}

/// scikit-learn's DBSCAN demo (`plot_dbscan.py`): core points large, border points small, noise black.
enum DBSCANAnalysisFigure {
    static func panel(_ template: PanelSpec, y: ColumnRef) -> PanelSpec {
        var p = template
        let here = template.location
        let cluster = FieldRef(owner: "dbscan", name: "cluster")
        let core = FieldRef(owner: "dbscan", name: "core")
        var cores = ScatterLayer(location: here, y: y)
        cores.style.color = .field(cluster, Palette(colormap: "Spectral") ?? Palette(colormap: "tab10")!)
        cores.style.filters = [PointFilter(field: core, value: 1)]
        cores.style.size = 14 * 14
        cores.style.edgeColor = .black
        var border = cores
        border.style.filters = [PointFilter(field: core, value: 0)]
        border.style.size = 6 * 6
        p.layers = [cores, border]
        p.title = "Estimated number of clusters: {dbscan.clusters}"
        return p
    }
}

extension DBSCANResult: AnalysisResult {
    /// `{labels, core_sample_indices, n_clusters, n_noise}`.
    public func json(_ context: JSONContext) -> JSONValue {
        .object([
            ("labels", .ints(labels)),
            ("core_sample_indices", .ints(coreSampleIndices)),
            ("n_clusters", .int(clusterCount)),
            ("n_noise", .int(noiseCount)),
        ])
    }

    /// `cluster` (noise −1) and `core` (1 for core samples).
    public func values(of field: String, in context: FieldContext) -> FieldValues? {
        switch field {
        case "cluster": return .categories(labels, count: clusterCount)
        case "core": return .categories(isCore.map { $0 ? 1 : 0 }, count: 2)
        default: return nil
        }
    }

    /// `{dbscan.clusters}` and `{dbscan.noise}` in titles.
    public func templateValue(_ name: String) -> String? {
        switch name {
        case "clusters": return String(clusterCount)
        case "noise": return String(noiseCount)
        default: return nil
        }
    }
}
