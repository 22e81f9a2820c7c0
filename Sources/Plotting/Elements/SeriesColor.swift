import Foundation

/// How a series picks its colours.
public enum SeriesColor: Hashable, Sendable {
    /// The n-th colour of the active style's colour cycle (resolved when drawing).
    case cycle(Int)
    /// One colour for every point.
    case uniform(Color)
    /// One colour per point.
    case perPoint([Color])
    /// Values mapped through a colour map, normalised between vmin and vmax (default: data min/max);
    /// a nil map is the style's default colour map.
    case mapped(values: [Double], colormap: Colormap?, vmin: Double?, vmax: Double?)
}

extension SeriesColor {
    /// The colours to draw with in `style`: one colour, or one per point (`count` is the number of
    /// points; value-mapped colours come one per value).
    public func colors(in style: Style, count: Int) -> [Color] {
        switch self {
        case .cycle(let n):
            let c = style.colorCycle.isEmpty ? Color.black : style.colorCycle[n % style.colorCycle.count]
            return [c]
        case .uniform(let c): return [c]
        case .perPoint(let cs): return cs
        case .mapped(let values, let map, let vmin, let vmax):
            let m = map ?? style.colormap
            let idx = m.indices(for: values, vmin: vmin, vmax: vmax)
            return idx.map { $0 < 0 ? Color.clear : m.colors[$0] }
        }
    }
}
