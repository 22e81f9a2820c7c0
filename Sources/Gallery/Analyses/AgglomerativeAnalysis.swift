import Clustering
import FigureConfig
import Plotting

/// `clustering.agglomerative` — scikit-learn `AgglomerativeClustering(n_clusters=k | None,
/// distance_threshold=t, linkage, compute_distances=True)`, bit for bit: labels, the merge tree
/// (`children`) and every merge height (`distances`).
public struct AgglomerativeSpec: AnalysisSpec {
    /// How many clusters, or where to cut the tree.
    public enum Cut: Sendable, Hashable {
        /// `k` clusters.
        case clusters(Int)
        /// Every merge at or above this height is cut (`distance_threshold`).
        case threshold(Double)
    }
    /// The cut.
    public var cut: Cut
    /// The linkage (default ward).
    public var linkage: Linkage = .ward
    /// Where `agglomerative:` was written.
    public var location: SourceLocation
    /// Where `k` (or the threshold) was written.
    public var cutLocation: SourceLocation

    /// The kind.
    public var kind: AnalysisKind { .agglomerative }

    /// `k` must not exceed the rows; linkages on the distance matrix need it to fit the memory budget.
    public func check(rows: Int, columns: Int, _ reader: ConfigReader) {
        if case let .clusters(k) = cut, k > rows {
            reader.fail("k = \(k) is more than the \(rows) data points", at: cutLocation, keyPath + ".k")
        }
        let budget = AgglomerativeClustering.defaultMemoryBudget
        if linkage.needsDistanceMatrix, AgglomerativeClustering.distanceMatrixBytes(samples: rows) > budget {
            reader.fail("\(linkage.rawValue) linkage on \(rows) points needs their distance matrix (\(AgglomerativeClustering.distanceMatrixBytes(samples: rows) >> 20) MiB), more than the \(budget >> 20) MiB budget; use linkage: single (no matrix) or fewer points",
                        at: location, keyPath + ".linkage")
        }
    }

    /// Builds the tree and cuts it.
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        switch cut {
        case let .clusters(k): return try AgglomerativeClustering(k: k, linkage: linkage, threads: threads).fit(dataset.points)
        case let .threshold(t): return try AgglomerativeClustering(distanceThreshold: t, linkage: linkage, threads: threads).fit(dataset.points)
        }
    }
}

extension Linkage: ConfigChoice {}

extension AnalysisKind {
    /// `clustering.agglomerative`.
    public static let agglomerative = AnalysisKind(
        key: "agglomerative", summary: "scikit-learn AgglomerativeClustering: labels, merge tree, heights",
        keys: [
            ConfigKey("k", .integer(1...1_000_000), "number of clusters (or give distance_threshold)"),
            ConfigKey("distance_threshold", .number(min: 0, max: ConfigLimits.maxCoordinate, exclusiveMinimum: false),
                      "cut every merge at or above this height (or give k)"),
            ConfigKey("linkage", .choice(Linkage.self), "ward, complete, average or single"),
        ],
        fields: [FieldDeclaration("cluster", .category, note: "the tree cut into clusters")],
        templateValues: ["clusters"],
        decode: { m, ctx in
            let cut: AgglomerativeSpec.Cut
            let at: SourceLocation
            switch (m["k"], m["distance_threshold"]) {
            case let (k?, t?):
                k.fail("give 'k' or 'distance_threshold', not both (the other is at line \(t.location.line))"); return nil
            case (nil, nil):
                m.missing("needs 'k' (the number of clusters) or 'distance_threshold' (the height to cut at)"); return nil
            case let (k?, nil):
                guard let v = k.int(min: 1, max: 1_000_000, what: "a whole number of clusters") else { return nil }
                cut = .clusters(v); at = k.location
            case let (nil, t?):
                guard let v = t.double(min: 0, max: ConfigLimits.maxCoordinate) else { return nil }
                cut = .threshold(v); at = t.location
            }
            var s = AgglomerativeSpec(cut: cut, location: m.location, cutLocation: at)
            if let v = m.choice("linkage", Linkage.self) { s.linkage = v }
            if let rows = ctx.rows { s.check(rows: rows, columns: ctx.columns ?? 0, ctx.reader) }
            return s
        },
        defaultPanels: { ctx in
            guard ctx.analysis(AgglomerativeSpec.self) != nil else { return nil }
            var p = ctx.template
            var points = ScatterLayer(location: ctx.template.location, y: ctx.y)
            points.style.color = .field(FieldRef(owner: "agglomerative", name: "cluster"), Palette(colormap: "tab10")!)
            p.layers = [points]
            p.title = "Agglomerative clustering ({agglomerative.clusters} clusters)"
            return [p]
        })
}

extension AgglomerativeResult: AnalysisResult {
    /// `{labels, children: [[i, j], …], distances, n_clusters}`.
    public func json(_ context: JSONContext) -> JSONValue {
        .object([
            ("labels", .ints(labels)),
            ("children", .array(children.map { .ints([$0.first, $0.second]) })),
            ("distances", .doubles(distances)),
            ("n_clusters", .int(clusterCount)),
        ])
    }

    /// `cluster`: the labels.
    public func values(of field: String, in context: FieldContext) -> FieldValues? {
        field == "cluster" ? .categories(labels, count: clusterCount) : nil
    }

    /// `{agglomerative.clusters}`.
    public func templateValue(_ name: String) -> String? { name == "clusters" ? String(clusterCount) : nil }
}
