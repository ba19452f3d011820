/// diffusers' Transformer2DModel with linear projections (`attentions.*`, the spatial transformer):
/// per image, GroupNorm, pixels as tokens, one BasicTransformerBlock with cross-attention to the text.
struct Transformer2DModel {
    let norm: GroupNorm
    let projIn: Linear
    let block: BasicTransformerBlock
    let projOut: Linear

    init(_ weights: ComponentWeights, _ prefix: String, channels: Int, heads: Int, headDim: Int,
         contextWidth: Int, groups: Int) throws {
        let inner = heads * headDim
        norm = try GroupNorm(weights, "\(prefix).norm", groups: groups, channels: channels, eps: 1e-6)
        projIn = try Linear(weights, "\(prefix).proj_in", inputs: channels, outputs: inner)
        block = try BasicTransformerBlock(weights, "\(prefix).transformer_blocks.0", width: inner,
                                          heads: heads, headDim: headDim, contextWidth: contextWidth)
        projOut = try Linear(weights, "\(prefix).proj_out", inputs: inner, outputs: channels)
    }

    /// x: [N, C, H, W]; context: [B, tokens, contextWidth] with B dividing N: one text per video, whose
    /// N/B frames follow one another.
    func callAsFunction(_ x: Tensor, context: Tensor, checkpoint: () throws -> Void = {}) rethrows -> Tensor {
        let (images, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let tokens = norm(x).reshaped([images, channels, height * width]).permuted([0, 2, 1])
        let transformed = projOut(try block(projIn(tokens), context: context, checkpoint: checkpoint))
        let output = transformed.permuted([0, 2, 1]).reshaped([images, channels, height, width])
        output.addInPlace(x)
        return output
    }
}
