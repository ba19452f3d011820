import XCTest
@testable import Engine

/// The whole pipeline against diffusers' TextToVideoSDPipeline on the committed tiny checkpoints.
final class TextToVideoPipelineTests: XCTestCase {
    private var pipelines: [String: TextToVideoPipeline] = [:]

    private func pipeline(_ checkpoint: String) throws -> TextToVideoPipeline {
        if let cached = pipelines[checkpoint] { return cached }
        let loaded = try TextToVideoPipeline(folder: Fixtures.checkpoint(checkpoint))
        pipelines[checkpoint] = loaded
        return loaded
    }

    func testEveryPipelineCaseMatchesDiffusers() throws {
        let cases = try Fixtures.pipelineCases()
        XCTAssertGreaterThanOrEqual(cases.count, 8)
        for testCase in cases {
            let reference = try Fixtures.reference("pipeline-\(testCase.name).safetensors")
            let pipe = try pipeline(testCase.checkpoint)
            var steps = 0
            var previews = 0
            let clip = try pipe.generate(testCase.settings) { event in
                switch event {
                case .step: steps += 1
                case .preview: previews += 1
                default: break
                }
            }
            XCTAssertEqual(steps, testCase.settings.steps, testCase.name)
            XCTAssertEqual(previews, testCase.settings.steps, testCase.name)
            assertClose(clip.frames, try reference.tensor("frames"), absolute: 2e-3, "\(testCase.name) frames")
        }
    }

    func testInitialLatentsAndTextStatesMatch() throws {
        for testCase in try Fixtures.pipelineCases() {
            let reference = try Fixtures.reference("pipeline-\(testCase.name).safetensors")
            let pipe = try pipeline(testCase.checkpoint)
            let s = testCase.settings
            let latents = pipe.initialLatents(seed: s.seed, frames: s.frames, height: s.height!, width: s.width!)
            XCTAssertEqual(latents.scalars, try reference.tensor("init_latents").scalars, "\(testCase.name) init latents")
            let states = Tensor.concatBatch([try pipe.encode(s.negativePrompt ?? ""), try pipe.encode(s.prompt)])
            assertClose(states, try reference.tensor("prompt_embeds"), relative: 1e-4, "\(testCase.name) prompt embeds")
        }
    }

    func testFirstUNetOutputAndEveryStep() throws {
        for testCase in try Fixtures.pipelineCases() {
            let reference = try Fixtures.reference("pipeline-\(testCase.name).safetensors")
            let pipe = try pipeline(testCase.checkpoint)
            let s = testCase.settings
            let states = try reference.tensor("prompt_embeds")
            var latents = try reference.tensor("init_latents")
            var scheduler = try SamplerKind(rawValue: s.sampler)!.makeScheduler(config: pipe.schedulerConfig, steps: s.steps)
            for (i, t) in scheduler.timesteps.enumerated() {
                let output = try pipe.unet(Tensor.concatBatch([latents, latents]), timestep: Float(t), textStates: states)
                if i == 0 { assertClose(output, try reference.tensor("unet_out_0"), relative: 1e-3, "\(testCase.name) unet_out_0") }
                let step = scheduler.step(modelOutput: TextToVideoPipeline.guide(output, scale: s.guidance), timestep: t, sample: latents)
                latents = step.previousSample
                // Compare, then continue from the reference so errors do not compound between steps.
                let expected = try reference.tensor("latents_\(i)")
                assertClose(latents, expected, relative: 1e-3, "\(testCase.name) latents after step \(i)")
                latents = expected
            }
            assertClose(try pipe.decode(latents), try reference.tensor("frames"), absolute: 2e-3, "\(testCase.name) decoded frames")
        }
    }

    /// The shipped model, with its real (trained) weights: same frames as diffusers, step by step.
    func testBundledDemoModelMatchesDiffusers() throws {
        guard let c = try Fixtures.json("demo-parity.json") as? [String: Any] else { return XCTFail("demo-parity.json") }
        let reference = try Fixtures.reference("demo-parity.safetensors")
        let settings = GenerationSettings(prompt: c["prompt"] as! String, seed: UInt64(c["seed"] as! Int), steps: c["steps"] as! Int,
                                          guidance: Float(c["guidance"] as! Double), frames: c["frames"] as! Int,
                                          width: c["width"] as? Int, height: c["height"] as? Int, sampler: c["scheduler"] as! String)
        let pipe = try TextToVideoPipeline(folder: Fixtures.demoModel)
        XCTAssertFalse(pipe.folder.isRandomWeights)
        let states = Tensor.concatBatch([try pipe.encode(""), try pipe.encode(settings.prompt)])
        assertClose(states, try reference.tensor("prompt_embeds"), relative: 1e-4, "demo prompt embeds")
        var steps = 0
        let clip = try pipe.generate(settings) { event in
            if case .step = event { steps += 1 }
        }
        XCTAssertEqual(steps, settings.steps)
        // Same tolerance as the tiny checkpoints' cases: frames in [0, 1], float32 on both sides.
        assertClose(clip.frames, try reference.tensor("frames"), absolute: 2e-3, "demo frames")
    }

    func testCancellationStopsAGeneration() throws {
        let testCase = try XCTUnwrap(Fixtures.pipelineCases().first)
        let token = CancellationToken()
        token.cancel()
        XCTAssertThrowsError(try pipeline(testCase.checkpoint).generate(testCase.settings, cancellation: token)) { error in
            XCTAssertEqual(error as? ModelError, .cancelled)
        }
    }

    func testCancellingDuringAStepStopsBeforeTheNext() throws {
        let testCase = try XCTUnwrap(Fixtures.pipelineCases().first)
        let token = CancellationToken()
        var steps = 0
        XCTAssertThrowsError(try pipeline(testCase.checkpoint).generate(testCase.settings, cancellation: token) { event in
            if case .step = event {
                steps += 1
                token.cancel()
            }
        }) { XCTAssertEqual($0 as? ModelError, .cancelled) }
        XCTAssertEqual(steps, 1)
    }

    func testBadSettingsAreRejectedBeforeWork() throws {
        let pipe = try pipeline("tiny-a")
        var settings = GenerationSettings(prompt: "x", seed: 1, steps: 1, frames: 1, width: 30, height: 32)
        XCTAssertThrowsError(try pipe.generate(settings))
        settings.width = 32
        settings.sampler = "euler"
        XCTAssertThrowsError(try pipe.generate(settings)) { XCTAssertTrue("\($0)".contains("euler")) }
    }
}
