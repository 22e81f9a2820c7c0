import Foundation

/// An output file format. What differs between formats is data, written once in `traits`: the
/// file extension, raster or vector, the media type and name, and how Cairo renders it. Messages
/// list the formats from `allCases` (`OutputFormat.listed()` is "png, pdf or svg").
public enum OutputFormat: String, CaseIterable, Sendable, Hashable {
    /// PNG image (raster, at the figure's dpi).
    case png
    /// PDF document (vector; markers as Type 3 glyphs).
    case pdf
    /// SVG drawing (vector).
    case svg

    /// Whether a format stores pixels or drawing operations.
    public enum Kind: String, Sendable, Hashable {
        /// Pixels at a resolution (dpi).
        case raster
        /// Resolution-independent drawing.
        case vector
    }

    /// Everything that differs between formats (add a format here and in `CairoSurface`).
    struct Traits {
        var fileExtension: String
        var kind: Kind
        var mimeType: String
        var displayName: String
        var surface: CairoSurface
    }

    var traits: Traits {
        switch self {
        case .png: return Traits(fileExtension: "png", kind: .raster, mimeType: "image/png", displayName: "PNG image", surface: .image)
        case .pdf: return Traits(fileExtension: "pdf", kind: .vector, mimeType: "application/pdf", displayName: "PDF document",
                                 surface: .vector(.pdf))
        case .svg: return Traits(fileExtension: "svg", kind: .vector, mimeType: "image/svg+xml", displayName: "SVG drawing",
                                 surface: .vector(.svg))
        }
    }

    /// The format for a file name's extension (case-insensitive), or nil.
    public init?(pathExtension ext: String) {
        let e = ext.lowercased()
        guard let f = Self.allCases.first(where: { $0.fileExtension == e }) else { return nil }
        self = f
    }

    /// The file name extension, without the dot ("png").
    public var fileExtension: String { traits.fileExtension }
    /// Raster or vector.
    public var kind: Kind { traits.kind }
    /// Whether the format stores pixels (rendered at the figure's dpi).
    public var isRaster: Bool { kind == .raster }
    /// The media (MIME) type, e.g. "image/png".
    public var mimeType: String { traits.mimeType }
    /// A name for people, e.g. "PNG image".
    public var displayName: String { traits.displayName }

    /// Every format's extension in a sentence: "png, pdf or svg" (with `conjunction` before the last).
    public static func listed(conjunction: String = "or") -> String {
        let names = allCases.map(\.fileExtension)
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " \(conjunction) " + names.last!
    }

    /// The error for a path whose extension names no format.
    static func unknownExtension(_ url: URL) -> OutputError {
        OutputError("\(url.path): unknown output format '.\(url.pathExtension)' (use \(listed()))")
    }
}
