/// The operations model code calls. Each runs on the backend that holds the tensor (`backend`), so the
/// same model file drives the CPU and the GPU; tensors passed together must live on the same backend.
extension Tensor {
    /// This tensor in host memory (itself when it is already there).
    public func onHost() -> Tensor { isOnHost ? self : backend.download(self) }

    /// This tensor held by `target` (itself when it already is).
    public func on(_ target: any Backend) -> Tensor {
        backend === target ? self : target.upload(onHost())
    }

    public func conv2d(_ weight: Parameter, bias: Tensor?, stride: Int = 1, padding: Int = 0) -> Tensor {
        conv2d(weight, bias: bias, stride: stride, padding: (padding, padding, padding, padding))
    }

    /// conv2d with explicit (top, bottom, left, right) zero padding, as the VAE encoder's asymmetric
    /// downsampling needs.
    public func conv2d(_ weight: Parameter, bias: Tensor?, stride: Int, padding: Padding2D) -> Tensor {
        FLOPCount.recordConvolution(input: shape, weight: weight.shape, stride: stride, padding: padding)
        return backend.conv2d(self, weight: weight, bias: bias, stride: stride, padding: padding)
    }

    /// The (3,1,1) Conv3d of a [B, C, F, S] video; kernel [O, C, 3, 1, 1] as stored in the checkpoint.
    public func temporalConv(kernel: Parameter, bias: Tensor) -> Tensor {
        FLOPCount.recordTemporalConvolution(input: shape, kernel: kernel.shape)
        return backend.temporalConv(self, kernel: kernel, bias: bias)
    }

    /// `x · weightᵀ + bias` over the last axis, as torch.nn.Linear: weight is [out, in].
    public func linear(_ weight: Parameter, bias: Tensor? = nil) -> Tensor {
        FLOPCount.recordLinear(input: shape, weight: weight.shape)
        return backend.linear(self, weight: weight, bias: bias)
    }

    /// A linear layer on an input each of whose items stands for `copies` items of the direct computation
    /// (text states that every frame of a video attends to): computed once, counted `copies` times.
    public func linear(_ weight: Parameter, bias: Tensor? = nil, countedAs copies: Int) -> Tensor {
        FLOPCount.recordLinear(input: [copies] + shape, weight: weight.shape)
        return backend.linear(self, weight: weight, bias: bias)
    }

    /// GroupNorm over [N, C, rest...]: statistics per (n, group) over the group's channels and every
    /// trailing position, so a [B, C, F, S] video normalises across its frames.
    public func groupNorm(groups: Int, weight: Tensor, bias: Tensor, eps: Float, silu: Bool = false) -> Tensor {
        backend.groupNorm(self, groups: groups, weight: weight, bias: bias, eps: eps, silu: silu)
    }

    /// LayerNorm over the last axis with affine weight and bias.
    public func layerNorm(weight: Tensor, bias: Tensor, eps: Float) -> Tensor {
        backend.layerNorm(self, weight: weight, bias: bias, eps: eps)
    }

    /// softmax(q·kᵀ·scale [+ causal mask])·v per head. q is [B, Lq, H·D]; k and v are [B, Lk, H·D].
    public static func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int,
                                 scale: Float? = nil, causal: Bool = false) -> Tensor {
        FLOPCount.recordAttention(query: query.shape, key: key.shape)
        return query.backend.attention(query: query, key: key, value: value, heads: heads, scale: scale, causal: causal)
    }

    /// Attention over column blocks of packed projections (default scale, no mask): q is columns
    /// `queryColumns` of `query` [B, Lq, ·], k and v columns of `keyValue` [Bk, Lk, ·], where Bk divides B and
    /// each key item serves B/Bk consecutive query items (one text for every frame of a video). Counted as
    /// the direct computation does it, with keys for every query item.
    public static func attention(query: Tensor, queryColumns: Range<Int>, keyValue: Tensor,
                                 keyColumns: Range<Int>, valueColumns: Range<Int>, heads: Int) -> Tensor {
        let width = queryColumns.count
        FLOPCount.recordAttention(query: [query.shape[0], query.shape[1], width],
                                  key: [query.shape[0], keyValue.shape[1], width])
        return query.backend.attention(query: query, queryColumns: queryColumns, keyValue: keyValue,
                                       keyColumns: keyColumns, valueColumns: valueColumns, heads: heads)
    }

    public func silu() -> Tensor { backend.activation(self, .silu) }
    /// Exact (erf) GELU, as torch's default `gelu`.
    public func gelu() -> Tensor { backend.activation(self, .gelu) }
    /// CLIP's quick GELU, x·σ(1.702·x).
    public func quickGELU() -> Tensor { backend.activation(self, .quickGELU) }
    /// GEGLU: the last axis holds [value | gate]; returns value ⊙ GELU(gate) with half the width.
    public func geglu() -> Tensor { backend.geglu(self) }

    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.backend.add(lhs, rhs) }

    /// Adds `other` into this tensor's storage; only for tensors this code just made.
    public func addInPlace(_ other: Tensor) { backend.addInPlace(self, other) }

    /// Adds values [N, C] to a tensor [N, C, rest...], one per (item, channel); only for tensors this
    /// code just made.
    public func addInPlace(perChannel values: Tensor) { backend.addPerChannelInPlace(self, values) }

    public func scaled(by factor: Float) -> Tensor { backend.scaled(self, by: factor) }

    /// A contiguous copy with axes reordered: result axis i is input axis `axes[i]`.
    public func permuted(_ axes: [Int]) -> Tensor { backend.permuted(self, axes) }

    /// Concatenation along axis 1 of tensors laid out [N, C_i, rest...] (skip connections).
    public static func concatChannels(_ parts: [Tensor]) -> Tensor { parts[0].backend.concat(parts, axis: 1) }

    /// Concatenation along axis 0.
    public static func concatBatch(_ parts: [Tensor]) -> Tensor { parts[0].backend.concat(parts, axis: 0) }

    /// Items `range` of axis 0.
    public func items(_ range: Range<Int>) -> Tensor { backend.slice(self, axis: 0, range: range) }

    /// Channels `range` of axis 1.
    public func channels(_ range: Range<Int>) -> Tensor { backend.slice(self, axis: 1, range: range) }

    /// [B, ...] → [B·times, ...], each item repeated `times` times in a row (repeat_interleave).
    public func repeatingItems(_ times: Int) -> Tensor { backend.repeatItems(self, times: times) }

    /// Nearest-neighbour resize of [N, C, H, W] to (height, width), as torch's `interpolate(mode="nearest")`.
    public func upsampleNearest(height: Int, width: Int) -> Tensor {
        backend.upsampleNearest(self, height: height, width: width)
    }

    /// uncond + scale·(cond − uncond) from a [2, ...] prediction whose item 0 is unconditional.
    public func guided(scale: Float) -> Tensor { backend.guidance(self, scale: scale) }

    /// x/2 + 1/2 clamped to [0, 1]: decoder output to pixel values.
    public func unitPixels() -> Tensor { backend.unitPixels(self) }
}
