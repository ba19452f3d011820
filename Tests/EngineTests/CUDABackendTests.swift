import Foundation
import XCTest
@testable import Engine

/// CI has no GPU: these check that the backend says why it cannot start rather than crash. On a GPU
/// machine the default libraries load and the backend's results are compared with the CPU backend's
/// by `studio-engine compare` (docs/BENCHMARKS.md).
final class CUDABackendTests: XCTestCase {
    private let cache = KernelCache(folder: FileManager.default.temporaryDirectory.appendingPathComponent("studio-kernels-test"))

    func testMissingDriverMakesTheBackendUnavailableWithTheReason() {
        XCTAssertThrowsError(try CUDABackend(device: 0, cache: cache, driverSonames: ["libcuda-studio-test-missing.so.1"],
                                             nvrtcSonames: CUDALibraries.nvrtcSonames,
                                             cublasSonames: CUDALibraries.cublasSonames)) { error in
            let reason = (error as? BackendUnavailable)?.reason ?? ""
            XCTAssertTrue(reason.hasPrefix("cannot load libcuda-studio-test-missing.so.1"), reason)
        }
    }

    /// Whatever this machine has, the public initialiser either gives a working backend or a reason.
    func testTheDefaultBackendStartsOrSaysWhy() {
        do {
            let backend = try CUDABackend(cache: cache)
            XCTAssertTrue(backend.gpu.architecture.hasPrefix("sm_"))
            XCTAssertEqual(backend.kernelOrigin.architecture, backend.gpu.architecture)
        } catch {
            XCTAssertFalse(error.reason.isEmpty)
        }
    }

    func testLibrariesWithoutTheAPIAreNamedBySymbol() {
        XCTAssertThrowsError(try CUDALibraries(driverSonames: ["libm.so.6"], nvrtcSonames: ["libm.so.6"],
                                               cublasSonames: ["libm.so.6"])) { error in
            XCTAssertEqual((error as? BackendUnavailable)?.reason.prefix(22), "libm.so.6 has no cuIni")
        }
    }

    /// The backend looks kernels up by these names after loading the module: each must be declared once.
    func testKernelSourceNamesEveryKernelItDeclares() {
        for name in CUDAKernelSource.kernelNames {
            XCTAssertTrue(CUDAKernelSource.source.contains("extern \"C\" __global__ void \(name)("), name)
        }
        let declared = CUDAKernelSource.source.components(separatedBy: "extern \"C\" __global__ void ").count - 1
        XCTAssertEqual(declared, CUDAKernelSource.kernelNames.count)
    }
}
