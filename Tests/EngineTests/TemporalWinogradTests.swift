import XCTest
@testable import Engine

final class TemporalWinogradTests: XCTestCase {
    /// Against the three shifted taps (the direct form), within float32 rounding.
    private func assertMatchesTaps(batch: Int, channels: Int, outputs: Int, frames: Int, spatial: Int,
                                   bufferFloats: Int = Winograd.bufferFloats, seed: UInt64,
                                   file: StaticString = #filePath, line: UInt = #line) {
        var r = TestTensors(seed: seed)
        let x = r.tensor([batch, channels, frames, spatial]), kernel = r.tensor([outputs, channels, 3, 1, 1])
        let bias = r.tensor([outputs])
        let expected = x.temporalConv(taps: CPUBackend.splitTaps(Parameter(kernel), channels: channels), bias: bias)
        let y = TemporalWinograd.convolve(x, kernel: Parameter(kernel), bias: bias, bufferFloats: bufferFloats)
        XCTAssertEqual(y.shape, expected.shape, file: file, line: line)
        XCTAssertLessThan(y.maxAbsDifference(expected), 2e-6 * Float(channels * 3), "\(frames) frames × \(spatial)",
                          file: file, line: line)
    }

    func testWholeTilesOfFourFramesWithVectorAndOddPixelCounts() {
        assertMatchesTaps(batch: 2, channels: 5, outputs: 7, frames: 16, spatial: 16, seed: 1)
        assertMatchesTaps(batch: 1, channels: 3, outputs: 4, frames: 8, spatial: 13, seed: 2)
        assertMatchesTaps(batch: 2, channels: 64, outputs: 32, frames: 4, spatial: 1, seed: 3)
    }

    func testAPartialLastTileKeepsOnlyTheFramesOfTheVideo() {
        for (frames, seed) in [(3, 4), (5, 5), (6, 6), (7, 7)] as [(Int, UInt64)] {
            assertMatchesTaps(batch: 2, channels: 4, outputs: 3, frames: frames, spatial: 9, seed: seed)
        }
    }

    func testChunksCrossVideoAndTileBoundaries() {
        // 6 × 4 channels × 8 pixels: one unit (four frames of one video) per chunk, then three.
        assertMatchesTaps(batch: 3, channels: 4, outputs: 4, frames: 10, spatial: 8, bufferFloats: 6 * 4 * 8, seed: 8)
        assertMatchesTaps(batch: 3, channels: 4, outputs: 4, frames: 10, spatial: 8, bufferFloats: 6 * 4 * 8 * 3, seed: 9)
    }

    func testItIsChosenOnlyWhereItDoesLessWork() {
        XCTAssertEqual((1...17).filter { TemporalWinograd.suits(frames: $0) }, Array(3...17))
    }

    func testAWidenedKernelIsTransformedBlockByBlockAsTheResidentOne() {
        // 70 × 64 = 4480 channel pairs: one task of 4096 and one of 384, each widened once.
        var random = TestTensors(seed: 12)
        let kernel = random.tensor([70, 64, 3, 1, 1])
        let calls = WidenCalls()
        let widened = widenedCopy(of: kernel, recordingInto: calls)
        let resident = TemporalWinograd.transformKernel(Parameter(kernel), channels: 64)
        XCTAssertEqual(TemporalWinograd.transformKernel(widened, channels: 64).scalars, resident.scalars)
        XCTAssertEqual(calls.sorted, [0..<12_288, 12_288..<13_440])
        // Position 5 of G is the last tap alone.
        XCTAssertEqual(resident.pointer[5 * 70 * 64 + 1], kernel.pointer[1 * 3 + 2])
    }
}
