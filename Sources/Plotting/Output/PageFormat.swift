/// A page format for documents (handouts and slide decks).
public enum PageFormat: String, Sendable, CaseIterable {
    /// ISO A4 portrait, 210 × 297 mm.
    case a4
    /// US Letter portrait, 8.5 × 11 in.
    case letter
    /// A 16:9 slide, 13.333 × 7.5 in.
    case slides
    /// A 4:3 slide, 10 × 7.5 in.
    case slides4x3 = "slides-4x3"

    /// Page size in points.
    public var size: Size {
        switch self {
        case .a4: return Size(width: 595.2756, height: 841.8898)   // 210 × 297 mm
        case .letter: return Size(width: 612, height: 792)         // 8.5 × 11 in
        case .slides: return Size(width: 960, height: 540)         // 13.333 × 7.5 in, 16:9
        case .slides4x3: return Size(width: 720, height: 540)      // 10 × 7.5 in, 4:3
        }
    }

    /// Whether the format is a slide deck (every slide a page of its own).
    public var isSlides: Bool { self == .slides || self == .slides4x3 }
}
