/// diffusers' `Attention` (to_q/to_k/to_v/to_out.0): multi-head attention whose keys and values come
/// from the context when one is given (cross-attention) and from the input otherwise.
///
/// The projections run stacked: self-attention as one GEMM with [Wq; Wk; Wv], cross-attention as q alone
/// and one GEMM with [Wk; Wv] on the context. The attention reads q, k and v as column blocks of those
/// outputs (no copies), and a context item shared by several query items (one text for every frame)
/// is projected once.
struct Attention {
    let heads: Int
    let inner: Int
    /// Self-attention: [q | k | v] from the input.
    let toQKV: Linear?
    /// Cross-attention: q from the input, [k | v] from the context.
    let toQ: Linear?
    let toKV: Linear?
    let toOut: Linear

    /// - Parameters:
    ///   - contextWidth: the width of the context (text states) for cross-attention; nil for self-attention.
    ///   - projectionBias: whether q/k/v carry biases (false in the UNet, true in the VAE).
    init(_ weights: ComponentWeights, _ prefix: String, queryWidth: Int, contextWidth: Int?,
         heads: Int, headDim: Int, projectionBias: Bool = false) throws {
        let inner = heads * headDim
        self.heads = heads
        self.inner = inner
        let toQ = try Linear(weights, "\(prefix).to_q", inputs: queryWidth, outputs: inner, bias: projectionBias)
        let toK = try Linear(weights, "\(prefix).to_k", inputs: contextWidth ?? queryWidth, outputs: inner, bias: projectionBias)
        let toV = try Linear(weights, "\(prefix).to_v", inputs: contextWidth ?? queryWidth, outputs: inner, bias: projectionBias)
        if contextWidth == nil {
            toQKV = Linear(stacking: [toQ, toK, toV])
            self.toQ = nil
            toKV = nil
        } else {
            toQKV = nil
            self.toQ = toQ
            toKV = Linear(stacking: [toK, toV])
        }
        toOut = try Linear(weights, "\(prefix).to_out.0", inputs: inner, outputs: queryWidth)
    }

    /// x: [B, L, width]; context: [Bc, Lc, contextWidth] with Bc dividing B (context item c serves x items
    /// c·B/Bc ..< (c+1)·B/Bc), or nil for self-attention.
    func callAsFunction(_ x: Tensor, context: Tensor? = nil) -> Tensor {
        let attended: Tensor
        if let toQKV {
            precondition(context == nil, "self-attention given a context")
            let qkv = toQKV(x)
            attended = Tensor.attention(query: qkv, queryColumns: 0..<inner, keyValue: qkv,
                                        keyColumns: inner..<(2 * inner), valueColumns: (2 * inner)..<(3 * inner), heads: heads)
        } else {
            guard let context, let toQ, let toKV else { preconditionFailure("cross-attention needs a context") }
            precondition(context.shape[0] > 0 && x.shape[0] % context.shape[0] == 0,
                         "cross-attention: \(context.shape[0]) context items for \(x.shape[0]) inputs")
            let kv = toKV(context, countedAs: x.shape[0] / context.shape[0])
            attended = Tensor.attention(query: toQ(x), queryColumns: 0..<inner, keyValue: kv,
                                        keyColumns: 0..<inner, valueColumns: inner..<(2 * inner), heads: heads)
        }
        return toOut(attended)
    }
}
