import FigureConfig

/// Every section of a figure config with its declared keys, read from the same declarations the
/// decoders use (the data sources', analyses' and layer kinds' own tables). `docs/config.md` has one
/// table per section (a test compares them), and editor schemas can be generated from it.
public enum ConfigSchema {
    /// A section: its dotted path (`clustering.kmeans`; "" is the top level) and its keys.
    public struct Section: Sendable {
        /// The dotted path.
        public let path: String
        /// Its keys, in declaration order.
        public let keys: [ConfigKey]
    }

    /// Every section, top level first.
    public static var sections: [Section] {
        var out = [Section(path: "", keys: FigureLoader.topLevelKeys)]
        out.append(Section(path: "data", keys: DataSpec.keys))
        for kind in DataSourceKind.registry where !kind.keys.isEmpty { out.append(Section(path: "data.\(kind.key)", keys: kind.keys)) }
        out.append(Section(path: "data.pca", keys: PCASpec.keys))
        out.append(Section(path: "clustering", keys: FigureLoader.analysisSectionKeys))
        for kind in AnalysisKind.registry { out.append(Section(path: "clustering.\(kind.key)", keys: ClusterNames.keys(kind))) }
        out.append(Section(path: "figure", keys: FigureSections.figureKeys))
        out.append(Section(path: "figure.pairs", keys: PairsLayout.keys))
        out.append(Section(path: "panels", keys: PanelDecoder.keys))
        out.append(Section(path: "panels.legend", keys: PanelDecoder.legendKeys))
        out.append(Section(path: "panels.annotations", keys: AnnotationDecoder.keys))
        out.append(Section(path: "layers", keys: layerKeys))
        out.append(Section(path: "layers.color", keys: ColorEncoding.keys))
        out.append(Section(path: "output", keys: FigureSections.outputKeys))
        out.append(Section(path: "comparison", keys: ComparisonSpec.keys))
        out.append(Section(path: "comparison.datasets", keys: ComparisonSpec.rowKeys))
        out.append(Section(path: "comparison.methods", keys: ComparisonSpec.methodKeys))
        return out
    }

    /// `mark`, `from`, the shared styling keys and every kind's own keys.
    static var layerKeys: [ConfigKey] {
        var keys = [
            ConfigKey("mark", .choice(LayerKind.marks), "what is drawn"),
            ConfigKey("from", .choice(LayerKind.sources), "what the values come from"),
        ] + LayerStyle.keys
        for kind in LayerKind.registry { for k in kind.keys where !keys.contains(where: { $0.name == k.name }) { keys.append(k) } }
        return keys
    }
}
