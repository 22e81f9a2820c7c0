import FigureConfig
import Plotting

/// `alpha: {by: FIELD | column: COLUMN, range: [low, high]}` — each point's opacity from a number
/// (matplotlib's array `alpha=`): a Gaussian mixture's membership probability shows where the
/// model is sure. Without `range` the number itself is the opacity (clipped to 0…1, so a
/// probability reads directly); with it, the numbers' minimum…maximum map linearly onto low…high.
public struct AlphaEncoding: Sendable {
    /// Where the numbers come from (a number field or a column, as for continuous colours).
    public var source: ContinuousColor.Source
    /// The opacities the smallest and largest number map to; nil: the number is the opacity.
    public var range: (low: Double, high: Double)?

    /// The keys of the mapping form.
    static let keys: [ConfigKey] = [
        ConfigKey("by", .text, "a number field (gmm.probability, kmeans.distance)"),
        ConfigKey("column", .anyOf([.text, .integer(min: 0, max: nil)]), "a column of the data"),
        ConfigKey("range", .numbers(count: 2), "the opacities of the smallest and largest value (default: the value itself, clipped to 0…1)"),
    ]

    /// One opacity per row of the data (empty when the analysis did not run).
    func alphas(_ panel: PanelContext) -> [Double] {
        let v = ContinuousColor(source: source, colormap: "viridis").values(panel)
        guard let range else { return v.map { $0.isFinite ? min(1, max(0, $0)) : 0 } }
        let finite = v.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return v.map { _ in range.high } }
        return v.map { x in
            guard x.isFinite else { return 0 }
            return hi > lo ? range.low + (x - lo) / (hi - lo) * (range.high - range.low) : range.high
        }
    }

    /// Decodes the mapping form of `alpha:` (the number form is read by ``LayerStyle``).
    static func decode(_ v: ConfigValue, kind: LayerKind, source: String, _ ctx: LayerDecodeContext) -> AlphaEncoding? {
        guard let m = v.mapping(keys: keys.map(\.name)) else { return nil }
        if kind.mark != "scatter" || source != "points" {
            v.fail("alpha by a number applies to scatter layers of the points"); return nil
        }
        let numbers: ContinuousColor.Source
        if let c = m["column"] {
            if m.has("by") { c.fail("give 'by' or 'column', not both"); return nil }
            guard let ref = LayerStyle.columnRef(c, ctx) else { return nil }
            numbers = .column(ref)
        } else if let by = m["by"] {
            guard let (ref, decl) = ctx.fields.resolve(by, kinds: [.number]) else { return nil }
            numbers = .field(ref, label: decl.valueLabel)
        } else {
            m.missing("alpha by a number needs 'by' (a number field) or 'column'"); return nil
        }
        var out = AlphaEncoding(source: numbers)
        if let r = m["range"], let pair = r.doubles(count: 2) {
            guard pair.allSatisfy({ (0...1).contains($0) }) else { r.fail("opacities are between 0 and 1"); return nil }
            out.range = (pair[0], pair[1])
        }
        return out
    }
}
