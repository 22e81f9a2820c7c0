import Clustering
import FigureConfig
import Plotting

/// `clustering.kmeans` — scikit-learn `KMeans(n_clusters=k, random_state=seed, …)`, bit for bit.
public struct KMeansSpec: AnalysisSpec {
    /// Number of clusters.
    public var k: Int
    /// `seed`, `n_init`, `max_iter`, `tol`.
    public var settings = KMeansSettings()
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
        try settings.model(k: k, threads: threads).fit(dataset.points)
    }
}

extension AnalysisKind {
    /// `clustering.kmeans`.
    public static let kmeans = AnalysisKind(
        key: "kmeans", summary: "scikit-learn KMeans: labels, centres, inertia",
        keys: [ConfigKey("k", .integer(1...100_000), "n_clusters")] + KMeansSettings.keys,
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
