import CCairo
import Foundation

/// The Cairo implementation of `Renderer`: draws in points onto an image (PNG), PDF or SVG surface.
///
/// Every call sets its complete state between `cairo_save`/`cairo_restore`, so nothing leaks from
/// one call into the next. On raster surfaces, scatter markers are pre-rendered once per
/// (shape, colours, 1/16-pixel phase) and composited with exact integer OVER arithmetic,
/// which gives the same pixels as painting the sprite with Cairo, at a fraction of the cost.
final class CairoRenderer: Renderer {
    let size: Size
    let pixelsPerPoint: Double
    let context: OpaquePointer  // cairo_t*
    private let surface: OpaquePointer
    private let isRaster: Bool
    /// Whether vector markers are placed as one shared pattern (PDF) rather than drawn as paths (SVG).
    private let reusesVectorMarkers: Bool
    private let fontOptions: OpaquePointer
    /// Clip rectangles in device pixels (integers on raster surfaces), innermost last.
    private var deviceClips: [Rect] = []
    private var spriteCache: [SpriteKey: MarkerSprite] = [:]
    private var vectorMarkerCache: [VectorMarkerKey: OpaquePointer] = [:]
    private var glyphFaceCache: [GlyphMarkerKey: OpaquePointer] = [:]
    /// First error raised while drawing (fonts), reported by the document when it finishes.
    private(set) var drawingError: Error?

    init(surface: OpaquePointer, size: Size, pixelsPerPoint: Double, isRaster: Bool, reusesVectorMarkers: Bool = false) {
        self.surface = surface
        self.reusesVectorMarkers = reusesVectorMarkers
        self.size = size
        self.pixelsPerPoint = pixelsPerPoint
        self.isRaster = isRaster
        context = cairo_create(surface)
        fontOptions = cairo_font_options_create()
        cairo_font_options_set_antialias(fontOptions, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(fontOptions, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(fontOptions, CAIRO_HINT_METRICS_OFF)
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

    private func appendPath(_ path: Path, snapWidth: Double?) {
        cairo_new_path(context)
        let k = pixelsPerPoint
        func s(_ p: Point) -> Point {
            guard let w = snapWidth else { return p }
            // Odd device widths sit on pixel centres, even widths on pixel edges.
            let odd = Int(max(1, w.rounded())) % 2 == 1
            func f(_ v: Double) -> Double {
                let d = v * k
                return (odd ? d.rounded(.down) + 0.5 : d.rounded()) / k
            }
            return Point(x: f(p.x), y: f(p.y))
        }
        for e in path.elements {
            switch e {
            case .move(let p): let q = s(p); cairo_move_to(context, q.x, q.y)
            case .line(let p): let q = s(p); cairo_line_to(context, q.x, q.y)
            case .curve(let a, let b, let c): cairo_curve_to(context, a.x, a.y, b.x, b.y, c.x, c.y)
            case .close: cairo_close_path(context)
            }
        }
    }

    private func setSource(_ c: Color) {
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

    private func selectFont(_ style: TextStyle) -> Bool {
        do {
            let face = try FontLibrary.shared.face(for: style)
            cairo_set_font_face(context, face.handle)
            cairo_set_font_size(context, style.size)
            cairo_set_font_options(context, fontOptions)
            return true
        } catch {
            if drawingError == nil { drawingError = error }
            return false
        }
    }

    func measureText(_ text: String, style: TextStyle) -> TextMetrics {
        cairo_save(context)
        defer { cairo_restore(context) }
        guard selectFont(style) else { return TextMetrics(width: 0, ascent: 0, descent: 0) }
        var fe = cairo_font_extents_t()
        cairo_font_extents(context, &fe)
        var te = cairo_text_extents_t()
        cairo_text_extents(context, text, &te)
        return TextMetrics(width: te.x_advance, ascent: fe.ascent, descent: fe.descent)
    }

    func drawText(_ text: String, at position: Point, style: TextStyle,
                  horizontal: HorizontalAlignment, vertical: VerticalAlignment, rotation: Double) {
        guard !text.isEmpty else { return }
        cairo_save(context)
        defer { cairo_restore(context) }
        guard selectFont(style) else { return }
        var fe = cairo_font_extents_t()
        cairo_font_extents(context, &fe)
        var te = cairo_text_extents_t()
        cairo_text_extents(context, text, &te)
        let dx: Double
        switch horizontal {
        case .left: dx = 0
        case .center: dx = -te.x_advance / 2
        case .right: dx = -te.x_advance
        }
        let dy: Double
        switch vertical {
        case .top: dy = fe.ascent
        case .center: dy = (fe.ascent - fe.descent) / 2
        case .baseline: dy = 0
        case .bottom: dy = -fe.descent
        }
        cairo_translate(context, position.x, position.y)
        if rotation != 0 { cairo_rotate(context, -rotation * .pi / 180) }
        cairo_move_to(context, dx, dy)
        setSource(style.color)
        cairo_show_text(context, text)
    }

    // MARK: Markers

    func drawMarkers(_ batch: MarkerBatch) {
        guard !batch.positions.isEmpty, !batch.shape.isEmpty,
              !(batch.fillColors.isEmpty && (batch.edgeColors.isEmpty || batch.edgeWidth <= 0)) else { return }
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

    /// Vector output (and small or huge raster batches: exact paths): one marker definition per colour pair, placed at each position, so a PDF
    /// holds the outline once instead of once per point.
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

    /// PDF: markers whose fill and edge share one colour (or have only one of them) are shown as
    /// glyphs of a one-glyph Type 3 font, one `show_glyphs` per run of equal colour: the outline is
    /// stored once, each marker costs a few bytes of text positioning, and Cairo analyses one
    /// operation per run instead of one per marker. Returns false when the batch does not qualify.
    /// (Not for SVG: Cairo's SVG writer turns the glyph's stroke into trapezoids, which browsers may
    /// render with hairline seams; SVG markers stay paths.)
    private func drawGlyphMarkers(_ batch: MarkerBatch) -> Bool {
        let n = batch.positions.count
        guard n >= 8 else { return false }
        let fills = batch.fillColors, edges = batch.edgeWidth > 0 ? batch.edgeColors : []
        if !fills.isEmpty && !edges.isEmpty {
            guard fills.count == edges.count, fills == edges else { return false }
        }
        let colors = fills.isEmpty ? edges : fills
        guard !colors.isEmpty else { return false }
        let key = GlyphMarkerKey(shape: batch.shape, filled: !fills.isEmpty, edgeWidth: edges.isEmpty ? 0 : batch.edgeWidth,
                                 cap: batch.edgeCap, join: batch.edgeJoin)
        let face: OpaquePointer
        if let f = glyphFaceCache[key] { face = f } else {
            face = makeMarkerFace(key)
            glyphFaceCache[key] = face
        }
        cairo_save(context)
        defer { cairo_restore(context) }
        cairo_set_font_face(context, face)
        // Font size 1: font space is user space (points).
        var fontMatrix = cairo_matrix_t()
        cairo_matrix_init_identity(&fontMatrix)
        cairo_set_font_matrix(context, &fontMatrix)
        var glyphs = [cairo_glyph_t]()
        glyphs.reserveCapacity(min(n, 65536))
        var runColor = colors[0]
        func flush() {
            guard !glyphs.isEmpty else { return }
            setSource(runColor)
            cairo_show_glyphs(context, glyphs, Int32(glyphs.count))
            glyphs.removeAll(keepingCapacity: true)
        }
        for (i, p) in batch.positions.enumerated() {
            guard p.x.isFinite, p.y.isFinite else { continue }
            let c = colors.count == 1 ? colors[0] : colors[i]
            if c != runColor || glyphs.count >= 65536 { flush(); runColor = c }
            glyphs.append(cairo_glyph_t(index: 1, x: p.x, y: p.y))
        }
        flush()
        return true
    }

    private func makeMarkerFace(_ key: GlyphMarkerKey) -> OpaquePointer {
        let face = cairo_user_font_face_create()!
        let box = Unmanaged.passRetained(GlyphMarkerBox(key)).toOpaque()
        cairo_font_face_set_user_data(face, glyphMarkerKey, box) { p in
            if let p { Unmanaged<GlyphMarkerBox>.fromOpaque(p).release() }
        }
        cairo_user_font_face_set_init_func(face, initMarkerFont)
        cairo_user_font_face_set_render_glyph_func(face, renderMarkerGlyph)
        return face
    }

    private func color(_ colors: [Color], _ i: Int) -> Color? {
        colors.isEmpty ? nil : (colors.count == 1 ? colors[0] : colors[i])
    }

    /// The marker's ink bounds around its centre, in points, including the stroke and a pixel of slack.
    private func markerBounds(_ batch: MarkerBatch) -> Rect {
        let b = batch.shape.controlBounds ?? Rect(x: 0, y: 0, width: 0, height: 0)
        let pad = batch.edgeWidth + 2 / max(pixelsPerPoint, 1)
        return Rect(x: b.minX - pad, y: b.minY - pad, width: b.width + 2 * pad, height: b.height + 2 * pad)
    }

    private func drawShape(_ cr: OpaquePointer, _ batch: MarkerBatch, fill: Color?, edge: Color?, dx: Double, dy: Double) {
        cairo_new_path(cr)
        for e in batch.shape.elements {
            switch e {
            case .move(let p): cairo_move_to(cr, p.x + dx, p.y + dy)
            case .line(let p): cairo_line_to(cr, p.x + dx, p.y + dy)
            case .curve(let a, let b, let c): cairo_curve_to(cr, a.x + dx, a.y + dy, b.x + dx, b.y + dy, c.x + dx, c.y + dy)
            case .close: cairo_close_path(cr)
            }
        }
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

    /// Raster output: composite cached sprites straight into the image surface.
    private func stampMarkers(_ batch: MarkerBatch) {
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return }
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let clip = deviceClips.last!
        let cx0 = max(0, Int(clip.minX.rounded(.down))), cy0 = max(0, Int(clip.minY.rounded(.down)))
        let cx1 = min(width, Int(clip.maxX.rounded(.up))), cy1 = min(height, Int(clip.maxY.rounded(.up)))
        guard cx0 < cx1, cy0 < cy1 else { return }
        let k = pixelsPerPoint
        let phases = Double(MarkerSprite.phases)
        var lastFill: Color? = nil, lastEdge: Color? = nil
        var styleIndex = -1
        var styles: [(Color?, Color?)] = []
        var sprites = [MarkerSprite?](repeating: nil, count: 0)
        let n = batch.positions.count
        // Pass 1: sprite and pixel position of every marker (styles found by a short linear search:
        // a scatter has few distinct colours, and comparing beats hashing two colours per point).
        var spriteOf = [Int32](repeating: -1, count: n)
        var posX = [Int32](repeating: 0, count: n), posY = [Int32](repeating: 0, count: n)
        var spriteList: [MarkerSprite] = []
        var spriteIndex = [Int32](repeating: -1, count: 0)
        let perStyle = MarkerSprite.phases * MarkerSprite.phases
        let sameColors = batch.fillColors.count == batch.edgeColors.count
            && batch.fillColors.withUnsafeBufferPointer { a in batch.edgeColors.withUnsafeBufferPointer { $0.baseAddress == a.baseAddress } }
        for (i, p) in batch.positions.enumerated() {
            let fill = color(batch.fillColors, i)
            let edge = batch.edgeWidth > 0 ? (sameColors ? fill : color(batch.edgeColors, i)) : nil
            if styleIndex < 0 || fill != lastFill || edge != lastEdge {
                if let s = styles.firstIndex(where: { $0.0 == fill && $0.1 == edge }) { styleIndex = s } else {
                    styleIndex = styles.count
                    styles.append((fill, edge))
                    sprites += [MarkerSprite?](repeating: nil, count: perStyle)
                    spriteIndex += [Int32](repeating: -1, count: perStyle)
                }
                lastFill = fill; lastEdge = edge
            }
            let dx = p.x * k, dy = p.y * k
            guard dx.isFinite, dy.isFinite, abs(dx) < 1e9, abs(dy) < 1e9 else { continue }
            let qx = Int((dx * phases).rounded()), qy = Int((dy * phases).rounded())
            let ix = qx >> MarkerSprite.phaseBits, iy = qy >> MarkerSprite.phaseBits  // floor division by phases
            let px = qx & (MarkerSprite.phases - 1), py = qy & (MarkerSprite.phases - 1)
            let slot = styleIndex * perStyle + py * MarkerSprite.phases + px
            if spriteIndex[slot] < 0 {
                let (f, e) = styles[styleIndex]
                let sprite = makeSprite(batch, fill: f, edge: e, phaseX: px, phaseY: py)
                sprites[slot] = sprite
                spriteIndex[slot] = Int32(spriteList.count)
                spriteList.append(sprite)
            }
            let sp = spriteList[Int(spriteIndex[slot])]
            let x0 = ix - sp.origin, y0 = iy - sp.origin
            // Markers wholly outside the clip are dropped here.
            if x0 + sp.side <= cx0 || x0 >= cx1 || y0 + sp.side <= cy0 || y0 >= cy1 { continue }
            spriteOf[i] = spriteIndex[slot]; posX[i] = Int32(x0); posY[i] = Int32(y0)
        }
        // Pass 2: composite band by band (16 rows of the image stay in cache while every marker
        // touching them is drawn, in the original order, so overlaps come out exactly the same).
        let band = 16
        let bands = (cy1 - cy0 + band - 1) / band
        var counts = [Int](repeating: 0, count: bands + 1)
        for i in 0..<n where spriteOf[i] >= 0 {
            let sp = spriteList[Int(spriteOf[i])]
            let y0 = max(Int(posY[i]), cy0), y1 = min(Int(posY[i]) + sp.side, cy1) - 1
            for b in ((y0 - cy0) / band)...((y1 - cy0) / band) { counts[b + 1] += 1 }
        }
        for b in 0..<bands { counts[b + 1] += counts[b] }
        var order = [Int32](repeating: 0, count: counts[bands])
        var fillAt = counts
        for i in 0..<n where spriteOf[i] >= 0 {
            let sp = spriteList[Int(spriteOf[i])]
            let y0 = max(Int(posY[i]), cy0), y1 = min(Int(posY[i]) + sp.side, cy1) - 1
            for b in ((y0 - cy0) / band)...((y1 - cy0) / band) { order[fillAt[b]] = Int32(i); fillAt[b] += 1 }
        }
        let dst = UnsafeMutableRawPointer(data)
        for b in 0..<bands {
            let by0 = cy0 + b * band, by1 = min(by0 + band, cy1)
            for j in counts[b]..<counts[b + 1] {
                let i = Int(order[j])
                spriteList[Int(spriteOf[i])].composite(onto: dst, stride: stride, x: Int(posX[i]), y: Int(posY[i]),
                                                        clipX0: cx0, clipY0: by0, clipX1: cx1, clipY1: by1)
            }
        }
        cairo_surface_mark_dirty(surface)
    }

    private func makeSprite(_ batch: MarkerBatch, fill: Color?, edge: Color?, phaseX: Int, phaseY: Int) -> MarkerSprite {
        let key = SpriteKey(shape: batch.shape, fill: fill, edge: edge, edgeWidth: batch.edgeWidth,
                            cap: batch.edgeCap, join: batch.edgeJoin, phaseX: phaseX, phaseY: phaseY)
        if let s = spriteCache[key] { return s }
        let k = pixelsPerPoint
        let b = batch.shape.controlBounds ?? Rect(x: 0, y: 0, width: 0, height: 0)
        let reach = max(abs(b.minX), abs(b.maxX), abs(b.minY), abs(b.maxY)) + batch.edgeWidth
        let origin = Int((reach * k).rounded(.up)) + 2
        let side = 2 * origin + 1
        let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(side), Int32(side))!
        let cr = cairo_create(s)!
        let ox = Double(origin) + Double(phaseX) / Double(MarkerSprite.phases)
        let oy = Double(origin) + Double(phaseY) / Double(MarkerSprite.phases)
        cairo_translate(cr, ox, oy)
        cairo_scale(cr, k, k)
        drawShape(cr, batch, fill: fill, edge: edge, dx: 0, dy: 0)
        cairo_destroy(cr)
        cairo_surface_flush(s)
        let sprite = MarkerSprite(surface: s, side: side, origin: origin)
        spriteCache[key] = sprite
        return sprite
    }
}

struct GlyphMarkerKey: Hashable {
    let shape: Path; let filled: Bool; let edgeWidth: Double; let cap: LineCap; let join: LineJoin
}

final class GlyphMarkerBox {
    let key: GlyphMarkerKey
    init(_ key: GlyphMarkerKey) { self.key = key }
}

nonisolated(unsafe) private let glyphMarkerKey = UnsafeMutablePointer<cairo_user_data_key_t>.allocate(capacity: 1)

/// Font extents that cover the marker (Cairo bounds each glyph run with them).
private let initMarkerFont: cairo_user_scaled_font_init_func_t = { scaledFont, _, fe in
    guard let scaledFont, let fe, let face = cairo_scaled_font_get_font_face(scaledFont),
          let raw = cairo_font_face_get_user_data(face, glyphMarkerKey) else { return CAIRO_STATUS_SUCCESS }
    let key = Unmanaged<GlyphMarkerBox>.fromOpaque(raw).takeUnretainedValue().key
    let b = key.shape.controlBounds ?? Rect(x: 0, y: 0, width: 0, height: 0)
    let reach = max(abs(b.minX), abs(b.maxX), abs(b.minY), abs(b.maxY)) + key.edgeWidth / 2 + 0.5
    fe.pointee.ascent = reach
    fe.pointee.descent = reach
    fe.pointee.height = 2 * reach
    fe.pointee.max_x_advance = 2 * reach
    fe.pointee.max_y_advance = 0
    return CAIRO_STATUS_SUCCESS
}

/// Draws the marker glyph (index 1) in font space = user space points; Cairo paints it with the
/// current source, so one font serves every colour.
private let renderMarkerGlyph: cairo_user_scaled_font_render_glyph_func_t = { scaledFont, glyph, cr, extents in
    guard let scaledFont, let cr, glyph == 1,
          let face = cairo_scaled_font_get_font_face(scaledFont),
          let raw = cairo_font_face_get_user_data(face, glyphMarkerKey) else { return CAIRO_STATUS_SUCCESS }
    let key = Unmanaged<GlyphMarkerBox>.fromOpaque(raw).takeUnretainedValue().key
    // Exact ink extents (Cairo would otherwise measure the glyph in whole units and clip it).
    if let extents, let b = key.shape.controlBounds {
        let pad = key.edgeWidth / 2 + 0.5
        extents.pointee.x_bearing = b.minX - pad
        extents.pointee.y_bearing = b.minY - pad
        extents.pointee.width = b.width + 2 * pad
        extents.pointee.height = b.height + 2 * pad
        extents.pointee.x_advance = 0
        extents.pointee.y_advance = 0
    }
    cairo_new_path(cr)
    for e in key.shape.elements {
        switch e {
        case .move(let p): cairo_move_to(cr, p.x, p.y)
        case .line(let p): cairo_line_to(cr, p.x, p.y)
        case .curve(let a, let b, let c): cairo_curve_to(cr, a.x, a.y, b.x, b.y, c.x, c.y)
        case .close: cairo_close_path(cr)
        }
    }
    if key.filled {
        if key.edgeWidth > 0 { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
    }
    if key.edgeWidth > 0 {
        cairo_set_line_width(cr, key.edgeWidth)
        cairo_set_line_cap(cr, key.cap.cairoValue)
        cairo_set_line_join(cr, key.join.cairoValue)
        cairo_stroke(cr)
    }
    return CAIRO_STATUS_SUCCESS
}

private struct ColorPair: Hashable { let fill: Color?; let edge: Color? }

private struct SpriteKey: Hashable {
    let shape: Path; let fill: Color?; let edge: Color?; let edgeWidth: Double
    let cap: LineCap; let join: LineJoin; let phaseX: Int; let phaseY: Int
}

private struct VectorMarkerKey: Hashable {
    let shape: Path; let fill: Color?; let edge: Color?; let edgeWidth: Double
    let cap: LineCap; let join: LineJoin
}

/// A marker pre-rendered into a small premultiplied ARGB32 image, with the marker centre at
/// (origin + phase, origin + phase) pixels.
final class MarkerSprite {
    /// Sub-pixel positions per axis (a power of two): marker centres are placed to 1/(2·phases) pixel.
    static let phaseBits = 4
    static let phases = 1 << phaseBits
    /// Batches smaller than this are drawn as paths (exact, and just as fast when few).
    static let minimumBatch = 512
    /// Markers reaching further than this many pixels are drawn as paths (sprites would be big).
    static let maximumReach = 32.0
    let surface: OpaquePointer
    let side: Int
    let origin: Int
    /// Non-empty pixel runs, 3 Int32 each: row, first column, last column + 1; their pixels are
    /// packed one after the other in `packed` (compact, so thousands of sprites stay in cache).
    private let runs: UnsafeMutablePointer<Int32>
    private let runCount: Int
    private let packed: UnsafeMutablePointer<UInt32>
    /// The ink bounds within the sprite (for the no-clipping fast path).
    private let inkX0: Int, inkY0: Int, inkX1: Int, inkY1: Int

    init(surface: OpaquePointer, side: Int, origin: Int) {
        self.surface = surface
        self.side = side
        self.origin = origin
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let data = UnsafeRawPointer(cairo_image_surface_get_data(surface)!).assumingMemoryBound(to: UInt32.self)
        var runList: [Int32] = []
        var pixelList: [UInt32] = []
        var x0 = side, y0 = side, x1 = 0, y1 = 0
        for y in 0..<side {
            var first = -1, last = -1
            for x in 0..<side where data[y * stride + x] != 0 {
                if first < 0 { first = x }
                last = x
            }
            if first >= 0 {
                runList += [Int32(y), Int32(first), Int32(last + 1)]
                for x in first...last { pixelList.append(data[y * stride + x]) }
                x0 = min(x0, first); x1 = max(x1, last + 1); y0 = min(y0, y); y1 = max(y1, y + 1)
            }
        }
        runCount = runList.count / 3
        runs = .allocate(capacity: max(runList.count, 1))
        runs.initialize(from: runList, count: runList.count)
        packed = .allocate(capacity: max(pixelList.count, 1))
        packed.initialize(from: pixelList, count: pixelList.count)
        inkX0 = x0; inkY0 = y0; inkX1 = x1; inkY1 = y1
    }

    /// Cairo/pixman's OVER operator on premultiplied 8-bit channels, with pixman's rounding.
    @inline(__always) private static func over(_ src: UInt32, _ dst: UInt32) -> UInt32 {
        let sa = src >> 24
        if sa == 255 { return src }
        let ia = 255 - sa
        // Two channels at a time, as pixman's UN8x4_MUL_UN8_ADD_UN8x4.
        var rb = (dst & 0x00ff00ff) &* ia &+ 0x00800080
        rb = ((rb &+ ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff
        rb = rb &+ (src & 0x00ff00ff)
        rb |= 0x01000100 &- ((rb >> 8) & 0x00ff00ff)
        rb &= 0x00ff00ff
        var ag = ((dst >> 8) & 0x00ff00ff) &* ia &+ 0x00800080
        ag = ((ag &+ ((ag >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff
        ag = ag &+ ((src >> 8) & 0x00ff00ff)
        ag |= 0x01000100 &- ((ag >> 8) & 0x00ff00ff)
        ag &= 0x00ff00ff
        return rb | (ag << 8)
    }

    func composite(onto dst: UnsafeMutableRawPointer, stride: Int, x: Int, y: Int,
                   clipX0: Int, clipY0: Int, clipX1: Int, clipY1: Int) {
        var src = UnsafePointer(packed)
        let inside = x + inkX0 >= clipX0 && x + inkX1 <= clipX1 && y + inkY0 >= clipY0 && y + inkY1 <= clipY1
        for r in 0..<runCount {
            let ry = Int(runs[3 * r]), r0 = Int(runs[3 * r + 1]), r1 = Int(runs[3 * r + 2])
            defer { src += r1 - r0 }
            let dy = y + ry
            var a = r0, b = r1
            if !inside {
                if dy < clipY0 || dy >= clipY1 { continue }
                a = max(r0, clipX0 - x); b = min(r1, clipX1 - x)
                if a >= b { continue }
            }
            let row = (dst + dy * stride).assumingMemoryBound(to: UInt32.self) + x
            let s = src - r0
            for sx in a..<b {
                let p = s[sx]
                if p >> 24 == 255 { row[sx] = p } else if p != 0 { row[sx] = MarkerSprite.over(p, row[sx]) }
            }
        }
    }

    deinit {
        runs.deallocate()
        packed.deallocate()
    }
}

private extension LineCap {
    var cairoValue: cairo_line_cap_t {
        switch self {
        case .butt: return CAIRO_LINE_CAP_BUTT
        case .round: return CAIRO_LINE_CAP_ROUND
        case .square: return CAIRO_LINE_CAP_SQUARE
        }
    }
}

private extension LineJoin {
    var cairoValue: cairo_line_join_t {
        switch self {
        case .miter: return CAIRO_LINE_JOIN_MITER
        case .round: return CAIRO_LINE_JOIN_ROUND
        case .bevel: return CAIRO_LINE_JOIN_BEVEL
        }
    }
}
