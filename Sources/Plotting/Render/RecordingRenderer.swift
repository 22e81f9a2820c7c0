import Foundation

/// A `Renderer` that draws nothing and records every call with its geometry, for layout tests
/// without pixels. Text is measured either with the real Cairo/FreeType metrics (default, the same
/// numbers the PNG/PDF/SVG renderers use, through `CairoTextMeasurer` in `Plotting/Cairo/`: this
/// file calls no Cairo itself) or with a deterministic approximation
/// (0.6 em per character, ascent 0.93 em, descent 0.24 em).
public final class RecordingRenderer: Renderer {
    /// One recorded call.
    public enum Call {
        /// `drawPath`.
        case path(Path, fill: Color?, stroke: StrokeStyle?)
        /// `drawMarkers`.
        case markers(MarkerBatch)
        /// Text with the box it covers.
        case text(String, at: Point, style: TextStyle, horizontal: HorizontalAlignment, vertical: VerticalAlignment,
                  rotation: Double, bounds: Rect)
        /// The start of `withClip`.
        case beginClip(Rect)
        /// The end of `withClip`.
        case endClip
    }

    /// Canvas size in points.
    public let size: Size
    /// Device pixels per point (as given).
    public let pixelsPerPoint: Double
    /// Whether text is measured as raster output draws it (whole-pixel glyph advances at
    /// `pixelsPerPoint`) rather than as vector output does.
    public let rasterMetrics: Bool
    /// Every call, in order.
    public private(set) var calls: [Call] = []
    private let measurer: CairoTextMeasurer?

    /// A recorder for a canvas of `size` points.
    /// - Parameter cairoMetrics: measure text with Cairo + FreeType (true) or the approximation.
    /// - Parameter rasterMetrics: measure as a PNG at `pixelsPerPoint` draws (else as PDF/SVG).
    public init(size: Size, pixelsPerPoint: Double = 1, cairoMetrics: Bool = true, rasterMetrics: Bool = false) {
        self.size = size
        self.pixelsPerPoint = pixelsPerPoint
        self.rasterMetrics = rasterMetrics
        measurer = cairoMetrics ? CairoTextMeasurer() : nil
    }

    /// Records the path.
    public func drawPath(_ path: Path, fill: Color?, stroke: StrokeStyle?) {
        calls.append(.path(path, fill: fill, stroke: stroke))
    }
    /// Records the batch.
    public func drawMarkers(_ batch: MarkerBatch) { calls.append(.markers(batch)) }
    /// Records the text with the box it covers.
    public func drawText(_ text: String, at position: Point, style: TextStyle, horizontal: HorizontalAlignment,
                         vertical: VerticalAlignment, rotation: Double) {
        let m = measureText(text, style: style)
        calls.append(.text(text, at: position, style: style, horizontal: horizontal, vertical: vertical,
                           rotation: rotation, bounds: textBounds(m, at: position, horizontal: horizontal, vertical: vertical, rotation: rotation)))
    }
    /// Cairo/FreeType metrics, or 0.6 em per character with ascent 0.93 em and descent 0.24 em.
    public func measureText(_ text: String, style: TextStyle) -> TextMetrics {
        if let measurer { return measurer.measure(text, style: style, pixelsPerPoint: pixelsPerPoint, raster: rasterMetrics) }
        return TextMetrics(width: Double(text.count) * 0.6 * style.size, ascent: 0.93 * style.size, descent: 0.24 * style.size)
    }
    /// Records the clip around the body's calls.
    public func withClip(_ rect: Rect, _ body: () -> Void) {
        calls.append(.beginClip(rect))
        body()
        calls.append(.endClip)
    }

    /// Every text drawn, with its box.
    public var texts: [(text: String, bounds: Rect, style: TextStyle)] {
        calls.compactMap {
            if case .text(let s, _, let st, _, _, _, let b) = $0 { return (s, b, st) }
            return nil
        }
    }

    /// Every marker batch drawn.
    public var markerBatches: [MarkerBatch] {
        calls.compactMap { if case .markers(let b) = $0 { return b }; return nil }
    }
}
