/// torch.nn.GroupNorm with affine parameters; `silu` fuses the activation that usually follows.
struct GroupNorm {
    let groups: Int
    let eps: Float
    let weight: Tensor
    let bias: Tensor

    init(_ weights: ComponentWeights, _ prefix: String, groups: Int, channels: Int, eps: Float) throws {
        guard groups > 0, channels % groups == 0 else {
            throw ModelError.invalidStructure("\(prefix): \(channels) channels cannot form \(groups) groups")
        }
        weight = try weights.take("\(prefix).weight", shape: [channels])
        bias = try weights.take("\(prefix).bias", shape: [channels])
        self.groups = groups
        self.eps = eps
    }

    func callAsFunction(_ x: Tensor, silu: Bool = false) -> Tensor {
        x.groupNorm(groups: groups, weight: weight, bias: bias, eps: eps, silu: silu)
    }
}
