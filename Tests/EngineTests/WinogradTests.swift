import XCTest
@testable import Engine

final class WinogradTests: XCTestCase {
    /// Winograd against the im2col GEMM path (itself checked against the definition in
    /// TensorConvolutionTests). F(4,3) in float32 loses a few bits to its transform weights (up to
    /// ±8, and 1/24 in G), so the bound is relative to the output's scale: 1e-5 of the largest |y|
    /// (96 channels measured 5.7e-6), where a wrong tile, crop or position would be off by the whole scale.
    private func assertMatchesDirect(images: Int, channels: Int, outputs: Int, height: Int, width: Int,
                                     bias: Bool = true, bufferFloats: Int = Winograd.bufferFloats,
                                     seed: UInt64, file: StaticString = #filePath, line: UInt = #line) {
        var random = TestTensors(seed: seed)
        let x = random.tensor([images, channels, height, width])
        let w = random.tensor([outputs, channels, 3, 3], scale: 0.2)
        let b = bias ? random.tensor([outputs]) : nil
        let expected = x.im2colConv2d(w, bias: b, stride: 1, padding: (1, 1, 1, 1))
        let actual = Winograd.convolve(x, weight: Parameter(w), bias: b, bufferFloats: bufferFloats)
        XCTAssertEqual(actual.shape, expected.shape, file: file, line: line)
        let scale = expected.maxAbs()
        XCTAssertGreaterThan(scale, 0.1, file: file, line: line)
        XCTAssertLessThanOrEqual(actual.maxAbsDifference(expected), 1e-5 * scale,
                                 "\(images)×\(channels)→\(outputs) at \(height)×\(width)", file: file, line: line)
    }

    func testOddPlaneSizesCropPartialTiles() {
        assertMatchesDirect(images: 2, channels: 3, outputs: 5, height: 7, width: 5, seed: 1)
        assertMatchesDirect(images: 1, channels: 2, outputs: 3, height: 9, width: 13, seed: 2)
    }

    func testSinglePixelAndFourByFourPlanes() {
        assertMatchesDirect(images: 3, channels: 4, outputs: 2, height: 1, width: 1, seed: 3)
        assertMatchesDirect(images: 4, channels: 8, outputs: 6, height: 4, width: 4, seed: 4)
    }

    func testManyChannelsWithoutBias() {
        assertMatchesDirect(images: 2, channels: 96, outputs: 80, height: 16, width: 12, bias: false, seed: 5)
    }

    func testChunksCrossImageAndTileBoundaries() {
        // 36 × 8 channels × 5 tiles per chunk: chunks of 5 tiles split the 3 × 3 tiles of each image.
        assertMatchesDirect(images: 3, channels: 8, outputs: 6, height: 11, width: 10,
                            bufferFloats: 36 * 8 * 5, seed: 6)
    }

    func testRowsOfEightTilesOrMoreWithChunksInsideThem() {
        // 45 wide: 12 tiles a row (eight at a time, then four one by one, the last cropped); chunks of 11
        // tiles start and end inside rows, so the eight-tile loop also starts at odd columns.
        assertMatchesDirect(images: 2, channels: 3, outputs: 4, height: 10, width: 45, seed: 7)
        assertMatchesDirect(images: 2, channels: 3, outputs: 4, height: 10, width: 45,
                            bufferFloats: 36 * 4 * 11, seed: 8)
        assertMatchesDirect(images: 1, channels: 5, outputs: 2, height: 33, width: 32, seed: 9)
    }

    func testAWidenedKernelIsTransformedBlockByBlockAsTheResidentOne() {
        // 72 × 64 = 4608 kernels: one block of 4096 and one of 512, each widened once.
        var random = TestTensors(seed: 12)
        let weight = random.tensor([72, 64, 3, 3])
        let calls = WidenCalls()
        let widened = widenedCopy(of: weight, recordingInto: calls)
        XCTAssertEqual(Winograd.transformWeight(widened).scalars, Winograd.transformWeight(Parameter(weight)).scalars)
        XCTAssertEqual(calls.sorted, [0..<36_864, 36_864..<41_472])
    }

    func testTransformedWeightOfACentredImpulseIsItsKernelTransform() {
        // A kernel with a single 1 at the centre: U = G·e₁·Gᵀ is the outer product of G's middle column.
        let weight = Tensor(shape: [1, 1, 3, 3], values: [0, 0, 0, 0, 1, 0, 0, 0, 0])
        let transformed = Winograd.transformWeight(Parameter(weight))
        let middle: [Float] = [0, -1.0 / 6, 1.0 / 6, 1.0 / 12, -1.0 / 12, 0]
        for row in 0..<6 {
            for column in 0..<6 {
                XCTAssertEqual(transformed.pointer[row * 6 + column], middle[row] * middle[column], accuracy: 1e-7)
            }
        }
    }
}
