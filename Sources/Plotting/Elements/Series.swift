import Foundation

/// The built-in elements as an enum, as `Axes.series` lists them (code written before
/// `PlotElement`; new code uses `Axes.elements`).
public enum Series {
    /// A scatter plot.
    case scatter(ScatterSeries)
    /// A line.
    case line(LineSeries)

    /// The element.
    public var element: any PlotElement {
        switch self {
        case .scatter(let s): return s
        case .line(let l): return l
        }
    }

    /// The legend label.
    public var label: String? { element.label }
}

extension Axes {
    /// The scatter and line elements, in drawing order (other elements are in `elements` only).
    public var series: [Series] {
        elements.compactMap { e in
            if let s = e as? ScatterSeries { return .scatter(s) }
            if let l = e as? LineSeries { return .line(l) }
            return nil
        }
    }
}
