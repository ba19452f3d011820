/// torch.nn.Linear: weight [out, in], optional bias.
struct Linear {
    let weight: Parameter
    let bias: Tensor?

    init(_ weights: ComponentWeights, _ prefix: String, inputs: Int, outputs: Int, bias: Bool = true) throws {
        weight = try weights.parameter("\(prefix).weight", shape: [outputs, inputs])
        self.bias = bias ? try weights.take("\(prefix).bias", shape: [outputs]) : nil
    }

    func callAsFunction(_ x: Tensor) -> Tensor { x.linear(weight, bias: bias) }
}
