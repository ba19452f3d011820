/// torch.nn.LayerNorm over the last axis with affine parameters.
struct LayerNorm {
    let weight: Tensor
    let bias: Tensor
    let eps: Float

    init(_ weights: ComponentWeights, _ prefix: String, width: Int, eps: Float) throws {
        weight = try weights.take("\(prefix).weight", shape: [width])
        bias = try weights.take("\(prefix).bias", shape: [width])
        self.eps = eps
    }

    func callAsFunction(_ x: Tensor) -> Tensor { x.layerNorm(weight: weight, bias: bias, eps: eps) }
}
