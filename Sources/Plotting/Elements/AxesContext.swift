import Foundation

/// What a plot element needs to draw itself into an axes: the data area, the style, the view
/// limits and scales, and the map from data coordinates to points.
public struct AxesContext {
    /// The data area in points (origin top left, y down).
    public let dataArea: Rect
    /// The axes' effective style (colour cycle, default sizes and widths).
    public let style: Style
    /// The x view limits.
    public let xLimits: ClosedRange<Double>
    /// The y view limits.
    public let yLimits: ClosedRange<Double>
    let xMap: AxisMap
    let yMap: AxisMap

    /// A context for a data area showing `xLimits` × `yLimits` on axes of the given scales (an
    /// inverted axis runs from its upper limit to its lower one).
    public init(dataArea: Rect, style: Style, xLimits: ClosedRange<Double>, yLimits: ClosedRange<Double>,
                xScale: AxisScale = .linear, yScale: AxisScale = .linear, xInverted: Bool = false, yInverted: Bool = false) {
        self.init(dataArea: dataArea, style: style, xLimits: xLimits, yLimits: yLimits,
                  xMap: AxisMap(xScale, xLimits, inverted: xInverted), yMap: AxisMap(yScale, yLimits, inverted: yInverted))
    }

    init(dataArea: Rect, style: Style, xLimits: ClosedRange<Double>, yLimits: ClosedRange<Double>, xMap: AxisMap, yMap: AxisMap) {
        self.dataArea = dataArea; self.style = style; self.xLimits = xLimits; self.yLimits = yLimits
        self.xMap = xMap; self.yMap = yMap
    }

    /// The x scale.
    public var xScale: AxisScale { xMap.scale }
    /// The y scale.
    public var yScale: AxisScale { yMap.scale }
    /// Whether the x axis runs from its upper limit (left) to its lower one (right).
    public var xInverted: Bool { xMap.inverted }
    /// Whether the y axis runs from its upper limit (bottom) to its lower one (top).
    public var yInverted: Bool { yMap.inverted }

    /// The position in points of a fraction of the data area (0…1 from the left, 0…1 from the
    /// bottom: matplotlib's axes coordinates).
    public func position(axesFraction fx: Double, _ fy: Double) -> Point {
        Point(x: dataArea.minX + fx * dataArea.width, y: dataArea.maxY - fy * dataArea.height)
    }

    /// The horizontal position in points of the data value `x` (NaN for x ≤ 0 on a log axis).
    @inline(__always)
    public func xPosition(_ x: Double) -> Double { dataArea.minX + xMap.fraction(x) * dataArea.width }

    /// The vertical position in points of the data value `y` (NaN for y ≤ 0 on a log axis).
    @inline(__always)
    public func yPosition(_ y: Double) -> Double { dataArea.maxY - yMap.fraction(y) * dataArea.height }

    /// The position in points of the data point (x, y).
    @inline(__always)
    public func position(x: Double, y: Double) -> Point { Point(x: xPosition(x), y: yPosition(y)) }

    /// The positions of the points (`xs[i]`, `ys[i]`) whose both coordinates map to finite positions.
    public func finitePositions(x xs: [Double], y ys: [Double]) -> [Point] {
        var out: [Point] = []
        for i in 0..<min(xs.count, ys.count) {
            let q = position(x: xs[i], y: ys[i])
            if q.x.isFinite && q.y.isFinite { out.append(q) }
        }
        return out
    }
}
