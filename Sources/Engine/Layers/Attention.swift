/// diffusers' `Attention` (to_q/to_k/to_v/to_out.0): multi-head attention whose keys and values come
/// from the context when one is given (cross-attention) and from the input otherwise.
struct Attention {
    let heads: Int
    let toQ: Linear
    let toK: Linear
    let toV: Linear
    let toOut: Linear

    /// - Parameters:
    ///   - contextWidth: the width of the context (text states) for cross-attention; nil for self-attention.
    ///   - projectionBias: whether q/k/v carry biases (false in the UNet, true in the VAE).
    init(_ weights: ComponentWeights, _ prefix: String, queryWidth: Int, contextWidth: Int?,
         heads: Int, headDim: Int, projectionBias: Bool = false) throws {
        let inner = heads * headDim
        self.heads = heads
        toQ = try Linear(weights, "\(prefix).to_q", inputs: queryWidth, outputs: inner, bias: projectionBias)
        toK = try Linear(weights, "\(prefix).to_k", inputs: contextWidth ?? queryWidth, outputs: inner, bias: projectionBias)
        toV = try Linear(weights, "\(prefix).to_v", inputs: contextWidth ?? queryWidth, outputs: inner, bias: projectionBias)
        toOut = try Linear(weights, "\(prefix).to_out.0", inputs: inner, outputs: queryWidth)
    }

    /// x: [B, L, width]; context: [B, Lc, contextWidth] or nil.
    func callAsFunction(_ x: Tensor, context: Tensor? = nil) -> Tensor {
        let source = context ?? x
        let attended = Tensor.attention(query: toQ(x), key: toK(source), value: toV(source), heads: heads)
        return toOut(attended)
    }
}
