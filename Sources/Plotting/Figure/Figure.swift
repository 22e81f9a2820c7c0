import Foundation

/// A figure: a canvas of `width × height` inches holding a grid of axes, drawn through a
/// `Renderer` (Cairo for PNG/PDF/SVG, or `RecordingRenderer` in tests).
///
/// ```swift
/// let fig = Figure(width: 9, height: 4, dpi: 100, style: .whitegrid)
/// let ax = fig.subplots()[0][0]
/// ax.scatter(x: xs, y: ys, values: labels, colormap: .accent)
/// ax.title = "Customer Segmentation Clusters"
/// try fig.save(to: URL(fileURLWithPath: "out.png"))
/// ```
public final class Figure {
    /// Width in inches; PNG output is `width × dpi` by `height × dpi` pixels.
    public var width: Double
    /// Height in inches.
    public var height: Double
    /// Pixels per inch of PNG output.
    public var dpi: Double
    /// The figure's style; axes without their own style use it.
    public var style: Style
    /// Layout engine; nil follows the style (`.tight()` by default).
    public var layout: LayoutMode?
    /// A title above all axes.
    public var suptitle: String?
    /// Background; nil follows the style (`figureFaceColor`).
    public var backgroundColor: Color?
    /// Space between subplot columns as a fraction of the average axes width (matplotlib's
    /// `wspace`); nil = style/layout default.
    public var wspace: Double?
    /// Space between subplot rows as a fraction of the average axes height (matplotlib's `hspace`).
    public var hspace: Double?
    /// PNG encoder settings (zlib level, row filters) for `render` and `save`.
    public var pngOptions = PNGCodec.Options()
    /// Rows of the axes grid (0 before `subplots`).
    public private(set) var rows = 0
    /// Columns of the axes grid.
    public private(set) var columns = 0
    /// All axes, row by row.
    public private(set) var axes: [Axes] = []

    /// A figure of `width` × `height` inches (matplotlib's default 6.4 × 4.8) at `dpi`, in `style`.
    public init(width: Double = 6.4, height: Double = 4.8, dpi: Double = 100, style: Style = .whitegrid) {
        self.width = width; self.height = height; self.dpi = dpi; self.style = style
    }

    /// The canvas size in points (inches × 72).
    public var size: Size { Size(width: width * 72, height: height * 72) }

    /// Replaces the figure's axes with a `rows × columns` grid and returns it as `[row][column]`.
    @discardableResult
    public func subplots(rows: Int = 1, columns: Int = 1, wspace: Double? = nil, hspace: Double? = nil) -> [[Axes]] {
        precondition(rows >= 1 && columns >= 1, "subplots needs at least one row and one column")
        self.rows = rows; self.columns = columns
        if let wspace { self.wspace = wspace }
        if let hspace { self.hspace = hspace }
        axes = (0..<(rows * columns)).map { Axes(row: $0 / columns, column: $0 % columns, figure: self) }
        return (0..<rows).map { r in Array(axes[(r * columns)..<((r + 1) * columns)]) }
    }

    /// The axes at a grid position (creating a 1×1 grid first if there is none).
    public func axes(row: Int = 0, column: Int = 0) -> Axes {
        if axes.isEmpty { subplots() }
        return axes[row * columns + column]
    }

    /// The layout mode in effect.
    public var effectiveLayout: LayoutMode { layout ?? style.layout }

    // MARK: Output

    /// Draws the figure on any renderer, its top-left corner at the renderer's origin.
    public func draw(into renderer: Renderer) {
        FigurePainter(figure: self, renderer: renderer).paint()
    }

    /// Draws the figure into `rect` of another renderer (e.g. as vectors on a handout page),
    /// scaled uniformly to fit the rectangle's width and height and centred in it.
    public func draw(into renderer: Renderer, in rect: Rect) {
        let s = min(rect.width / size.width, rect.height / size.height)
        let origin = Point(x: rect.minX + (rect.width - size.width * s) / 2, y: rect.minY + (rect.height - size.height * s) / 2)
        let placed = PlacedRenderer(base: renderer, origin: origin, scale: s, size: size)
        let bg = backgroundColor ?? style.figureFaceColor
        if bg.alpha > 0 {
            var p = Path()
            p.addRect(Rect(x: 0, y: 0, width: size.width, height: size.height))
            placed.drawPath(p, fill: bg, stroke: nil)
        }
        FigurePainter(figure: self, renderer: placed).paint()
    }



    /// The encoded bytes of the figure as PNG (at `dpi`), PDF or SVG.
    public func render(format: OutputFormat) throws -> [UInt8] {
        try Canvas.render(format: format, size: size, dpi: dpi, background: backgroundColor ?? style.figureFaceColor,
                          png: pngOptions) {
            self.draw(into: $0)
        }
    }

    /// ``render(format:)`` and the ``fitWarnings(using:)`` of the layout it drew (measured with that
    /// format's own text metrics), from one layout pass.
    public func renderReportingFit(format: OutputFormat) throws -> (bytes: [UInt8], fitWarnings: [String]) {
        nonisolated(unsafe) var warnings: [String] = []
        let bytes = try Canvas.render(format: format, size: size, dpi: dpi, background: backgroundColor ?? style.figureFaceColor,
                                      png: pngOptions) {
            warnings = FigurePainter(figure: self, renderer: $0).paint()
        }
        return (bytes, warnings)
    }

    /// Writes the figure atomically; the format comes from `format` or the file extension.
    public func save(to url: URL, format: OutputFormat? = nil) throws {
        guard let fmt = format ?? OutputFormat(pathExtension: url.pathExtension) else { throw OutputFormat.unknownExtension(url) }
        try AtomicFile.write(try render(format: fmt), to: url)
    }

    /// Writes the figure to a file path (see `save(to:format:)`).
    public func save(toPath path: String, format: OutputFormat? = nil) throws {
        try save(to: URL(fileURLWithPath: path), format: format)
    }

    /// The computed geometry (axes boxes, limits, ticks, every text box, legend boxes) for a
    /// renderer's text metrics, without drawing. Boxes are in points, origin top left.
    public func geometry(using renderer: Renderer) -> FigureGeometry {
        FigurePainter(figure: self, renderer: renderer).geometry()
    }
}
