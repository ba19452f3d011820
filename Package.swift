// swift-tools-version:5.10
// studio: a terminal studio for text-to-video diffusion (ModelScope T2V) on the CPU.
import PackageDescription
import Foundation

/// Whether the Engine target is compiled for x86-64-v3 (Haswell and later: AVX2, FMA, F16C), which the
/// engine's own loops gain from. Off on other architectures, when the building CPU lacks those
/// instructions, and when STUDIO_PORTABLE=1 asks for a build that runs on any x86-64 (`make build
/// PORTABLE=1`). A v3 build started on an older CPU stops with one line (Sources/CEngineCPU/CPUCheck.c).
let engineTargetsX86_64_v3: Bool = {
    #if arch(x86_64) && os(Linux)
    if ProcessInfo.processInfo.environment["STUDIO_PORTABLE"] == "1" { return false }
    guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
    let flags = Set(flagsLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" }).map(String.init))
    return ["avx", "avx2", "fma", "f16c", "bmi1", "bmi2", "movbe", "abm", "popcnt", "sse4_2"].allSatisfy(flags.contains)
    #else
    return false
    #endif
}()

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

        // The engine's C helpers (CPU check, F16C widening, OpenBLAS thread policy), built for any x86-64.
        .target(name: "CEngineCPU",
                cSettings: engineTargetsX86_64_v3 ? [.define("ENGINE_REQUIRES_X86_64_V3")] : []),
        .target(name: "Engine", dependencies: ["CBLAS", "CEngineCPU"],
                swiftSettings: engineTargetsX86_64_v3 ? [.unsafeFlags(["-target-cpu", "haswell"])] : []),
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
