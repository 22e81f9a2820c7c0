// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ClusterPlot",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Plotting", targets: ["Plotting"]),
        .library(name: "Clustering", targets: ["Clustering"]),
        .library(name: "FigureConfig", targets: ["FigureConfig"]),
        .library(name: "Gallery", targets: ["Gallery"]),
        .library(name: "VisualDiff", targets: ["VisualDiff"]),
        .library(name: "Handout", targets: ["Handout"]),
        .library(name: "ClusterPlotTesting", targets: ["ClusterPlotTesting"]),
        .executable(name: "clusterplot", targets: ["clusterplot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System libraries (headers and link flags through pkg-config; apt names for a missing package).
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo-ft",
            providers: [.apt(["libcairo2-dev", "libfreetype-dev", "libfontconfig-dev"])]
        ),
        .systemLibrary(
            name: "CLibPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        .systemLibrary(
            name: "CLibDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        .systemLibrary(
            name: "CGif",
            pkgConfig: "libgif",
            providers: [.apt(["libgif-dev"])]
        ),
        // Small C target that owns libpng's setjmp/longjmp error handling (and a libdeflate fast
        // path for decoding the common 8-bit RGB/RGBA case).
        .target(name: "CPNG", dependencies: ["CLibPNG", "CLibDeflate"], linkerSettings: [.linkedLibrary("z"), .linkedLibrary("pthread")]),

        .target(name: "Plotting", dependencies: ["CCairo", "CPNG", "CGif", "LargeArrays"]),
        .target(name: "LargeArrays"),
        .target(name: "Clustering", dependencies: ["LargeArrays"]),
        .target(name: "FigureConfig", dependencies: ["Plotting", "LargeArrays", .product(name: "Yams", package: "Yams")]),
        .target(name: "Gallery", dependencies: ["Plotting", "Clustering", "FigureConfig"]),
        .target(name: "VisualDiff", dependencies: ["Plotting", "LargeArrays"]),
        .target(name: "Handout", dependencies: ["Plotting", "FigureConfig", "Gallery"]),
        // XCTest helpers for users' own suites: assertFigureMatchesGolden (README "Testing your figures").
        .target(name: "ClusterPlotTesting", dependencies: ["Plotting", "VisualDiff"]),
        .executableTarget(
            name: "clusterplot",
            dependencies: [
                "Plotting", "Clustering", "FigureConfig", "Gallery", "VisualDiff", "Handout",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "cpbench",
            dependencies: ["Plotting", "Clustering", "Gallery", "VisualDiff"],
            path: "Benchmarks/cpbench"
        ),

        .testTarget(name: "PlottingTests", dependencies: ["Plotting"]),
        .testTarget(name: "ClusteringTests", dependencies: ["Clustering"], resources: []),
        .testTarget(name: "FigureConfigTests", dependencies: ["FigureConfig"]),
        .testTarget(name: "GalleryTests", dependencies: ["Gallery"], exclude: ["Malformed"]),
        .testTarget(name: "VisualDiffTests", dependencies: ["VisualDiff"]),
        .testTarget(name: "HandoutTests", dependencies: ["Handout", "Gallery", "Clustering"], exclude: ["Malformed"]),
        .testTarget(name: "CLITests", dependencies: ["clusterplot"], exclude: ["Corpus"]),
        .testTarget(name: "SchemaTests", dependencies: ["Gallery"]),
        .testTarget(name: "ClusterPlotTestingTests", dependencies: ["ClusterPlotTesting", "Plotting"], exclude: ["__Goldens__"]),
    ]
)

// libFuzzer targets (docs/fuzzing.md), declared only when CLUSTERPLOT_FUZZ=1 (`make fuzz`): they
// need -sanitize=fuzzer to link, so an ordinary build must not see them.
if Context.environment["CLUSTERPLOT_FUZZ"] == "1" {
    package.targets += [
        .executableTarget(name: "FuzzConfig", dependencies: ["FigureConfig", "Gallery"], path: "Fuzz/FuzzConfig"),
        .executableTarget(name: "FuzzCSV", dependencies: ["FigureConfig"], path: "Fuzz/FuzzCSV"),
        .executableTarget(name: "FuzzDocument", dependencies: ["FigureConfig", "Handout"], path: "Fuzz/FuzzDocument"),
        .executableTarget(name: "FuzzPNG", dependencies: ["Plotting"], path: "Fuzz/FuzzPNG"),
    ]
}
