import FigureConfig

/// `names: {0: Budget, 1: High spenders}` on an analysis that gives clusters: a name for each 0-based
/// cluster label, used by legends (`{cluster}` becomes the name), tables, profiles and exports.
enum ClusterNames {
    /// The `names` key.
    static let key = ConfigKey("names", .dictionary(.text), "a name for each cluster, by 0-based label ({0: Budget, 1: …})")

    /// Whether an analysis takes `names`: it offers a `cluster` field outside facets.
    static func applies(_ kind: AnalysisKind) -> Bool {
        kind.fields.contains { $0.name == "cluster" && $0.kind == .category && $0.facet == nil }
    }

    /// The keys of an analysis's mapping, with `names` when it applies.
    static func keys(_ kind: AnalysisKind) -> [ConfigKey] { applies(kind) ? kind.keys + [key] : kind.keys }

    /// Decodes `names:`: whole-number keys from 0 (−1 for DBSCAN's noise), text values, each key a
    /// cluster the analysis has when the config tells how many (k).
    static func decode(_ v: ConfigValue, spec: any AnalysisSpec) -> [Int: String]? {
        guard let m = v.anyMapping(what: "a mapping from cluster label to name, such as {0: Budget, 1: High spenders}") else { return nil }
        let count = spec.categoryCount(of: "cluster")
        let lowest = spec.kind.key == "dbscan" ? -1 : 0
        var out: [Int: String] = [:]
        for name in m.keysInOrder {
            guard let keyValue = m.key(name), let value = m[name] else { continue }
            guard let label = Int(name), label >= lowest else {
                keyValue.fail("'\(name)' is not a cluster label; labels are whole numbers from \(lowest) (0-based, as in clusterplot data)")
                continue
            }
            if let n = count, label >= n {
                keyValue.fail("there is no cluster \(label): \(spec.keyPath) has \(n), numbered 0…\(n - 1)")
                continue
            }
            guard value.isScalar, !value.isNull, let text = value.string() else {
                value.fail("expected a name (text), got \(value.typeName)")
                continue
            }
            out[label] = text
        }
        return out
    }
}
