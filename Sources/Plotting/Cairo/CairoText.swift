import CCairo
import Foundation

/// Text through Cairo and FreeType: the fixed font options, font selection and metrics, shared by
/// `CairoRenderer` (on its own context) and `CairoTextMeasurer` (for `RecordingRenderer`), so a
/// layout measured without pixels uses the numbers the drawing uses.
///
/// A line of text is sized as matplotlib 3.11 sizes it (CSS inline layout): its ascent and descent
/// are the font's OS/2 typographic metrics (DejaVu Sans: 0.76 + 0.24 = 1 em) unless the glyphs'
/// ink reaches further — the ink as Agg's autohinted glyphs have it at the output's pixel size
/// (heights scaled by the x-height fit, rounded to whole pixels). In raster output every glyph
/// advances by a whole number of pixels, as hinted glyphs do in matplotlib's Agg; outlines stay
/// unhinted. Italics are the upright face slanted through the font matrix, so PDF, SVG and PNG
/// slant the same way (Cairo's synthesized oblique comes out mirrored in its PDF output).
enum CairoText {
    /// The shear of a synthesized oblique (FreeType's and Cairo's: 0x366A / 0x10000).
    static let obliqueShear = 13930.0 / 65536.0

    /// Font options fixed in code, so the machine's fontconfig preferences cannot change the output:
    /// grey antialiasing, no hinting, hint metrics off. The caller destroys them.
    static func makeFontOptions() -> OpaquePointer {
        let options = cairo_font_options_create()!
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        return options
    }

    /// Makes the face, size, slant and options of `style` current on `cr`; returns the face.
    @discardableResult
    static func select(_ style: TextStyle, on cr: OpaquePointer, options: OpaquePointer) throws -> FontFace {
        let face = try FontLibrary.shared.face(for: style)
        cairo_set_font_face(cr, face.handle)
        let s = style.size
        var m = cairo_matrix_t()
        cairo_matrix_init_scale(&m, s, s)
        if style.slant == .italic && !face.isItalic { m.xy = -s * obliqueShear }  // the top leans right
        cairo_set_font_matrix(cr, &m)
        cairo_set_font_options(cr, options)
        return face
    }

    /// The metrics of one line of `text` in `style` (selected on `cr` by `select`) for output at
    /// `pixelsPerPoint`: the advance width (whole pixels per glyph when `raster`) and the ascent
    /// and descent of matplotlib's text box.
    static func metrics(_ text: String, style: TextStyle, face: FontFace, on cr: OpaquePointer,
                        pixelsPerPoint k: Double, raster: Bool) -> TextMetrics {
        var te = cairo_text_extents_t()
        cairo_text_extents(cr, text, &te)
        let width = glyphs(text, size: style.size, on: cr, pixelsPerPoint: k, raster: raster).width
        var ascent = face.typoAscent * style.size, descent = face.typoDescent * style.size
        if te.height > 0, k > 0 {
            let s = style.size
            let ink = face.hintedInk(top: -te.y_bearing / s, bottom: (te.height + te.y_bearing) / s, pixelsPerEm: s * k)
            ascent = max(ascent, ink.ascent / k)
            descent = max(descent, ink.descent / k)
        }
        return TextMetrics(width: width, ascent: ascent, descent: descent)
    }

    /// The glyphs of `text` from the origin with the font's kerning (its `kern` table, as matplotlib's
    /// FT2Font applies it), and the run's width in points. In `raster` output each glyph advances by
    /// its advance rounded to whole device pixels and kerning is rounded to whole pixels too
    /// (FreeType's grid-fitted `FT_KERNING_DEFAULT`), as hinted text comes out of Agg.
    static func glyphs(_ text: String, size: Double, on cr: OpaquePointer, pixelsPerPoint k: Double,
                       raster: Bool) -> (glyphs: [cairo_glyph_t], width: Double) {
        guard let font = cairo_get_scaled_font(cr) else { return ([], 0) }
        var raw: UnsafeMutablePointer<cairo_glyph_t>?
        var count: Int32 = 0
        let status = text.withCString { cairo_scaled_font_text_to_glyphs(font, 0, 0, $0, -1, &raw, &count, nil, nil, nil) }
        guard status == CAIRO_STATUS_SUCCESS, let raw, count > 0 else { return ([], 0) }
        defer { cairo_glyph_free(raw) }
        let face = cairo_ft_scaled_font_lock_face(font)
        defer { if face != nil { cairo_ft_scaled_font_unlock_face(font) } }
        let hasKerning = face.map { ($0.pointee.face_flags & FT_Long(FT_FACE_FLAG_KERNING)) != 0 } ?? false
        let em = face.map { Double($0.pointee.units_per_EM) } ?? 2048
        var out: [cairo_glyph_t] = []
        out.reserveCapacity(Int(count))
        var x = 0.0
        for i in 0..<Int(count) {
            var g = raw[i]
            if i > 0, hasKerning, let face {
                var v = FT_Vector()
                if FT_Get_Kerning(face, FT_UInt(raw[i - 1].index), FT_UInt(g.index), FT_UInt(FT_KERNING_UNSCALED.rawValue), &v) == 0, v.x != 0 {
                    let kern = Double(v.x) / em * size
                    x += raster ? (kern * k).rounded() / k : kern
                }
            }
            var ge = cairo_text_extents_t()
            cairo_scaled_font_glyph_extents(font, &g, 1, &ge)
            g.x = x
            g.y = 0
            out.append(g)
            x += raster ? max(0, (ge.x_advance * k).rounded(.toNearestOrAwayFromZero)) / k : ge.x_advance
        }
        return (out, x)
    }
}

/// Measures text with Cairo and FreeType on a 1×1 image surface of its own, in points, for
/// renderers that draw no pixels (`RecordingRenderer`).
final class CairoTextMeasurer {
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let fontOptions: OpaquePointer

    /// A measurer, nil when Cairo cannot make the surface.
    init?() {
        guard let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1) else { return nil }
        surface = s
        context = cairo_create(s)
        fontOptions = CairoText.makeFontOptions()
    }

    deinit {
        cairo_font_options_destroy(fontOptions)
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// The metrics of one line of `text` for output at `pixelsPerPoint` (raster: whole-pixel
    /// glyph advances); zero when the font cannot be loaded.
    func measure(_ text: String, style: TextStyle, pixelsPerPoint: Double = 1, raster: Bool = false) -> TextMetrics {
        let key = MeasureKey(text: TextKey(text: text, style: style), pixelsPerPoint: pixelsPerPoint, raster: raster)
        if let m = measured[key] { return m }
        cairo_save(context)
        defer { cairo_restore(context) }
        guard let face = try? CairoText.select(style, on: context, options: fontOptions) else {
            return TextMetrics(width: 0, ascent: 0, descent: 0)
        }
        let m = CairoText.metrics(text, style: style, face: face, on: context, pixelsPerPoint: pixelsPerPoint, raster: raster)
        measured[key] = m
        return m
    }

    /// Metrics measured so far (the same strings come back: "Hg", " ", tick labels, table cells).
    private var measured: [MeasureKey: TextMetrics] = [:]
    private struct MeasureKey: Hashable { let text: TextKey, pixelsPerPoint: Double, raster: Bool }
}
