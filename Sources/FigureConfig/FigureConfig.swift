/// Placeholder; filled in by its issue.
public enum FigureConfigModule { public static let name = "FigureConfig" }
