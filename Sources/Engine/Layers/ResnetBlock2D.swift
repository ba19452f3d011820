/// diffusers' ResnetBlock2D: GN→SiLU→conv, plus the projected time embedding when there is one,
/// GN→SiLU→conv, and a 1×1 shortcut when the channel count changes.
struct ResnetBlock2D {
    let norm1: GroupNorm
    let conv1: Conv2d
    let timeEmbeddingProjection: Linear?
    let norm2: GroupNorm
    let conv2: Conv2d
    let convShortcut: Conv2d?

    init(_ weights: ComponentWeights, _ prefix: String, inputs: Int, outputs: Int,
         timeEmbeddingWidth: Int?, groups: Int, eps: Float) throws {
        norm1 = try GroupNorm(weights, "\(prefix).norm1", groups: groups, channels: inputs, eps: eps)
        conv1 = try Conv2d(weights, "\(prefix).conv1", inputs: inputs, outputs: outputs, kernel: 3, padding: 1)
        timeEmbeddingProjection = try timeEmbeddingWidth.map {
            try Linear(weights, "\(prefix).time_emb_proj", inputs: $0, outputs: outputs)
        }
        norm2 = try GroupNorm(weights, "\(prefix).norm2", groups: groups, channels: outputs, eps: eps)
        conv2 = try Conv2d(weights, "\(prefix).conv2", inputs: outputs, outputs: outputs, kernel: 3, padding: 1)
        convShortcut = inputs == outputs ? nil
            : try Conv2d(weights, "\(prefix).conv_shortcut", inputs: inputs, outputs: outputs, kernel: 1)
    }

    /// x: [N, C, H, W]; timeEmbedding: SiLU already applied, [N, width], one row per image.
    func callAsFunction(_ x: Tensor, timeEmbedding: Tensor? = nil) -> Tensor {
        var h = conv1(norm1(x, silu: true))
        if let projection = timeEmbeddingProjection, let timeEmbedding {
            h.addInPlace(perChannel: projection(timeEmbedding))
        }
        h = conv2(norm2(h, silu: true))
        h.addInPlace(convShortcut.map { $0(x) } ?? x)
        return h
    }
}
