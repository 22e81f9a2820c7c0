import Clustering
import FigureConfig
import Plotting

/// `clustering.knee` — the knee of a curve held in two columns of the data (a CSV of k against a
/// score), as kneed 0.8.6's `KneeLocator(x, y, S, curve, direction, online, interp_method="interp1d")`
/// finds it: `knee` and `knee_y`, both null when there is none.
public struct KneeSpec: AnalysisSpec {
    /// The x column.
    public var x: ColumnRef
    /// The y column.
    public var y: ColumnRef
    /// kneed's settings; `curve` and `direction` default to kneed's (concave, increasing).
    public var settings = KneeSettings()
    /// Where `knee:` was written.
    public var location: SourceLocation

    /// The kind.
    public var kind: AnalysisKind { .knee }

    /// The curve needs 3 points.
    public func check(rows: Int, columns: Int, _ reader: ConfigReader) {
        if rows < 3 { reader.fail("a knee needs a curve of at least 3 points; the data has \(rows)", at: location, keyPath) }
    }

    /// The knee of (x, y).
    public func run(on dataset: Dataset, earlier: AnalysisResults, threads: Int?) throws -> any AnalysisResult {
        let p = dataset.points
        let xi = dataset.columnIndex(x), yi = dataset.columnIndex(y)
        let xs = (0..<p.rows).map { p[$0, xi] }, ys = (0..<p.rows).map { p[$0, yi] }
        if let i = xs.indices.dropFirst().first(where: { !(xs[$0] > xs[$0 - 1]) }) {
            throw GalleryError("the x column '\(dataset.columns[xi])' must increase row by row; row \(i + 1) has \(xs[i]) after \(xs[i - 1])",
                               at: location, keyPath: keyPath + ".x")
        }
        let locator = KneeLocator(method: settings.method, sensitivity: settings.sensitivity, online: settings.online,
                                  curve: settings.curve ?? .concave, direction: settings.direction ?? .increasing)
        return KneeResult(x: xs, y: ys, knee: try locator.locate(x: xs, y: ys))
    }
}

/// A curve and its knee.
public struct KneeResult: Sendable {
    /// The curve's positions.
    public var x: [Double]
    /// The curve's values.
    public var y: [Double]
    /// The knee (kneed's `knee`, `knee_y`), nil when there is none.
    public var knee: Knee?
}

extension AnalysisKind {
    /// `clustering.knee`.
    public static let knee = AnalysisKind(
        key: "knee", summary: "the knee of a curve in two columns (kneed's KneeLocator)",
        keys: [
            ConfigKey("x", .anyOf([.text, .integer(min: 0, max: nil)]), "the x column (increasing)"),
            ConfigKey("y", .anyOf([.text, .integer(min: 0, max: nil)]), "the y column"),
        ] + KneeSettings.keys,
        offersCurve: true,
        namedPoints: ["knee"],
        templateValues: ["knee", "knee_y"],
        decode: { m, ctx in
            guard let xv = m["x"], let yv = m["y"] else { m.missing("needs 'x' and 'y' (the columns holding the curve)"); return nil }
            let lctx = LayerDecodeContext(reader: ctx.reader, facetKind: nil, present: ctx.present, hasBlobs: false,
                                          columns: ctx.columnNames, analyses: [], generatorLabels: nil)
            guard let x = LayerStyle.columnRef(xv, lctx), let y = LayerStyle.columnRef(yv, lctx) else { return nil }
            var s = KneeSpec(x: x, y: y, location: m.location)
            s.settings = KneeSettings.read(m)
            if let rows = ctx.rows { s.check(rows: rows, columns: ctx.columns ?? 0, ctx.reader) }
            return s
        },
        defaultPanels: { ctx in
            guard ctx.analysis(KneeSpec.self) != nil else { return nil }
            var p = ctx.template
            var line = CurveLayer(source: "knee", location: ctx.template.location)
            line.markKnee = true
            p.layers = [line]
            p.title = "Knee at x = {knee.knee}"
            return [p]
        })
}

extension KneeResult: AnalysisResult {
    /// `{knee, knee_y}`: null without a knee; `knee_y` also null when the knee is at x = 0 (kneed).
    public func json(_ context: JSONContext) -> JSONValue {
        .object([("knee", knee.map { .double($0.x) } ?? .null), ("knee_y", knee?.y.map(JSONValue.double) ?? .null)])
    }

    /// `knee`: the curve at its knee.
    public func namedPoint(_ name: String) -> NamedPoint? {
        guard name == "knee", let k = knee else { return nil }
        return NamedPoint(x: k.x, y: y[k.index], text: Self.short(k.x))
    }

    /// `{knee.knee}`, `{knee.knee_y}`.
    public func templateValue(_ name: String) -> String? {
        switch name {
        case "knee": return knee.map { Self.short($0.x) } ?? "none"
        case "knee_y": return knee?.y.map(Self.short) ?? "none"
        default: return nil
        }
    }

    /// The curve, the knee's guide line at its x.
    public func curve() -> AnalysisCurve? {
        AnalysisCurve(x: x, y: y, knee: namedPoint("knee"), kneeLabel: "knee at x = \(knee.map { Self.short($0.x) } ?? "none")")
    }

    static func short(_ v: Double) -> String { String(format: "%g", v) }
}
