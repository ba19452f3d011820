/// diffusers' FeedForward with GEGLU: net.0.proj (width → 2·inner), value ⊙ GELU(gate), net.2 (inner → width).
struct FeedForward {
    let projection: Linear
    let output: Linear

    init(_ weights: ComponentWeights, _ prefix: String, width: Int, multiplier: Int = 4) throws {
        let inner = width * multiplier
        projection = try Linear(weights, "\(prefix).net.0.proj", inputs: width, outputs: inner * 2)
        output = try Linear(weights, "\(prefix).net.2", inputs: inner, outputs: width)
    }

    func callAsFunction(_ x: Tensor) -> Tensor { output(projection(x).geglu()) }
}
