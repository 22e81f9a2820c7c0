import CCairo
import Foundation

// PDF scatter markers as glyphs of a one-glyph Type 3 font (Cairo user fonts): the outline is
// stored once per shape, and each marker costs a few bytes of text positioning.

extension CairoRenderer {
    /// PDF: markers whose fill and edge share one colour (or have only one of them) are shown as
    /// glyphs of a one-glyph Type 3 font, one `show_glyphs` per run of equal colour: the outline is
    /// stored once, each marker costs a few bytes of text positioning, and Cairo analyses one
    /// operation per run instead of one per marker. Returns false when the batch does not qualify.
    /// (Not for SVG: Cairo's SVG writer turns the glyph's stroke into trapezoids, which browsers may
    /// render with hairline seams; SVG markers stay paths.)
    func drawGlyphMarkers(_ batch: MarkerBatch) -> Bool {
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
}

/// What makes two glyph marker fonts differ (the colour comes from the source when shown).
struct GlyphMarkerKey: Hashable {
    let shape: Path; let filled: Bool; let edgeWidth: Double; let cap: LineCap; let join: LineJoin
}

/// A key boxed for Cairo's font-face user data.
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
    appendCairoPath(key.shape, to: cr)
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
