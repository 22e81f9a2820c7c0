import Clustering
import FigureConfig
import Plotting

/// `clustering.lloyd_trace` — the seed app's own loop: assign each point to the nearest centre,
/// draw, move the centres; recorded iteration by iteration (the 4×3 grid).
public struct LloydTraceSpec: AnalysisSpec {
    /// Starting centres.
    public enum InitialCenters: Sendable {
        /// Drawn uniformly (the seed: `seed 42`, columns `−10…10` and `−10…5`, column fill).
        case uniform(UniformSource)
        /// Given explicitly.
        case points([[Double]])
    }

    /// Number of iterations drawn (default 12).
    public var iterations = 12
    /// Starting centres.
    public var initialCenters: InitialCenters
    /// Seconds per frame in the app's animation (slider `frame_delay`, 0.1…2; default 0.5). Static
    /// output ignores it; it is reported by `clusterplot data`.
    public var frameDelay = 0.5
    /// The app's "Show cluster table" checkbox: `clusterplot data` adds the last iteration's table.
    public var showTable = false
    /// Where `lloyd_trace:` was written.
    public var location: SourceLocation
    /// Where `initial_centers` was written.
    public var centersLocation: SourceLocation

    /// The kind.
    public var kind: AnalysisKind { .lloydTrace }

    /// The number of centres.
    public var k: Int {
        switch initialCenters {
        case let .uniform(u): return u.samples
        case let .points(p): return p.count
        }
    }

    /// The centres must not outnumber the rows.
    public func check(rows: Int, columns: Int, _ reader: ConfigReader) {
        if k > rows { reader.fail("\(k) centres is more than the \(rows) data points", at: centersLocation, keyPath + ".initial_centers") }
    }

    /// `cluster` has one category per centre.
    public func categoryCount(of field: String) -> Int? { field == "cluster" ? k : nil }

    /// The loop: every point against every centre, every iteration.
    public func workEstimate(rows: Int, columns: Int) -> WorkEstimate? {
        WorkEstimate(operations: Double(rows) * Double(max(columns, 1)) * Double(k) * Double(iterations),
                     keys: "\(k) centres, \(iterations) iterations on \(rows) points")
    }

    /// Runs the loop from the initial centres.
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        let initial: DataMatrix
        switch initialCenters {
        case let .points(p): initial = try DataMatrix(p)
        case let .uniform(u): initial = try u.sample()
        }
        return try seedLloyd(points: dataset.points, initialCenters: initial, iterations: iterations)
    }
}

extension AnalysisKind {
    /// `clustering.lloyd_trace`.
    public static let lloydTrace = AnalysisKind(
        key: "lloyd_trace", summary: "the app's own k-means loop, iteration by iteration",
        keys: [
            ConfigKey("iterations", .integer(1...1000), "iterations recorded (and panels drawn)"),
            ConfigKey("initial_centers", .anyOf([.list(.numbers(), count: nil), .mapping([ConfigKey("uniform", .mapping(UniformSource.keys))])]),
                      "the starting centres"),
            ConfigKey("frame_delay", .number(0...60), "seconds per animation frame"),
            ConfigKey("show_table", .boolean, "add the last iteration's table to clusterplot data"),
        ],
        fields: [FieldDeclaration("cluster", .category, facet: "iteration")],
        offersCentres: true,
        decode: { m, ctx in LloydTraceSpec.decode(m, ctx) },
        defaultPanels: { ctx in
            guard let trace = ctx.analysis(LloydTraceSpec.self) else { return nil }
            let here = ctx.template.location
            let rgb = ["red", "green", "blue"].compactMap(ColorValue.init(parsing:))
            return (0..<trace.iterations).map { it in
                var q = ctx.template
                q.iteration = it
                q.row = it / 3
                q.column = it % 3
                q.title = "Iteration \(it + 1)"
                var points = ScatterLayer(location: here, y: ctx.y)
                let cluster = FieldRef(owner: "lloyd_trace", name: "cluster")
                points.style.color = .field(cluster, Palette(colors: rgb))
                points.style.split = cluster
                points.style.label = "Cluster {cluster+1}"
                points.style.size = 5
                var centres = CentersLayer(source: "lloyd_trace", location: here, y: ctx.y)
                centres.style.color = .fixed(.black)
                centres.style.marker = .shape(.x)
                centres.style.size = 50
                centres.style.lineWidth = 2
                q.layers = [points, centres]
                q.fontSizes.title = 8; q.fontSizes.labels = 8; q.fontSizes.ticks = 6; q.fontSizes.legend = 6
                return q
            }
        })
}

extension LloydTraceSpec {
    static func decode(_ m: ConfigMapping, _ ctx: AnalysisDecodeContext) -> LloydTraceSpec? {
        let features = ctx.columns
        var initial: InitialCenters?
        guard let c = m["initial_centers"] else {
            m.missing("needs 'initial_centers' (a list of points, or {uniform: {samples: 3, low: …, high: …, seed: …}})")
            return nil
        }
        if c.isSequence, let items = c.items() {
            var pts: [[Double]] = []
            for item in items {
                if let pt = item.doubles(count: features, what: features.map { "a point with \($0) coordinates" }) { pts.append(pt) }
            }
            if items.isEmpty { c.fail("needs at least one centre") } else if pts.count == items.count { initial = .points(pts) }
        } else if let um = c.mapping(keys: ["uniform"], what: "a list of points or {uniform: …}") {
            if let u = um["uniform"] {
                if let us = UniformSource.decode(u) {
                    if let features, us.features != features {
                        u.fail("the centres have \(us.features) coordinates but the data has \(features) columns")
                    } else { initial = .uniform(us) }
                }
            } else { c.fail("expected a list of points or {uniform: …}") }
        }
        guard let initial else { return nil }
        var s = LloydTraceSpec(initialCenters: initial, location: m.location, centersLocation: c.location)
        if let v = m.int("iterations", min: 1, max: 1000) { s.iterations = v }
        if let v = m.double("frame_delay", min: 0, max: 60) { s.frameDelay = v }
        if let v = m.bool("show_table") { s.showTable = v }
        if let rows = ctx.rows { s.check(rows: rows, columns: features ?? 0, ctx.reader) }
        return s
    }
}

extension SeedLloydTrace: AnalysisResult {
    /// `{k, frame_delay, initial_centers, iterations: [{iteration, centers, closest, counts,
    /// distances}], centers_after_last_update}` and, with `show_table`, the last iteration's table.
    public func json(_ context: JSONContext) -> JSONValue {
        let spec = context.spec as? LloydTraceSpec
        let initial = iterations.first?.centers ?? finalCenters
        var obj: [(String, JSONValue)] = [
            ("k", .int(initial.rows)),
            ("frame_delay", .double(spec?.frameDelay ?? 0.5)),
            ("initial_centers", .matrix(initial)),
            ("iterations", .array(iterations.enumerated().map { i, it in
                .object([
                    ("iteration", .int(i + 1)),
                    ("centers", .matrix(it.centers)),
                    ("closest", .ints(it.assignments)),
                    ("counts", .ints(it.counts)),
                    ("distances", .matrix(it.distances)),
                ])
            })),
            ("centers_after_last_update", .matrix(finalCenters)),
        ]
        if spec?.showTable == true, let last = iterations.last {
            // The app's "Show cluster table": the last iteration's rows.
            let points = context.dataset.points
            var cols = context.dataset.columns.map(JSONValue.string)
            cols += (1...last.centers.rows).map { .string("dist_to_center_\($0)") }
            cols.append(.string("closest_center"))
            let rows: [JSONValue] = (0..<points.rows).map { r in
                var row = (0..<points.columns).map { JSONValue.double(points[r, $0]) }
                row += (0..<last.distances.columns).map { JSONValue.double(last.distances[r, $0]) }
                row.append(.int(last.assignments[r]))
                return .array(row)
            }
            obj.append(("table", .object([("columns", .array(cols)), ("rows", .array(rows))])))
        }
        return .object(obj)
    }

    /// `cluster`: the nearest centre of each point in the panel's iteration.
    public func values(of field: String, in context: FieldContext) -> FieldValues? {
        guard field == "cluster", let it = context.iteration, iterations.indices.contains(it) else { return nil }
        return .categories(iterations[it].assignments, count: iterations[it].centers.rows)
    }

    /// An iteration where a centre gets no point: its new centre is NaN (the pandas mean of no rows, as
    /// the app computes it), so from then on it is not drawn and attracts no point.
    public func warnings(_ spec: any AnalysisSpec) -> [ConfigError] {
        guard let it = iterations.firstIndex(where: { $0.counts.contains(0) }) else { return [] }
        let empty = iterations[it].counts.indices.filter { iterations[it].counts[$0] == 0 }.map { String($0 + 1) }
        return [ConfigError("iteration \(it + 1): cluster\(empty.count == 1 ? "" : "s") \(empty.joined(separator: ", ")) got no points, so "
                            + "\(empty.count == 1 ? "its centre becomes" : "their centres become") NaN (the pandas mean of no rows) and "
                            + "\(empty.count == 1 ? "is" : "are") not drawn from then on", at: spec.location, keyPath: spec.keyPath)]
    }

    /// The centres the panel's iteration assigned the points to.
    public func centres(in context: FieldContext) -> DataMatrix? {
        guard let it = context.iteration, iterations.indices.contains(it) else { return nil }
        return iterations[it].centers
    }
}
