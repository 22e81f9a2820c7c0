import Clustering
import Plotting

/// The elbow method for blobs data, drawn with Plotting: K-Means inertia for k = 1…`maxK`.
public enum ElbowFigure {
    /// Inertia of scikit-learn-exact K-Means for each k on `make_blobs(samples, centers, seed)`.
    public static func inertias(samples: Int = 300, centers: Int = 4, maxK: Int = 8, seed: Int = 0) throws -> [Double] {
        let blobs = try makeBlobs(samples: samples, centers: centers, seed: seed)
        return try (1...maxK).map { try KMeans(k: $0, seed: seed, threads: 1).fit(blobs.points).inertia }
    }

    /// The figure: inertia against k, the chosen k marked by a dashed red line.
    public static func figure(inertias: [Double], chosenK: Int) -> Figure {
        let fig = Figure(width: 5, height: 3.5, dpi: 80)
        let ax = fig.axes()
        ax.plot(x: inertias.indices.map { Double($0 + 1) }, y: inertias, marker: .circle, label: "inertia")
        ax.axvline(x: Double(chosenK), color: "red", lineStyle: .dashed, label: "k = \(chosenK)")
        ax.title = "Elbow method"
        ax.xLabel = "k"
        ax.yLabel = "inertia"
        ax.legend()
        return fig
    }
}
