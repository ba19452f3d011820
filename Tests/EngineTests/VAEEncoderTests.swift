import XCTest
@testable import Engine

/// The VAE encoder against diffusers' `vae.encode(images).latent_dist.mean`.
final class VAEEncoderTests: XCTestCase {
    func testLatentMeanMatchesDiffusers() throws {
        for checkpoint in ["tiny-a", "tiny-b"] {
            let folder = try ModelFolder(url: Fixtures.checkpoint(checkpoint))
            let weights = try folder.weights("vae")
            let encoder = try VAEEncoder(config: folder.config(AutoencoderKLConfig.self, component: "vae"), weights: weights)
            let reference = try Fixtures.reference("vae_encode-\(checkpoint).safetensors")
            let mean = encoder(try reference.tensor("images"))
            assertClose(mean, try reference.tensor("latent_mean"), relative: 1e-4, "\(checkpoint) latent mean")
        }
    }
}
