/// Placeholder; filled in by its issue.
public enum ClusteringModule { public static let name = "Clustering" }
