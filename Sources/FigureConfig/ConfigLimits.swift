import Plotting

/// Every size limit a config is checked against, in one place (docs/config.md lists them).
public enum ConfigLimits {
    /// The largest raster output, in pixels (the PNG codec's own limit: 100 megapixels).
    public static let maxPixels = Double(PNGCodec.defaultPixelLimit)
    /// The largest number of points of a figure's data (all sources together).
    public static let maxSamples = 10_000_000
    /// The largest number of values (points × features) of a figure's data.
    public static let maxValues = 50_000_000
    /// The largest coordinate magnitude a config may give or a figure may draw.
    public static let maxCoordinate = ConfigReader.maxCoordinate
    /// How deeply YAML collections may nest.
    public static let maxNesting = 64
    /// The most values a document may hold once YAML aliases are expanded.
    public static let maxNodes = ConfigNode.maxNodes
}
