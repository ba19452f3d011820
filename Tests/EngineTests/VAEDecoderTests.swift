import XCTest
@testable import Engine

/// The VAE decoder against the frames diffusers decoded from each fixture's final latents.
final class VAEDecoderTests: XCTestCase {
    func testDecodesFinalLatentsToDiffusersFrames() throws {
        for testCase in try Fixtures.pipelineCases() {
            let folder = try ModelFolder(url: Fixtures.checkpoint(testCase.checkpoint))
            let weights = try folder.weights("vae")
            let config = try folder.config(AutoencoderKLConfig.self, component: "vae")
            let decoder = try VAEDecoder(config: config, weights: weights)
            let reference = try Fixtures.reference("pipeline-\(testCase.name).safetensors")
            let latents = try reference.tensor("latents_\(testCase.settings.steps - 1)")
            let (c, f, h, w) = (latents.shape[1], latents.shape[2], latents.shape[3], latents.shape[4])
            let images = try decoder(latents.scaled(by: 1 / config.scalingFactor).reshaped([c, f, h, w]).permuted([1, 0, 2, 3]))
            XCTAssertEqual(images.shape, [f, config.outChannels, h * config.downscaleFactor, w * config.downscaleFactor])
            let frames = images.permuted([0, 2, 3, 1]).map { min(max($0 * 0.5 + 0.5, 0), 1) }
            assertClose(frames, try reference.tensor("frames"), absolute: 2e-3, "\(testCase.name) frames")
        }
    }
}
