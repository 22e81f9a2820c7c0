// Generated from Fixtures/ (a test checks they stay identical): the configs `clusterplot init KIND` prints.

/// Commented starter configs, one per figure kind, printed by `clusterplot init KIND`.
public enum StarterConfig {
    /// The kinds, in display order, with a one-line description.
    public static let kinds: [(name: String, summary: String)] = [
        ("segmentation", "customer segmentation: blobs, k-means, scatter coloured by cluster"),
        ("anomaly", "anomaly detection: blob + uniform anomalies, distance threshold"),
        ("documents", "document categories: blobs, k-means, Set2 colours"),
        ("iterations", "the 4×3 grid of the app's k-means iterations (Lloyd trace facet)"),
        ("elbow", "the elbow method: inertia for k = 1…9"),
        ("csv", "your own data: a CSV file clustered and plotted, with its elbow curve"),
        ("minimal", "the smallest config: data + k-means, default figure"),
    ]

    /// The fixture file each kind was generated from (relative to the package root).
    public static let fixturePaths: [String: String] = [
        "segmentation": "Fixtures/configs/segmentation.yaml",
        "anomaly": "Fixtures/configs/anomaly.yaml",
        "documents": "Fixtures/configs/documents.yaml",
        "iterations": "Fixtures/configs/iterations.yaml",
        "elbow": "Fixtures/configs/elbow.yaml",
        "csv": "Fixtures/data/customers.yaml",
        "minimal": "Fixtures/minimal.yaml",
    ]

    /// The config text for `kind`, or nil for an unknown kind.
    public static func text(for kind: String) -> String? { texts[kind] }

    static let texts: [String: String] = [
        "segmentation": """
        # Figure 1 of the K-Means teaching app: customer segmentation.
        # 300 points in 4 Gaussian blobs, clustered with k-means (k = 4), coloured by cluster.
        figure:
          size: [9, 4]            # inches
          dpi: 100
          style: whitegrid        # seaborn's whitegrid look
        data:
          blobs: {samples: 300, centers: 4, std: 1.0, seed: 42}     # make_blobs(..., random_state=42)
        clustering:
          kmeans: {k: 4, seed: 42}                                  # KMeans(n_clusters=4, random_state=42)
        panels:
          - title: Customer Segmentation Clusters
            xlabel: Age
            ylabel: Spending Score
            layers:
              - mark: scatter
                color: {by: cluster, cmap: Accent}                  # c=labels, cmap='Accent'
        output:
          formats: [png]

        """,
        "anomaly": """
        # Figure 2 of the K-Means teaching app: anomaly detection.
        # 290 points in one blob plus 10 uniform anomalies; points farther from the k-means centre than
        # the 95th percentile of all distances are flagged. (The app leaves the anomalies unseeded; the
        # reference seeds them with np.random.seed(0), and so do we.)
        figure:
          size: [9, 4]
          dpi: 100
          style: whitegrid
        data:
          concat:
            - blobs: {samples: 290, centers: 1, std: 1.0, seed: 42}
            - uniform: {samples: 10, low: -6, high: 6, seed: 0}     # np.random.uniform(-6, 6, (10, 2))
        clustering:
          kmeans: {k: 1, seed: 42}
          distance_threshold: {percentile: 95}
        panels:
          - title: Anomaly Detection using Clustering
            legend: {loc: best}
            # colorbar: true   # with the points coloured by their anomaly score instead:
            #                  #   - {mark: scatter, color: {by: distance, cmap: viridis}}
            layers:
              - {mark: scatter, where: {outlier: false}, alpha: 0.6, label: Normal}
              - {mark: scatter, where: {outlier: true}, color: red, label: Anomaly}
        output:
          formats: [png]

        """,
        "documents": """
        # Figure 3 of the K-Means teaching app: documents (2-D topic vectors) in three categories.
        figure:
          size: [9, 4]
          dpi: 100
          style: whitegrid
        data:
          blobs: {samples: 300, centers: 3, std: 1.2, seed: 7}
        clustering:
          kmeans: {k: 3, seed: 7}
        panels:
          - title: Clustering Documents into Categories
            xlabel: Topic Vector 1
            ylabel: Topic Vector 2
            layers:
              - mark: scatter
                color: {by: cluster, cmap: Set2}
        output:
          formats: [png]

        """,
        "iterations": """
        # Figure 4 of the K-Means teaching app: twelve iterations of its hand-written k-means loop.
        # Each panel colours the points by their nearest centre and marks the centres used in that
        # iteration; the centres then move to the mean of their points.
        figure:
          size: [12, 16]
          dpi: 100
          style: whitegrid
          grid: [4, 3]            # rows, columns
        data:
          # The app's sidebar sliders: "Number of points per cluster" and "Cluster separation".
          blobs: {points_per_cluster: 50, centers: 3, separation: 2.0, seed: 42}
        clustering:
          lloyd_trace:
            iterations: 12
            # np.random.seed(42); column_stack((uniform(-10, 10, 3), uniform(-10, 5, 3)))
            initial_centers:
              uniform: {samples: 3, low: [-10, -10], high: [10, 5], seed: 42, fill: columns}
            frame_delay: 0.5      # the app's "Sleep interval" slider (a static figure ignores it)
            show_table: false     # the app's "Show cluster table" checkbox (adds the table to `clusterplot data`)
        panels:
          - facet: iteration      # one panel per iteration, filling the grid row by row
            title: "Iteration {iteration}"
            xlabel: x1
            ylabel: x2
            fontsize: {title: 8, labels: 8, ticks: 6, legend: 6}
            layers:
              - mark: scatter
                color: {by: cluster, colors: [red, green, blue]}
                split: cluster    # one series (and legend entry) per cluster
                label: "Cluster {cluster+1}"
                size: 5
              - {mark: centers, color: black, marker: x, size: 50, linewidth: 2}
        output:
          formats: [png]

        """,
        "elbow": """
        # Figure 5 of the K-Means teaching app: the elbow method.
        # Inertia of k-means for k = 1…9 on 300 points in three blobs.
        figure:
          size: [6.4, 4.8]
          dpi: 100
          style: whitegrid
        data:
          blobs: {samples: 300, centers: 3, std: 1.5, seed: 42}
        clustering:
          elbow: {k_min: 1, k_max: 9, seed: 42}
        panels:
          - title: Elbow Method for Optimal K
            xlabel: Number of Clusters (K)
            ylabel: Inertia
            # yscale: log   # inertia spanning decades reads well on a log axis
            # annotations: [{text: "elbow: k = {knee}", at: knee, offset: [40, 60]}]   # a note at the detected knee
            layers:
              - mark: line
                from: elbow
                marker: o
                mark_knee: false  # true draws a dashed line at the knee the sweep detects
        output:
          formats: [png]

        """,
        "csv": """
        # Your own data: cluster the customers in customers.csv (see make_customers.py) into five segments
        # on age, annual income and spending score, then plot income against score, with the elbow curve
        # that justifies k = 5 beside it.
        figure:
          size: [12, 4.8]
          dpi: 100
          style: whitegrid
          suptitle: Mall customers
        data:
          csv:
            file: customers.csv                       # relative to this config
            columns: [age, annual_income, spending_score]
        clustering:
          kmeans: {k: 5, seed: 0}
          elbow: {k_min: 1, k_max: 10, seed: 0}
        panels:
          - position: [0, 0]
            title: Customer segments (k-means, k = 5)
            xlabel: Annual income (k$)
            ylabel: Spending score (1–99)
            legend: {loc: best}
            layers:
              - mark: scatter
                x: annual_income
                y: spending_score
                color: {by: cluster, cmap: Set2}
                split: cluster
                label: "Segment {cluster+1}"
                alpha: 0.8
              - {mark: centers, x: annual_income, y: spending_score, color: black, marker: x, size: 80, linewidth: 2, label: Centres}
          - position: [0, 1]
            title: Elbow method
            xlabel: Number of clusters (k)
            ylabel: Inertia
            layers:
              - {mark: line, from: elbow, marker: o, mark_knee: true}
        output:
          formats: [png, pdf]

        """,
        "minimal": """
        # The smallest config: a data source and an analysis. `clusterplot data` prints the numbers;
        # `clusterplot render` draws a default scatter coloured by cluster with the centres marked.
        data:
          blobs: {samples: 1000, centers: 5, features: 3, std: 0.5, seed: 7}
        clustering:
          kmeans: {k: 5, seed: 7}

        """,
    ]
}
