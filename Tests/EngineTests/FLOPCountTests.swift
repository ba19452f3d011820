import XCTest
@testable import Engine

final class FLOPCountTests: XCTestCase {
    private var random = TestTensors(seed: 11)

    func testConvolutionCountsEveryTapOfTheDirectForm() {
        let x = random.tensor([2, 3, 5, 7])
        let weight = Parameter(random.tensor([4, 3, 3, 3]))
        // 3×3, padding 1 (the case Winograd takes over): 2 images × 4 outputs × 5·7 positions × 3·3·3 taps × 2.
        XCTAssertEqual(FLOPCount.measure { x.conv2d(weight, bias: nil, padding: 1) }.flops,
                       FLOPCount(convolution: 2 * 2 * 4 * 35 * 27))
        // Stride 2: (5 + 2 − 3)/2 + 1 = 3 rows, (7 + 2 − 3)/2 + 1 = 4 columns.
        XCTAssertEqual(FLOPCount.measure { x.conv2d(weight, bias: nil, stride: 2, padding: 1) }.flops.convolution,
                       2 * 2 * 4 * 12 * 27)
        // Asymmetric padding (the VAE encoder's downsampler): (5 + 1 − 3)/2 + 1 = 2 rows, (7 + 1 − 3)/2 + 1 = 3 columns.
        XCTAssertEqual(FLOPCount.measure { x.conv2d(weight, bias: nil, stride: 2, padding: (0, 1, 0, 1)) }
                        .flops.convolution, 2 * 2 * 4 * 6 * 27)
        // 1×1: one tap per input channel.
        let pointwise = Parameter(random.tensor([6, 3, 1, 1]))
        XCTAssertEqual(FLOPCount.measure { x.conv2d(pointwise, bias: nil) }.flops.convolution, 2 * 2 * 6 * 35 * 3)
    }

    func testTemporalConvolutionCountsThreeTapsForEveryFrame() {
        // [B=1, C=3, F=4, S=5] → 2 outputs: the edge frames' zero taps count, as in Conv3d (3,1,1) padding 1.
        let x = random.tensor([1, 3, 4, 5])
        let kernel = Parameter(random.tensor([2, 3, 3, 1, 1]))
        XCTAssertEqual(FLOPCount.measure { x.temporalConv(kernel: kernel, bias: random.tensor([2])) }.flops,
                       FLOPCount(convolution: 2 * 2 * 4 * 5 * 3 * 3))
    }

    func testLinearCountsItsProduct() {
        let x = random.tensor([2, 3, 5])
        let counted = FLOPCount.measure { x.linear(Parameter(random.tensor([7, 5])), bias: random.tensor([7])) }
        XCTAssertEqual(counted.flops, FLOPCount(linear: 2 * 6 * 7 * 5))
    }

    func testAttentionCountsScoresAndWeightedSumsOnBothPaths() {
        // Short sequences: 2 × 6 queries × 4 keys × width 8, once for q·kᵀ and once for weights·v.
        let short = FLOPCount.measure {
            Tensor.attention(query: random.tensor([2, 6, 8]), key: random.tensor([2, 4, 8]),
                             value: random.tensor([2, 4, 8]), heads: 2, causal: true)
        }
        XCTAssertEqual(short.flops, FLOPCount(attention: 2 * (2 * 6 * 4 * 8) * 2))
        // 80 × 64 scores take the tiled path.
        let tiled = FLOPCount.measure {
            Tensor.attention(query: random.tensor([1, 80, 4]), key: random.tensor([1, 64, 4]),
                             value: random.tensor([1, 64, 4]), heads: 1)
        }
        XCTAssertEqual(tiled.flops.attention, 2 * (2 * 80 * 64 * 4))
    }

    func testNestedMeasuresBothCountAndNothingCountsOutside() {
        let x = random.tensor([3, 4]), weight = Parameter(random.tensor([5, 4]))
        _ = x.linear(weight)
        let outer = FLOPCount.measure {
            _ = x.linear(weight)
            return FLOPCount.measure { x.linear(weight) }.flops
        }
        XCTAssertEqual(outer.result.linear, 2 * 3 * 5 * 4)
        XCTAssertEqual(outer.flops.linear, 2 * 2 * 3 * 5 * 4)
    }

    func testSharedWorkAndSharedInputsCountAsTheDirectComputation() {
        let x = random.tensor([3, 4]), weight = Parameter(random.tensor([5, 4]))
        let shared = FLOPCount.measure { FLOPCount.shared(copies: 3) { _ = x.linear(weight) } }
        XCTAssertEqual(shared.flops, FLOPCount(linear: 3 * 2 * 3 * 5 * 4))
        let once = FLOPCount.measure { FLOPCount.shared(copies: 1) { _ = x.linear(weight) } }
        XCTAssertEqual(once.flops, FLOPCount(linear: 2 * 3 * 5 * 4))
        let counted = FLOPCount.measure { x.linear(weight, countedAs: 4) }
        XCTAssertEqual(counted.result.shape, [3, 5])
        XCTAssertEqual(counted.flops, FLOPCount(linear: 4 * 2 * 3 * 5 * 4))
    }

    func testWorkOnAnotherThreadIsNotCounted() {
        let x = random.tensor([3, 4]), weight = Parameter(random.tensor([5, 4]))
        let counted = FLOPCount.measure {
            let other = Thread { _ = x.linear(weight) }
            other.start()
            while !other.isFinished { usleep(1_000) }
            return x.linear(weight)
        }
        XCTAssertEqual(counted.flops.linear, 2 * 3 * 5 * 4)
    }

    /// The engine's count of whole models against torch.utils.flop_counter on diffusers' and transformers' modules,
    /// `python tools/bench/torch_step.py --model Tests/Fixtures/checkpoints/NAME --frames 3 --size S --flops-only`
    /// (torch 2.13.0, diffusers 0.42.1): tiny-a (cross-attention blocks only) at 16 px, tiny-b (with the plain
    /// DownBlock3D and UpBlock3D of the full model) at 32 px.
    func testTinyCheckpointsMatchTorchFlopCounter() throws {
        let references: [(checkpoint: String, size: Int, text: Int, step: Int, decode: Int)] = [
            ("tiny-a", 16, 248_864, 34_825_472, 7_133_184),
            ("tiny-b", 32, 593_208, 75_285_632, 43_229_184),
        ]
        for reference in references {
            let pipeline = try TextToVideoPipeline(folder: Fixtures.checkpoint(reference.checkpoint))
            let text = try FLOPCount.measure { try pipeline.textEncoder(pipeline.tokenizer.encode("a red panda").ids) }
            XCTAssertEqual(text.flops.total, reference.text, reference.checkpoint)

            let latents = pipeline.initialLatents(seed: 0, frames: 3, height: reference.size, width: reference.size)
            let states = Tensor.concatBatch([text.result, text.result])
            let step = try FLOPCount.measure {
                try pipeline.unet(Tensor.concatBatch([latents, latents]), timestep: 981, textStates: states)
            }
            // diffusers runs the timestep MLP (linear_1 c → 4c, linear_2 4c → 4c) for each of the 2 batch rows;
            // the engine runs it once for the shared timestep.
            let c = pipeline.unet.config.blockOutChannels[0]
            XCTAssertEqual(step.flops.total, reference.step - 2 * (c * 4 * c + 4 * c * 4 * c), reference.checkpoint)
            // One sample for both texts computes the start of the step once and counts it for both.
            let shared = try FLOPCount.measure { try pipeline.unet(latents, timestep: 981, textStates: states) }
            XCTAssertEqual(shared.flops, step.flops, reference.checkpoint)

            let decode = try FLOPCount.measure { try pipeline.decode(latents) }
            XCTAssertEqual(decode.flops.total, reference.decode, reference.checkpoint)
        }
    }

    /// Hand arithmetic for tiny-a's text encoder (width 4, 2 heads, 2 layers, MLP 16, 77 tokens): per layer
    /// q, k, v and out projections 4 × 2·77·4·4, fc1 and fc2 2 × 2·77·4·16, scores and sums 2 × 2·77·77·4.
    func testTextEncoderCountIsTheHandArithmetic() throws {
        let pipeline = try TextToVideoPipeline(folder: Fixtures.checkpoint("tiny-a"))
        let text = try FLOPCount.measure { try pipeline.textEncoder(pipeline.tokenizer.encode("").ids) }
        XCTAssertEqual(text.flops, FLOPCount(linear: 2 * (4 * 2 * 77 * 4 * 4 + 2 * 2 * 77 * 4 * 16),
                                             attention: 2 * (2 * 2 * 77 * 77 * 4)))
    }
}
