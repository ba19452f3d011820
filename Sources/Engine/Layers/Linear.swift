/// torch.nn.Linear: weight [out, in], optional bias.
struct Linear {
    let weight: Parameter
    let bias: Tensor?

    init(_ weights: ComponentWeights, _ prefix: String, inputs: Int, outputs: Int, bias: Bool = true) throws {
        weight = try weights.parameter("\(prefix).weight", shape: [outputs, inputs])
        self.bias = bias ? try weights.take("\(prefix).bias", shape: [outputs]) : nil
    }

    /// One layer computing the outputs of `parts` (same inputs) side by side, in their order: a single
    /// wider GEMM instead of one per part, which OpenBLAS runs closer to its peak on narrow layers.
    init(stacking parts: [Linear]) {
        weight = Parameter.stackingRows(parts.map(\.weight))
        let biases = parts.compactMap(\.bias)
        precondition(biases.isEmpty || biases.count == parts.count, "stacking linear layers with and without bias")
        bias = biases.isEmpty ? nil : Tensor(shape: [weight.shape[0]], values: biases.flatMap(\.scalars))
    }

    func callAsFunction(_ x: Tensor) -> Tensor { x.linear(weight, bias: bias) }

    /// For inputs that each stand for `copies` items of the direct computation (see `Tensor.linear(_:bias:countedAs:)`).
    func callAsFunction(_ x: Tensor, countedAs copies: Int) -> Tensor { x.linear(weight, bias: bias, countedAs: copies) }
}
