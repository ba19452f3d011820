import Foundation

/// Pointwise activations and arithmetic on host tensors (the CPU backend).
extension Tensor {
    func cpuSilu() -> Tensor {
        map { FastMath.silu($0) }
    }

    /// Exact (erf) GELU, as torch's default `gelu`.
    func cpuGelu() -> Tensor {
        map { FastMath.gelu($0) }
    }

    /// CLIP's quick GELU, x·σ(1.702·x).
    func cpuQuickGELU() -> Tensor {
        map { $0 / (1 + FastMath.exp(-1.702 * $0)) }
    }

    /// GEGLU: the last axis holds [value | gate]; returns value ⊙ GELU(gate) with half the width.
    func cpuGeglu() -> Tensor {
        let profile = OpProfile.start("geglu")
        defer { profile.stop() }
        let width = shape[rank - 1]
        precondition(width % 2 == 0, "geglu: odd width \(width)")
        let half = width / 2
        let rows = count / width
        var outShape = shape
        outShape[rank - 1] = half
        let result = Tensor(uninitialized: outShape)
        let src = pointer, dst = result.pointer
        Parallel.forEach(rows, cost: half * 8) { row in
            let x = src + row * width, gate = x + half, y = dst + row * half
            for i in 0..<half { y[i] = x[i] * FastMath.gelu(gate[i]) }
        }
        return result
    }

    /// A new tensor with `transform` applied to every element.
    public func map(_ transform: (Float) -> Float) -> Tensor {
        let profile = OpProfile.start("elementwise")
        defer { profile.stop() }
        let result = Tensor(uninitialized: shape)
        let src = pointer, dst = result.pointer
        Parallel.forRanges(count, cost: 8) { range in
            for i in range { dst[i] = transform(src[i]) }
        }
        return result
    }

    func cpuAdding(_ rhs: Tensor) -> Tensor {
        let profile = OpProfile.start("elementwise")
        defer { profile.stop() }
        precondition(count == rhs.count, "add: \(shape) + \(rhs.shape)")
        let result = Tensor(uninitialized: shape)
        let a = pointer, b = rhs.pointer, c = result.pointer
        Parallel.forRanges(count) { range in
            for i in range { c[i] = a[i] + b[i] }
        }
        return result
    }

    /// Adds `other` into this tensor's storage; only for tensors this code just made.
    func cpuAddInPlace(_ other: Tensor) {
        let profile = OpProfile.start("elementwise")
        defer { profile.stop() }
        precondition(count == other.count, "addInPlace: \(shape) + \(other.shape)")
        let a = pointer, b = other.pointer
        Parallel.forRanges(count) { range in
            for i in range { a[i] += b[i] }
        }
    }

    func cpuScaled(by factor: Float) -> Tensor {
        map { $0 * factor }
    }

    /// Adds values [N, C] to this [N, C, rest...] tensor, one per (item, channel); only for tensors
    /// this code just made.
    func cpuAddPerChannelInPlace(_ values: Tensor) {
        let (images, channels) = (shape[0], shape[1])
        precondition(values.count == images * channels, "addInPlace(perChannel:) \(values.shape) for \(shape)")
        let plane = count / (images * channels)
        let hp = pointer, sp = values.pointer
        Parallel.forEach(images * channels, cost: plane) { job in
            let value = sp[job]
            let row = hp + job * plane
            for i in 0..<plane { row[i] += value }
        }
    }

    /// uncond + scale·(cond − uncond) from a [2, ...] prediction whose row 0 is unconditional.
    func cpuGuidance(scale: Float) -> Tensor {
        let half = count / 2
        let result = Tensor(uninitialized: [1] + Array(shape.dropFirst()))
        let u = pointer, c = pointer + half, out = result.pointer
        for i in 0..<half { out[i] = u[i] + scale * (c[i] - u[i]) }
        return result
    }
}
