/// diffusers' BasicTransformerBlock: pre-LayerNorm self-attention, a second attention (cross-attention to
/// the text, or self-attention again in temporal blocks), and a GEGLU feed-forward, each residual.
struct BasicTransformerBlock {
    let norm1: LayerNorm
    let attn1: Attention
    let norm2: LayerNorm
    let attn2: Attention
    let norm3: LayerNorm
    let ff: FeedForward

    /// `contextWidth` nil makes attn2 a second self-attention (`double_self_attention`).
    init(_ weights: ComponentWeights, _ prefix: String, width: Int, heads: Int, headDim: Int, contextWidth: Int?) throws {
        norm1 = try LayerNorm(weights, "\(prefix).norm1", width: width, eps: 1e-5)
        attn1 = try Attention(weights, "\(prefix).attn1", queryWidth: width, contextWidth: nil, heads: heads, headDim: headDim)
        norm2 = try LayerNorm(weights, "\(prefix).norm2", width: width, eps: 1e-5)
        attn2 = try Attention(weights, "\(prefix).attn2", queryWidth: width, contextWidth: contextWidth, heads: heads, headDim: headDim)
        norm3 = try LayerNorm(weights, "\(prefix).norm3", width: width, eps: 1e-5)
        ff = try FeedForward(weights, "\(prefix).ff", width: width)
    }

    /// `checkpoint` runs between the three sub-layers (cancellation at full size).
    func callAsFunction(_ x: Tensor, context: Tensor? = nil, checkpoint: () throws -> Void = {}) rethrows -> Tensor {
        var h = attn1(norm1(x))
        h.addInPlace(x)
        let afterSelf = h
        try checkpoint()
        h = attn2(norm2(afterSelf), context: context)
        h.addInPlace(afterSelf)
        let afterCross = h
        try checkpoint()
        h = ff(norm3(afterCross))
        h.addInPlace(afterCross)
        return h
    }
}
