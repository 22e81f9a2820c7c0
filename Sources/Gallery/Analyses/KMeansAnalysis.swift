import Clustering
import FigureConfig
import Plotting

/// `clustering.kmeans` — scikit-learn `KMeans(n_clusters=k, random_state=seed, …)`, bit for bit.
public struct KMeansSpec: AnalysisSpec {
    /// Number of clusters.
    public var k: Int
    /// `seed`, `n_init`, `max_iter`, `tol`.
    public var settings = KMeansSettings()
    /// How the initial centres are chosen (`init`: k-means++, random, or given centres).
    public var initialization: KMeans.Initialization = .kMeansPlusPlus
    /// Where `k` was written.
    public var kLocation: SourceLocation

    /// The kind.
    public var kind: AnalysisKind { .kmeans }
    /// Errors found while fitting point at `k`.
    public var location: SourceLocation { kLocation }

    /// `k` must not exceed the rows.
    public func check(rows: Int, columns: Int, _ reader: ConfigReader) {
        if k > rows { reader.fail("k = \(k) is more than the \(rows) data points", at: kLocation, keyPath + ".k") }
    }

    /// Fits k-means to the points.
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        try settings.model(k: k, initialization: initialization, threads: threads).fit(dataset.points)
    }

    /// `cluster` has k categories.
    public func categoryCount(of field: String) -> Int? { field == "cluster" ? k : nil }

    /// k-means again with another k (same seed and settings).
    public func refit(k: Int, on dataset: Dataset, result: any AnalysisResult, threads: Int?) throws -> ClusterFit? {
        let fit = try settings.model(k: k, threads: threads).fit(dataset.points)
        return ClusterFit(labels: fit.labels, centres: fit.centers)
    }

    /// The fit at its worst.
    public func workEstimate(rows: Int, columns: Int) -> WorkEstimate? {
        let runs = settings.runs(initialization)
        return WorkEstimate(operations: settings.worstCase(rows: rows, columns: columns, k: k, runs: runs),
                            keys: "k \(k), n_init \(runs), max_iter \(settings.maxIterations) on \(rows) points × \(columns) columns")
    }
}

extension AnalysisKind {
    /// `clustering.kmeans`.
    public static let kmeans = AnalysisKind(
        key: "kmeans", summary: "scikit-learn KMeans: labels, centres, inertia",
        keys: [ConfigKey("k", .integer(1...100_000), "n_clusters"),
               ConfigKey("init", .anyOf([.choice(["k-means++", "random"]), .list(.numbers(), count: nil)]), "k-means++, random, or the initial centres")]
            + KMeansSettings.keys,
        fields: [
            FieldDeclaration("cluster", .category),
            FieldDeclaration("distance", .number, note: "to the k-means centre", valueLabel: "Distance to centre"),
        ],
        offersCentres: true,
        decode: { m, ctx in
            guard let kv = m["k"] else { m.missing("needs 'k' (the number of clusters)"); return nil }
            guard let k = kv.int(min: 1, max: 100_000, what: "a whole number of clusters") else { return nil }
            var s = KMeansSpec(k: k, kLocation: kv.location)
            if let rows = ctx.rows { s.check(rows: rows, columns: ctx.columns ?? 0, ctx.reader) }
            s.settings = KMeansSettings.decode(m)
            if let i = m["init"] {
                guard let initialization = KMeansSpec.initialization(i, k: k, columns: ctx.columns) else { return nil }
                s.initialization = initialization
            }
            return s
        },
        defaultPanels: { ctx in
            guard let km = ctx.analysis(KMeansSpec.self) else { return nil }
            var p = ctx.template
            let here = ctx.template.location
            var points = ScatterLayer(location: here, y: ctx.y)
            points.style.color = .field(FieldRef(owner: "kmeans", name: "cluster"), Palette(colormap: km.k <= 10 ? "tab10" : "tab20")!)
            var centres = CentersLayer(source: "kmeans", location: here, y: ctx.y)
            centres.style.color = .fixed(.black)
            centres.style.marker = .shape(.x)
            centres.style.size = 80
            centres.style.lineWidth = 2
            centres.style.label = "Centres"
            p.layers = [points, centres]
            p.title = "k-means clustering (k = \(km.k))"
            return [p]
        })
}

extension KMeansSpec {
    /// `init: k-means++ | random | [[x, y], …]` (k centres with one value per column).
    static func initialization(_ v: ConfigValue, k: Int, columns: Int?) -> KMeans.Initialization? {
        if v.isScalar {
            guard let name = v.choice(["k-means++", "random"]) else { return nil }
            return name == "random" ? .random : .kMeansPlusPlus
        }
        guard let rows = v.items(what: "k-means++, random, or a list of k centres") else { return nil }
        guard rows.count == k else { v.fail("has \(rows.count) centre\(rows.count == 1 ? "" : "s") for k = \(k) (give one per cluster)"); return nil }
        var points: [[Double]] = []
        for r in rows {
            guard let p = r.doubles(count: columns, what: columns.map { "a centre with \($0) coordinates" }) else { return nil }
            points.append(p)
        }
        guard let d = points.first?.count, d >= 1, points.allSatisfy({ $0.count == d }), let m = try? DataMatrix(points) else {
            v.fail("every centre needs the same number of coordinates"); return nil
        }
        return .centers(m)
    }
}

extension KMeansResult: AnalysisResult {
    /// `{k, labels, centers, inertia, iterations, init_indices, init_centers}`.
    public func json(_ context: JSONContext) -> JSONValue { .object([("k", .int(centers.rows))] + jsonFields) }

    /// The fit's fields as JSON pairs (also used by each fit of the elbow sweep).
    var jsonFields: [(String, JSONValue)] {
        [
            ("labels", .ints(labels)),
            ("centers", .matrix(centers)),
            ("inertia", .double(inertia)),
            ("iterations", .int(iterations)),
            ("init_indices", .ints(initialIndices)),
            ("init_centers", .matrix(initialCenters)),
        ]
    }

    /// `cluster` (the labels) and `distance` (to the own centre).
    public func values(of field: String, in context: FieldContext) -> FieldValues? {
        switch field {
        case "cluster": return .categories(labels, count: centers.rows)
        case "distance": return (try? centreDistances(points: context.dataset.points, labels: labels, centers: centers)).map(FieldValues.numbers)
        default: return nil
        }
    }

    /// The fitted centres.
    public func centres(in context: FieldContext) -> DataMatrix? { centers }
}
