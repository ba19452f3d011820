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
            var sum = 0.0
            for i in 0..<groupSize { sum += Double(src[base + i]) }
            let mean = sum / Double(groupSize)
            var squares = 0.0
            for i in 0..<groupSize {
                let d = Double(src[base + i]) - mean
                squares += d * d
            }
            let inverse = Float(1 / (squares / Double(groupSize) + Double(eps)).squareRoot())
            let meanF = Float(mean)
            let firstChannel = (job % groups) * perGroup
            for c in 0..<perGroup {
                let scale = gamma[firstChannel + c] * inverse
                let shift = beta[firstChannel + c] - meanF * scale
                let offset = base + c * spatial
                if silu {
                    for i in 0..<spatial {
                        let y = src[offset + i] * scale + shift
                        dst[offset + i] = y / (1 + Foundation.exp(-y))
                    }
                } else {
                    for i in 0..<spatial { dst[offset + i] = src[offset + i] * scale + shift }
                }
            }
        }
        return result
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
            var sum: Float = 0
            for i in 0..<width { sum += x[i] }
            let mean = sum / Float(width)
            var squares: Float = 0
            for i in 0..<width {
                let d = x[i] - mean
                squares += d * d
            }
            let inverse = 1 / (squares / Float(width) + eps).squareRoot()
            for i in 0..<width { y[i] = (x[i] - mean) * inverse * gamma[i] + beta[i] }
        }
        return result
    }
}
