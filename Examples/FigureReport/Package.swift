// swift-tools-version:6.0
// An example package that uses ClusterPlot as a dependency: a library that draws an elbow figure
// with Plotting, and a test that checks it against a golden with ClusterPlotTesting.
import Foundation
import PackageDescription

// In your own package, depend on ClusterPlot by its git URL instead:
//     .package(url: "https://github.com/<owner>/ClusterPlot.git", from: "0.2.0")
// and name its products with the package identity "clusterplot" (the URL's last component, lowercased).
// Here it is the repository two folders up; a path dependency's identity is that folder's name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
let clusterPlot = root.lastPathComponent.lowercased()

let package = Package(
    name: "FigureReport",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "../..")],
    targets: [
        .target(name: "FigureReport", dependencies: [
            .product(name: "Plotting", package: clusterPlot),
            .product(name: "Clustering", package: clusterPlot),
        ]),
        .testTarget(name: "FigureReportTests", dependencies: [
            "FigureReport",
            .product(name: "ClusterPlotTesting", package: clusterPlot),
        ], exclude: ["__Goldens__"]),
    ]
)
