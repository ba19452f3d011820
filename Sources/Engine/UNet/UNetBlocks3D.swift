/// The UNet3D's down, mid and up blocks (CrossAttnDownBlock3D / DownBlock3D, UNetMidBlock3DCrossAttn,
/// CrossAttnUpBlock3D / UpBlock3D), named as the checkpoint's `down_blocks.i`, `mid_block`, `up_blocks.i`.
struct DownBlock3D {
    let layers: [UNetLayer3D]
    let downsampler: Downsample2D?

    /// Runs the block and returns its output plus the skips it leaves for the up path.
    func callAsFunction(_ x: Tensor, timeEmbedding: Tensor, context: Tensor, frames: Int,
                        checkpoint: () throws -> Void) throws -> (Tensor, [Tensor]) {
        var h = x
        var skips: [Tensor] = []
        for layer in layers {
            try checkpoint()
            h = try layer(h, timeEmbedding: timeEmbedding, context: context, frames: frames, checkpoint: checkpoint)
            skips.append(h)
        }
        if let downsampler {
            h = downsampler(h)
            skips.append(h)
        }
        return (h, skips)
    }
}

struct MidBlock3D {
    let resnet0: ResnetBlock2D
    let tempConv0: TemporalConvLayer
    let attention: Transformer2DModel
    let tempAttention: TransformerTemporalModel
    let resnet1: ResnetBlock2D
    let tempConv1: TemporalConvLayer

    init(_ weights: ComponentWeights, channels: Int, config: UNet3DConfig, timeEmbeddingWidth: Int) throws {
        let p = "mid_block", groups = config.normNumGroups
        let heads = channels / config.attentionHeadDim
        resnet0 = try ResnetBlock2D(weights, "\(p).resnets.0", inputs: channels, outputs: channels,
                                    timeEmbeddingWidth: timeEmbeddingWidth, groups: groups, eps: config.normEps)
        tempConv0 = try TemporalConvLayer(weights, "\(p).temp_convs.0", channels: channels, groups: groups)
        attention = try Transformer2DModel(weights, "\(p).attentions.0", channels: channels, heads: heads,
                                           headDim: config.attentionHeadDim, contextWidth: config.crossAttentionDim, groups: groups)
        tempAttention = try TransformerTemporalModel(weights, "\(p).temp_attentions.0", channels: channels, heads: heads,
                                                     headDim: config.attentionHeadDim, groups: groups)
        resnet1 = try ResnetBlock2D(weights, "\(p).resnets.1", inputs: channels, outputs: channels,
                                    timeEmbeddingWidth: timeEmbeddingWidth, groups: groups, eps: config.normEps)
        tempConv1 = try TemporalConvLayer(weights, "\(p).temp_convs.1", channels: channels, groups: groups)
    }

    func callAsFunction(_ x: Tensor, timeEmbedding: Tensor, context: Tensor, frames: Int,
                        checkpoint: () throws -> Void) throws -> Tensor {
        var h = tempConv0(resnet0(x, timeEmbedding: timeEmbedding), frames: frames)
        try checkpoint()
        h = try attention(h, context: context, checkpoint: checkpoint)
        h = try tempAttention(h, frames: frames, checkpoint: checkpoint)
        try checkpoint()
        return tempConv1(resnet1(h, timeEmbedding: timeEmbedding), frames: frames)
    }
}

struct UpBlock3D {
    let layers: [UNetLayer3D]
    let upsampler: Upsample2D?

    /// `skips` are consumed from the end, one per layer, each concatenated after the running tensor.
    func callAsFunction(_ x: Tensor, skips: inout [Tensor], timeEmbedding: Tensor, context: Tensor, frames: Int,
                        upsampleSize: (height: Int, width: Int)?, checkpoint: () throws -> Void) throws -> Tensor {
        var h = x
        for layer in layers {
            try checkpoint()
            let skip = skips.removeLast()
            h = try layer(Tensor.concatChannels([h, skip]), timeEmbedding: timeEmbedding, context: context,
                          frames: frames, checkpoint: checkpoint)
        }
        if let upsampler { h = upsampler(h, size: upsampleSize) }
        return h
    }
}
