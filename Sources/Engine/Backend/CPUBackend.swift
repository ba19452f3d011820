/// The engine's operations on the CPU: the Tensor methods in Engine/Tensor (OpenBLAS GEMMs and
/// parallel loops over host memory). The reference the GPU backend is compared with.
public final class CPUBackend: Backend {
    public static let shared = CPUBackend()

    public let name = "cpu"

    private init() {}

    public func upload(_ tensor: Tensor) -> Tensor { tensor }
    public func download(_ tensor: Tensor) -> Tensor { tensor }
    public func synchronize() throws {}

    public func conv2d(_ x: Tensor, weight: Parameter, bias: Tensor?, stride: Int, padding: Padding2D) -> Tensor {
        weight.withTensor { x.conv2d($0, bias: bias, stride: stride, padding: padding) }
    }

    public func temporalConv(_ x: Tensor, kernel: Parameter, bias: Tensor) -> Tensor {
        let channels = x.shape[1]
        let taps = kernel.withTensor { Self.splitTaps($0, channels: channels) }
        return x.temporalConv(taps: taps, bias: bias)
    }

    /// [O, I, 3, 1, 1] → three contiguous [O, I] matrices, one per frame offset, for GEMM: one pass over
    /// the kernel (it was three strided passes), split over the cores by rows.
    static func splitTaps(_ kernel: Tensor, channels: Int) -> [Tensor] {
        let outputs = kernel.shape[0]
        let taps = (0..<3).map { _ in Tensor(uninitialized: [outputs, channels]) }
        let source = kernel.pointer
        let (t0, t1, t2) = (taps[0].pointer, taps[1].pointer, taps[2].pointer)
        Parallel.forEach(outputs, cost: 3 * channels) { row in
            let first = row &* channels
            let input = source + first &* 3
            let (o0, o1, o2) = (t0 + first, t1 + first, t2 + first)
            for i in 0..<channels {
                o0[i] = input[i &* 3]
                o1[i] = input[i &* 3 &+ 1]
                o2[i] = input[i &* 3 &+ 2]
            }
        }
        return taps
    }

    public func linear(_ x: Tensor, weight: Parameter, bias: Tensor?) -> Tensor {
        weight.withTensor { x.linear($0, bias: bias) }
    }

    public func groupNorm(_ x: Tensor, groups: Int, weight: Tensor, bias: Tensor, eps: Float, silu: Bool) -> Tensor {
        x.cpuGroupNorm(groups: groups, weight: weight, bias: bias, eps: eps, silu: silu)
    }

    public func layerNorm(_ x: Tensor, weight: Tensor, bias: Tensor, eps: Float) -> Tensor {
        x.cpuLayerNorm(weight: weight, bias: bias, eps: eps)
    }

    public func attention(query: Tensor, key: Tensor, value: Tensor, heads: Int, scale: Float?, causal: Bool) -> Tensor {
        AttentionKernel.scaledDotProduct(query: query, key: key, value: value, heads: heads, scale: scale, causal: causal)
    }

    public func activation(_ x: Tensor, _ function: Activation) -> Tensor {
        switch function {
        case .silu: return x.cpuSilu()
        case .gelu: return x.cpuGelu()
        case .quickGELU: return x.cpuQuickGELU()
        }
    }

    public func geglu(_ x: Tensor) -> Tensor { x.cpuGeglu() }
    public func add(_ a: Tensor, _ b: Tensor) -> Tensor { a.cpuAdding(b) }
    public func addInPlace(_ target: Tensor, _ other: Tensor) { target.cpuAddInPlace(other) }
    public func addPerChannelInPlace(_ target: Tensor, _ values: Tensor) { target.cpuAddPerChannelInPlace(values) }
    public func scaled(_ x: Tensor, by factor: Float) -> Tensor { x.cpuScaled(by: factor) }
    public func permuted(_ x: Tensor, _ axes: [Int]) -> Tensor { x.cpuPermuted(axes) }

    public func concat(_ parts: [Tensor], axis: Int) -> Tensor {
        precondition(axis == 0 || axis == 1, "concat along axis \(axis)")
        return axis == 0 ? Tensor.cpuConcatBatch(parts) : Tensor.cpuConcatChannels(parts)
    }

    public func slice(_ x: Tensor, axis: Int, range: Range<Int>) -> Tensor { x.cpuSlice(axis: axis, range: range) }
    public func repeatItems(_ x: Tensor, times: Int) -> Tensor { x.cpuRepeatItems(times) }

    public func upsampleNearest(_ x: Tensor, height: Int, width: Int) -> Tensor {
        x.cpuUpsampleNearest(height: height, width: width)
    }

    public func guidance(_ prediction: Tensor, scale: Float) -> Tensor { prediction.cpuGuidance(scale: scale) }
    public func unitPixels(_ x: Tensor) -> Tensor { x.map { min(max($0 * 0.5 + 0.5, 0), 1) } }
}
