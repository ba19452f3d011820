import Foundation
import XCTest
@testable import Engine

final class KernelCacheTests: XCTestCase {
    private let source = "extern \"C\" __global__ void scale(float *x, float a) { x[threadIdx.x] *= a; }"

    func testKeyChangesWithEveryInput() {
        let base = KernelCache.key(source: source, architecture: "sm_90", compilerVersion: "12.4", options: ["--use_fast_math"])
        XCTAssertEqual(base.count, 64)
        XCTAssertEqual(base, KernelCache.key(source: source, architecture: "sm_90", compilerVersion: "12.4", options: ["--use_fast_math"]))
        let variants = [
            KernelCache.key(source: source + " ", architecture: "sm_90", compilerVersion: "12.4", options: ["--use_fast_math"]),
            KernelCache.key(source: source, architecture: "sm_89", compilerVersion: "12.4", options: ["--use_fast_math"]),
            KernelCache.key(source: source, architecture: "sm_90", compilerVersion: "12.5", options: ["--use_fast_math"]),
            KernelCache.key(source: source, architecture: "sm_90", compilerVersion: "12.4", options: []),
        ]
        for variant in variants { XCTAssertNotEqual(variant, base) }
        XCTAssertEqual(Set(variants).count, variants.count)
    }

    /// Length prefixes keep ("ab", "c") and ("a", "bc") apart.
    func testKeyPartsDoNotRunTogether() {
        XCTAssertNotEqual(KernelCache.key(source: "x", architecture: "sm_9", compilerVersion: "0", options: []),
                          KernelCache.key(source: "x", architecture: "sm_90", compilerVersion: "", options: []))
    }

    func testFolderFollowsXDGCacheHome() {
        XCTAssertEqual(KernelCache.defaultFolder(environment: ["XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"]).path,
                       "/x/cache/studio/kernels")
        XCTAssertEqual(KernelCache.defaultFolder(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"]).path,
                       "/home/u/.cache/studio/kernels")
    }

    func testStoreThenLoadByArchitectureAndKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kernel-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = KernelCache(folder: folder)
        let key = KernelCache.key(source: source, architecture: "sm_90", compilerVersion: "12.4", options: [])
        XCTAssertNil(cache.load(key: key, architecture: "sm_90"))
        try cache.store(Data([1, 2, 3]), key: key, architecture: "sm_90")
        XCTAssertEqual(cache.load(key: key, architecture: "sm_90"), Data([1, 2, 3]))
        XCTAssertNil(cache.load(key: key, architecture: "sm_80"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("sm_90").path)
        XCTAssertEqual(leftovers, ["\(key).cubin"])
    }

    func testUnwritableCacheSaysWhere() throws {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("kernel-cache-file-\(UUID().uuidString)")
        try Data("not a folder".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        XCTAssertThrowsError(try KernelCache(folder: blocker).store(Data([1]), key: "k", architecture: "sm_90")) { error in
            XCTAssertTrue("\(error)".contains("cannot write the kernel cache at \(blocker.path)/sm_90"), "\(error)")
        }
    }
}
