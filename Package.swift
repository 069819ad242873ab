// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ghg-inventory",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "GHGCore", targets: ["GHGCore"]),
        .library(name: "GHGIO", targets: ["GHGIO"]),
        .executable(name: "ghg", targets: ["ghg"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // The x86 SHA-extension block function of SHA-256 (Swift cannot emit those instructions).
        .target(name: "CSHA256"),
        // The calculation core: no package dependencies and no Foundation.
        .target(name: "GHGCore", dependencies: ["CSHA256"]),
        // SVG charts for the reports: no package dependencies and no Foundation.
        .target(name: "GHGCharts"),
        // Reading and writing project folders, factor sets and outputs; reports rendered with swift-mustache.
        .target(name: "GHGIO", dependencies: ["GHGCore", "GHGCharts",
                                              .product(name: "Mustache", package: "swift-mustache")]),
        // The command line: parse options, call one library function, print diagnostics.
        .executableTarget(
            name: "ghg",
            dependencies: ["GHGCore", "GHGIO", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // A release-mode benchmark: `swift run -c release ghg-bench`.
        .executableTarget(name: "ghg-bench", dependencies: ["GHGCore", "GHGIO"]),
        // Shared test helpers: the repository root, test projects, one approximate equality, golden files.
        .target(name: "GHGTestSupport", dependencies: ["GHGCore", "GHGIO"], path: "Tests/GHGTestSupport"),
        .testTarget(name: "GHGCoreTests", dependencies: ["GHGCore", "GHGTestSupport"]),
        .testTarget(name: "GHGIOTests", dependencies: ["GHGCore", "GHGIO", "GHGTestSupport"],
                    exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "ghgTests", dependencies: ["ghg", "GHGCore", "GHGIO", "GHGTestSupport"]),
        .testTarget(name: "GHGChartsTests", dependencies: ["GHGCharts"]),
    ],
    swiftLanguageModes: [.v6]
)
