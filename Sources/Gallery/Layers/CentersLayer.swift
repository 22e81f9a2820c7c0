import Clustering
import FigureConfig
import Plotting

/// `mark: centers` — one marker per cluster centre, from an analysis that offers centres (the
/// k-means fit, or the Lloyd trace's centres of the panel's iteration).
public struct CentersLayer: Layer {
    /// The analysis the centres come from (`kmeans`, `lloyd_trace`).
    public var source: String
    /// Colour (default black), `where: {cluster: i}`, marker (default `x`), size, alpha, width, label.
    public var style = LayerStyle()
    /// Write each centre's cluster number on it (scikit-learn's silhouette example: white discs
    /// with `$i$` markers).
    public var numbered = false
    /// Where the layer was written.
    public var location: SourceLocation

    /// Centres of `source`, drawn in columns `x` and `y`.
    public init(source: String, location: SourceLocation, x: ColumnRef = .index(0), y: ColumnRef = .index(1)) {
        self.source = source
        self.location = location
        style.x = x
        style.y = y
        style.color = .fixed(.black)
        style.marker = .shape(.x)
    }

    /// One `ax.scatter` of the (finite) centres.
    public func draw(on ax: Axes, in panel: PanelContext) throws -> Bool {
        guard let centres = panel.centres(from: source) else { return false }
        guard let cx = panel.dataset.centreCoordinates(centres, style.x), let cy = panel.dataset.centreCoordinates(centres, style.y) else { return false }
        var idx = Array(0..<centres.rows).filter { cx[$0].isFinite && cy[$0].isFinite }
        for f in style.filters where f.field.name == "cluster" { idx = idx.filter { $0 == f.value } }
        var colours: [Color]
        switch style.color {
        case .automatic, .continuous: colours = [.black]
        case let .fixed(v): colours = [panel.color(v)]
        case let .field(_, palette):
            colours = idx.map { panel.color(palette.color(for: $0, lowest: 0, highest: max(0, centres.rows - 1))) }
        }
        if idx.isEmpty { return false }
        if colours.count == 1 && idx.count != 1 { colours = Array(repeating: colours[0], count: idx.count) }
        ax.scatter(x: idx.map { cx[$0] }, y: idx.map { cy[$0] }, colors: colours, size: style.size ?? 50,
                   marker: style.marker.marker ?? .x, alpha: style.alpha, edgeColor: style.edge(panel), edgeWidth: style.lineWidth,
                   label: style.label)
        if numbered {
            let size = max(6, ((style.size ?? 50).squareRoot() * 0.6).rounded())
            for i in idx {
                ax.text(String(i), x: cx[i], y: cy[i], color: Color(red: 0, green: 0, blue: 0), fontSize: size,
                        horizontal: .center, vertical: .center)
            }
        }
        return style.label != nil
    }
}

extension LayerKind {
    /// `mark: centers`, from any analysis that offers centres.
    public static let centers = LayerKind(
        mark: "centers", sources: AnalysisKind.registry.filter(\.offersCentres).map(\.key), summary: "one marker per cluster centre",
        styleKeys: LayerStyle.keys.names.filter { $0 != "split" },
        keys: [ConfigKey("numbered", .boolean, "write each centre's cluster number on it (0, 1, …)")],
        defaultSource: { ctx in ctx.facet ? "lloyd_trace" : (ctx.facetKind == "k" ? "silhouette" : "kmeans") },
        decode: { m, source, style, ctx in
            if source == "lloyd_trace" && !ctx.facet {
                ctx.reader.fail("the Lloyd trace centres need a panel with facet: iteration", at: (m["from"] ?? m["mark"]!).location, m.path("from"))
            }
            var layer = CentersLayer(source: source, location: m.location)
            layer.style = style
            if let v = m.bool("numbered") { layer.numbered = v }
            return layer
        })
}
