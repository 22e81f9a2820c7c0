import Clustering
import FigureConfig
import Foundation

/// `clusterplot data CONFIG --format csv`: every record of the source in its original order — a CSV's
/// own fields as written, or the generated columns — followed by its cluster (0-based, as in the JSON),
/// the cluster's name (with `names:`), the distance to its centre (k-means) and, when `missing: drop`
/// left rows out, why a row has no cluster.
public enum AssignmentsCSV {
    /// The CSV text for the clusters of `of` (default: the first analysis that gives clusters).
    /// - Throws: a located error when the config has no clustering analysis or `of` is not one of them.
    public static func text(spec: FigureSpec, data: FigureData, of requested: String? = nil) throws -> String {
        let here = SourceLocation(file: spec.file, line: 1, column: 1)
        let present = AnalysisKind.clusterAnalyses.filter { spec.hasAnalysis($0) }
        guard let of = requested ?? present.first else {
            throw GalleryError("the config has no analysis that gives clusters (\(AnalysisKind.clusterAnalyses.joined(separator: ", "))) to export",
                               at: here, keyPath: "clustering")
        }
        let context = FieldContext(dataset: data.dataset, iteration: nil)
        guard present.contains(of), let labels = data.results[of]?.values(of: "cluster", in: context)?.categories else {
            throw GalleryError("'\(of)' is not a clustering analysis of this config; it has \(present.isEmpty ? "none" : present.joined(separator: ", "))",
                               at: here, keyPath: "--of")
        }
        let names = spec.clusterNames[of]
        var distances: [Double]?
        if case let .numbers(d)? = data.results[of]?.values(of: "distance", in: context) { distances = d }
        let dataset = data.dataset
        let records = dataset.records
        var header: [String]
        var rows: [[String]] = []
        if let csv = spec.data.source as? CSVSource {
            header = csv.header
            let file = try csv.open()
            try file.forEachRecord { fields, _ in rows.append(fields) }
        } else {
            header = dataset.columns
            let m = dataset.originalPoints
            rows = (0..<m.rows).map { r in (0..<m.columns).map { format(m[r, $0]) } }
        }
        func added(_ name: String) -> String { header.contains(name) ? "\(of)_\(name)" : name }
        var extra = [added("cluster")]
        if names != nil { extra.append(added("cluster_name")) }
        if distances != nil { extra.append(added("distance")) }
        if records != nil { extra.append(added("dropped")) }
        // Which row each record became (nil: dropped, with the reason).
        var rowOf = [Int?](repeating: nil, count: rows.count)
        var reason = [String](repeating: "", count: rows.count)
        if let records {
            for (row, record) in records.kept.enumerated() where record < rowOf.count { rowOf[record] = row }
            for d in records.dropped where d.record < reason.count { reason[d.record] = "missing \(d.column)" }
        } else {
            for r in rowOf.indices where r < labels.count { rowOf[r] = r }
        }
        var out = line(header + extra)
        out.reserveCapacity(rows.count * 64)
        for (r, fields) in rows.enumerated() {
            var cells = fields
            if let row = rowOf[r], row < labels.count {
                let label = labels[row]
                cells.append(String(label))
                if let names { cells.append(names[label] ?? "") }
                if let distances { cells.append(format(distances[row])) }
            } else {
                cells.append("")
                if names != nil { cells.append("") }
                if distances != nil { cells.append("") }
            }
            if records != nil { cells.append(reason[r]) }
            out += line(cells)
        }
        return out
    }

    /// A number in shortest round-trip form (whole numbers without `.0` are kept as Swift writes them).
    static func format(_ v: Double) -> String { v.isFinite ? v.description : "" }

    /// One CSV line (RFC 4180): fields with a comma, quote, line break or edge spaces are quoted.
    static func line(_ fields: [String]) -> String {
        fields.map { f -> String in
            let needs = f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || f.hasPrefix(" ") || f.hasSuffix(" ")
            return needs ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",") + "\n"
    }
}

extension Gallery {
    /// The assignments CSV of a config (`clusterplot data --format csv`) and its warnings.
    public static func assignments(path: String, overrides: [Override] = [], of: String? = nil) throws -> (csv: String, warnings: [String]) {
        let spec = try FigureLoader.load(path: path, overrides: overrides)
        let data = try FigureData.compute(spec)
        return (try AssignmentsCSV.text(spec: spec, data: data, of: of), (spec.warnings + data.warnings).map(\.warningDescription))
    }
}
