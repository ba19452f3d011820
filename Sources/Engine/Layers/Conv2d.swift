/// torch.nn.Conv2d with square kernels, symmetric padding and a bias.
struct Conv2d {
    let weight: Parameter
    let bias: Tensor
    let stride: Int
    let padding: Int

    init(_ weights: ComponentWeights, _ prefix: String, inputs: Int, outputs: Int,
         kernel: Int, stride: Int = 1, padding: Int = 0) throws {
        weight = try weights.parameter("\(prefix).weight", shape: [outputs, inputs, kernel, kernel])
        bias = try weights.take("\(prefix).bias", shape: [outputs])
        self.stride = stride
        self.padding = padding
    }

    var outputs: Int { weight.shape[0] }

    func callAsFunction(_ x: Tensor) -> Tensor {
        x.conv2d(weight, bias: bias, stride: stride, padding: padding)
    }
}
