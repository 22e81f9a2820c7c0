import CCairo
import Foundation

/// Text through Cairo and FreeType: the fixed font options, font selection and metrics, shared by
/// `CairoRenderer` (on its own context) and `CairoTextMeasurer` (for `RecordingRenderer`), so a
/// layout measured without pixels uses the numbers the drawing uses.
enum CairoText {
    /// Font options fixed in code, so the machine's fontconfig preferences cannot change the output:
    /// grey antialiasing, no hinting, hint metrics off. The caller destroys them.
    static func makeFontOptions() -> OpaquePointer {
        let options = cairo_font_options_create()!
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        return options
    }

    /// Makes the face, size and options of `style` current on `cr`.
    static func select(_ style: TextStyle, on cr: OpaquePointer, options: OpaquePointer) throws {
        let face = try FontLibrary.shared.face(for: style)
        cairo_set_font_face(cr, face.handle)
        cairo_set_font_size(cr, style.size)
        cairo_set_font_options(cr, options)
    }

    /// The advance width of `text` and the ascent and descent of the current font of `cr`.
    static func metrics(_ text: String, on cr: OpaquePointer) -> TextMetrics {
        var fe = cairo_font_extents_t()
        cairo_font_extents(cr, &fe)
        var te = cairo_text_extents_t()
        cairo_text_extents(cr, text, &te)
        return TextMetrics(width: te.x_advance, ascent: fe.ascent, descent: fe.descent)
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

    /// The metrics of one line of `text`; zero when the font cannot be loaded.
    func measure(_ text: String, style: TextStyle) -> TextMetrics {
        cairo_save(context)
        defer { cairo_restore(context) }
        do { try CairoText.select(style, on: context, options: fontOptions) } catch {
            return TextMetrics(width: 0, ascent: 0, descent: 0)
        }
        return CairoText.metrics(text, on: context)
    }
}
