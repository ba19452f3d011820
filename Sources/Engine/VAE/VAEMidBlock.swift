/// UNetMidBlock2D of the VAE: resnet, single-head self-attention over pixels (residual), resnet.
struct VAEMidBlock {
    let resnet0: ResnetBlock2D
    let attention: VAEAttention?
    let resnet1: ResnetBlock2D

    init(_ weights: ComponentWeights, _ prefix: String, channels: Int, groups: Int, withAttention: Bool) throws {
        resnet0 = try ResnetBlock2D(weights, "\(prefix).resnets.0", inputs: channels, outputs: channels,
                                    timeEmbeddingWidth: nil, groups: groups, eps: 1e-6)
        attention = withAttention ? try VAEAttention(weights, "\(prefix).attentions.0", channels: channels, groups: groups) : nil
        resnet1 = try ResnetBlock2D(weights, "\(prefix).resnets.1", inputs: channels, outputs: channels,
                                    timeEmbeddingWidth: nil, groups: groups, eps: 1e-6)
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        var h = resnet0(x)
        if let attention { h = attention(h) }
        return resnet1(h)
    }
}

/// The VAE's attention: GroupNorm, one head over all channels with biased q/k/v, added to the input.
/// Checkpoints saved before diffusers 0.17 name the projections query/key/value/proj_attn; both load.
struct VAEAttention {
    let groupNorm: GroupNorm
    let toQ: Parameter, toQBias: Tensor
    let toK: Parameter, toKBias: Tensor
    let toV: Parameter, toVBias: Tensor
    let toOut: Parameter, toOutBias: Tensor

    init(_ weights: ComponentWeights, _ prefix: String, channels: Int, groups: Int) throws {
        groupNorm = try GroupNorm(weights, "\(prefix).group_norm", groups: groups, channels: channels, eps: 1e-6)
        func load(_ modern: String, _ legacy: String) throws -> (Parameter, Tensor) {
            let weight = try weights.parameter(anyOf: ["\(prefix).\(modern).weight", "\(prefix).\(legacy).weight"],
                                          shape: [channels, channels])
            let bias = try weights.take(anyOf: ["\(prefix).\(modern).bias", "\(prefix).\(legacy).bias"], shape: [channels])
            return (weight, bias)
        }
        (toQ, toQBias) = try load("to_q", "query")
        (toK, toKBias) = try load("to_k", "key")
        (toV, toVBias) = try load("to_v", "value")
        (toOut, toOutBias) = try load("to_out.0", "proj_attn")
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        let (images, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let tokens = groupNorm(x).reshaped([images, channels, height * width]).permuted([0, 2, 1])
        func project(_ input: Tensor, _ weight: Parameter, _ bias: Tensor) -> Tensor {
            input.linear(weight, bias: bias)
        }
        let attended = Tensor.attention(
            query: project(tokens, toQ, toQBias), key: project(tokens, toK, toKBias),
            value: project(tokens, toV, toVBias), heads: 1)
        let output = project(attended, toOut, toOutBias).permuted([0, 2, 1]).reshaped(x.shape)
        output.addInPlace(x)
        return output
    }
}
