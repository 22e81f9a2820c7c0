import Clustering
import FigureConfig
import Foundation
import Plotting

/// `clustering.k_distance` — each point's distance to its k-th nearest neighbour (itself counted
/// first, as `NearestNeighbors(n_neighbors=k).fit(X).kneighbors(X)[0][:, -1]`), sorted ascending,
/// and the suggested `eps` for DBSCAN: the distance at the curve's knee (kneedle, convex increasing,
/// on x = 0…n−1).
public struct KDistanceSpec: AnalysisSpec {
    /// The neighbour counted (DBSCAN's `min_samples`).
    public var k: Int
    /// Where `k` was written.
    public var kLocation: SourceLocation
    /// Where `k_distance:` was written.
    public var location: SourceLocation

    /// The kind.
    public var kind: AnalysisKind { .kDistance }

    /// `k` must not exceed the rows.
    public func check(rows: Int, columns: Int, _ reader: ConfigReader) {
        if k > rows { reader.fail("k = \(k) is more than the \(rows) data points", at: kLocation, keyPath + ".k") }
    }

    /// The sorted distances and their knee.
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        let sorted = try kDistanceCurve(dataset.points, k: k, threads: threads)
        let x = sorted.distances.indices.map(Double.init)
        let knee = try kneedle(x: x, y: sorted.distances, sensitivity: 1, curve: .convex, direction: .increasing)
        return KDistanceResult(sorted: sorted, kneeIndex: knee?.index)
    }
}

/// The k-distance curve and the index of its knee.
public struct KDistanceResult: Sendable {
    /// The sorted distances.
    public var sorted: KDistanceCurve
    /// The knee's index into the sorted distances, nil when the curve has none.
    public var kneeIndex: Int?

    /// The suggested eps: the distance at the knee.
    public var knee: Double? { kneeIndex.map { sorted.distances[$0] } }
}

extension AnalysisKind {
    /// `clustering.k_distance`.
    public static let kDistance = AnalysisKind(
        key: "k_distance", summary: "sorted distances to the k-th neighbour and the suggested DBSCAN eps",
        keys: [ConfigKey("k", .integer(1...1_000_000), "the neighbour counted, itself first (DBSCAN's min_samples)")],
        offersCurve: true,
        namedPoints: ["knee"],
        templateValues: ["knee", "k"],
        decode: { m, ctx in
            guard let kv = m["k"] else { m.missing("needs 'k' (the neighbour counted, as DBSCAN's min_samples)"); return nil }
            guard let k = kv.int(min: 1, max: 1_000_000, what: "a whole number of neighbours") else { return nil }
            let s = KDistanceSpec(k: k, kLocation: kv.location, location: m.location)
            if let rows = ctx.rows { s.check(rows: rows, columns: ctx.columns ?? 0, ctx.reader) }
            return s
        },
        defaultPanels: { ctx in
            guard let kd = ctx.analysis(KDistanceSpec.self) else { return nil }
            var p = ctx.template
            var line = CurveLayer(source: "k_distance", location: ctx.template.location)
            line.markKnee = true
            line.style.marker = .none
            p.layers = [line]
            p.title = "Sorted \(kd.k)-distances (suggested eps = {k_distance.knee})"
            p.xLabel = "Points sorted by distance"
            p.yLabel = "Distance to the \(kd.k)\(ordinalSuffix(kd.k)) nearest neighbour"
            return [p]
        })

    /// `st`, `nd`, `rd` or `th`.
    static func ordinalSuffix(_ n: Int) -> String {
        if (11...13).contains(n % 100) { return "th" }
        switch n % 10 { case 1: return "st"; case 2: return "nd"; case 3: return "rd"; default: return "th" }
    }
}

extension KDistanceResult: AnalysisResult {
    /// `{k, distances, knee, knee_index}` (`knee` is the suggested eps, null without a knee).
    public func json(_ context: JSONContext) -> JSONValue {
        .object([
            ("k", .int(sorted.k)),
            ("distances", .doubles(sorted.distances)),
            ("knee", knee.map(JSONValue.double) ?? .null),
            ("knee_index", kneeIndex.map(JSONValue.int) ?? .null),
        ])
    }

    /// `knee`: the curve at its knee; `{knee}` is the distance.
    public func namedPoint(_ name: String) -> NamedPoint? {
        guard name == "knee", let i = kneeIndex else { return nil }
        return NamedPoint(x: Double(i), y: sorted.distances[i], text: Self.short(sorted.distances[i]))
    }

    /// `{k_distance.knee}` (the suggested eps, 3 significant digits) and `{k_distance.k}`.
    public func templateValue(_ name: String) -> String? {
        switch name {
        case "knee": return knee.map(Self.short) ?? "none"
        case "k": return String(sorted.k)
        default: return nil
        }
    }

    /// Rank against distance, the knee's guide line at the suggested eps.
    public func curve() -> AnalysisCurve? {
        AnalysisCurve(x: sorted.distances.indices.map(Double.init), y: sorted.distances, knee: namedPoint("knee"),
                      kneeLabel: "eps = \(knee.map(Self.short) ?? "none")", guide: .horizontal)
    }

    /// A distance for a title: three significant digits.
    static func short(_ v: Double) -> String { String(format: "%.3g", v) }
}
