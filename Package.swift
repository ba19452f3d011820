// swift-tools-version:5.10
// studio: a terminal studio for text-to-video diffusion (ModelScope T2V) on the CPU.
import PackageDescription

let package = Package(
    name: "studio",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "studio", targets: ["Studio"]),
        // The engine alone (no terminal, no FFmpeg) for GPU machines: see docs/BENCHMARKS.md.
        .executable(name: "studio-engine", targets: ["StudioEngine"]),
        .library(name: "Engine", targets: ["Engine"]),
        .library(name: "TUI", targets: ["TUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // C libraries, each behind a system-library target found through pkg-config.
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses", pkgConfig: "ncursesw",
                       providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CFFmpeg", path: "Sources/CFFmpeg",
                       pkgConfig: "libavformat libavcodec libavfilter libavutil libswscale",
                       providers: [.apt(["libavformat-dev", "libavcodec-dev", "libavfilter-dev", "libswscale-dev"])]),
        .systemLibrary(name: "CSixel", path: "Sources/CSixel", pkgConfig: "libsixel",
                       providers: [.apt(["libsixel-dev"])]),

        .target(name: "Engine", dependencies: ["CBLAS"]),
        // Encoding, probing and clip metadata through FFmpeg, apart from the engine so that
        // studio-engine links neither FFmpeg nor ncurses.
        .target(name: "Media", dependencies: ["Engine", "CFFmpeg"]),
        .target(name: "TUI", dependencies: ["CNcurses", "CSixel", .product(name: "TOMLKit", package: "TOMLKit")]),
        .executableTarget(
            name: "Studio",
            dependencies: ["Engine", "Media", "TUI",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "TOMLKit", package: "TOMLKit")]),

        .executableTarget(
            name: "StudioEngine",
            dependencies: ["Engine", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // The preview's timing, run by tools/bench/preview.sh (make bench), never by the tests.
        .executableTarget(name: "PreviewBench", dependencies: ["TUI"], path: "tools/bench/PreviewBench"),
        // The sgemm peak beside which make bench reports the engine's GFLOP/s.
        .executableTarget(name: "GEMMBench", dependencies: ["Engine"], path: "tools/bench/GEMMBench"),
        // The engine's timed parts and their FLOP counts, for make bench.
        .executableTarget(name: "EngineBench", dependencies: ["Engine"], path: "tools/bench/EngineBench"),

        .testTarget(name: "EngineTests", dependencies: ["Engine"]),
        .testTarget(name: "MediaTests", dependencies: ["Media"]),
        .testTarget(name: "TUITests", dependencies: ["TUI"]),
        .testTarget(name: "StudioTests", dependencies: ["Studio"]),
    ]
)
