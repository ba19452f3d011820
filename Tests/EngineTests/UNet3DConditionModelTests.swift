import XCTest
@testable import Engine

/// The UNet alone against diffusers' first UNet call in each pipeline fixture.
final class UNet3DConditionModelTests: XCTestCase {
    private func caseTimesteps() throws -> [String: [Int]] {
        let root = try XCTUnwrap(Fixtures.json("pipeline-cases.json") as? [String: Any])
        let cases = try XCTUnwrap(root["cases"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: cases.map { ($0["name"] as! String, $0["timesteps"] as! [Int]) })
    }

    func testFirstCallMatchesDiffusersOnBothCheckpoints() throws {
        var models: [String: UNet3DConditionModel] = [:]
        let timesteps = try caseTimesteps()
        for testCase in try Fixtures.pipelineCases() {
            if models[testCase.checkpoint] == nil {
                let folder = try ModelFolder(url: Fixtures.checkpoint(testCase.checkpoint))
                let weights = try folder.weights("unet")
                models[testCase.checkpoint] = try UNet3DConditionModel(config: folder.config(UNet3DConfig.self, component: "unet"), weights: weights)
                try weights.finish()
            }
            let reference = try Fixtures.reference("pipeline-\(testCase.name).safetensors")
            let latents = try reference.tensor("init_latents")
            let t = try XCTUnwrap(timesteps[testCase.name]?.first)
            let output = try models[testCase.checkpoint]!(Tensor.concatBatch([latents, latents]), timestep: Float(t),
                                                          textStates: reference.tensor("prompt_embeds"))
            XCTAssertEqual(output.shape, [2] + Array(latents.shape.dropFirst()))
            assertClose(output, try reference.tensor("unet_out_0"), relative: 1e-3, "\(testCase.name) unet_out_0")
            // The latents once for both texts (as the pipeline guides): the layers before the text run once.
            let shared = try models[testCase.checkpoint]!(latents, timestep: Float(t), textStates: reference.tensor("prompt_embeds"))
            XCTAssertEqual(shared.shape, output.shape)
            assertClose(shared, try reference.tensor("unet_out_0"), relative: 1e-3, "\(testCase.name) unet_out_0, one sample")
        }
    }

    func testASampleOfBatchOneNeedsTextsOfAnyBatchAndOtherMismatchesAreRejected() throws {
        let folder = try ModelFolder(url: Fixtures.checkpoint("tiny-a"))
        let model = try UNet3DConditionModel(config: folder.config(UNet3DConfig.self, component: "unet"),
                                             weights: folder.weights("unet"))
        var r = TestTensors(seed: 8)
        let width = model.config.crossAttentionDim
        let sample = r.tensor([2, model.config.inChannels, 2, 8, 8])
        XCTAssertThrowsError(try model(sample, timestep: 10, textStates: r.tensor([3, 77, width]))) { error in
            XCTAssertTrue("\(error)".contains("batch 2"), "\(error)")
        }
        let one = try model(sample.items(0..<1), timestep: 10, textStates: r.tensor([3, 77, width]))
        XCTAssertEqual(one.shape, [3, model.config.inChannels, 2, 8, 8])
    }

    func testMissingTensorIsNamed() throws {
        let folder = try ModelFolder(url: Fixtures.checkpoint("tiny-a"))
        var config = try folder.config(UNet3DConfig.self, component: "unet")
        config.layersPerBlock += 1
        XCTAssertThrowsError(try UNet3DConditionModel(config: config, weights: folder.weights("unet"))) { error in
            XCTAssertTrue("\(error)".contains("resnets"), "\(error)")
        }
    }

    func testUnsupportedBlockTypeIsRejected() throws {
        let folder = try ModelFolder(url: Fixtures.checkpoint("tiny-a"))
        var config = try folder.config(UNet3DConfig.self, component: "unet")
        config.downBlockTypes[0] = "CrossAttnDownBlock2D"
        XCTAssertThrowsError(try UNet3DConditionModel(config: config, weights: folder.weights("unet"))) { error in
            XCTAssertEqual(error as? ModelError, .invalidStructure("unet down block type CrossAttnDownBlock2D"))
        }
    }
}
