import Clustering
import FigureConfig

/// `data.pca: {components: k}` — scikit-learn's `PCA(n_components=k).fit_transform` of the clustered
/// columns after `scale`; the components become drawable columns `pc1` … `pck`.
///
/// The solver follows scikit-learn's `auto` choice: `covariance_eigh` when n ≥ 10·d (and d ≤ 1000),
/// else the full SVD — also where scikit-learn would pick its randomized solver (max(n, d) > 500 and
/// k < 0.8·min(n, d)), whose result depends on random draws; the exact full SVD is given there. Signs
/// follow `svd_flip`: the largest-magnitude entry of each component is positive.
public struct PCASpec: Sendable {
    /// `n_components`.
    public var components: Int
    /// Where `pca:` was written.
    public var location: SourceLocation
    /// Its key path.
    public var keyPath = "data.pca"

    /// The keys of `data.pca`.
    static let keys: [ConfigKey] = [
        ConfigKey("components", .integer(1...1000), "n_components: the components kept (at most the clustered columns)"),
    ]

    /// Decodes `pca:`; the components must not outnumber the clustered columns nor take a name the
    /// source already has.
    static func decode(_ v: ConfigValue, data: DataSpec) -> PCASpec? {
        guard let m = v.mapping(keys, what: "a mapping such as {components: 2}") else { return nil }
        guard let cv = m["components"] else { m.missing("needs 'components' (how many principal components, e.g. 2)"); return nil }
        guard let k = cv.int(min: 1, max: 1000, what: "a whole number of components") else { return nil }
        let d = data.columnNames.count
        if k > d {
            cv.fail("\(k) components for \(d) clustered column\(d == 1 ? "" : "s"); PCA keeps at most as many components as columns (min(n_samples, n_features))")
            return nil
        }
        let names = (1...k).map { "pc\($0)" }
        if let csv = data.source as? CSVSource, let clash = names.first(where: { csv.header.contains($0) }) {
            cv.fail("the CSV file '\(csv.path)' already has a column '\(clash)'; the principal components are named \(names.first!)…\(names.last!) (rename that column)")
            return nil
        }
        return PCASpec(components: k, location: cv.location, keyPath: m.path("components"))
    }

    /// Problems that need the row count: PCA needs 2 rows and at most as many components as rows.
    func check(rows: Int, _ reader: ConfigReader) {
        if rows < 2 { reader.fail("PCA needs at least 2 rows, the data has \(rows)", at: location, keyPath) }
        else if components > rows {
            reader.fail("\(components) components for \(rows) rows; PCA keeps at most min(n_samples, n_features) = \(rows)", at: location, keyPath)
        }
    }
}

extension Projection {
    /// `{names, solver, components (k × columns), explained_variance_ratio, explained_variance,
    /// singular_values, mean, projected (rows × k)}`.
    public var json: JSONValue {
        .object([
            ("names", .array(names.map(JSONValue.string))),
            ("solver", .string(result.solver.rawValue)),
            ("components", .matrix(result.components)),
            ("explained_variance_ratio", .doubles(result.explainedVarianceRatio)),
            ("explained_variance", .doubles(result.explainedVariance)),
            ("singular_values", .doubles(result.singularValues)),
            ("mean", .doubles(result.mean)),
            ("projected", .matrix(result.projected)),
        ])
    }
}

extension Dataset {
    /// The owners of the data's own template values: `{pca.pc1}`.
    static let templateOwners: Set<String> = ["pca"]

    /// Why `{owner.name}` is not a value of the data (nil when it is one, or may be once read).
    static func templateProblem(_ owner: String, _ name: String) -> String? {
        let n = name.hasSuffix("_ratio") ? String(name.dropLast(6)) : name
        guard n.hasPrefix("pc"), let i = Int(n.dropFirst(2)), i >= 1 else {
            return "'{\(owner).\(name)}' is not a value of the PCA; it offers {pca.pc1} (\"PC1 (72.8 %)\") and {pca.pc1_ratio} (\"72.8 %\")"
        }
        return nil
    }

    /// `{pca.pc1}` → "PC1 (72.8 %)", `{pca.pc1_ratio}` → "72.8 %".
    func templateValue(_ owner: String, _ name: String) -> String? {
        guard owner == "pca", let p = projection else { return nil }
        let ratio = name.hasSuffix("_ratio")
        let n = ratio ? String(name.dropLast(6)) : name
        guard let i = p.names.firstIndex(of: n) else { return nil }
        return ratio ? p.percent(i) : p.label(i)
    }
}
