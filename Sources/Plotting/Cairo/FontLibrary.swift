import CCairo
import Foundation

/// Errors from loading fonts.
public struct FontError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public let description: String
    /// An error with its message.
    public init(_ description: String) { self.description = description }
}

/// A Cairo font face loaded from a font file with FreeType (cairo-ft), with the font's OS/2
/// typographic ascent and descent (what matplotlib 3.11 sizes a line of text by) and x-height
/// (what FreeType's autohinter fits to the pixel grid). Shared between threads; each render uses
/// its own `cairo_t`.
final class FontFace: @unchecked Sendable {
    let handle: OpaquePointer  // cairo_font_face_t*
    let path: String
    /// Whether the file itself is an italic or oblique face (no slant is applied to it).
    let isItalic: Bool
    /// OS/2 `sTypoAscender` (else hhea's ascender) in em.
    let typoAscent: Double
    /// OS/2 `sTypoDescender` (else hhea's descender) in em, positive below the baseline.
    let typoDescent: Double
    /// The x-height in em: OS/2 `sxHeight`, else the top of the glyph 'x' (as the autohinter finds
    /// it); 0 when neither is there.
    let xHeight: Double
    /// The cap height in em: the top of the glyph 'H'.
    let capHeight: Double

    init(path: String, library: FT_Library, isItalic: Bool) throws {
        let (cf, face) = try Self.load(path, library: library, loadFlags: 0)
        let em = Double(face.pointee.units_per_EM)
        if let table = FT_Get_Sfnt_Table(face, FT_SFNT_OS2) {
            let os2 = table.assumingMemoryBound(to: TT_OS2.self).pointee
            (typoAscent, typoDescent) = (Double(os2.sTypoAscender) / em, -Double(os2.sTypoDescender) / em)
            xHeight = os2.version >= 2 && os2.sxHeight > 0 ? Double(os2.sxHeight) / em : Self.glyphTop(face, "x") / em
        } else {
            (typoAscent, typoDescent) = (Double(face.pointee.ascender) / em, -Double(face.pointee.descender) / em)
            xHeight = Self.glyphTop(face, "x") / em
        }
        capHeight = Self.glyphTop(face, "H") / em
        handle = cf
        self.path = path
        self.isItalic = isItalic
    }

    /// The top of a character's outline in font units (0 when the font has no such glyph).
    private static func glyphTop(_ face: FT_Face, _ c: Character) -> Double {
        guard let scalar = c.unicodeScalars.first,
              FT_Load_Char(face, FT_ULong(scalar.value), Int32(FT_LOAD_NO_SCALE)) == 0, let g = face.pointee.glyph else { return 0 }
        return Double(g.pointee.metrics.horiBearingY)
    }

    /// A Cairo face for a new FreeType face of the file; the FreeType face lives as long as the Cairo one.
    private static func load(_ path: String, library: FT_Library, loadFlags: Int32) throws -> (OpaquePointer, FT_Face) {
        var face: FT_Face?
        let err = FT_New_Face(library, path, 0, &face)
        guard err == 0, let face else { throw FontError("cannot load font \(path) (FreeType error \(err))") }
        guard let cf = cairo_ft_font_face_create_for_ft_face(face, loadFlags) else {
            _ = FT_Done_Face(face)
            throw FontError("cannot create a Cairo face for \(path)")
        }
        // Cairo caches faces: release the FT_Face only when Cairo drops the face.
        let status = cairo_font_face_set_user_data(cf, ftFaceKey, UnsafeMutableRawPointer(face)) { p in
            _ = FT_Done_Face(p?.assumingMemoryBound(to: FT_FaceRec_.self))
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(cf)
            _ = FT_Done_Face(face)
            throw FontError("cannot attach the FreeType face for \(path)")
        }
        return (cf, face)
    }

    deinit { cairo_font_face_destroy(handle) }

    /// How high ink that reaches `top` (em above the baseline; `bottom` below it) stands once
    /// hinted at `pixels` per em, in pixels, as matplotlib's Agg text comes out of FreeType's
    /// autohinter: heights round to whole pixels; lowercase ascenders (above the cap height) are
    /// first scaled by the factor that fits the x-height to the grid (rounding up from 3/8 of a
    /// pixel, `(h + 40) & ~63` in 26.6), as are descenders. Fitted to matplotlib 3.11's boxes of the seed figures.
    func hintedInk(top: Double, bottom: Double, pixelsPerEm pixels: Double) -> (ascent: Double, descent: Double) {
        let h = xHeight * pixels
        let fitted = (h + 40.0 / 64).rounded(.down)
        let fit = h > 0 && fitted > 0 ? fitted / h : 1
        // Round letters overshoot the cap height by about 2 % ('0': 1520 vs 1493 units in DejaVu
        // Sans); ascenders reach about 4 % above it ('l': 1556).
        let ascender = top > capHeight * 1.03
        return (((ascender ? fit : 1) * top * pixels).rounded(.toNearestOrAwayFromZero),
                (fit * bottom * pixels).rounded(.toNearestOrAwayFromZero))
    }
}

nonisolated(unsafe) private let ftFaceKey = UnsafeMutablePointer<cairo_user_data_key_t>.allocate(capacity: 1)

/// Resolves font families to font files through fontconfig (or explicit paths) and keeps one
/// FreeType-backed Cairo face per (family, weight, slant) for the life of the process.
///
/// Text output must not depend on the machine's fontconfig preferences: the face is always a file
/// we name, and the Cairo font options (grayscale antialiasing, no hinting, hint metrics off) are
/// fixed in code by `CairoRenderer`.
final class FontLibrary: @unchecked Sendable {
    static let shared = FontLibrary()

    private let lock = NSLock()
    private var library: FT_Library?
    private var faces: [String: FontFace] = [:]

    private init() {
        var lib: FT_Library?
        if FT_Init_FreeType(&lib) == 0 { library = lib }  // never freed: must outlive all faces
    }

    /// The face for a text style, loading it on first use.
    func face(for style: TextStyle) throws -> FontFace {
        let key = "\(style.family)|\(style.weight.rawValue)"
        lock.lock()
        defer { lock.unlock() }
        if let f = faces[key] { return f }
        guard let library else { throw FontError("FreeType could not be initialised") }
        // Always the upright file, slanted through the font matrix for italics (`CairoText.select`):
        // the oblique files live in fonts-dejavu-extra, which not every machine has, and output must
        // not depend on that.
        let (path, isItalic) = try Self.resolve(family: style.family, weight: style.weight, slant: .normal)
        let face = try FontFace(path: path, library: library, isItalic: isItalic)
        faces[key] = face
        return face
    }

    /// FreeType's version, e.g. "2.12.1".
    var freetypeVersion: String {
        guard let library else { return "unknown" }
        var major: FT_Int = 0, minor: FT_Int = 0, patch: FT_Int = 0
        FT_Library_Version(library, &major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }

    /// Finds the file for a family. `CLUSTERPLOT_FONT_DIR` may point at a folder holding the
    /// DejaVu files; otherwise fontconfig is asked, and the match must really be that family
    /// (fontconfig silently substitutes another font when the family is missing).
    static func resolve(family: String, weight: FontWeight, slant: FontSlant) throws -> (path: String, isItalic: Bool) {
        let wanted = family.lowercased() == "monospace" ? "DejaVu Sans Mono" : family
        if let dir = ProcessInfo.processInfo.environment["CLUSTERPLOT_FONT_DIR"] {
            let suffix: String
            switch (weight, slant) {
            case (.normal, .normal): suffix = ""
            case (.bold, .normal): suffix = "-Bold"
            case (.normal, .italic): suffix = "-Oblique"
            case (.bold, .italic): suffix = "-BoldOblique"
            }
            let file = "\(dir)/\(wanted.replacingOccurrences(of: " ", with: ""))\(suffix).ttf"
            if FileManager.default.fileExists(atPath: file) { return (file, slant == .italic) }
        }
        // The DejaVu files at their packaged locations: no fontconfig start-up (its config parsing is
        // about a third of a small figure's run time), and the same file whatever the user's fontconfig says.
        if wanted.lowercased().hasPrefix("dejavu sans") {
            let base = wanted.replacingOccurrences(of: " ", with: "")
            let file = base + (weight == .bold ? "-Bold" : "") + ".ttf"
            for dir in ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
                        "/usr/share/fonts/dejavu-sans-fonts", "/usr/share/fonts/dejavu-sans-mono-fonts"] {
                let path = dir + "/" + file
                if access(path, R_OK) == 0 { return (path, false) }
            }
        }
        guard let config = FcInitLoadConfigAndFonts() else { throw FontError("fontconfig could not be initialised") }
        defer { FcConfigDestroy(config) }
        guard let pattern = FcPatternCreate() else { throw FontError("fontconfig: out of memory") }
        defer { FcPatternDestroy(pattern) }
        _ = wanted.withCString { FcPatternAddString(pattern, FC_FAMILY, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }
        _ = FcPatternAddInteger(pattern, FC_WEIGHT, weight == .bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR)
        _ = FcPatternAddInteger(pattern, FC_SLANT, slant == .italic ? FC_SLANT_OBLIQUE : FC_SLANT_ROMAN)
        _ = FcConfigSubstitute(config, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = FcFontMatch(config, pattern, &result) else {
            throw FontError("font '\(wanted)' not found; install it with: apt-get install fonts-dejavu-core")
        }
        defer { FcPatternDestroy(match) }
        var familyPtr: UnsafeMutablePointer<FcChar8>?
        var filePtr: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(match, FC_FAMILY, 0, &familyPtr) == FcResultMatch,
              FcPatternGetString(match, FC_FILE, 0, &filePtr) == FcResultMatch,
              let familyPtr, let filePtr
        else { throw FontError("font '\(wanted)' not found; install it with: apt-get install fonts-dejavu-core") }
        let matchedFamily = String(cString: UnsafeRawPointer(familyPtr).assumingMemoryBound(to: CChar.self))
        guard matchedFamily.lowercased() == wanted.lowercased() else {
            throw FontError("font '\(wanted)' not found (fontconfig offered '\(matchedFamily)'); install it with: apt-get install fonts-dejavu-core")
        }
        var matchedSlant: Int32 = 0
        let slanted = FcPatternGetInteger(match, FC_SLANT, 0, &matchedSlant) == FcResultMatch && matchedSlant != FC_SLANT_ROMAN
        return (String(cString: UnsafeRawPointer(filePtr).assumingMemoryBound(to: CChar.self)), slanted)
    }
}

// fontconfig's string constants are macros; spell them out.
private let FC_FAMILY = "family"
private let FC_FILE = "file"
private let FC_WEIGHT = "weight"
private let FC_SLANT = "slant"
private let FC_WEIGHT_REGULAR: Int32 = 80
private let FC_WEIGHT_BOLD: Int32 = 200
private let FC_SLANT_ROMAN: Int32 = 0
private let FC_SLANT_OBLIQUE: Int32 = 110
