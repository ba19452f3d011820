/// diffusers' UNet3DConditionModel: predicts the noise in video latents [B, C, F, h, w] given a timestep
/// and text states. Every size comes from `unet/config.json`.
public struct UNet3DConditionModel {
    public let config: UNet3DConfig
    let timeEmbedding: TimestepEmbedding
    let convIn: Conv2d
    let transformerIn: TransformerTemporalModel
    let downBlocks: [DownBlock3D]
    let midBlock: MidBlock3D
    let upBlocks: [UpBlock3D]
    let convNormOut: GroupNorm
    let convOut: Conv2d

    public init(config: UNet3DConfig, weights: ComponentWeights) throws {
        try config.validate()
        self.config = config
        let channels = config.blockOutChannels
        let timeWidth = channels[0] * 4
        let groups = config.normNumGroups
        timeEmbedding = try TimestepEmbedding(weights, "time_embedding", projectionWidth: channels[0], width: timeWidth)
        convIn = try Conv2d(weights, "conv_in", inputs: config.inChannels, outputs: channels[0], kernel: 3, padding: 1)
        // transformer_in always has 8 heads of attention_head_dim (diffusers hard-codes the 8).
        transformerIn = try TransformerTemporalModel(weights, "transformer_in", channels: channels[0], heads: 8,
                                                     headDim: config.attentionHeadDim, groups: groups)
        var down: [DownBlock3D] = []
        var output = channels[0]
        for (i, type) in config.downBlockTypes.enumerated() {
            let input = output
            output = channels[i]
            let layers = try (0..<config.layersPerBlock).map { j in
                try UNetLayer3D(weights, block: "down_blocks.\(i)", index: j, inputs: j == 0 ? input : output,
                                outputs: output, crossAttention: type == "CrossAttnDownBlock3D",
                                config: config, timeEmbeddingWidth: timeWidth)
            }
            let isFinal = i == channels.count - 1
            let downsampler = isFinal ? nil
                : try Downsample2D(weights, "down_blocks.\(i).downsamplers.0", channels: output, padding: config.downsamplePadding)
            down.append(DownBlock3D(layers: layers, downsampler: downsampler))
        }
        downBlocks = down
        midBlock = try MidBlock3D(weights, channels: channels[channels.count - 1], config: config, timeEmbeddingWidth: timeWidth)

        var up: [UpBlock3D] = []
        let reversed = Array(channels.reversed())
        output = reversed[0]
        for (i, type) in config.upBlockTypes.enumerated() {
            let previousOutput = output
            output = reversed[i]
            let input = reversed[min(i + 1, channels.count - 1)]
            let layerCount = config.layersPerBlock + 1
            let layers = try (0..<layerCount).map { j in
                let skipChannels = j == layerCount - 1 ? input : output
                let resnetInput = (j == 0 ? previousOutput : output) + skipChannels
                return try UNetLayer3D(weights, block: "up_blocks.\(i)", index: j, inputs: resnetInput, outputs: output,
                                       crossAttention: type == "CrossAttnUpBlock3D", config: config, timeEmbeddingWidth: timeWidth)
            }
            let isFinal = i == channels.count - 1
            let upsampler = isFinal ? nil : try Upsample2D(weights, "up_blocks.\(i).upsamplers.0", channels: output)
            up.append(UpBlock3D(layers: layers, upsampler: upsampler))
        }
        upBlocks = up
        convNormOut = try GroupNorm(weights, "conv_norm_out", groups: groups, channels: channels[0], eps: config.normEps)
        convOut = try Conv2d(weights, "conv_out", inputs: channels[0], outputs: config.outChannels, kernel: 3, padding: 1)
    }

    /// Predicts the noise for `sample` [B, C, F, h, w] at `timestep`, with text states [B, tokens, width].
    /// A sample of batch 1 with B > 1 text states stands for B copies of it (classifier-free guidance runs
    /// the same latents with each text): the layers before the first that reads the text then run once
    /// for all B, and the result still has batch B.
    /// `checkpoint` runs between the parts of every layer so that a cancellation takes effect quickly.
    public func callAsFunction(_ sample: Tensor, timestep: Float, textStates: Tensor,
                               checkpoint: () throws -> Void = {}) throws -> Tensor {
        guard sample.rank == 5, sample.shape[1] == config.inChannels else {
            throw ModelError.invalidInput("unet sample shape \(sample.shape), expected [B, \(config.inChannels), F, h, w]")
        }
        let (samples, frames, height, width) = (sample.shape[0], sample.shape[2], sample.shape[3], sample.shape[4])
        let batch = textStates.rank == 3 ? textStates.shape[0] : 0
        guard textStates.rank == 3, batch == samples || (samples == 1 && batch > 1),
              textStates.shape[2] == config.crossAttentionDim else {
            throw ModelError.invalidInput("text states \(textStates.shape) for a sample of batch \(samples), "
                                          + "width \(config.crossAttentionDim)")
        }
        let images = batch * frames
        let upsamplers = upBlocks.filter { $0.upsampler != nil }.count
        let factor = 1 << upsamplers
        let forwardUpsampleSize = height % factor != 0 || width % factor != 0

        let timeStates = timeEmbedding(timestep: timestep, rows: images, on: sample.backend).silu()
        // One text per video, shared by its frames: cross-attention projects it once per video.
        let context = textStates
        var h = try FLOPCount.shared(copies: batch / samples) {
            let projected = convIn(sample.permuted([0, 2, 1, 3, 4]).reshaped([samples * frames, config.inChannels, height, width]))
            try checkpoint()
            return try transformerIn(projected, frames: frames, checkpoint: checkpoint)
        }
        // The first layer takes h as it is and repeats it for every text where the text is first read.
        var skips = [h.repeatingVideos(toImages: images)]
        for block in downBlocks {
            let (next, blockSkips) = try block(h, timeEmbedding: timeStates, context: context, frames: frames, checkpoint: checkpoint)
            h = next
            skips += blockSkips
        }
        try checkpoint()
        h = try midBlock(h, timeEmbedding: timeStates, context: context, frames: frames, checkpoint: checkpoint)
        for (i, block) in upBlocks.enumerated() {
            let isFinal = i == upBlocks.count - 1
            var upsampleSize: (height: Int, width: Int)?
            if !isFinal && forwardUpsampleSize {
                let target = skips[skips.count - block.layers.count - 1]
                upsampleSize = (target.shape[2], target.shape[3])
            }
            h = try block(h, skips: &skips, timeEmbedding: timeStates, context: context, frames: frames,
                          upsampleSize: upsampleSize, checkpoint: checkpoint)
        }
        h = convOut(convNormOut(h, silu: true))
        return h.reshaped([batch, frames, config.outChannels, height, width]).permuted([0, 2, 1, 3, 4])
    }
}

extension Tensor {
    /// [F, ...] images of one video → the video repeated to [images, ...] (itself when it has them all):
    /// the shared part of a guided step handed to the layers that run once per text.
    func repeatingVideos(toImages images: Int) -> Tensor {
        guard shape[0] != images else { return self }
        precondition(images % shape[0] == 0, "repeating \(shape[0]) images to \(images)")
        return Tensor.concatBatch(Array(repeating: self, count: images / shape[0]))
    }
}
