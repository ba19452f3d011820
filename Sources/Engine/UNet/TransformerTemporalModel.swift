/// diffusers' TransformerTemporalModel (`transformer_in`, `temp_attentions.*`): each pixel's sequence of
/// frames attends to itself twice (no text), after a GroupNorm that spans all frames of the video.
struct TransformerTemporalModel {
    let norm: GroupNorm
    let projIn: Linear
    let block: BasicTransformerBlock
    let projOut: Linear

    init(_ weights: ComponentWeights, _ prefix: String, channels: Int, heads: Int, headDim: Int, groups: Int) throws {
        let inner = heads * headDim
        norm = try GroupNorm(weights, "\(prefix).norm", groups: groups, channels: channels, eps: 1e-6)
        projIn = try Linear(weights, "\(prefix).proj_in", inputs: channels, outputs: inner)
        block = try BasicTransformerBlock(weights, "\(prefix).transformer_blocks.0", width: inner,
                                          heads: heads, headDim: headDim, contextWidth: nil)
        projOut = try Linear(weights, "\(prefix).proj_out", inputs: inner, outputs: channels)
    }

    /// x: [B·F, C, H, W] → same shape.
    func callAsFunction(_ x: Tensor, frames: Int, checkpoint: () throws -> Void = {}) rethrows -> Tensor {
        let (images, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let videos = images / frames
        let pixels = height * width
        // [B, F, C, S] → [B, C, F, S] for the video-wide GroupNorm, then [B, S, F, C]: one sequence per pixel.
        let video = x.reshaped([videos, frames, channels, pixels]).permuted([0, 2, 1, 3])
        let sequences = norm(video).permuted([0, 3, 2, 1]).reshaped([videos * pixels, frames, channels])
        let transformed = projOut(try block(projIn(sequences), checkpoint: checkpoint))
        let output = transformed.reshaped([videos, pixels, frames, channels]).permuted([0, 2, 3, 1])
            .reshaped([images, channels, height, width])
        output.addInPlace(x)
        return output
    }
}
