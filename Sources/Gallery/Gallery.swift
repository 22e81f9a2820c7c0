/// Placeholder; filled in by its issue.
public enum GalleryModule { public static let name = "Gallery" }
