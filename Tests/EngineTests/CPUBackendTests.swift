import XCTest
@testable import Engine

final class CPUBackendTests: XCTestCase {
    func testSplitTapsTakesEveryThirdValuePerFrameOffset() {
        // [O=2, I=2, 3, 1, 1]: value = 100·o + 10·i + tap.
        var values: [Float] = []
        for o in 0..<2 { for i in 0..<2 { for tap in 0..<3 { values.append(Float(100 * o + 10 * i + tap)) } } }
        let taps = CPUBackend.splitTaps(Parameter(Tensor(shape: [2, 2, 3, 1, 1], values: values)), channels: 2)
        XCTAssertEqual(taps.map { $0.shape }, [[2, 2], [2, 2], [2, 2]])
        XCTAssertEqual(taps[0].scalars, [0, 10, 100, 110])
        XCTAssertEqual(taps[2].scalars, [2, 12, 102, 112])
    }

    func testSplitTapsOfAWidenedKernelWidensItInBlocksOfRows() {
        // 3000 channels: blocks of 7 output rows (65,536 / 9,000), so 10 rows take two widenings.
        var r = TestTensors(seed: 4)
        let kernel = r.tensor([10, 3000, 3, 1, 1])
        let calls = WidenCalls()
        let widened = widenedCopy(of: kernel, recordingInto: calls)
        let taps = CPUBackend.splitTaps(widened, channels: 3000)
        let expected = CPUBackend.splitTaps(Parameter(kernel), channels: 3000)
        for tap in 0..<3 { XCTAssertEqual(taps[tap].scalars, expected[tap].scalars, "tap \(tap)") }
        XCTAssertEqual(calls.sorted, [0..<63_000, 63_000..<90_000])
    }

    func testTemporalConvFromTheCheckpointKernelEqualsTheTapForm() {
        // Two frames: the shifted taps (Winograd along frames pays from three frames on).
        var r = TestTensors(seed: 3)
        let x = r.tensor([2, 3, 2, 5]), kernel = r.tensor([6, 3, 3, 1, 1]), bias = r.tensor([6])
        let expected = x.temporalConv(taps: CPUBackend.splitTaps(Parameter(kernel), channels: 3), bias: bias)
        let y = x.temporalConv(kernel: Parameter(kernel), bias: bias)
        XCTAssertEqual(y.shape, [2, 6, 2, 5])
        XCTAssertEqual(y.scalars, expected.scalars)
    }

    func testTemporalConvOfFourFramesOrMoreGoesThroughWinogradAlongFrames() {
        var r = TestTensors(seed: 13)
        let x = r.tensor([2, 3, 9, 5]), kernel = r.tensor([6, 3, 3, 1, 1]), bias = r.tensor([6])
        let taps = x.temporalConv(taps: CPUBackend.splitTaps(Parameter(kernel), channels: 3), bias: bias)
        let y = x.temporalConv(kernel: Parameter(kernel), bias: bias)
        XCTAssertEqual(y.scalars, TemporalWinograd.convolve(x, kernel: Parameter(kernel), bias: bias).scalars)
        XCTAssertNotEqual(y.scalars, taps.scalars, "rounded differently from the taps, so not their path")
        XCTAssertLessThan(y.maxAbsDifference(taps), 1e-5)
    }

    func testUploadAndDownloadKeepTheSameStorage() {
        let x = Tensor(shape: [2], values: [1, 2])
        XCTAssertTrue(CPUBackend.shared.upload(x).storage === x.storage)
        XCTAssertTrue(CPUBackend.shared.download(x).storage === x.storage)
        XCTAssertNoThrow(try CPUBackend.shared.synchronize())
    }

    func testUnitPixelsMapsMinusOneToOneOntoZeroToOneAndClamps() {
        let y = CPUBackend.shared.unitPixels(Tensor(shape: [5], values: [-2, -1, 0, 1, 3]))
        XCTAssertEqual(y.scalars, [0, 0, 0.5, 1, 1])
    }
}
