import Clustering
import FigureConfig
import Foundation
import Plotting

/// `mark: ellipses` — one ellipse per Gaussian-mixture component (scikit-learn's
/// `plot_gmm_covariances` example): centred on the component's mean, its axes along the
/// eigenvectors of the component's covariance restricted to the layer's two columns, each axis
/// 2·s·√λ long. The scale s is scikit-learn's √2 by default (its 2√2·√λ widths), `sigma: 1` or a
/// list (`[1, 2]`, one ring per level), or `probability: 0.95` (the ellipse holding that share of
/// the component's mass: s = √(−2 ln(1 − p)), the χ² quantile with two degrees of freedom). Filled
/// with alpha 0.5 in the component's colour unless told otherwise; not counted by the autoscale
/// (`add_artist`), so the points set the view.
public struct EllipsesLayer: Layer {
    /// The scale factors of the semi-axes over √λ, one ellipse each.
    public var scales: [Double] = [Double(2).squareRoot()]
    /// Colours per component (default: as a scatter coloured by the components, tab10 over their range).
    public var palette = Palette(colormap: "tab10")!
    /// One colour for every ellipse, if given.
    public var fixedColor: ColorValue?
    /// Face opacity (default 0.5).
    public var alpha = 0.5
    /// Paint the face (default) or draw outlines only.
    public var fill = true
    /// Outline width (points).
    public var lineWidth: Double?
    /// Columns drawn.
    public var x: ColumnRef = .index(0), y: ColumnRef = .index(1)
    /// Legend label for the first ellipse of each component (`{cluster}` becomes its number).
    public var label: String?
    /// Where the layer was written.
    public var location: SourceLocation

    /// Ellipses of the mixture's components.
    public init(location: SourceLocation) { self.location = location }

    /// The half-axis lengths over √λ and the angle (degrees) of the ellipse of a 2×2 covariance:
    /// its eigenvalues (larger first) and the direction of the larger one's eigenvector.
    static func axes(_ a: Double, _ b: Double, _ d: Double) -> (large: Double, small: Double, angle: Double) {
        // [[a, b], [b, d]]: λ = (a + d)/2 ± √(((a − d)/2)² + b²).
        let mean = (a + d) / 2, r = (((a - d) / 2) * ((a - d) / 2) + b * b).squareRoot()
        let large = max(0, mean + r), small = max(0, mean - r)
        let angle = (b == 0 && a >= d) ? 0 : atan2(large - a, b) * 180 / .pi
        return (large, small, b == 0 && a < d ? 90 : angle)
    }

    /// One (or one per level) filled ellipse per component.
    public func draw(on ax: Axes, in panel: PanelContext) throws -> Bool {
        guard let model = panel.results["gmm"] as? GaussianMixtureModel else { return false }
        let xi = panel.dataset.columnIndex(x), yi = panel.dataset.columnIndex(y)
        let means = model.means
        guard xi < means.columns, yi < means.columns else { return false }
        let k = model.componentCount
        for c in 0..<k {
            let cov = model.covariance(ofComponent: c)
            let e = Self.axes(cov[xi, xi], cov[xi, yi], cov[yi, yi])
            let colour = panel.color(fixedColor ?? palette.color(for: c, lowest: 0, highest: max(0, k - 1)))
            for (j, s) in scales.enumerated() {
                let text = j == 0 ? label?.replacingOccurrences(of: "{cluster}", with: String(c)) : nil
                ax.ellipse(center: (means[c, xi], means[c, yi]), width: 2 * s * e.large.squareRoot(), height: 2 * s * e.small.squareRoot(),
                           angle: e.angle, color: colour, fill: fill, edgeColor: fill ? nil : colour, lineWidth: lineWidth,
                           alpha: fill ? alpha : nil, autoscale: false, label: text)
            }
        }
        return label != nil
    }
}

extension LayerKind {
    /// `mark: ellipses`, from `gmm`.
    public static let ellipses = LayerKind(
        mark: "ellipses", sources: ["gmm"], summary: "one ellipse per mixture component from its covariance",
        styleKeys: ["x", "y", "alpha", "linewidth", "label"],
        keys: [
            ConfigKey("sigma", .anyOf([.number(min: 0, max: 100, exclusiveMinimum: true), .list(.number(min: 0, max: 100, exclusiveMinimum: true), count: nil)]),
                      "semi-axes of sigma × √eigenvalue (a list draws one ring each; default √2, scikit-learn's)"),
            ConfigKey("probability", .number(min: 0, max: 1, exclusiveMinimum: true), "the ellipse holding this share of each component (instead of sigma)"),
            ConfigKey("color", .text, "one colour for all (default: each component's)"),
            ConfigKey("colors", .anyOf([.list(.text, count: nil), .text]), "colours per component, or 'cycle'"),
            ConfigKey("cmap", .text, "a colormap for the components (default tab10 over their range)"),
            ConfigKey("fill", .boolean, "paint the ellipses (default true) or outline them"),
        ],
        defaultSource: { _ in "gmm" },
        decode: { m, _, style, _ in
            var layer = EllipsesLayer(location: m.location)
            layer.x = style.x; layer.y = style.y
            if let a = style.alpha { layer.alpha = a }
            layer.lineWidth = style.lineWidth
            layer.label = style.label
            if let sv = m["sigma"] {
                if m.has("probability") { sv.fail("give 'sigma' or 'probability', not both") }
                else if sv.isSequence, let items = sv.items() {
                    let v = items.compactMap { $0.double(above: 0, max: 100) }
                    if items.isEmpty { sv.fail("needs at least one level") } else if v.count == items.count { layer.scales = v }
                } else if let v = sv.double(above: 0, max: 100) { layer.scales = [v] }
            } else if let p = m["probability"], let v = p.double(min: 0, max: 1) {
                if v <= 0 || v >= 1 { p.fail("a probability between 0 and 1 (exclusive), got \(v)") }
                else { layer.scales = [(-2 * Foundation.log(1 - v)).squareRoot()] }
            }
            let colourKeys = ["color", "colors", "cmap"].filter { m.has($0) }
            if colourKeys.count > 1 { m[colourKeys[1]]!.fail("give one of 'color', 'colors' or 'cmap'") }
            else if let c = m["color"] { layer.fixedColor = ColorEncoding.parseColor(c) }
            else if let c = m["cmap"], let name = c.choice(Palette.colormapNames) { layer.palette = Palette(colormap: name)! }
            else if let list = m["colors"] {
                if list.isScalar { if list.choice(["cycle"]) != nil { layer.palette = Palette(colors: (0..<10).map { ColorValue.cycle($0) }) } }
                else if let items = list.items(what: "a list of colours") {
                    let cs = items.compactMap(ColorEncoding.parseColor)
                    if items.isEmpty { list.fail("needs at least one colour") } else if cs.count == items.count { layer.palette = Palette(colors: cs) }
                }
            }
            if let v = m.bool("fill") { layer.fill = v }
            return layer
        })
}
