import Clustering
import FigureConfig
import Plotting

/// `clustering.profiles` — what each cluster of another analysis looks like: its size and the mean
/// (or median) of every clustered column and of the other columns named, in the original units
/// (before `scale`), and for text columns the count of each value (a crosstab against the
/// clusters) — pandas' `df.groupby(labels).agg(…)`.
///
/// Means are pandas' group means (a compensated sum, then one division), medians numpy's (the middle
/// value, or the mean of the two middle ones); missing values are skipped as pandas does.
public struct ProfilesSpec: AnalysisSpec {
    /// The analysis whose clusters are described.
    public var of: String
    /// `mean` or `median`.
    public var statistic: ProfileStatistic = .mean
    /// Other columns described besides the clustered ones, in order.
    public var columns: [String] = []
    /// The described analysis's `names:` (filled in by the loader).
    public var names: [Int: String] = [:]
    /// Where `profiles:` was written.
    public var location: SourceLocation
    /// Where each of `columns` was written, for the checks that need the data.
    var columnPlaces: [(SourceLocation, String)] = []

    /// The kind.
    public var kind: AnalysisKind { .profiles }

    /// The table of the clusters.
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        guard let values = earlier[of]?.values(of: "cluster", in: FieldContext(dataset: dataset, iteration: nil)),
              let labels = values.categories else {
            throw GalleryError("clustering.\(of) gives no clusters to describe", at: location, keyPath: keyPath + ".of")
        }
        var clusters = Array(Set(labels)).sorted()
        if clusters.isEmpty { clusters = [] }
        let index = Dictionary(uniqueKeysWithValues: clusters.enumerated().map { ($1, $0) })
        var sizes = [Int](repeating: 0, count: clusters.count)
        for l in labels { sizes[index[l]!] += 1 }
        var numeric: [(String, [Double])] = []
        var counts: [(String, [(String, [Int])])] = []
        let original = dataset.originalPoints
        for (j, name) in dataset.columns.enumerated() {
            numeric.append((name, statistic.apply((0..<original.rows).map { original[$0, j] }, labels, index, clusters.count)))
        }
        for name in columns {
            let ref = ColumnRef.name(name)
            if dataset.isText(ref), let c = dataset.categories(ref) {
                var table = c.names.map { _ in [Int](repeating: 0, count: clusters.count) }
                for (r, code) in c.codes.enumerated() where code >= 0 { table[code][index[labels[r]]!] += 1 }
                counts.append((name, zip(c.names, table).map { ($0, $1) }))
            } else if let v = dataset.originalNumbers(ref) {
                numeric.append((name, statistic.apply(v, labels, index, clusters.count)))
            }
        }
        return ClusterProfiles(of: of, statistic: statistic, clusters: clusters,
                               names: clusters.map { names[$0] ?? ($0 < 0 ? "Noise" : String($0)) }, hasNames: !names.isEmpty,
                               sizes: sizes, numbers: numeric, counts: counts)
    }
}

/// The statistic of a profile.
public enum ProfileStatistic: String, Sendable, Hashable, CaseIterable, ConfigChoice {
    /// pandas' group mean.
    case mean
    /// numpy's median of each group.
    case median

    /// One value per cluster of `v` grouped by `labels` (NaN skipped; NaN for a group with none).
    func apply(_ v: [Double], _ labels: [Int], _ index: [Int: Int], _ k: Int) -> [Double] {
        switch self {
        case .mean:
            // pandas' group_mean: Kahan-compensated sums in row order, then sum / count.
            var sum = [Double](repeating: 0, count: k), comp = sum, n = [Int](repeating: 0, count: k)
            for (r, x) in v.enumerated() where !x.isNaN {
                let g = index[labels[r]]!
                let y = x - comp[g]
                let t = sum[g] + y
                comp[g] = (t - sum[g]) - y
                sum[g] = t
                n[g] += 1
            }
            return (0..<k).map { n[$0] == 0 ? .nan : sum[$0] / Double(n[$0]) }
        case .median:
            var groups = [[Double]](repeating: [], count: k)
            for (r, x) in v.enumerated() where !x.isNaN { groups[index[labels[r]]!].append(x) }
            return groups.map { g in
                let s = g.sorted()
                guard !s.isEmpty else { return .nan }
                return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
            }
        }
    }
}

/// Per-cluster sizes and statistics: one row per cluster label present, in increasing order.
public struct ClusterProfiles: Sendable {
    /// The analysis described.
    public var of: String
    /// Mean or median.
    public var statistic: ProfileStatistic
    /// The cluster labels present (−1 for noise), increasing.
    public var clusters: [Int]
    /// Their names (`names:`, else the label).
    public var names: [String]
    /// Whether `names:` were given.
    public var hasNames: Bool
    /// Points per cluster.
    public var sizes: [Int]
    /// Each numeric column's statistic per cluster, clustered columns first.
    public var numbers: [(column: String, values: [Double])]
    /// Each text column's values and their counts per cluster.
    public var counts: [(column: String, levels: [(value: String, counts: [Int])])]
}

extension AnalysisKind {
    /// `clustering.profiles`.
    public static let profiles = AnalysisKind(
        key: "profiles", summary: "size and mean or median of every column per cluster of another analysis, in original units",
        keys: [
            ConfigKey("of", .choice(clusterAnalyses), "the analysis whose clusters are described"),
            ConfigKey("statistic", .choice(ProfileStatistic.self), "mean (default) or median"),
            ConfigKey("columns", .list(.text, count: nil), "other columns to describe besides the clustered ones (text columns are counted)"),
        ],
        offersCurve: false,
        decode: { m, ctx in
            guard let described = ScoredAnalysis.describedAnalysis(m, ctx) else { return nil }
            var s = ProfilesSpec(of: described, location: m.location)
            if let v = m.choice("statistic", ProfileStatistic.self) { s.statistic = v }
            if let c = m["columns"], let items = c.items(what: "a list of column names") {
                for item in items {
                    guard let name = item.string() else { continue }
                    if ctx.columnNames.contains(name) { item.fail("'\(name)' is clustered, so it is in the profile already; list other columns here"); continue }
                    if s.columns.contains(name) { item.fail("column '\(name)' is listed twice"); continue }
                    if !ctx.otherColumnNames.contains(name) {
                        let hint = Spelling.hint(for: name, among: ctx.otherColumnNames)
                        item.fail("no column named '\(name)'\(hint.isEmpty ? "; the other columns are \(ctx.reader.list(ctx.otherColumnNames))" : hint)")
                        continue
                    }
                    s.columns.append(name)
                    s.columnPlaces.append((item.location, item.path))
                }
            }
            return s
        },
        defaultPanels: nil)
}

extension ScoredAnalysis {
    /// `of:` naming a configured analysis with clusters (any number of them).
    static func describedAnalysis(_ m: ConfigMapping, _ ctx: AnalysisDecodeContext) -> String? {
        let present = AnalysisKind.clusterAnalyses.filter { ctx.present.contains($0) }
        guard let ov = m["of"] else {
            if let first = present.first { return first }
            m.missing("needs 'of' (the analysis whose clusters are described: \(ctx.reader.list(AnalysisKind.clusterAnalyses)))")
            return nil
        }
        guard let of = ov.choice(AnalysisKind.clusterAnalyses) else { return nil }
        if !ctx.present.contains(of) { ov.fail("'\(of)' needs clustering.\(of)"); return nil }
        return of
    }
}

extension ClusterProfiles: AnalysisResult {
    /// `{of, statistic, clusters, names, size, columns: {name: [per cluster]}, counts: {column: {value: [per cluster]}}}`.
    public func json(_ context: JSONContext) -> JSONValue {
        var obj: [(String, JSONValue)] = [("of", .string(of)), ("statistic", .string(statistic.rawValue)), ("clusters", .ints(clusters))]
        if hasNames { obj.append(("names", .array(names.map(JSONValue.string)))) }
        obj.append(("size", .ints(sizes)))
        obj.append(("columns", .object(numbers.map { ($0.column, .doubles($0.values)) })))
        if !counts.isEmpty {
            obj.append(("counts", .object(counts.map { c in (c.column, .object(c.levels.map { ($0.value, .ints($0.counts)) })) })))
        }
        return .object(obj)
    }

    /// The profile as a table: cluster, name (when named), size, each statistic, each text value's count.
    public func table(decimals: Int = 2) -> Table {
        var columns = [Table.Column("cluster", alignment: .right)]
        if hasNames { columns.append(Table.Column("name")) }
        columns.append(Table.Column("size", alignment: .right))
        columns += numbers.map { Table.Column($0.column, decimals: decimals) }
        for c in counts { columns += c.levels.map { Table.Column("\(c.column): \($0.value)", alignment: .right) } }
        let rows: [[Table.Cell]] = clusters.indices.map { i in
            var row: [Table.Cell] = [.integer(clusters[i])]
            if hasNames { row.append(.text(names[i])) }
            row.append(.integer(sizes[i]))
            row += numbers.map { $0.values[i].isNaN ? .empty : .number($0.values[i]) }
            for c in counts { row += c.levels.map { .integer($0.counts[i]) } }
            return row
        }
        return Table(columns: columns, rows: rows)
    }
}
