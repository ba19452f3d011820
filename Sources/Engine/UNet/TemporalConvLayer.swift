/// diffusers' TemporalConvLayer (`temp_convs.*`): four GroupNorm→SiLU→Conv3d(3,1,1) stages over frames,
/// added to the input. GroupNorm statistics span every frame of a video.
struct TemporalConvLayer {
    struct Stage {
        let norm: GroupNorm
        /// [O, I, 3, 1, 1].
        let kernel: Parameter
        let bias: Tensor
    }
    let stages: [Stage]

    init(_ weights: ComponentWeights, _ prefix: String, channels: Int, groups: Int) throws {
        // Sequential indices: conv1 = [GN, SiLU, Conv3d]; conv2..4 = [GN, SiLU, Dropout, Conv3d].
        stages = try (1...4).map { stage in
            let convIndex = stage == 1 ? 2 : 3
            let norm = try GroupNorm(weights, "\(prefix).conv\(stage).0", groups: groups, channels: channels, eps: 1e-5)
            let kernel = try weights.parameter("\(prefix).conv\(stage).\(convIndex).weight", shape: [channels, channels, 3, 1, 1])
            let bias = try weights.take("\(prefix).conv\(stage).\(convIndex).bias", shape: [channels])
            return Stage(norm: norm, kernel: kernel, bias: bias)
        }
    }

    /// x: [B·F, C, H, W] → same shape.
    func callAsFunction(_ x: Tensor, frames: Int) -> Tensor {
        let (images, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let videos = images / frames
        let identity = x.reshaped([videos, frames, channels, height * width]).permuted([0, 2, 1, 3])
        var h = identity
        for stage in stages {
            h = stage.norm(h, silu: true).temporalConv(kernel: stage.kernel, bias: stage.bias)
        }
        h.addInPlace(identity)
        return h.permuted([0, 2, 1, 3]).reshaped([images, channels, height, width])
    }
}
