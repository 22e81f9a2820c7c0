import Foundation

/// Turns YAML config files into validated ``FigureSpec`` values.
///
/// Every problem is reported as a ``ConfigError`` with the file, line and column of the offending
/// value, its key path and, for misspelt keys and names, the closest valid spelling. All the problems
/// of one config are collected and thrown together as ``ConfigErrors``.
public enum ConfigLoader {
    /// The largest raster output allowed, in pixels (100 megapixels).
    public static let maxPixels = 100_000_000.0
    /// The largest number of generated points.
    public static let maxSamples = 10_000_000
    /// The largest number of generated values (points × features).
    public static let maxValues = 50_000_000

    /// Reads and validates the config at `path`, applying `overrides` in order. CSV files named by the
    /// config are read too (their problems are reported with the CSV's own line and column).
    public static func load(path: String, overrides: [Override] = []) throws(ConfigErrors) -> FigureSpec {
        let text = try ConfigFiles.readText(atPath: path, what: "config")
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(yaml: text, file: path, baseDirectory: base, defaultName: stem, overrides: overrides)
    }

    /// Validates config text. `file` labels messages; relative CSV paths resolve against `baseDirectory`.
    public static func parse(yaml text: String, file: String, baseDirectory: String = ".", defaultName: String = "figure",
                             overrides: [Override] = []) throws(ConfigErrors) -> FigureSpec {
        var root: ConfigNode
        do {
            root = try ConfigNode.parse(yaml: text, file: file)
            // Overrides need a mapping; an empty or non-mapping document is reported as it is.
            if case .mapping = root.kind { for o in overrides { try o.apply(to: &root) } }
        } catch let e as ConfigError {
            throw ConfigErrors([e])
        } catch {
            throw ConfigErrors([ConfigError("\(error)", at: SourceLocation(file: file, line: 1, column: 1))])
        }
        let decoder = SpecDecoder(file: file, baseDirectory: baseDirectory, defaultName: defaultName)
        let spec = decoder.decode(root)
        if !decoder.r.errors.isEmpty {
            // File order: the config's own problems by line and column, then those in other files
            // (CSV) and in --set arguments, each group in the order found.
            let sorted = decoder.r.errors.enumerated().sorted { a, b in
                let fa = a.element.location.file == file ? 0 : 1, fb = b.element.location.file == file ? 0 : 1
                if fa != fb { return fa < fb }
                if fa == 0, a.element.location.line != b.element.location.line { return a.element.location.line < b.element.location.line }
                if fa == 0, a.element.location.column != b.element.location.column { return a.element.location.column < b.element.location.column }
                return a.offset < b.offset
            }
            throw ConfigErrors(sorted.map(\.element))
        }
        guard let spec else {
            throw ConfigErrors([ConfigError("invalid config", at: root.location)])
        }
        return spec
    }

    /// Top-level keys.
    public static let topLevelKeys = ["figure", "data", "clustering", "panels", "output", "description"]
}

/// The schema: one method per section. Reads through ``NodeReader`` so that all problems are collected.
final class SpecDecoder {
    let r = NodeReader()
    let file: String
    let baseDirectory: String
    let defaultName: String

    init(file: String, baseDirectory: String, defaultName: String) {
        self.file = file
        self.baseDirectory = baseDirectory
        self.defaultName = defaultName
    }

    // swiftlint:disable function_body_length cyclomatic_complexity
    func decode(_ root: ConfigNode) -> FigureSpec? {
        guard case .mapping = root.kind else {
            if root.isNull {
                r.fail("the config is empty; it needs at least a 'data' section", root, "")
            } else {
                r.fail("the config must be a mapping with keys \(r.list(ConfigLoader.topLevelKeys)), got \(root.typeName)", root, "")
            }
            return nil
        }
        guard let top = r.mapping(root, "", keys: ConfigLoader.topLevelKeys) else { return nil }
        if let d = top["description"] { _ = r.string(d, "description") }

        // Data
        var data: DataSpec?
        if let node = top["data"] {
            data = decodeData(node, "data")
        } else {
            r.fail("missing 'data' section (where the points come from: blobs, uniform, csv or concat)", root, "data")
        }
        let rows = data.flatMap(rowCount)
        let features = data.flatMap(featureCount)
        let names = data.flatMap(columnNames)

        // Clustering
        var clustering = ClusteringSpec()
        if let node = top["clustering"] {
            clustering = decodeClustering(node, "clustering", rows: rows, features: features, data: data)
        }

        // Figure
        var figure = FigureSettings()
        var gridGiven: (rows: Int, columns: Int, node: ConfigNode)?
        if let node = top["figure"], let m = r.mapping(node, "figure", keys: ["size", "dpi", "style", "layout", "suptitle", "grid", "background"]) {
            if let n = m["size"], let s = r.doubles(n, "figure.size", count: 2, what: "[width, height] in inches") {
                if s[0] <= 0 || s[1] <= 0 { r.fail("width and height must be positive, got [\(r.fmt(s[0])), \(r.fmt(s[1]))]", n, "figure.size") }
                else if s[0] > 200 || s[1] > 200 { r.fail("at most 200 inches a side, got [\(r.fmt(s[0])), \(r.fmt(s[1]))]", n, "figure.size") }
                else { figure.width = s[0]; figure.height = s[1] }
            }
            if let n = m["dpi"], let v = r.double(n, "figure.dpi", above: 0, max: 2400) { figure.dpi = v }
            if let n = m["style"], let v = r.choice(n, "figure.style", FigureSettings.styles) { figure.style = v }
            if let n = m["layout"], let v = r.choice(n, "figure.layout", LayoutMode.allCases.map(\.rawValue)) { figure.layout = LayoutMode(rawValue: v)! }
            if let n = m["suptitle"], let v = r.string(n, "figure.suptitle") { figure.suptitle = v }
            if let n = m["background"] {
                if n.scalar == "none" || n.scalar == "transparent" { figure.background = nil }
                else if let c = color(n, "figure.background") { figure.background = c }
            }
            if let n = m["grid"], let g = r.doubles(n, "figure.grid", count: 2, what: "[rows, columns]") {
                if g.contains(where: { $0 < 1 || $0 > 20 || $0 != $0.rounded() }) {
                    r.fail("rows and columns must be whole numbers from 1 to 20, got [\(r.fmt(g[0])), \(r.fmt(g[1]))]", n, "figure.grid")
                } else {
                    gridGiven = (Int(g[0]), Int(g[1]), n)
                }
            }
        }

        // Output
        var output = OutputSpec()
        var name = defaultName
        if let node = top["output"], let m = r.mapping(node, "output", keys: ["name", "formats", "dpi", "png_compression"]) {
            if let n = m["png_compression"], let v = r.int(n, "output.png_compression", min: 0, max: 9) { output.pngCompression = v }
            if let n = m["name"], let v = r.string(n, "output.name") {
                if v.isEmpty || v.contains("/") || v == "." || v == ".." || v.hasPrefix(".") {
                    r.fail("must be a plain file stem without '/' (e.g. segmentation), got '\(v)'", n, "output.name")
                } else { name = v }
            }
            if let n = m["formats"], let f = formats(n, "output.formats") { output.formats = f; output.formatsGiven = true }
            if let n = m["dpi"], let v = r.double(n, "output.dpi", above: 0, max: 2400) { output.dpi = v }
        }
        let dpi = output.dpi ?? figure.dpi
        let pixels = (figure.width * dpi) * (figure.height * dpi)
        if pixels > ConfigLoader.maxPixels {
            let where_ = top["output"]?["dpi"] ?? top["figure"]?["dpi"] ?? top["figure"]?["size"] ?? root
            let path = top["output"]?["dpi"] != nil ? "output.dpi" : (top["figure"]?["dpi"] != nil ? "figure.dpi" : "figure.size")
            r.fail("the image would be \(Int((figure.width * dpi).rounded()))×\(Int((figure.height * dpi).rounded())) pixels (\(String(format: "%.0f", pixels / 1e6)) megapixels); the limit is 100 megapixels",
                   where_, path)
        }

        // Panels
        var panels: [PanelSpec] = []
        var panelsAreDefault = false
        if let node = top["panels"] {
            if let items = r.sequence(node, "panels", what: "a list of panels") {
                if items.isEmpty { r.fail("needs at least one panel", node, "panels") }
                for (i, item) in items.enumerated() {
                    panels += decodePanel(item, "panels[\(i)]", clustering: clustering, data: data, features: features,
                                          names: names, gridColumns: gridGiven?.columns)
                }
            }
        } else if let data {
            panels = defaultPanels(clustering: clustering, data: data, names: names, location: root.location)
            panelsAreDefault = true
        }

        // Grid
        let needRows = (panels.map(\.row).max() ?? 0) + 1
        let needCols = (panels.map(\.column).max() ?? 0) + 1
        if let g = gridGiven {
            figure.rows = g.rows
            figure.columns = g.columns
            for p in panels where p.row >= g.rows || p.column >= g.columns {
                r.fail("panel position [\(p.row), \(p.column)] is outside the \(g.rows)×\(g.columns) grid (figure.grid)", at: p.location, "panels")
                break
            }
        } else {
            figure.rows = needRows
            figure.columns = needCols
        }
        var seen: [String: SourceLocation] = [:]
        for p in panels {
            let key = "\(p.row),\(p.column)"
            if let first = seen[key] {
                r.fail("two panels at position [\(p.row), \(p.column)] (the other one is at line \(first.line))", at: p.location, "panels")
                break
            }
            seen[key] = p.location
        }

        guard let data else { return nil }
        return FigureSpec(file: file, baseDirectory: baseDirectory, name: name, figure: figure, data: data,
                          clustering: clustering, panels: panels, output: output, panelsAreDefault: panelsAreDefault)
    }

    // MARK: Data

    static let sourceKinds = ["blobs", "uniform", "csv", "concat"]

    func decodeData(_ node: ConfigNode, _ path: String) -> DataSpec? {
        guard let m = r.mapping(node, path, keys: Self.sourceKinds, what: "a data source") else { return nil }
        if m.isEmpty {
            r.fail("needs one source: \(r.list(Self.sourceKinds))", node, path)
            return nil
        }
        if m.count > 1 {
            let kinds = Self.sourceKinds.filter { m[$0] != nil }
            r.fail("has \(kinds.count) sources (\(r.list(kinds))); give one, or stack them with 'concat'", node, path)
            return nil
        }
        if let n = m["blobs"] { return decodeBlobs(n, path + ".blobs").map(DataSpec.blobs) }
        if let n = m["uniform"] { return decodeUniform(n, path + ".uniform").map(DataSpec.uniform) }
        if let n = m["csv"] { return decodeCSV(n, path + ".csv").map(DataSpec.csv) }
        if let n = m["concat"] {
            guard let items = r.sequence(n, path + ".concat", what: "a list of data sources") else { return nil }
            if items.isEmpty { r.fail("needs at least one source (empty data)", n, path + ".concat"); return nil }
            var parts: [DataSpec] = []
            for (i, item) in items.enumerated() {
                guard let p = decodeData(item, "\(path).concat[\(i)]") else { return nil }
                parts.append(p)
            }
            let fs = parts.compactMap(featureCount)
            if let f0 = fs.first, let bad = fs.firstIndex(where: { $0 != f0 }) {
                r.fail("all sources must have the same number of columns: the first has \(f0), another has \(fs[bad])", at: items[bad].location, "\(path).concat[\(bad)]")
                return nil
            }
            return .concat(parts)
        }
        return nil
    }

    func decodeBlobs(_ node: ConfigNode, _ path: String) -> BlobsSpec? {
        let keys = ["samples", "points_per_cluster", "centers", "features", "std", "separation", "center_box", "seed", "shuffle"]
        guard let m = r.mapping(node, path, keys: keys) else { return nil }
        var centers = 3
        var centerPoints: [[Double]]?
        var features = 2
        var featuresGiven = false
        if let n = m["features"], let v = r.int(n, path + ".features", min: 1, max: 1000) { features = v; featuresGiven = true }
        if let n = m["centers"] {
            if case let .sequence(items) = n.kind {
                var pts: [[Double]] = []
                for (i, item) in items.enumerated() {
                    guard let p = r.doubles(item, "\(path).centers[\(i)]", what: "a point [x, y, …]") else { return nil }
                    pts.append(p)
                }
                guard !pts.isEmpty else { r.fail("needs at least one centre", n, path + ".centers"); return nil }
                let d = pts[0].count
                if d < 1 || pts.contains(where: { $0.count != d }) {
                    r.fail("every centre needs the same number of coordinates", n, path + ".centers"); return nil
                }
                if featuresGiven && d != features {
                    r.fail("the centres have \(d) coordinates but features is \(features)", n, path + ".centers"); return nil
                }
                features = d
                centerPoints = pts
                centers = pts.count
            } else if let v = r.int(n, path + ".centers", min: 1, max: 10_000, what: "a number of centres or a list of points") {
                centers = v
            } else { return nil }
        }
        var samples: Int?
        switch (m["samples"], m["points_per_cluster"]) {
        case let (s?, p?):
            r.fail("give 'samples' (total) or 'points_per_cluster', not both (the other is at line \(p.location.line))", s, path + ".samples")
        case let (s?, nil):
            samples = sampleCount(s, path + ".samples")
        case let (nil, p?):
            if let v = sampleCount(p, path + ".points_per_cluster") {
                if v.multipliedReportingOverflow(by: centers).overflow || v * centers > ConfigLoader.maxSamples {
                    r.fail("points_per_cluster × centers must be at most \(ConfigLoader.maxSamples)", p, path + ".points_per_cluster")
                } else { samples = v * centers }
            }
        case (nil, nil):
            r.missing("needs 'samples' (total number of points) or 'points_per_cluster'", node, path)
        }
        guard let samples else { return nil }
        if samples * features > ConfigLoader.maxValues {
            r.fail("\(samples) points × \(features) features is more than \(ConfigLoader.maxValues) values", m["samples"] ?? m["points_per_cluster"] ?? node, path + ".samples")
            return nil
        }
        if samples < centers {
            r.fail("\(samples) samples cannot fill \(centers) centres", m["samples"] ?? node, path + ".samples")
        }
        var spec = BlobsSpec(samples: samples, centers: centers, location: node.location)
        spec.centerPoints = centerPoints
        spec.features = features
        switch (m["std"], m["separation"]) {
        case let (s?, p?):
            r.fail("give 'std' or 'separation' (the app's name for the same spread), not both (the other is at line \(p.location.line))", s, path + ".std")
        case let (s?, nil):
            if let v = r.double(s, path + ".std", min: 0, max: 1e6) { spec.std = v }
        case let (nil, p?):
            if let v = r.double(p, path + ".separation", min: 0, max: 1e6) { spec.std = v }
        case (nil, nil): break
        }
        if let n = m["center_box"], let b = r.doubles(n, path + ".center_box", count: 2, what: "[low, high]") {
            if !(b[0] < b[1]) { r.fail("low must be below high, got [\(r.fmt(b[0])), \(r.fmt(b[1]))]", n, path + ".center_box") }
            else { spec.centerBox = b }
        }
        if let n = m["seed"], let v = r.seed(n, path + ".seed") { spec.seed = v }
        if let n = m["shuffle"], let v = r.bool(n, path + ".shuffle") { spec.shuffle = v }
        return spec
    }

    func sampleCount(_ n: ConfigNode, _ path: String) -> Int? {
        guard let v = r.int(n, path, what: "a whole number of points") else { return nil }
        if v <= 0 { r.fail("must be at least 1, got \(v) (empty data)", n, path); return nil }
        if v > ConfigLoader.maxSamples { r.fail("must be at most \(ConfigLoader.maxSamples), got \(v)", n, path); return nil }
        return v
    }

    func decodeUniform(_ node: ConfigNode, _ path: String, samplesRequired: Bool = true) -> UniformSpec? {
        guard let m = r.mapping(node, path, keys: ["samples", "features", "low", "high", "seed", "fill"]) else { return nil }
        var samples: Int?
        if let n = m["samples"] { samples = sampleCount(n, path + ".samples") }
        else { r.missing("needs 'samples' (number of points)", node, path) }
        var features: Int?
        if let n = m["features"] { features = r.int(n, path + ".features", min: 1, max: 1000) }
        func bound(_ key: String, _ def: Double) -> (values: [Double], isList: Bool)? {
            guard let n = m[key] else { return ([def], false) }
            if case .sequence = n.kind {
                guard let v = r.doubles(n, "\(path).\(key)") else { return nil }
                if v.isEmpty { r.fail("needs at least one value", n, "\(path).\(key)"); return nil }
                return (v, true)
            }
            return r.double(n, "\(path).\(key)", min: -r.maxCoordinate, max: r.maxCoordinate).map { ([$0], false) }
        }
        guard let lo = bound("low", 0), let hi = bound("high", 1), let samples else { return nil }
        var d = features ?? 2
        if lo.isList || hi.isList {
            let listLen = lo.isList ? lo.values.count : hi.values.count
            if lo.isList && hi.isList && lo.values.count != hi.values.count {
                r.fail("low and high lists must have the same length", m["high"]!, path + ".high"); return nil
            }
            if let features, features != listLen {
                r.fail("the low/high lists have \(listLen) values but features is \(features)", m[lo.isList ? "low" : "high"]!, path + ".features"); return nil
            }
            d = listLen
        }
        if samples * d > ConfigLoader.maxValues {
            r.fail("\(samples) points × \(d) features is more than \(ConfigLoader.maxValues) values", m["samples"] ?? node, path + ".samples")
            return nil
        }
        let low = lo.isList ? lo.values : Array(repeating: lo.values[0], count: d)
        let high = hi.isList ? hi.values : Array(repeating: hi.values[0], count: d)
        if let j = low.indices.first(where: { !(low[$0] < high[$0]) }) {
            r.fail("low must be below high (column \(j + 1): \(r.fmt(low[j])) ≥ \(r.fmt(high[j])))", m["low"] ?? node, path + ".low")
            return nil
        }
        var spec = UniformSpec(samples: samples, low: low, high: high, location: node.location)
        spec.features = d
        if let n = m["seed"], let v = r.seed(n, path + ".seed") { spec.seed = v }
        if let n = m["fill"], let v = r.choice(n, path + ".fill", UniformSpec.Fill.allCases.map(\.rawValue)) { spec.fill = UniformSpec.Fill(rawValue: v)! }
        return spec
    }

    func decodeCSV(_ node: ConfigNode, _ path: String) -> CSVSpec? {
        guard let m = r.mapping(node, path, keys: ["file", "columns", "delimiter"]) else { return nil }
        guard let fileNode = m["file"] else { r.missing("needs 'file' (the CSV path, relative to the config)", node, path); return nil }
        guard let p = r.string(fileNode, path + ".file") else { return nil }
        if p.isEmpty { r.fail("the file name is empty", fileNode, path + ".file"); return nil }
        let resolved = p.hasPrefix("/") ? p : URL(fileURLWithPath: baseDirectory).appendingPathComponent(p).standardized.path
        var spec = CSVSpec(path: displayPath(p), resolvedPath: resolved, location: node.location, fileLocation: fileNode.location)
        if let n = m["columns"] {
            guard let items = r.sequence(n, path + ".columns", what: "a list of column names") else { return nil }
            if items.isEmpty { r.fail("needs at least one column", n, path + ".columns"); return nil }
            var cols: [String] = []
            for (i, item) in items.enumerated() {
                guard let s = r.string(item, "\(path).columns[\(i)]") else { return nil }
                cols.append(s)
                spec.columnLocations.append(item.location)
            }
            spec.columns = cols
        }
        if let n = m["delimiter"], let s = r.string(n, path + ".delimiter") {
            let t = s == "\\t" ? "\t" : s
            if t.count != 1 || t == "\"" || t == "\n" { r.fail("must be a single character such as ',' or ';', got '\(s)'", n, path + ".delimiter") }
            else { spec.delimiter = t.first! }
        }
        do {
            let table = try CSVTable.load(spec, keyPath: path)
            spec.table = table
            spec.columns = table.columns
        } catch let e as ConfigError {
            r.fail(e.message, at: e.location, e.keyPath)
            return nil
        } catch {
            r.fail("\(error)", node, path)
            return nil
        }
        return spec
    }

    /// The CSV path as the user should see it: relative to the config's folder joined onto the config path.
    func displayPath(_ p: String) -> String {
        if p.hasPrefix("/") { return p }
        let dir = (file as NSString).deletingLastPathComponent
        return dir.isEmpty ? p : (dir as NSString).appendingPathComponent(p)
    }

    func rowCount(_ d: DataSpec) -> Int? {
        switch d {
        case let .csv(c): return c.table?.rows.count
        case let .concat(parts):
            var n = 0
            for p in parts { guard let c = rowCount(p) else { return nil }; n += c }
            return n
        default: return d.rowCount
        }
    }

    func featureCount(_ d: DataSpec) -> Int? {
        if case let .csv(c) = d { return c.table?.columns.count }
        if case let .concat(parts) = d { return parts.first.flatMap(featureCount) }
        return d.featureCount
    }

    func columnNames(_ d: DataSpec) -> [String]? {
        if case let .csv(c) = d { return c.table?.columns }
        if case let .concat(parts) = d { return parts.first.flatMap(columnNames) }
        return d.columnNames
    }

    func hasBlobs(_ d: DataSpec?) -> Bool {
        switch d {
        case .blobs?: return true
        case let .concat(parts)?: return parts.contains { hasBlobs($0) }
        default: return false
        }
    }

    // MARK: Clustering

    func decodeClustering(_ node: ConfigNode, _ path: String, rows: Int?, features: Int?, data: DataSpec?) -> ClusteringSpec {
        var spec = ClusteringSpec()
        guard let m = r.mapping(node, path, keys: ["kmeans", "lloyd_trace", "distance_threshold", "elbow"]) else { return spec }
        if let n = m["kmeans"], let km = r.mapping(n, path + ".kmeans", keys: ["k", "seed", "n_init", "max_iter", "tol"]) {
            let p = path + ".kmeans"
            if let kn = km["k"] {
                if let k = r.int(kn, p + ".k", min: 1, max: 100_000, what: "a whole number of clusters") {
                    if let rows, k > rows {
                        r.fail("k = \(k) is more than the \(rows) data points", kn, p + ".k")
                    }
                    var s = KMeansSpec(k: k, kLocation: kn.location)
                    if let v = km["seed"].flatMap({ r.seed($0, p + ".seed") }) { s.seed = v }
                    if let v = km["n_init"] { s.initializations = nInit(v, p + ".n_init") ?? 1 }
                    if let v = km["max_iter"].flatMap({ r.int($0, p + ".max_iter", min: 1, max: 100_000) }) { s.maxIterations = v }
                    if let v = km["tol"].flatMap({ r.double($0, p + ".tol", min: 0, max: 1) }) { s.tolerance = v }
                    spec.kmeans = s
                }
            } else {
                r.missing("needs 'k' (the number of clusters)", n, p)
            }
        }
        if let n = m["lloyd_trace"],
           let lt = r.mapping(n, path + ".lloyd_trace", keys: ["iterations", "initial_centers", "frame_delay", "show_table"]) {
            let p = path + ".lloyd_trace"
            var initial: LloydTraceSpec.InitialCenters?
            if let c = lt["initial_centers"] {
                if case let .sequence(items) = c.kind {
                    var pts: [[Double]] = []
                    for (i, item) in items.enumerated() {
                        if let pt = r.doubles(item, "\(p).initial_centers[\(i)]", count: features, what: features.map { "a point with \($0) coordinates" }) { pts.append(pt) }
                    }
                    if items.isEmpty { r.fail("needs at least one centre", c, p + ".initial_centers") }
                    else if pts.count == items.count { initial = .points(pts) }
                } else if let um = r.mapping(c, p + ".initial_centers", keys: ["uniform"], what: "a list of points or {uniform: …}") {
                    if let u = um["uniform"] {
                        if let us = decodeUniform(u, p + ".initial_centers.uniform") {
                            if let features, us.features != features {
                                r.fail("the centres have \(us.features) coordinates but the data has \(features) columns", u, p + ".initial_centers.uniform")
                            } else { initial = .uniform(us) }
                        }
                    } else { r.fail("expected a list of points or {uniform: …}", c, p + ".initial_centers") }
                }
            } else {
                r.missing("needs 'initial_centers' (a list of points, or {uniform: {samples: 3, low: …, high: …, seed: …}})", n, p)
            }
            if var s = initial.map({ LloydTraceSpec(initialCenters: $0, location: n.location) }) {
                if let v = lt["iterations"].flatMap({ r.int($0, p + ".iterations", min: 1, max: 1000) }) { s.iterations = v }
                if let v = lt["frame_delay"].flatMap({ r.double($0, p + ".frame_delay", min: 0, max: 60) }) { s.frameDelay = v }
                if let v = lt["show_table"].flatMap({ r.bool($0, p + ".show_table") }) { s.showTable = v }
                if let rows, s.k > rows { r.fail("\(s.k) centres is more than the \(rows) data points", lt["initial_centers"]!, p + ".initial_centers") }
                spec.lloydTrace = s
            }
        }
        if let n = m["distance_threshold"], let dt = r.mapping(n, path + ".distance_threshold", keys: ["percentile"]) {
            var s = ThresholdSpec(location: n.location)
            if let v = dt["percentile"].flatMap({ r.double($0, path + ".distance_threshold.percentile", min: 0, max: 100) }) { s.percentile = v }
            if m["kmeans"] == nil {
                r.fail("needs clustering.kmeans (distances are measured to the k-means centres)", n, path + ".distance_threshold")
            }
            spec.distanceThreshold = s
        }
        if let n = m["elbow"], let el = r.mapping(n, path + ".elbow", keys: ["k_min", "k_max", "seed", "n_init", "max_iter", "tol"]) {
            let p = path + ".elbow"
            let lo = el["k_min"].flatMap { r.int($0, p + ".k_min", min: 1, max: 100_000) } ?? (el["k_min"] == nil ? 1 : nil)
            let hi = el["k_max"].flatMap { r.int($0, p + ".k_max", min: 1, max: 100_000) } ?? (el["k_max"] == nil ? 9 : nil)
            if let lo, let hi {
                if lo > hi { r.fail("k_min (\(lo)) must not exceed k_max (\(hi))", el["k_min"] ?? n, p + ".k_min") }
                else if hi - lo > 1000 { r.fail("at most 1001 values of k", el["k_max"] ?? n, p + ".k_max") }
                else if let rows, hi > rows { r.fail("k_max = \(hi) is more than the \(rows) data points", el["k_max"] ?? n, p + ".k_max") }
                else {
                    var s = ElbowSpec(ks: Array(lo...hi), location: n.location)
                    if let v = el["seed"].flatMap({ r.seed($0, p + ".seed") }) { s.seed = v }
                    if let v = el["n_init"] { s.initializations = nInit(v, p + ".n_init") ?? 1 }
                    if let v = el["max_iter"].flatMap({ r.int($0, p + ".max_iter", min: 1, max: 100_000) }) { s.maxIterations = v }
                    if let v = el["tol"].flatMap({ r.double($0, p + ".tol", min: 0, max: 1) }) { s.tolerance = v }
                    spec.elbow = s
                }
            }
        }
        return spec
    }

    func nInit(_ n: ConfigNode, _ path: String) -> Int? {
        if n.scalar == "auto" { return 1 }
        return r.int(n, path, min: 1, max: 1000, what: "a whole number of initialisations or 'auto'")
    }

    // MARK: Panels

    static let panelKeys = ["position", "facet", "title", "xlabel", "ylabel", "xlim", "ylim", "xscale", "yscale", "legend",
                            "fontsize", "annotations", "colorbar", "layers"]
    static let annotationKeys = ["text", "at", "offset", "arrow", "color", "fontsize"]
    static let layerKeys = ["mark", "from", "x", "y", "color", "where", "split", "marker", "size", "alpha", "linewidth", "label", "mark_knee"]

    func decodePanel(_ node: ConfigNode, _ path: String, clustering: ClusteringSpec, data: DataSpec?, features: Int?,
                     names: [String]?, gridColumns: Int?) -> [PanelSpec] {
        guard let m = r.mapping(node, path, keys: Self.panelKeys, what: "a panel") else { return [] }
        var panel = PanelSpec(location: node.location)
        if let n = m["position"], let v = r.doubles(n, path + ".position", count: 2, what: "[row, column] (0-based)") {
            if v.contains(where: { $0 < 0 || $0 > 19 || $0 != $0.rounded() }) {
                r.fail("row and column must be whole numbers from 0 to 19, got [\(r.fmt(v[0])), \(r.fmt(v[1]))]", n, path + ".position")
            } else { panel.row = Int(v[0]); panel.column = Int(v[1]) }
        }
        var facet = false
        if let n = m["facet"], let v = r.choice(n, path + ".facet", ["iteration"]) {
            _ = v
            if clustering.lloydTrace == nil { r.fail("facet 'iteration' needs clustering.lloyd_trace", n, path + ".facet") }
            else { facet = true }
        }
        if let n = m["title"] { panel.title = r.string(n, path + ".title") }
        if let n = m["xlabel"] { panel.xLabel = r.string(n, path + ".xlabel") }
        if let n = m["ylabel"] { panel.yLabel = r.string(n, path + ".ylabel") }
        for (key, isX) in [("xlim", true), ("ylim", false)] {
            if let n = m[key], let v = r.doubles(n, "\(path).\(key)", count: 2, what: "[min, max]") {
                if !(v[0] < v[1]) { r.fail("min must be below max, got [\(r.fmt(v[0])), \(r.fmt(v[1]))]", n, "\(path).\(key)") }
                else if isX { panel.xLimits = v } else { panel.yLimits = v }
            }
        }
        for (key, isX) in [("xscale", true), ("yscale", false)] {
            guard let n = m[key], let v = r.choice(n, "\(path).\(key)", ["linear", "log"]) else { continue }
            if isX { panel.xScale = v } else { panel.yScale = v }
            let limits = isX ? panel.xLimits : panel.yLimits
            if v == "log", let l = limits, l[0] <= 0 {
                r.fail("a log scale needs positive limits, got [\(r.fmt(l[0])), \(r.fmt(l[1]))]", m[isX ? "xlim" : "ylim"] ?? n,
                       "\(path).\(isX ? "xlim" : "ylim")")
            }
        }
        if let n = m["legend"] {
            if case .scalar = n.kind, let b = r.bool(n, path + ".legend") { panel.legend.show = b }
            else if let lm = r.mapping(n, path + ".legend", keys: ["show", "loc", "fontsize"], what: "true, false or a mapping") {
                if let v = lm["show"].flatMap({ r.bool($0, path + ".legend.show") }) { panel.legend.show = v }
                if let v = lm["loc"].flatMap({ r.choice($0, path + ".legend.loc", LegendSpec.locations) }) { panel.legend.location = v }
                if let v = lm["fontsize"].flatMap({ r.double($0, path + ".legend.fontsize", above: 0, max: 200) }) { panel.fontSizes.legend = v }
            }
        }
        if let n = m["annotations"], let items = r.sequence(n, path + ".annotations", what: "a list of annotations") {
            for (i, item) in items.enumerated() {
                if let a = decodeAnnotation(item, "\(path).annotations[\(i)]", clustering: clustering) { panel.annotations.append(a) }
            }
        }
        if let n = m["fontsize"] {
            if case .scalar = n.kind {
                if let v = r.double(n, path + ".fontsize", above: 0, max: 200) {
                    panel.fontSizes.title = v; panel.fontSizes.labels = v; panel.fontSizes.ticks = v
                    if panel.fontSizes.legend == nil { panel.fontSizes.legend = v }
                }
            } else if let fm = r.mapping(n, path + ".fontsize", keys: ["title", "labels", "ticks", "legend"], what: "a size in points or a mapping") {
                func size(_ k: String) -> Double? { fm[k].flatMap { r.double($0, "\(path).fontsize.\(k)", above: 0, max: 200) } }
                panel.fontSizes.title = size("title") ?? panel.fontSizes.title
                panel.fontSizes.labels = size("labels") ?? panel.fontSizes.labels
                panel.fontSizes.ticks = size("ticks") ?? panel.fontSizes.ticks
                panel.fontSizes.legend = size("legend") ?? panel.fontSizes.legend
            }
        }
        if let n = m["layers"] {
            if let items = r.sequence(n, path + ".layers", what: "a list of layers") {
                if items.isEmpty { r.fail("needs at least one layer", n, path + ".layers") }
                for (i, item) in items.enumerated() {
                    if let l = decodeLayer(item, "\(path).layers[\(i)]", facet: facet, clustering: clustering, data: data,
                                           features: features, names: names) { panel.layers.append(l) }
                }
            }
        } else {
            r.missing("needs 'layers' (what to draw, e.g. [{mark: scatter, color: {by: cluster}}])", node, path)
        }
        if let n = m["colorbar"] {
            var spec: ColorbarSpec?
            if case .scalar = n.kind, let b = r.bool(n, path + ".colorbar") { spec = b ? ColorbarSpec() : nil }
            else if case .mapping = n.kind, let cm = r.mapping(n, path + ".colorbar", keys: ["label"], what: "true, false or {label: …}") {
                spec = ColorbarSpec(label: cm["label"].flatMap { r.string($0, path + ".colorbar.label") })
            } else if case .sequence = n.kind { r.fail("expected true, false or {label: …}, got \(n.typeName)", n, path + ".colorbar") }
            if spec != nil {
                let continuous = panel.layers.contains { if case .continuous = $0.color { return true } else { return false } }
                // A layer that asks for a continuous colour but has an error of its own is reported there.
                let intended = (m["layers"]?.items ?? []).contains { $0.child("color").map(Self.asksForNumberColour) ?? false }
                if continuous { panel.colorbar = spec }
                else if !panel.layers.isEmpty && !intended {
                    r.fail("a colorbar needs a layer coloured by a number (color: {by: distance} or {column: …})", n, path + ".colorbar")
                }
            }
        }
        guard facet, let trace = clustering.lloydTrace else { return [panel] }
        // One panel per iteration, filling grid cells row by row from `position`.
        let cols = gridColumns ?? 3
        if panel.column >= cols { r.fail("position column \(panel.column) is outside the grid's \(cols) columns", node, path + ".position") }
        let start = panel.row * cols + panel.column
        let template = panel.title ?? "Iteration {iteration}"
        return (0..<trace.iterations).map { it in
            var p = panel
            p.iteration = it
            p.row = (start + it) / cols
            p.column = (start + it) % cols
            p.title = template.replacingOccurrences(of: "{iteration}", with: String(it + 1))
            return p
        }
    }

    func decodeLayer(_ node: ConfigNode, _ path: String, facet: Bool, clustering: ClusteringSpec, data: DataSpec?,
                     features: Int?, names: [String]?) -> LayerSpec? {
        guard let m = r.mapping(node, path, keys: Self.layerKeys, what: "a layer") else { return nil }
        guard let markNode = m["mark"] else {
            r.missing("needs 'mark' (one of \(r.list(MarkKind.allCases.map(\.rawValue))))", node, path)
            return nil
        }
        guard let markName = r.choice(markNode, path + ".mark", MarkKind.allCases.map(\.rawValue)) else { return nil }
        let mark = MarkKind(rawValue: markName)!
        var source: LayerSource
        switch mark {
        case .scatter: source = .points
        case .line: source = clustering.elbow != nil ? .elbow : .points
        case .centers: source = facet ? .lloydTrace : .kmeans
        }
        if let n = m["from"], let v = r.choice(n, path + ".from", LayerSource.allCases.map(\.rawValue)) {
            source = LayerSource(rawValue: v)!
            let ok: Bool
            switch (mark, source) {
            case (.scatter, .points), (.line, .points), (.line, .elbow), (.centers, .kmeans), (.centers, .lloydTrace): ok = true
            default: ok = false
            }
            if !ok { r.fail("a \(mark.rawValue) layer cannot draw '\(v)'", n, path + ".from") }
        }
        let fromNode = m["from"] ?? markNode
        switch source {
        case .elbow where clustering.elbow == nil: r.fail("needs clustering.elbow", fromNode, path + ".from")
        case .kmeans where clustering.kmeans == nil:
            r.fail(facet ? "needs clustering.kmeans (in an iteration facet use from: lloyd_trace)" : "needs clustering.kmeans", fromNode, path + ".from")
        case .lloydTrace where !facet: r.fail("the Lloyd trace centres need a panel with facet: iteration", fromNode, path + ".from")
        default: break
        }
        var layer = LayerSpec(mark: mark, source: source, location: node.location)
        for (key, isX) in [("x", true), ("y", false)] {
            guard let n = m[key] else { continue }
            if source == .elbow { r.fail("'\(key)' does not apply to the elbow line (it plots k against inertia)", n, "\(path).\(key)"); continue }
            guard let ref = columnRef(n, "\(path).\(key)", features: features, names: names) else { continue }
            if isX { layer.x = ref; layer.xLocation = n.location } else { layer.y = ref; layer.yLocation = n.location }
        }
        if source != .elbow, let f = features {
            for (key, ref) in [("x", layer.x), ("y", layer.y)] where m[key] == nil {
                if case let .index(i) = ref, i >= f {
                    r.fail("the data has \(f) column\(f == 1 ? "" : "s"); set '\(key)' to a column (0-based index or name)", node, path)
                    break
                }
            }
        }
        func fieldOK(_ field: PointField, _ n: ConfigNode, _ p: String) -> Bool {
            switch field {
            case .cluster where clustering.kmeans == nil && !facet:
                r.fail("colouring by cluster needs clustering.kmeans (or an iteration facet)", n, p); return false
            case .outlier where clustering.distanceThreshold == nil:
                r.fail("'outlier' needs clustering.distance_threshold", n, p); return false
            case .blob where !hasBlobs(data):
                r.fail("'blob' needs blobs data", n, p); return false
            default:
                if source != .points && mark != .centers {
                    r.fail("per-point fields only apply to layers drawn from the points", n, p); return false
                }
                return true
            }
        }
        if let n = m["color"] {
            switch n.kind {
            case .scalar:
                if let c = color(n, path + ".color") { layer.color = .fixed(c) }
            default:
                if let cm = r.mapping(n, path + ".color", keys: ["by", "column", "cmap", "colors", "vmin", "vmax"],
                                      what: "a colour, {by: cluster|blob|outlier|distance, cmap: …} or {column: name, cmap: …}") {
                    if Self.asksForNumberColour(n) {
                        layer.color = continuousColor(cm, n, path + ".color", mark: mark, source: source, clustering: clustering,
                                                      features: features, names: names) ?? layer.color
                    } else if cm["vmin"] != nil || cm["vmax"] != nil {
                        r.fail("vmin and vmax apply to continuous colours ({by: distance} or {column: …})", cm["vmin"] ?? cm["vmax"]!,
                               path + ".color." + (cm["vmin"] != nil ? "vmin" : "vmax"))
                    } else if let bn = cm["by"], let b = r.choice(bn, path + ".color.by", PointField.allCases.map(\.rawValue) + ["distance"]) {
                        let field = PointField(rawValue: b)!
                        var palette = Palette(colormap: field == .outlier ? "deep" : "tab10")!
                        if field == .outlier { palette = Palette(colors: [.cycle(0), .rgba(red: 1, green: 0, blue: 0, alpha: 1)]) }
                        if cm["cmap"] != nil && cm["colors"] != nil {
                            r.fail("give 'cmap' or 'colors', not both", cm["colors"]!, path + ".color.colors")
                        } else if let cn = cm["cmap"], let name = r.choice(cn, path + ".color.cmap", Palette.colormapNames) {
                            palette = Palette(colormap: name)!
                        } else if let ln = cm["colors"], let items = r.sequence(ln, path + ".color.colors", what: "a list of colours") {
                            let cs = items.enumerated().compactMap { color($0.element, "\(path).color.colors[\($0.offset)]") }
                            if items.isEmpty { r.fail("needs at least one colour", ln, path + ".color.colors") }
                            else if cs.count == items.count { palette = Palette(colors: cs) }
                        }
                        if fieldOK(field, bn, path + ".color.by") { layer.color = .field(field, palette) }
                    } else if cm["by"] == nil {
                        r.missing("needs 'by' (cluster, blob, outlier or distance) or 'column'", n, path + ".color")
                    }
                }
            }
        }
        if let n = m["where"], let wm = r.mapping(n, path + ".where", keys: PointField.allCases.map(\.rawValue), what: "a filter such as {outlier: true} or {cluster: 0}") {
            for field in PointField.allCases {
                guard let vn = wm[field.rawValue] else { continue }
                let p = "\(path).where.\(field.rawValue)"
                guard fieldOK(field, vn, p) else { continue }
                if field == .outlier { if let b = r.bool(vn, p) { layer.filters.append((field, b ? 1 : 0)) } }
                else if let v = r.int(vn, p, min: 0, max: 100_000) { layer.filters.append((field, v)) }
            }
        }
        if let n = m["split"], let v = r.choice(n, path + ".split", PointField.allCases.map(\.rawValue)) {
            let f = PointField(rawValue: v)!
            if case .continuous = layer.color {
                r.fail("a layer coloured by a number cannot also be split into series", n, path + ".split")
            } else if fieldOK(f, n, path + ".split") { layer.split = f }
        }
        if let n = m["marker"], let v = r.choice(n, path + ".marker", LayerSpec.markers) { layer.marker = v }
        else if mark == .centers { layer.marker = "x" }
        if let n = m["size"] { layer.size = r.double(n, path + ".size", min: 0, max: 10_000) }
        if let n = m["alpha"] { layer.alpha = r.double(n, path + ".alpha", min: 0, max: 1) }
        if let n = m["linewidth"] { layer.lineWidth = r.double(n, path + ".linewidth", min: 0, max: 100) }
        if let n = m["label"] { layer.label = r.string(n, path + ".label") }
        if let n = m["mark_knee"], let v = r.bool(n, path + ".mark_knee") {
            if v && !(mark == .line && source == .elbow) { r.fail("only an elbow line can mark its knee", n, path + ".mark_knee") }
            layer.markKnee = v
        }
        if m["color"] == nil && mark == .centers { layer.color = .fixed(.rgba(red: 0, green: 0, blue: 0, alpha: 1)) }
        return layer
    }

    /// Whether a `color:` node asks for a colour by a number (`{by: distance}` or `{column: …}`).
    static func asksForNumberColour(_ color: ConfigNode) -> Bool {
        color.child("column") != nil || color.child("by")?.scalar == "distance"
    }

    /// `color: {by: distance | column: …, cmap, vmin, vmax}`: values mapped through a colormap.
    func continuousColor(_ cm: [String: ConfigNode], _ node: ConfigNode, _ path: String, mark: MarkKind, source: LayerSource,
                         clustering: ClusteringSpec, features: Int?, names: [String]?) -> ColorEncoding? {
        if mark != .scatter || source != .points {
            r.fail("continuous colours apply to scatter layers of the points", node, path); return nil
        }
        if cm["by"] != nil && cm["column"] != nil {
            r.fail("give 'by: distance' or 'column', not both", cm["column"]!, path + ".column"); return nil
        }
        if let cn = cm["colors"] {
            r.fail("continuous colours take a colormap ('cmap'), not a list of colours", cn, path + ".colors"); return nil
        }
        let value: ContinuousValue
        if let cn = cm["column"] {
            guard let ref = columnRef(cn, path + ".column", features: features, names: names) else { return nil }
            value = .column(ref)
        } else {
            if clustering.kmeans == nil { r.fail("'distance' (to the k-means centre) needs clustering.kmeans", cm["by"]!, path + ".by"); return nil }
            value = .distance
        }
        var cmap = "viridis"
        if let cn = cm["cmap"] {
            guard let name = r.choice(cn, path + ".cmap", Palette.colormapNames + Palette.colormapNames.map { $0 + "_r" }) else { return nil }
            cmap = name
        }
        let vmin = cm["vmin"].flatMap { r.double($0, path + ".vmin") }
        let vmax = cm["vmax"].flatMap { r.double($0, path + ".vmax") }
        if let a = vmin, let b = vmax, !(a < b) {
            r.fail("vmin must be below vmax, got \(r.fmt(a)) and \(r.fmt(b))", cm["vmax"]!, path + ".vmax"); return nil
        }
        return .continuous(value, colormap: cmap, vmin: vmin, vmax: vmax)
    }

    /// A column of the points: a 0-based index or a name (checked against the columns when known).
    func columnRef(_ n: ConfigNode, _ path: String, features: Int?, names: [String]?) -> ColumnRef? {
        guard case let .scalar(s, quoted) = n.kind, !n.isNull else {
            r.fail("expected a column name or 0-based index, got \(n.typeName)", n, path); return nil
        }
        let ref: ColumnRef = (!quoted && ScalarValue.int(s) != nil) ? .index(ScalarValue.int(s)!) : .name(s)
        switch ref {
        case let .index(i):
            if i < 0 || (features.map { i >= $0 } ?? false) {
                r.fail("column index \(i) is out of range; the data has \(features ?? 0) columns (0-based)", n, path); return nil
            }
        case let .name(name):
            if let names, !names.contains(name) {
                let hint = Spelling.hint(for: name, among: names)
                r.fail("no column named '\(name)'\(hint.isEmpty ? "; the columns are \(r.list(names))" : hint)", n, path); return nil
            }
        }
        return ref
    }

    /// One `annotations:` entry: `{text, at: [x, y] | knee, offset, arrow, color, fontsize}`.
    func decodeAnnotation(_ node: ConfigNode, _ path: String, clustering: ClusteringSpec) -> AnnotationSpec? {
        guard let m = r.mapping(node, path, keys: Self.annotationKeys, what: "an annotation") else { return nil }
        guard let tn = m["text"] else { r.missing("needs 'text' (what the note says)", node, path); return nil }
        guard let an = m["at"] else { r.missing("needs 'at' ([x, y] in data units, or knee)", node, path); return nil }
        guard let text = r.string(tn, path + ".text") else { return nil }
        if text.isEmpty { r.fail("must not be empty", tn, path + ".text"); return nil }
        let target: AnnotationSpec.Target
        if case let .scalar(s, _) = an.kind, s == "knee" {
            if clustering.elbow == nil { r.fail("'knee' needs clustering.elbow", an, path + ".at"); return nil }
            target = .knee
        } else if let v = r.doubles(an, path + ".at", count: 2, what: "[x, y] in data units, or knee") {
            target = .point(v[0], v[1])
        } else { return nil }
        var a = AnnotationSpec(text: text, target: target, location: node.location)
        if let n = m["offset"], let v = r.doubles(n, path + ".offset", count: 2, what: "[right, up] in points") {
            if v.contains(where: { abs($0) > 1000 }) { r.fail("offsets are points and at most 1000, got [\(r.fmt(v[0])), \(r.fmt(v[1]))]", n, path + ".offset") }
            else { a.offset = v }
        }
        if let n = m["arrow"] { a.arrow = r.bool(n, path + ".arrow") }
        if let n = m["color"] { a.color = color(n, path + ".color") }
        if let n = m["fontsize"] { a.fontSize = r.double(n, path + ".fontsize", above: 0, max: 200) }
        return a
    }

    func color(_ n: ConfigNode, _ path: String) -> ColorValue? {
        guard case let .scalar(s, _) = n.kind, !n.isNull else {
            r.fail("expected a colour (a name, #rrggbb or C0…C9), got \(n.typeName)", n, path)
            return nil
        }
        if let c = ColorValue(parsing: s) { return c }
        let hint = Spelling.hint(for: s, among: ColorValue.names)
        r.fail("unknown colour '\(s)'\(hint.isEmpty ? " (use a name such as 'red', '#rrggbb', a grey level '0.8' or C0…C9)" : hint)", n, path)
        return nil
    }

    func formats(_ n: ConfigNode, _ path: String) -> [String]? {
        var items: [ConfigNode] = []
        switch n.kind {
        case let .sequence(s): items = s
        case let .scalar(s, _):
            items = s.split(separator: ",").map { ConfigNode(.scalar($0.trimmingCharacters(in: .whitespaces), quoted: true), at: n.location) }
        default: r.fail("expected a list of formats (png, pdf, svg), got \(n.typeName)", n, path); return nil
        }
        if items.isEmpty { r.fail("needs at least one format (png, pdf, svg)", n, path); return nil }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard let f = r.choice(item, "\(path)[\(i)]", OutputSpec.formatNames) else { return nil }
            if !out.contains(f) { out.append(f) }
        }
        return out
    }

    // MARK: Defaults

    /// The panel drawn for configs without `panels`: the most telling view of the analyses present.
    func defaultPanels(clustering c: ClusteringSpec, data: DataSpec, names: [String]?, location: SourceLocation) -> [PanelSpec] {
        var panels = defaultPanelsTwoColumns(clustering: c, data: data, names: names, location: location)
        if (names?.count ?? 2) < 2 {
            // One column: plot it against itself rather than index a column that is not there.
            for i in panels.indices { for j in panels[i].layers.indices { panels[i].layers[j].y = .index(0) } }
        }
        return panels
    }

    func defaultPanelsTwoColumns(clustering c: ClusteringSpec, data: DataSpec, names: [String]?, location: SourceLocation) -> [PanelSpec] {
        let xName = names?.first ?? "x1"
        let oneColumn = (names?.count ?? 2) < 2
        let yName = oneColumn ? xName : names![1]
        var p = PanelSpec(location: location)
        p.xLabel = xName
        p.yLabel = yName
        let black = ColorValue.rgba(red: 0, green: 0, blue: 0, alpha: 1)
        if let trace = c.lloydTrace {
            return (0..<trace.iterations).map { it in
                var q = p
                q.iteration = it
                q.row = it / 3
                q.column = it % 3
                q.title = "Iteration \(it + 1)"
                var pts = LayerSpec(mark: .scatter, source: .points, location: location)
                pts.color = .field(.cluster, Palette(colors: ["red", "green", "blue"].compactMap(ColorValue.init(parsing:))))
                pts.split = .cluster
                pts.label = "Cluster {cluster}"
                pts.size = 5
                var centres = LayerSpec(mark: .centers, source: .lloydTrace, location: location)
                centres.color = .fixed(black)
                centres.marker = "x"
                centres.size = 50
                centres.lineWidth = 2
                q.layers = [pts, centres]
                q.fontSizes.title = 8; q.fontSizes.labels = 8; q.fontSizes.ticks = 6; q.fontSizes.legend = 6
                return q
            }
        }
        if c.kmeans == nil, c.elbow != nil {
            var line = LayerSpec(mark: .line, source: .elbow, location: location)
            line.markKnee = true
            p.layers = [line]
            p.title = "Elbow Method for Optimal K"
            p.xLabel = "Number of Clusters (K)"
            p.yLabel = "Inertia"
            return [p]
        }
        if let km = c.kmeans {
            if c.distanceThreshold != nil {
                var normal = LayerSpec(mark: .scatter, source: .points, location: location)
                normal.filters = [(.outlier, 0)]
                normal.alpha = 0.6
                normal.label = "Normal"
                var anomaly = LayerSpec(mark: .scatter, source: .points, location: location)
                anomaly.filters = [(.outlier, 1)]
                anomaly.color = .fixed(.rgba(red: 1, green: 0, blue: 0, alpha: 1))
                anomaly.label = "Anomaly"
                p.layers = [normal, anomaly]
                p.title = "Anomaly detection (k-means, \(r.fmt(c.distanceThreshold!.percentile))th percentile distance)"
                return [p]
            }
            var pts = LayerSpec(mark: .scatter, source: .points, location: location)
            pts.color = .field(.cluster, Palette(colormap: km.k <= 10 ? "tab10" : "tab20")!)
            var centres = LayerSpec(mark: .centers, source: .kmeans, location: location)
            centres.color = .fixed(black)
            centres.marker = "x"
            centres.size = 80
            centres.lineWidth = 2
            centres.label = "Centres"
            p.layers = [pts, centres]
            p.title = "k-means clustering (k = \(km.k))"
            return [p]
        }
        var pts = LayerSpec(mark: .scatter, source: .points, location: location)
        if hasBlobs(data), case .blobs = data { pts.color = .field(.blob, Palette(colormap: "tab10")!) }
        p.layers = [pts]
        return [p]
    }
}
