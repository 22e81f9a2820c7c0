import Foundation

/// Draws pages through the Cairo renderer and produces file bytes, deterministically:
/// the same drawing gives byte-identical PNG, PDF and SVG on every run and in every process.
public enum Canvas {
    /// Renders one page of `size` points. PNG pixel size is `size × dpi / 72`, rounded once.
    public static func render(format: OutputFormat, size: Size, dpi: Double = 100, background: Color? = .white,
                              png: PNGCodec.Options = PNGCodec.Options(),
                              draw: (Renderer) throws -> Void) throws -> [UInt8] {
        guard size.width > 0, size.height > 0, size.width.isFinite, size.height.isFinite else {
            throw OutputError("page size \(size.width)×\(size.height) pt is not positive")
        }
        guard dpi > 0, dpi.isFinite else { throw OutputError("dpi must be positive, got \(dpi)") }
        return try CairoDocument.render(format: format, size: size, dpi: dpi, background: background, png: png, draw: draw)
    }

    /// Renders a multi-page PDF (pages may differ in size).
    public static func renderPDF(pages: [(size: Size, draw: (Renderer) throws -> Void)],
                                 background: Color? = .white) throws -> [UInt8] {
        try CairoDocument.renderVector(.pdf, pages: pages.map { ($0.size, $0.draw) }, background: background)
    }

    /// Renders and writes atomically to `url` (temporary file, then rename).
    public static func write(to url: URL, format: OutputFormat? = nil, size: Size, dpi: Double = 100,
                             background: Color? = .white, draw: (Renderer) throws -> Void) throws {
        guard let fmt = format ?? OutputFormat(pathExtension: url.pathExtension) else { throw OutputFormat.unknownExtension(url) }
        let bytes = try render(format: fmt, size: size, dpi: dpi, background: background, draw: draw)
        try AtomicFile.write(bytes, to: url)
    }

    /// Versions of cairo, pixman, FreeType and libpng in use (they decide the exact pixels).
    public static var libraryVersions: [String: String] { CairoDocument.libraryVersions }
}
