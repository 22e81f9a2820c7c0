import Clustering
import FigureConfig

/// A JSON value for `clusterplot data`. Doubles are written in Swift's shortest round-trip form
/// (`Double.description`), so parsing the output gives back the same bits; non-finite values are `null`.
public indirect enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer, written without a decimal point.
    case int(Int)
    /// A double in shortest round-trip form (`null` when not finite).
    case double(Double)
    /// A string, escaped.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object; keys keep their insertion order.
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// The JSON text. `indent` > 0 pretty-prints containers of containers; arrays of scalars stay on one line.
    public func serialized(indent: Int = 0) -> String {
        var out = ""
        out.reserveCapacity(1 << 12)
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private func write(into out: inout String, indent: Int, level: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .double(d): out += d.isFinite ? d.description : "null"
        case let .string(s): JSONValue.escape(s, into: &out)
        case let .array(items):
            let flat = indent == 0 || items.allSatisfy(\.isScalar) || items.allSatisfy({
                if case let .array(inner) = $0 { return inner.allSatisfy(\.isScalar) } else { return false }
            })
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += flat ? (indent > 0 ? ", " : ",") : "," }
                if !flat { newline(&out, indent, level + 1) }
                item.write(into: &out, indent: flat ? 0 : indent, level: level + 1)
            }
            if !flat && !items.isEmpty { newline(&out, indent, level) }
            out += "]"
        case let .object(pairs):
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                if indent > 0 { newline(&out, indent, level + 1) }
                JSONValue.escape(k, into: &out)
                out += indent > 0 ? ": " : ":"
                v.write(into: &out, indent: indent, level: level + 1)
            }
            if indent > 0 && !pairs.isEmpty { newline(&out, indent, level) }
            out += "}"
        }
    }

    private func newline(_ out: inout String, _ indent: Int, _ level: Int) {
        out += "\n"
        out += String(repeating: " ", count: indent * level)
    }

    static func escape(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

extension JSONValue {
    static func doubles(_ v: [Double]) -> JSONValue { .array(v.map(JSONValue.double)) }
    static func ints(_ v: [Int]) -> JSONValue { .array(v.map(JSONValue.int)) }
    static func matrix(_ m: DataMatrix) -> JSONValue {
        .array((0..<m.rows).map { r in .array((0..<m.columns).map { .double(m[r, $0]) }) })
    }
}

extension FigureData {
    /// The `clusterplot data` document: `points`, `columns`, `blob_labels` and one object per analysis
    /// (`kmeans`, `distance_threshold`, `lloyd_trace`, `elbow`), keys named like the config's.
    public func json(spec: FigureSpec) -> JSONValue {
        var doc: [(String, JSONValue)] = [
            ("config", .string(spec.file)),
            ("columns", .array(columns.map(JSONValue.string))),
            ("points", .matrix(points)),
        ]
        if let blobLabels { doc.append(("blob_labels", .ints(blobLabels))) }
        if let km = kmeans {
            doc.append(("kmeans", Self.fit(km)))
        }
        if let t = threshold {
            doc.append(("distance_threshold", .object([
                ("percentile", .double(t.percentile)),
                ("threshold", .double(t.threshold)),
                ("n_outliers", .int(t.outliers.filter { $0 }.count)),
                ("outlier_indices", .ints(t.outliers.indices.filter { t.outliers[$0] })),
                ("outliers", .array(t.outliers.map(JSONValue.bool))),
                ("distances", .doubles(t.distances)),
            ])))
        }
        if let tr = trace, let lt = spec.clustering.lloydTrace {
            let its = tr.trace.iterations
            var obj: [(String, JSONValue)] = [
                ("k", .int(tr.initialCenters.rows)),
                ("frame_delay", .double(lt.frameDelay)),
                ("initial_centers", .matrix(tr.initialCenters)),
                ("iterations", .array(its.enumerated().map { i, it in
                    .object([
                        ("iteration", .int(i + 1)),
                        ("centers", .matrix(it.centers)),
                        ("closest", .ints(it.assignments)),
                        ("counts", .ints(it.counts)),
                        ("distances", .matrix(it.distances)),
                    ])
                })),
                ("centers_after_last_update", .matrix(tr.trace.finalCenters)),
            ]
            if lt.showTable, let last = its.last {
                // The app's "Show cluster table": the last iteration's rows.
                var cols = columns.map(JSONValue.string)
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
            doc.append(("lloyd_trace", .object(obj)))
        }
        if let el = elbow {
            doc.append(("elbow", .object([
                ("k", .ints(el.ks)),
                ("inertias", .doubles(el.inertias)),
                ("knee", el.knee.map(JSONValue.int) ?? .null),
                ("fits", .array(zip(el.ks, el.fits).map { k, f in
                    .object([("k", .int(k))] + Self.fitPairs(f))
                })),
            ])))
        }
        return .object(doc)
    }

    static func fitPairs(_ km: KMeansResult) -> [(String, JSONValue)] {
        [
            ("labels", .ints(km.labels)),
            ("centers", .matrix(km.centers)),
            ("inertia", .double(km.inertia)),
            ("iterations", .int(km.iterations)),
            ("init_indices", .ints(km.initialIndices)),
            ("init_centers", .matrix(km.initialCenters)),
        ]
    }

    static func fit(_ km: KMeansResult) -> JSONValue {
        .object([("k", .int(km.centers.rows))] + fitPairs(km))
    }
}
