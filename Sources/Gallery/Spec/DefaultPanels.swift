import FigureConfig
import Plotting

/// The panel drawn for configs without `panels`: the most telling view of the analyses present
/// (each analysis declares its own, see ``AnalysisKind/defaultPanels``), else the points coloured by
/// their generating blob.
enum DefaultPanels {
    static func panels(analyses: [any AnalysisSpec], data: DataSpec, location: SourceLocation) -> [PanelSpec] {
        let names = data.columnNames
        var template = PanelSpec(location: location)
        template.xLabel = names.first ?? "x1"
        template.yLabel = names.count >= 2 ? names[1] : template.xLabel
        let ctx = DefaultPanelContext(analyses: analyses, data: data, template: template,
                                      y: names.count < 2 ? .index(0) : .index(1))
        let present = Set(analyses.map(\.kind.key))
        for key in AnalysisKind.defaultPanelOrder where present.contains(key) {
            if let make = AnalysisKind.named(key)?.defaultPanels, let panels = make(ctx) { return panels }
        }
        var p = template
        var points = ScatterLayer(location: location, y: ctx.y)
        if data.hasBlobs, data.source is BlobsSource {
            points.style.color = .field(FieldRef(owner: FieldRef.dataOwner, name: "blob"), Palette(colormap: "tab10")!)
        }
        p.layers = [points]
        return [p]
    }
}
