import XCTest
@testable import Engine

final class FLOPCountTests: XCTestCase {
    private var random = TestTensors(seed: 11)

    func testConvolutionCountsEveryTapOfTheDirectForm() {
        let x = random.tensor([2, 3, 5, 7])
        let weight = random.tensor([4, 3, 3, 3])
        // 3×3, padding 1 (the case Winograd takes over): 2 images × 4 outputs × 5·7 positions × 3·3·3 taps × 2.
        XCTAssertEqual(FLOPCount.measure { x.conv2d(weight, bias: nil, padding: 1) }.flops,
                       FLOPCount(convolution: 2 * 2 * 4 * 35 * 27))
        // Stride 2: (5 + 2 − 3)/2 + 1 = 3 rows, (7 + 2 − 3)/2 + 1 = 4 columns.
        XCTAssertEqual(FLOPCount.measure { x.conv2d(weight, bias: nil, stride: 2, padding: 1) }.flops.convolution,
                       2 * 2 * 4 * 12 * 27)
        // 1×1: one tap per input channel.
        XCTAssertEqual(FLOPCount.measure { x.conv2d(random.tensor([6, 3, 1, 1]), bias: nil) }.flops.convolution,
                       2 * 2 * 6 * 35 * 3)
    }

    func testTemporalConvolutionCountsThreeTapsForEveryFrame() {
        // [B=1, C=3, F=4, S=5] → 2 outputs: the edge frames' zero taps count, as in Conv3d (3,1,1) padding 1.
        let x = random.tensor([1, 3, 4, 5])
        let taps = (0..<3).map { _ in random.tensor([2, 3]) }
        XCTAssertEqual(FLOPCount.measure { x.temporalConv(taps: taps, bias: random.tensor([2])) }.flops,
                       FLOPCount(convolution: 2 * 2 * 4 * 5 * 3 * 3))
    }

    func testLinearAndMatmulCountTheirProducts() {
        let x = random.tensor([2, 3, 5])
        XCTAssertEqual(FLOPCount.measure { x.linear(random.tensor([7, 5]), bias: random.tensor([7])) }.flops,
                       FLOPCount(linear: 2 * 6 * 7 * 5))
        XCTAssertEqual(FLOPCount.measure { x.matmul(random.tensor([2, 5, 4])) }.flops, FLOPCount(linear: 2 * 2 * 3 * 4 * 5))
    }

    func testAttentionCountsScoresAndWeightedSumsOnBothPaths() {
        // Short sequences: 2 × 6 queries × 4 keys × width 8, once for q·kᵀ and once for weights·v.
        let short = FLOPCount.measure {
            AttentionKernel.scaledDotProduct(query: random.tensor([2, 6, 8]), key: random.tensor([2, 4, 8]),
                                             value: random.tensor([2, 4, 8]), heads: 2, causal: true)
        }
        XCTAssertEqual(short.flops, FLOPCount(attention: 2 * (2 * 6 * 4 * 8) * 2))
        // 80 × 64 scores take the tiled path.
        let tiled = FLOPCount.measure {
            AttentionKernel.scaledDotProduct(query: random.tensor([1, 80, 4]), key: random.tensor([1, 64, 4]),
                                             value: random.tensor([1, 64, 4]), heads: 1)
        }
        XCTAssertEqual(tiled.flops.attention, 2 * (2 * 80 * 64 * 4))
    }

    func testNestedMeasuresBothCountAndNothingCountsOutside() {
        let x = random.tensor([3, 4]), weight = random.tensor([5, 4])
        _ = x.linear(weight)
        let outer = FLOPCount.measure {
            _ = x.linear(weight)
            return FLOPCount.measure { x.linear(weight) }.flops
        }
        XCTAssertEqual(outer.result.linear, 2 * 3 * 5 * 4)
        XCTAssertEqual(outer.flops.linear, 2 * 2 * 3 * 5 * 4)
    }

    func testWorkOnAnotherThreadIsNotCounted() {
        let x = random.tensor([3, 4]), weight = random.tensor([5, 4])
        let counted = FLOPCount.measure {
            let other = Thread { _ = x.linear(weight) }
            other.start()
            while !other.isFinished { usleep(1_000) }
            return x.linear(weight)
        }
        XCTAssertEqual(counted.flops.linear, 2 * 3 * 5 * 4)
    }

    /// The tiny-a checkpoint counted against torch.utils.flop_counter on diffusers' and transformers' modules:
    /// `python tools/bench/torch_step.py --model Tests/Fixtures/checkpoints/tiny-a --frames 3 --size 16 --flops-only`
    /// printed text encoding 248864, unet step 34825472, vae decode 7133184 (torch 2.13.0, diffusers 0.42.1).
    func testTinyCheckpointMatchesTorchFlopCounter() throws {
        let pipeline = try TextToVideoPipeline(folder: Fixtures.checkpoint("tiny-a"))
        let text = try FLOPCount.measure { try pipeline.textEncoder(pipeline.tokenizer.encode("a red panda").ids) }
        XCTAssertEqual(text.flops.total, 248_864)
        // By hand, per layer of width 4, 77 tokens, MLP 16: q, k, v, out 4 × 2·77·4·4; scores and sums 4·77·77·4;
        // fc1 and fc2 2 × 2·77·4·16.
        XCTAssertEqual(text.flops, FLOPCount(linear: 2 * (4 * 2 * 77 * 4 * 4 + 2 * 2 * 77 * 4 * 16),
                                             attention: 2 * 4 * 77 * 77 * 4))

        let latents = random.tensor([2, 4, 3, 8, 8])
        let states = Tensor.concatBatch([text.result, text.result])
        let step = try FLOPCount.measure { try pipeline.unet(latents, timestep: 981, textStates: states) }
        // diffusers runs the timestep MLP (linear_1 8 → 32, linear_2 32 → 32) once per batch row; the engine
        // runs it once for the shared timestep: one row fewer, 2·(8·32 + 32·32) = 2,560 FLOPs less.
        XCTAssertEqual(step.flops.total, 34_825_472 - 2 * (8 * 32 + 32 * 32))
        let decode = try FLOPCount.measure { try pipeline.decoder(random.tensor([3, 4, 8, 8])) }
        XCTAssertEqual(decode.flops.total, 7_133_184)
    }
}
