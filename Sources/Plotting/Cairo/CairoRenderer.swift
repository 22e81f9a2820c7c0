import CCairo
import Foundation

/// The Cairo implementation of `Renderer`: draws in points onto an image (PNG), PDF or SVG surface.
///
/// Every call sets its complete state between `cairo_save`/`cairo_restore`, so nothing leaks from
/// one call into the next. Markers take the fastest exact route for the surface: on raster surfaces
/// big batches are composited from pre-rendered sprites (`MarkerSprite.swift`), in PDF they are
/// glyphs of a Type 3 font (`CairoGlyphMarkers.swift`), otherwise paths (this file).
final class CairoRenderer: Renderer {
    let size: Size
    let pixelsPerPoint: Double
    let context: OpaquePointer  // cairo_t*
    let surface: OpaquePointer
    private let isRaster: Bool
    /// Whether vector markers are placed as one shared pattern (PDF) rather than drawn as paths (SVG).
    private let reusesVectorMarkers: Bool
    private let fontOptions: OpaquePointer
    /// Clip rectangles in device pixels (integers on raster surfaces), innermost last.
    private(set) var deviceClips: [Rect] = []
    /// Raster marker sprites, one per (shape, colours, phase).
    var spriteCache: [SpriteKey: MarkerSprite] = [:]
    /// Vector markers drawn once into a recording surface and placed as a pattern.
    private var vectorMarkerCache: [VectorMarkerKey: OpaquePointer] = [:]
    /// PDF marker fonts, one per (shape, fill or stroke).
    var glyphFaceCache: [GlyphMarkerKey: OpaquePointer] = [:]
    /// First error raised while drawing (fonts), reported by the document when it finishes.
    private(set) var drawingError: Error?

    init(surface: OpaquePointer, size: Size, pixelsPerPoint: Double, isRaster: Bool, reusesVectorMarkers: Bool = false) {
        self.surface = surface
        self.reusesVectorMarkers = reusesVectorMarkers
        self.size = size
        self.pixelsPerPoint = pixelsPerPoint
        self.isRaster = isRaster
        context = cairo_create(surface)
        fontOptions = CairoText.makeFontOptions()
        cairo_scale(context, pixelsPerPoint, pixelsPerPoint)
        deviceClips = [Rect(x: 0, y: 0, width: size.width * pixelsPerPoint, height: size.height * pixelsPerPoint)]
    }

    deinit {
        for (_, s) in spriteCache { cairo_surface_destroy(s.surface) }
        for (_, p) in vectorMarkerCache { cairo_pattern_destroy(p) }
        for (_, f) in glyphFaceCache { cairo_font_face_destroy(f) }
        cairo_font_options_destroy(fontOptions)
        cairo_destroy(context)
    }

    // MARK: Paths

    func drawPath(_ path: Path, fill: Color?, stroke: StrokeStyle?) {
        guard !path.isEmpty, fill != nil || stroke != nil else { return }
        cairo_save(context)
        defer { cairo_restore(context) }
        let snap = isRaster && (stroke?.snapsToPixels ?? false)
        let snapWidth = (stroke?.width ?? 0) * pixelsPerPoint
        appendPath(path, snapWidth: snap ? snapWidth : nil)
        if let fill {
            setSource(fill)
            if stroke != nil { cairo_fill_preserve(context) } else { cairo_fill(context) }
        }
        if var stroke {
            if snap {
                // Whole device pixels wide, so a snapped line has no half-covered neighbours.
                stroke.width = max(1, snapWidth.rounded()) / pixelsPerPoint
            }
            apply(stroke)
            cairo_stroke(context)
        }
    }

    /// Makes `path` the current path; with `snapWidth` (the stroke width in device pixels) its
    /// vertices are snapped to the pixel grid (curve control points are left alone).
    private func appendPath(_ path: Path, snapWidth: Double?) {
        cairo_new_path(context)
        guard let w = snapWidth else { return appendCairoPath(path, to: context) }
        let k = pixelsPerPoint
        // Odd device widths sit on pixel centres, even widths on pixel edges.
        let odd = Int(max(1, w.rounded())) % 2 == 1
        func f(_ v: Double) -> Double {
            let d = v * k
            return (odd ? d.rounded(.down) + 0.5 : d.rounded()) / k
        }
        let snapped = path.elements.map { e -> Path.Element in
            switch e {
            case .move(let p): return .move(Point(x: f(p.x), y: f(p.y)))
            case .line(let p): return .line(Point(x: f(p.x), y: f(p.y)))
            case .curve, .close: return e
            }
        }
        appendCairoPath(Path(elements: snapped), to: context)
    }

    func setSource(_ c: Color) {
        cairo_set_source_rgba(context, c.red, c.green, c.blue, c.alpha)
    }

    private func apply(_ stroke: StrokeStyle) {
        setSource(stroke.color)
        cairo_set_line_width(context, stroke.width)
        cairo_set_line_cap(context, stroke.cap.cairoValue)
        cairo_set_line_join(context, stroke.join.cairoValue)
        if stroke.dash.isEmpty || stroke.dash.allSatisfy({ $0 <= 0 }) {
            cairo_set_dash(context, nil, 0, 0)
        } else {
            stroke.dash.withUnsafeBufferPointer { cairo_set_dash(context, $0.baseAddress, Int32($0.count), stroke.dashOffset) }
        }
    }

    // MARK: Clipping

    func withClip(_ rect: Rect, _ body: () -> Void) {
        let k = pixelsPerPoint
        var device = Rect(x: rect.x * k, y: rect.y * k, width: rect.width * k, height: rect.height * k)
        if isRaster {
            // Whole pixels, as matplotlib does: crisp edges, and markers can be clipped exactly.
            let x0 = device.minX.rounded(), y0 = device.minY.rounded()
            let x1 = device.maxX.rounded(), y1 = device.maxY.rounded()
            device = Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
        }
        let outer = deviceClips.last!
        let x0 = max(outer.minX, device.minX), y0 = max(outer.minY, device.minY)
        let x1 = min(outer.maxX, device.maxX), y1 = min(outer.maxY, device.maxY)
        let inner = Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
        cairo_save(context)
        cairo_rectangle(context, device.x / k, device.y / k, device.width / k, device.height / k)
        cairo_clip(context)
        deviceClips.append(inner)
        body()
        deviceClips.removeLast()
        cairo_restore(context)
    }

    // MARK: Text

    private func selectFont(_ style: TextStyle) -> FontFace? {
        do {
            return try CairoText.select(style, on: context, options: fontOptions)
        } catch {
            if drawingError == nil { drawingError = error }
            return nil
        }
    }

    private func metrics(_ text: String, _ style: TextStyle, _ face: FontFace) -> TextMetrics {
        CairoText.metrics(text, style: style, face: face, on: context, pixelsPerPoint: pixelsPerPoint, raster: isRaster)
    }

    /// Metrics already measured on this surface, by text and font (a table or a page of figures
    /// measures the same strings — "Hg", " ", tick labels — many times).
    private var measured: [TextKey: TextMetrics] = [:]

    func measureText(_ text: String, style: TextStyle) -> TextMetrics {
        let key = TextKey(text: text, style: style)
        if let m = measured[key] { return m }
        cairo_save(context)
        defer { cairo_restore(context) }
        guard let face = selectFont(style) else { return TextMetrics(width: 0, ascent: 0, descent: 0) }
        let m = metrics(text, style, face)
        measured[key] = m
        return m
    }

    func drawText(_ text: String, at position: Point, style: TextStyle,
                  horizontal: HorizontalAlignment, vertical: VerticalAlignment, rotation: Double) {
        guard !text.isEmpty else { return }
        cairo_save(context)
        defer { cairo_restore(context) }
        guard let face = selectFont(style) else { return }
        let m = metrics(text, style, face)
        let dx: Double
        switch horizontal {
        case .left: dx = 0
        case .center: dx = -m.width / 2
        case .right: dx = -m.width
        }
        let dy: Double
        switch vertical {
        case .top: dy = m.ascent
        case .center: dy = (m.ascent - m.descent) / 2
        case .centerBaseline: dy = m.ascent / 2
        case .baseline: dy = 0
        case .bottom: dy = -m.descent
        }
        cairo_translate(context, position.x, position.y)
        if rotation != 0 { cairo_rotate(context, -rotation * .pi / 180) }
        setSource(style.color)
        // Kerned, and with whole-pixel advances in raster output, as measured (`CairoText.glyphs`).
        var run = CairoText.glyphs(text, size: style.size, on: context, pixelsPerPoint: pixelsPerPoint, raster: isRaster).glyphs
        for i in run.indices { run[i].x += dx; run[i].y = dy }
        run.withUnsafeBufferPointer { cairo_show_glyphs(context, $0.baseAddress, Int32($0.count)) }
    }

    // MARK: Pictures

    func drawImage(_ image: RGBAImage, in rect: Rect) {
        guard image.width > 0, image.height > 0, rect.width > 0, rect.height > 0,
              let img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(image.width), Int32(image.height)) else { return }
        defer { cairo_surface_destroy(img) }
        cairo_surface_flush(img)
        let stride = Int(cairo_image_surface_get_stride(img))
        guard let data = cairo_image_surface_get_data(img) else { return }
        image.pixels.withUnsafeBufferPointer { px in
            for y in 0..<image.height {
                let row = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<image.width {
                    let i = (y * image.width + x) * 4
                    let a = UInt32(px[i + 3])
                    func pm(_ c: UInt8) -> UInt32 { (UInt32(c) * a + 127) / 255 }
                    row[x] = a << 24 | pm(px[i]) << 16 | pm(px[i + 1]) << 8 | pm(px[i + 2])
                }
            }
        }
        cairo_surface_mark_dirty(img)
        cairo_save(context)
        defer { cairo_restore(context) }
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
        cairo_translate(context, rect.x, rect.y)
        cairo_scale(context, rect.width / Double(image.width), rect.height / Double(image.height))
        cairo_set_source_surface(context, img, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(context), CAIRO_FILTER_GOOD)
        cairo_paint(context)
    }

    // MARK: Markers

    func drawMarkers(_ batch: MarkerBatch) {
        guard !batch.positions.isEmpty, !batch.shape.isEmpty,
              !(batch.fillColors.isEmpty && (batch.edgeColors.isEmpty || batch.edgeWidth <= 0)) else { return }
        var batch = batch
        if isRaster && batch.fillColors.count <= 1 && batch.edgeColors.count <= 1 {
            // matplotlib draws a one-colour collection with Agg's draw_markers, which puts every
            // marker centre on a whole pixel (floor(x + 0.5)); per-point colours take the path
            // collection route, which does not snap.
            let k = pixelsPerPoint
            batch.positions = batch.positions.map { p in
                Point(x: (p.x * k + 0.5).rounded(.down) / k, y: (p.y * k + 0.5).rounded(.down) / k)
            }
        }
        if isRaster, cairo_image_surface_get_format(surface) == CAIRO_FORMAT_ARGB32,
           batch.positions.count >= MarkerSprite.minimumBatch, markerReachPixels(batch) <= MarkerSprite.maximumReach {
            stampMarkers(batch)
        } else {
            drawVectorMarkers(batch)
        }
    }

    /// How far a marker's ink reaches from its centre, in device pixels.
    private func markerReachPixels(_ batch: MarkerBatch) -> Double {
        let b = batch.shape.controlBounds ?? Rect(x: 0, y: 0, width: 0, height: 0)
        return (max(abs(b.minX), abs(b.maxX), abs(b.minY), abs(b.maxY)) + batch.edgeWidth) * pixelsPerPoint
    }

    /// Vector output (and small or huge raster batches: exact paths). PDF: glyph markers when the
    /// batch qualifies, else one marker definition per colour pair placed at each position, so the
    /// file holds the outline once instead of once per point; SVG and raster: a path per marker.
    private func drawVectorMarkers(_ batch: MarkerBatch) {
        if reusesVectorMarkers && drawGlyphMarkers(batch) { return }
        let bounds = markerBounds(batch)
        for (i, p) in batch.positions.enumerated() {
            guard p.x.isFinite, p.y.isFinite else { continue }
            let fill = color(batch.fillColors, i)
            let edge = batch.edgeWidth > 0 ? color(batch.edgeColors, i) : nil
            guard reusesVectorMarkers else {
                cairo_save(context)
                drawShape(context, batch, fill: fill, edge: edge, dx: p.x, dy: p.y)
                cairo_restore(context)
                continue
            }
            let key = VectorMarkerKey(shape: batch.shape, fill: fill, edge: edge, edgeWidth: batch.edgeWidth,
                                      cap: batch.edgeCap, join: batch.edgeJoin)
            let pattern: OpaquePointer
            if let cached = vectorMarkerCache[key] {
                pattern = cached
            } else {
                var extents = cairo_rectangle_t(x: bounds.minX, y: bounds.minY, width: bounds.width, height: bounds.height)
                let rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)!
                let cr = cairo_create(rec)!
                drawShape(cr, batch, fill: fill, edge: edge, dx: 0, dy: 0)
                cairo_destroy(cr)
                pattern = cairo_pattern_create_for_surface(rec)
                cairo_surface_destroy(rec)
                vectorMarkerCache[key] = pattern
            }
            var m = cairo_matrix_t()
            cairo_matrix_init_translate(&m, -p.x, -p.y)
            cairo_pattern_set_matrix(pattern, &m)
            cairo_save(context)
            cairo_set_source(context, pattern)
            // paint, not a filled rectangle: Cairo then places the shared XObject without a clip path.
            cairo_paint(context)
            cairo_restore(context)
        }
    }

    /// The i-th colour of a batch's colour list (empty: none, one: for all).
    func color(_ colors: [Color], _ i: Int) -> Color? {
        colors.isEmpty ? nil : (colors.count == 1 ? colors[0] : colors[i])
    }

    /// The marker's ink bounds around its centre, in points, including the stroke and a pixel of slack.
    private func markerBounds(_ batch: MarkerBatch) -> Rect {
        let b = batch.shape.controlBounds ?? Rect(x: 0, y: 0, width: 0, height: 0)
        let pad = batch.edgeWidth + 2 / max(pixelsPerPoint, 1)
        return Rect(x: b.minX - pad, y: b.minY - pad, width: b.width + 2 * pad, height: b.height + 2 * pad)
    }

    /// One marker of the batch centred at (dx, dy) of `cr`: fill, then edge.
    func drawShape(_ cr: OpaquePointer, _ batch: MarkerBatch, fill: Color?, edge: Color?, dx: Double, dy: Double) {
        cairo_new_path(cr)
        appendCairoPath(batch.shape, to: cr, dx: dx, dy: dy)
        if let fill {
            cairo_set_source_rgba(cr, fill.red, fill.green, fill.blue, fill.alpha)
            if edge != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
        }
        if let edge {
            cairo_set_source_rgba(cr, edge.red, edge.green, edge.blue, edge.alpha)
            cairo_set_line_width(cr, batch.edgeWidth)
            cairo_set_line_cap(cr, batch.edgeCap.cairoValue)
            cairo_set_line_join(cr, batch.edgeJoin.cairoValue)
            cairo_stroke(cr)
        }
    }
}

private struct VectorMarkerKey: Hashable {
    let shape: Path; let fill: Color?; let edge: Color?; let edgeWidth: Double
    let cap: LineCap; let join: LineJoin
}

/// What text metrics depend on: the text and the font (not its colour).
struct TextKey: Hashable {
    let text: String, size: Double, weight: FontWeight, slant: FontSlant, family: String
    init(text: String, style: TextStyle) {
        self.text = text; size = style.size; weight = style.weight; slant = style.slant; family = style.family
    }
}
