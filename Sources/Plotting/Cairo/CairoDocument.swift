import CCairo
import Foundation

/// Collects the bytes Cairo streams out of a PDF or SVG surface.
private final class ByteSink {
    var bytes: [UInt8] = []
}

private let streamToSink: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}

/// The fixed creation date written into every PDF, so output is byte-identical between runs.
let pdfCreationDate = "2000-01-01T00:00:00Z"

/// How Cairo renders an output format (`OutputFormat.traits.surface`).
enum CairoSurface: Hashable {
    /// An ARGB32 image surface, encoded as PNG.
    case image
    /// A vector surface streaming a document.
    case vector(VectorSurface)
}

/// The vector surfaces and what differs between them.
enum VectorSurface: Hashable {
    case pdf, svg

    /// The name in messages.
    var name: String {
        switch self {
        case .pdf: return "PDF"
        case .svg: return "SVG"
        }
    }

    /// Whether markers are placed as shared definitions (Type 3 glyphs, patterns) rather than drawn
    /// as paths: PDF stores the outline once; Cairo's SVG writer would turn glyph strokes into
    /// trapezoids that browsers may render with seams.
    var reusesMarkers: Bool { self == .pdf }

    /// Whether the document has pages of their own sizes (SVG is one drawing).
    var hasPages: Bool { self == .pdf }

    /// A surface streaming to `closure` for a first page of `size`, with the metadata that keeps
    /// the bytes deterministic.
    func makeSurface(_ write: cairo_write_func_t, _ closure: UnsafeMutableRawPointer, size: Size) -> OpaquePointer {
        switch self {
        case .pdf:
            let surface = cairo_pdf_surface_create_for_stream(write, closure, size.width, size.height)!
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, pdfCreationDate)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ClusterPlot")
            return surface
        case .svg:
            let surface = cairo_svg_surface_create_for_stream(write, closure, size.width, size.height)!
            cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT)
            return surface
        }
    }

    /// Starts a page of `size` (PDF pages have their own sizes; an SVG keeps its first).
    func beginPage(_ surface: OpaquePointer, size: Size) {
        if self == .pdf { cairo_pdf_surface_set_size(surface, size.width, size.height) }
    }

    /// The finished document's bytes (SVG surface ids renumbered from 1).
    func finish(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .pdf: return bytes
        case .svg: return CairoDocument.normalizeSVGSurfaceIDs(bytes)
        }
    }
}

/// Renders pages with Cairo and returns the encoded bytes of a PNG, PDF or SVG document.
/// Only the files of `Sources/Plotting/Cairo/` call Cairo, FreeType and fontconfig.
enum CairoDocument {
    /// Renders a single page.
    static func render(format: OutputFormat, size: Size, dpi: Double, background: Color?,
                       png: PNGCodec.Options, draw: (Renderer) throws -> Void) throws -> [UInt8] {
        switch format.traits.surface {
        case .image: return try renderPNG(size: size, dpi: dpi, background: background, png: png, draw: draw)
        case .vector(let kind):
            return try withoutActuallyEscaping(draw) { d in
                try renderVector(kind, pages: [(size, d)], background: background)
            }
        }
    }

    /// The image surface pixel size for a page: points × dpi / 72, truncated like matplotlib's Agg
    /// canvas (`int(width_in * dpi)`: 6.4 × 4.8 in at 72 dpi is 460 × 345). A hair of slack keeps
    /// products that are whole numbers in decimal (9 in × 100) whole after binary rounding.
    static func pixelSize(of size: Size, dpi: Double) -> (width: Int, height: Int) {
        func px(_ points: Double) -> Int { Int((points * dpi / 72 + 1e-7).rounded(.down)) }
        return (px(size.width), px(size.height))
    }

    static func renderPNG(size: Size, dpi: Double, background: Color?, png: PNGCodec.Options,
                          draw: (Renderer) throws -> Void) throws -> [UInt8] {
        let (w, h) = pixelSize(of: size, dpi: dpi)
        guard w > 0, h > 0 else { throw OutputError("image size \(w)×\(h) pixels is empty") }
        guard w * h <= PNGCodec.defaultPixelLimit, w <= 32767, h <= 32767 else {
            throw OutputError("image size \(w)×\(h) pixels is over the limit of 100 megapixels (32767 a side)")
        }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w), Int32(h)),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS
        else { throw OutputError("cannot allocate a \(w)×\(h) image") }
        defer { cairo_surface_destroy(surface) }
        // Points map to pixels with one scale; the rounding of the pixel size is absorbed here.
        let renderer = CairoRenderer(surface: surface, size: size, pixelsPerPoint: dpi / 72, isRaster: true)
        try paint(renderer, background: background, draw: draw)
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { throw OutputError("no image data") }
        return try PNGCodec.encodeARGB32(UnsafeRawPointer(data), width: w, height: h,
                                         stride: Int(cairo_image_surface_get_stride(surface)), dpi: dpi, options: png)
    }

    /// Renders a vector document: PDF pages (each of its own size), or one SVG drawing.
    static func renderVector(_ kind: VectorSurface, pages: [(Size, (Renderer) throws -> Void)], background: Color?) throws -> [UInt8] {
        guard let first = pages.first else { throw OutputError("a document needs at least one page") }
        let sink = ByteSink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let surface = kind.makeSurface(streamToSink, closure, size: first.0)
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw OutputError("cannot create a \(kind.name) surface")
        }
        var failure: Error?
        for (index, page) in pages.enumerated() {
            kind.beginPage(surface, size: page.0)
            let renderer = CairoRenderer(surface: surface, size: page.0, pixelsPerPoint: 1, isRaster: false,
                                         reusesVectorMarkers: kind.reusesMarkers)
            do { try paint(renderer, background: background, draw: page.1) } catch { failure = error; break }
            if index < pages.count - 1 || !kind.hasPages { cairo_show_page(renderer.context) }
        }
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        if let failure { throw failure }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw OutputError("Cairo failed: \(String(cString: cairo_status_to_string(status)))")
        }
        return kind.finish(sink.bytes)
    }

    private static func paint(_ renderer: CairoRenderer, background: Color?, draw: (Renderer) throws -> Void) throws {
        if let background, background.alpha > 0 {
            var p = Path()
            p.addRect(Rect(x: 0, y: 0, width: renderer.size.width, height: renderer.size.height))
            renderer.drawPath(p, fill: background, stroke: nil)
        }
        try draw(renderer)
        if let e = renderer.drawingError { throw e }
    }

    /// Cairo numbers SVG surfaces with a process-wide counter (`id="surface12"`), so the same
    /// drawing would differ between the first and second render in a process. Renumber them in
    /// order of appearance.
    static func normalizeSVGSurfaceIDs(_ bytes: [UInt8]) -> [UInt8] {
        let word = Array("surface".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var mapping: [ArraySlice<UInt8>: Int] = [:]
        var i = 0
        while i < bytes.count {
            if bytes[i] == word[0], i + word.count < bytes.count, bytes[i..<(i + word.count)].elementsEqual(word) {
                var j = i + word.count
                while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57 { j += 1 }
                if j > i + word.count {
                    let digits = bytes[(i + word.count)..<j]
                    let n: Int
                    if let m = mapping[digits] { n = m } else { n = mapping.count + 1; mapping[digits] = n }
                    out += word
                    out += Array(String(n).utf8)
                    i = j
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// Versions of the libraries that decide how pixels come out.
    static var libraryVersions: [String: String] {
        [
            "cairo": String(cString: cairo_version_string()),
            "pixman": pixmanVersion(),
            "freetype": FontLibrary.shared.freetypeVersion,
            "libpng": PNGCodec.libraryVersion,
        ]
    }

    private static func pixmanVersion() -> String {
        // pixman exposes no header to us; its version is in the shared library's file name.
        let dirs = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/lib64"]
        for d in dirs {
            if let files = try? FileManager.default.contentsOfDirectory(atPath: d),
               let f = files.filter({ $0.hasPrefix("libpixman-1.so.0.") }).sorted().last {
                let v = f.dropFirst("libpixman-1.so.".count)
                let parts = v.split(separator: ".")
                if parts.count == 3, let minor = Int(parts[1]) {
                    // libpixman-1.so.0.42.2 is pixman 0.42.2
                    return "\(parts[0]).\(minor).\(parts[2])"
                }
            }
        }
        return "unknown"
    }
}
