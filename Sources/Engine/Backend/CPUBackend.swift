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
        // Winograd widens an F16 kernel block by block inside its transform, not into a whole float32 copy.
        if x.rank == 4 && weight.shape.count == 4 && weight.shape[1] == x.shape[1]
            && Winograd.applies(to: x, kernel: (weight.shape[2], weight.shape[3]), stride: stride, padding: padding) {
            return Winograd.convolve(x, weight: weight, bias: bias)
        }
        return weight.withTensor { x.conv2d($0, bias: bias, stride: stride, padding: padding) }
    }

    public func temporalConv(_ x: Tensor, kernel: Parameter, bias: Tensor) -> Tensor {
        if x.rank == 4 && TemporalWinograd.suits(frames: x.shape[2]) {
            return TemporalWinograd.convolve(x, kernel: kernel, bias: bias)
        }
        let profile = OpProfile.start("temporal conv: taps")
        let taps = Self.splitTaps(kernel, channels: x.shape[1])
        profile.stop()
        return x.temporalConv(taps: taps, bias: bias)
    }

    /// [O, I, 3, 1, 1] → three contiguous [O, I] matrices, one per frame offset, for GEMM: one pass over
    /// the kernel, split over the cores by blocks of rows. An F16 kernel is widened a block of rows at a
    /// time into a buffer that stays in cache rather than into a float32 copy of the whole kernel first.
    static func splitTaps(_ kernel: Parameter, channels: Int) -> [Tensor] {
        let outputs = kernel.shape[0]
        precondition(kernel.count == outputs * channels * 3, "temporal kernel \(kernel.shape) for \(channels) channels")
        let taps = (0..<3).map { _ in Tensor(uninitialized: [outputs, channels]) }
        let (t0, t1, t2) = (taps[0].pointer, taps[1].pointer, taps[2].pointer)
        // About 64 K weights per block: few enough page-advice calls, and the block still fits in cache.
        let rowsPerBlock = max(1, (1 << 16) / (3 * channels))
        Parallel.forEach((outputs + rowsPerBlock - 1) / rowsPerBlock, cost: rowsPerBlock * 3 * channels) { block in
            let firstRow = block * rowsPerBlock, rows = min(rowsPerBlock, outputs - firstRow)
            withUnsafeTemporaryAllocation(of: Float.self, capacity: rows * 3 * channels) { buffer in
                let source = kernel.floats((firstRow * 3 * channels)..<((firstRow + rows) * 3 * channels),
                                           widenedInto: buffer.baseAddress!)
                for row in 0..<rows {
                    let first = (firstRow &+ row) &* channels
                    let input = source + row &* 3 &* channels
                    let (o0, o1, o2) = (t0 + first, t1 + first, t2 + first)
                    for i in 0..<channels {
                        o0[i] = input[i &* 3]
                        o1[i] = input[i &* 3 &+ 1]
                        o2[i] = input[i &* 3 &+ 2]
                    }
                }
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

    /// Reads the blocks in place (row strides of the packed tensors) and shares key items without repeating them.
    public func attention(query: Tensor, queryColumns: Range<Int>, keyValue: Tensor,
                          keyColumns: Range<Int>, valueColumns: Range<Int>, heads: Int) -> Tensor {
        AttentionKernel.scaledDotProduct(query: query, queryColumns: queryColumns, keyValue: keyValue,
                                         keyColumns: keyColumns, valueColumns: valueColumns, heads: heads)
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
