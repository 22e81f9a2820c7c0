import Foundation

extension StarterConfig {
    /// `clusterplot init csv --file PATH`: a starter config for the user's own CSV file. Its numeric
    /// columns are clustered (standardised; with more than two, drawn on their first two principal
    /// components), its text columns are profiled per cluster, rows with missing cells are left out
    /// (said in a warning), and the elbow curve sits beside the scatter. `file` is written as given,
    /// so the config validates when saved in the folder `init` ran in (or with an absolute path).
    public static func csv(file: String) throws(ConfigError) -> String {
        let here = SourceLocation(file: file, line: 1, column: 1)
        let csv = try CSVFile(path: file, displayPath: file) { reason in
            ConfigError("cannot read CSV file '\(file)' (\(reason))", at: here)
        }
        let table = try csv.read(CSVReadRequest(numeric: [], others: Array(csv.header.indices)))
        var numeric: [String] = [], text: [String] = [], missing = false
        for (name, values) in zip(csv.header, table.others) {
            switch values {
            case .numbers(let v):
                numeric.append(name)
                if v.contains(where: { $0.isNaN }) { missing = true }
            case .text: text.append(name)
            }
        }
        guard numeric.count >= 2 else {
            throw ConfigError("found \(numeric.count) numeric column\(numeric.count == 1 ? "" : "s") (\(numeric.joined(separator: ", "))); clustering needs at least two", at: here)
        }
        guard table.rows >= 4 else { throw ConfigError("has \(table.rows) data rows; clustering needs at least four", at: here) }
        let k = min(3, table.rows - 1), kMax = min(10, table.rows - 1)
        let projected = numeric.count > 2
        let (x, y) = projected ? ("pc1", "pc2") : (numeric[0], numeric[1])
        func quoted(_ s: String) -> String {
            let plain = s.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" } && !s.isEmpty
            return plain ? s : "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let list = numeric.map(quoted).joined(separator: ", ")
        var out = """
        # Your own data: \(file) (\(table.rows) rows), made by `clusterplot init csv --file \(file)`.
        # Its \(numeric.count) numeric columns are standardised and clustered with k-means; the elbow curve
        # beside the scatter helps choose k (try `--set clustering.kmeans.k=4`). Paths are relative to
        # this config: save it in the folder you ran init in. Every key: docs/config.md.
        figure:
          size: [12, 4.8]
          suptitle: \(quoted((file as NSString).lastPathComponent))
        data:
          csv:
            file: \(quoted(file))
            columns: [\(list)]\(text.isEmpty ? "" : "   # not clustered: " + text.joined(separator: ", "))

        """
        if missing { out += "    missing: drop                             # rows with an empty cell are left out (a warning counts them)\n" }
        out += "  scale: standard                             # StandardScaler on the clustered columns\n"
        if projected { out += "  pca: {components: 2}                        # drawn on the first two principal components\n" }
        out += """
        clustering:
          kmeans: {k: \(k), seed: 0}
          elbow: {k_min: 1, k_max: \(kMax), seed: 0}

        """
        if !text.isEmpty { out += "  profiles: {of: kmeans, columns: [\(text.map(quoted).joined(separator: ", "))]}   # clusterplot data: counts per cluster\n" }
        out += """
        panels:
          - position: [0, 0]
            title: "k-means, k = \(k)"
            xlabel: \(projected ? "\"{pca.pc1}\"" : quoted(x))
            ylabel: \(projected ? "\"{pca.pc2}\"" : quoted(y))
            layers:
              - {mark: scatter, x: \(quoted(x)), y: \(quoted(y)), color: {by: cluster, colors: cycle}, split: cluster, label: "Cluster {cluster+1}", alpha: 0.8}
              - {mark: centers, x: \(quoted(x)), y: \(quoted(y)), color: black, marker: x, size: 80, linewidth: 2, label: Centres}
          - position: [0, 1]
            title: Elbow method
            xlabel: Number of clusters (k)
            ylabel: Inertia
            layers:
              - {mark: line, from: elbow, marker: o, mark_knee: true}
        output:
          formats: [png]

        """
        return out
    }
}
