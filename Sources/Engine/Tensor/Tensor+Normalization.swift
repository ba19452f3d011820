import Foundation

/// GroupNorm (optionally fused with SiLU) and LayerNorm on host tensors, as torch computes them (biased variance).
extension Tensor {
    /// GroupNorm over a tensor laid out [N, C, rest...]: statistics per (n, group) over the group's
    /// channels and every trailing position, so a [B, C, F, S] video normalises across its frames.
    func cpuGroupNorm(groups: Int, weight: Tensor, bias: Tensor, eps: Float, silu: Bool = false) -> Tensor {
        let profile = OpProfile.start("group norm")
        defer { profile.stop() }
        let (items, channels) = (shape[0], shape[1])
        precondition(channels % groups == 0, "groupNorm: \(channels) channels in \(groups) groups")
        precondition(weight.count == channels && bias.count == channels, "groupNorm: affine size")
        let spatial = count / (items * channels)
        let perGroup = channels / groups
        let groupSize = perGroup * spatial
        let result = Tensor(uninitialized: shape)
        let src = pointer, dst = result.pointer, gamma = weight.pointer, beta = bias.pointer
        Parallel.forEach(items * groups, cost: groupSize * 4) { job in
            let base = job * groupSize
            let mean = Self.blockSum(src + base, count: groupSize, deviationsFrom: nil) / Double(groupSize)
            let squares = Self.blockSum(src + base, count: groupSize, deviationsFrom: Float(mean))
            let inverse = Float(1 / (squares / Double(groupSize) + Double(eps)).squareRoot())
            let meanF = Float(mean)
            let firstChannel = (job % groups) * perGroup
            for c in 0..<perGroup {
                let scale = gamma[firstChannel + c] * inverse
                let shift = beta[firstChannel + c] - meanF * scale
                // Row pointers rather than `offset + i`: the overflow check of that addition stops the
                // loop from vectorising.
                let x = src + base + c * spatial, y = dst + base + c * spatial
                if silu {
                    for i in 0..<spatial { y[i] = FastMath.silu(x[i] * scale + shift) }
                } else {
                    for i in 0..<spatial { y[i] = x[i] * scale + shift }
                }
            }
        }
        return result
    }

    /// Σx, or Σ(x − mean)² when a mean is given, over `count` floats: eight float lanes within blocks
    /// of 4096 (so that the loop vectorises; Swift does not reorder a scalar float sum), the blocks
    /// added in double, which keeps a 65,536-element VAE plane's sum as exact as a double loop's
    /// for this purpose.
    static func blockSum(_ values: UnsafeMutablePointer<Float>, count: Int, deviationsFrom mean: Float?) -> Double {
        let raw = UnsafeRawPointer(values)
        let block = 4096
        var total = 0.0
        var start = 0
        while start < count {
            let end = min(count, start + block)
            var lanes = SIMD8<Float>()
            var i = start
            if let mean {
                let centre = SIMD8<Float>(repeating: mean)
                while i + 8 <= end {
                    let d = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) - centre
                    lanes += d * d
                    i += 8
                }
                var tail: Float = 0
                while i < end {
                    let d = values[i] - mean
                    tail += d * d
                    i += 1
                }
                total += Double(lanes.sum()) + Double(tail)
            } else {
                while i + 8 <= end {
                    lanes += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                    i += 8
                }
                var tail: Float = 0
                while i < end {
                    tail += values[i]
                    i += 1
                }
                total += Double(lanes.sum()) + Double(tail)
            }
            start = end
        }
        return total
    }

    /// LayerNorm over the last axis with affine weight and bias.
    func cpuLayerNorm(weight: Tensor, bias: Tensor, eps: Float) -> Tensor {
        let profile = OpProfile.start("layer norm")
        defer { profile.stop() }
        let width = shape[rank - 1]
        precondition(weight.count == width && bias.count == width, "layerNorm: affine size for \(shape)")
        let rows = count / width
        let result = Tensor(uninitialized: shape)
        let src = pointer, dst = result.pointer, gamma = weight.pointer, beta = bias.pointer
        Parallel.forEach(rows, cost: width * 4) { row in
            let x = src + row * width, y = dst + row * width
            // Both sums in eight lanes (blockSum): a scalar float sum does not vectorise.
            let mean = Float(Self.blockSum(x, count: width, deviationsFrom: nil) / Double(width))
            let squares = Float(Self.blockSum(x, count: width, deviationsFrom: mean))
            let inverse = 1 / (squares / Float(width) + eps).squareRoot()
            for i in 0..<width { y[i] = (x[i] - mean) * inverse * gamma[i] + beta[i] }
        }
        return result
    }
}
