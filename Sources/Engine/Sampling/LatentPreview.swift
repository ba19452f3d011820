/// A cheap look at latents without the VAE: a fixed linear map from 4 latent channels to RGB.
enum LatentPreview {
    /// Least-squares fit of Stable Diffusion 1.x/2.x VAE latents to RGB (the values other front ends use).
    static let factors: [[Float]] = [
        [0.3512, 0.2297, 0.3227],
        [0.3250, 0.4974, 0.2350],
        [-0.2829, 0.1762, 0.2721],
        [-0.2120, -0.2616, -0.7177],
    ]

    /// latents [1, C, F, h, w] (unscaled x̂0) → RGB bytes per frame.
    static func clip(from latents: Tensor) -> PreviewClip {
        let (channels, frames, height, width) = (latents.shape[1], latents.shape[2], latents.shape[3], latents.shape[4])
        let plane = height * width
        var rgb = [UInt8](repeating: 0, count: frames * plane * 3)
        let src = latents.pointer
        for f in 0..<frames {
            for p in 0..<plane {
                for colour in 0..<3 {
                    var value: Float = 0
                    for c in 0..<min(channels, factors.count) {
                        value += src[(c * frames + f) * plane + p] * factors[c][colour]
                    }
                    // Projected values span about [−1, 1].
                    rgb[(f * plane + p) * 3 + colour] = UInt8((min(max((value + 1) / 2, 0), 1) * 255).rounded())
                }
            }
        }
        return PreviewClip(frames: frames, width: width, height: height, rgb: rgb)
    }
}
