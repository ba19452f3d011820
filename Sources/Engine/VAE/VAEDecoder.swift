/// The AutoencoderKL decoder (with post_quant_conv): latents [N, 4, h, w] → images [N, 3, 8h, 8w] in about [−1, 1].
public struct VAEDecoder {
    public let config: AutoencoderKLConfig
    let postQuantConv: Conv2d?
    let convIn: Conv2d
    let midBlock: VAEMidBlock
    let upBlocks: [(resnets: [ResnetBlock2D], upsampler: Upsample2D?)]
    let convNormOut: GroupNorm
    let convOut: Conv2d

    public init(config: AutoencoderKLConfig, weights: ComponentWeights) throws {
        try config.validate()
        self.config = config
        let channels = config.blockOutChannels, groups = config.normNumGroups
        let latent = config.latentChannels
        postQuantConv = config.usePostQuantConv
            ? try Conv2d(weights, "post_quant_conv", inputs: latent, outputs: latent, kernel: 1) : nil
        let top = channels[channels.count - 1]
        convIn = try Conv2d(weights, "decoder.conv_in", inputs: latent, outputs: top, kernel: 3, padding: 1)
        midBlock = try VAEMidBlock(weights, "decoder.mid_block", channels: top, groups: groups,
                                   withAttention: config.midBlockAddAttention)
        let reversed = Array(channels.reversed())
        var output = reversed[0]
        upBlocks = try reversed.indices.map { i in
            let input = output
            output = reversed[i]
            let resnets = try (0...config.layersPerBlock).map { j in
                try ResnetBlock2D(weights, "decoder.up_blocks.\(i).resnets.\(j)", inputs: j == 0 ? input : output,
                                  outputs: output, timeEmbeddingWidth: nil, groups: groups, eps: 1e-6)
            }
            let upsampler = i == reversed.count - 1 ? nil
                : try Upsample2D(weights, "decoder.up_blocks.\(i).upsamplers.0", channels: output)
            return (resnets, upsampler)
        }
        convNormOut = try GroupNorm(weights, "decoder.conv_norm_out", groups: groups, channels: channels[0], eps: 1e-6)
        convOut = try Conv2d(weights, "decoder.conv_out", inputs: channels[0], outputs: config.outChannels, kernel: 3, padding: 1)
    }

    /// Decodes latents that are already divided by the scaling factor; `checkpoint` runs between blocks.
    public func callAsFunction(_ latents: Tensor, checkpoint: () throws -> Void = {}) rethrows -> Tensor {
        var h = postQuantConv.map { $0(latents) } ?? latents
        h = midBlock(convIn(h))
        for block in upBlocks {
            for resnet in block.resnets {
                try checkpoint()
                h = resnet(h)
            }
            try checkpoint()
            if let upsampler = block.upsampler { h = upsampler(h) }
        }
        return convOut(convNormOut(h, silu: true))
    }
}
