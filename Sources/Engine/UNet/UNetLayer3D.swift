/// One layer of a 3-D UNet block, in diffusers' order: resnet → temp_conv → attention → temp_attention
/// (the two transformers only in CrossAttn blocks).
struct UNetLayer3D {
    let resnet: ResnetBlock2D
    let tempConv: TemporalConvLayer
    let attention: Transformer2DModel?
    let tempAttention: TransformerTemporalModel?

    init(_ weights: ComponentWeights, block prefix: String, index j: Int, inputs: Int, outputs: Int,
         crossAttention: Bool, config: UNet3DConfig, timeEmbeddingWidth: Int) throws {
        let groups = config.normNumGroups
        resnet = try ResnetBlock2D(weights, "\(prefix).resnets.\(j)", inputs: inputs, outputs: outputs,
                                   timeEmbeddingWidth: timeEmbeddingWidth, groups: groups, eps: config.normEps)
        tempConv = try TemporalConvLayer(weights, "\(prefix).temp_convs.\(j)", channels: outputs, groups: groups)
        if crossAttention {
            // diffusers builds these with (channels / head_dim) heads of head_dim each.
            let headDim = config.attentionHeadDim
            let heads = outputs / headDim
            guard heads > 0 else {
                throw ModelError.invalidStructure("\(prefix): \(outputs) channels with attention_head_dim \(headDim)")
            }
            attention = try Transformer2DModel(weights, "\(prefix).attentions.\(j)", channels: outputs, heads: heads,
                                               headDim: headDim, contextWidth: config.crossAttentionDim, groups: groups)
            tempAttention = try TransformerTemporalModel(weights, "\(prefix).temp_attentions.\(j)", channels: outputs,
                                                         heads: heads, headDim: headDim, groups: groups)
        } else {
            attention = nil
            tempAttention = nil
        }
    }

    /// `checkpoint` runs between the four parts, so a cancellation lands within a fraction of a second
    /// even at full size. x may hold one video that stands for every text of `context` (the shared start
    /// of a guided step, see UNet3DConditionModel): the resnet and temporal convolution, which do not
    /// read the text, then run once, and the result is repeated for every text before the attention.
    func callAsFunction(_ x: Tensor, timeEmbedding: Tensor, context: Tensor, frames: Int,
                        checkpoint: () throws -> Void) throws -> Tensor {
        let images = timeEmbedding.shape[0]
        var h = try FLOPCount.shared(copies: images / x.shape[0]) {
            // Every row of the time embedding is the same timestep's.
            let mixed = resnet(x, timeEmbedding: x.shape[0] == images ? timeEmbedding : timeEmbedding.items(0..<x.shape[0]))
            try checkpoint()
            return tempConv(mixed, frames: frames)
        }.repeatingVideos(toImages: images)
        if let attention, let tempAttention {
            try checkpoint()
            h = try attention(h, context: context, checkpoint: checkpoint)
            try checkpoint()
            h = try tempAttention(h, frames: frames, checkpoint: checkpoint)
        }
        return h
    }
}
