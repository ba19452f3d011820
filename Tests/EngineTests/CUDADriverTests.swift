import XCTest
@testable import Engine

final class CUDADriverTests: XCTestCase {
    /// CI machines have no NVIDIA driver: the probe must say so in words, not crash.
    func testMissingDriverIsReportedWithTheReason() {
        guard case .unavailable(let why) = CUDADriver.probe(sonames: ["libcuda-studio-test-missing.so.1"]) else {
            return XCTFail("a missing driver library was reported as available")
        }
        XCTAssertTrue(why.reason.hasPrefix("cannot load libcuda-studio-test-missing.so.1"), why.reason)
    }

    /// A library that loads but is not the driver (no cuInit) is unavailable too, naming the symbol.
    func testALibraryWithoutTheDriverAPIIsUnavailable() {
        guard case .unavailable(let why) = CUDADriver.probe(sonames: ["libm.so.6"]) else {
            return XCTFail("libm was taken for the CUDA driver")
        }
        XCTAssertEqual(why.reason.prefix(22), "libm.so.6 has no cuIni")
    }

    func testTheDefaultProbeAnswersEitherWay() {
        switch CUDADriver.probe() {
        case .available(let gpus, let version):
            XCTAssertFalse(gpus.isEmpty)
            XCTAssertGreaterThan(version, 0)
            XCTAssertTrue(gpus[0].architecture.hasPrefix("sm_"))
        case .unavailable(let why):
            XCTAssertFalse(why.reason.isEmpty)
        }
    }

    func testArchitectureAndVersionText() {
        let gpu = CUDADriver.GPU(index: 0, name: "NVIDIA H200", computeCapability: (9, 0), totalMemoryBytes: 1 << 30)
        XCTAssertEqual(gpu.architecture, "sm_90")
        XCTAssertEqual(CUDADriver.versionText(12040), "12.4")
        XCTAssertEqual(CUDADriver.versionText(13000), "13.0")
    }
}
