/// Placeholder; filled in by its issue.
public enum VisualDiffModule { public static let name = "VisualDiff" }
