/// The AutoencoderKL encoder (with quant_conv): images [N, 3, H, W] in [−1, 1] → the latent
/// distribution's mean [N, 4, H/8, W/8], for video-to-video. Multiply by the scaling factor to get latents.
public struct VAEEncoder {
    public let config: AutoencoderKLConfig
    let convIn: Conv2d
    let downBlocks: [(resnets: [ResnetBlock2D], downsampler: Downsample2D?)]
    let midBlock: VAEMidBlock
    let convNormOut: GroupNorm
    let convOut: Conv2d
    let quantConv: Conv2d?

    public init(config: AutoencoderKLConfig, weights: ComponentWeights) throws {
        try config.validate()
        self.config = config
        let channels = config.blockOutChannels, groups = config.normNumGroups
        convIn = try Conv2d(weights, "encoder.conv_in", inputs: config.inChannels, outputs: channels[0], kernel: 3, padding: 1)
        var output = channels[0]
        downBlocks = try channels.indices.map { i in
            let input = output
            output = channels[i]
            let resnets = try (0..<config.layersPerBlock).map { j in
                try ResnetBlock2D(weights, "encoder.down_blocks.\(i).resnets.\(j)", inputs: j == 0 ? input : output,
                                  outputs: output, timeEmbeddingWidth: nil, groups: groups, eps: 1e-6)
            }
            let downsampler = i == channels.count - 1 ? nil
                : try Downsample2D(weights, "encoder.down_blocks.\(i).downsamplers.0", channels: output, padding: 0)
            return (resnets, downsampler)
        }
        let top = channels[channels.count - 1]
        midBlock = try VAEMidBlock(weights, "encoder.mid_block", channels: top, groups: groups,
                                   withAttention: config.midBlockAddAttention)
        convNormOut = try GroupNorm(weights, "encoder.conv_norm_out", groups: groups, channels: top, eps: 1e-6)
        let moments = 2 * config.latentChannels
        convOut = try Conv2d(weights, "encoder.conv_out", inputs: top, outputs: moments, kernel: 3, padding: 1)
        quantConv = config.useQuantConv ? try Conv2d(weights, "quant_conv", inputs: moments, outputs: moments, kernel: 1) : nil
    }

    /// The mean of the latent distribution (the first half of the moments).
    public func callAsFunction(_ images: Tensor) -> Tensor {
        var h = convIn(images)
        for block in downBlocks {
            for resnet in block.resnets { h = resnet(h) }
            if let downsampler = block.downsampler { h = downsampler(h) }
        }
        h = convOut(convNormOut(midBlock(h), silu: true))
        if let quantConv { h = quantConv(h) }
        return h.channels(0..<config.latentChannels)
    }
}
