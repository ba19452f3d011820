import XCTest
@testable import Engine

final class DeviceChoiceTests: XCTestCase {
    private let missing: () throws(BackendUnavailable) -> any Backend = { () throws(BackendUnavailable) -> any Backend in
        throw BackendUnavailable(reason: "cannot load libcuda.so.1")
    }

    func testCPUNeverAsksForTheGPU() throws {
        let (backend, fallback) = try DeviceChoice.cpu.resolve(cudaBackend: missing)
        XCTAssertTrue(backend === CPUBackend.shared)
        XCTAssertNil(fallback)
    }

    func testAutoFallsBackToTheCPUAndSaysWhy() throws {
        let (backend, fallback) = try DeviceChoice.auto.resolve(cudaBackend: missing)
        XCTAssertTrue(backend === CPUBackend.shared)
        XCTAssertEqual(fallback, "no usable GPU (cannot load libcuda.so.1); running on the CPU")
    }

    func testCUDAThrowsTheReasonInsteadOfFallingBack() {
        XCTAssertThrowsError(try DeviceChoice.cuda.resolve(cudaBackend: missing)) { error in
            XCTAssertEqual((error as? BackendUnavailable)?.reason, "cannot load libcuda.so.1")
        }
    }

    func testNamesAreTheCommandLineWords() {
        XCTAssertEqual(DeviceChoice.allCases.map(\.rawValue), ["auto", "cpu", "cuda"])
        XCTAssertEqual(DeviceChoice(rawValue: "cuda"), .cuda)
    }
}
