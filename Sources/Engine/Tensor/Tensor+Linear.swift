/// Fully connected layers and matrix products.
extension Tensor {
    /// `x · weightᵀ + bias` over the last axis, as torch.nn.Linear: weight is [out, in].
    public func linear(_ weight: Tensor, bias: Tensor? = nil) -> Tensor {
        let profile = OpProfile.start("linear")
        defer { profile.stop() }
        let inFeatures = shape[shape.count - 1]
        precondition(weight.rank == 2 && weight.shape[1] == inFeatures,
                     "linear: input \(shape) does not match weight \(weight.shape)")
        let outFeatures = weight.shape[0]
        let rows = count / inFeatures
        var outShape = shape
        outShape[outShape.count - 1] = outFeatures
        let result = Tensor(uninitialized: outShape)
        let out = result.pointer
        if let bias {
            precondition(bias.count == outFeatures, "linear: bias \(bias.shape) for \(outFeatures) outputs")
            let b = bias.pointer
            Parallel.forEach(rows, cost: outFeatures) { row in
                (out + row * outFeatures).update(from: b, count: outFeatures)
            }
        }
        GEMM.multiply(transposeB: true, m: rows, n: outFeatures, k: inFeatures,
                      a: pointer, lda: inFeatures, b: weight.pointer, ldb: inFeatures,
                      beta: bias == nil ? 0 : 1, c: out, ldc: outFeatures)
        return result
    }

    /// Matrix product of the last two axes, batched over the leading ones: [..., m, k] · [..., k, n].
    public func matmul(_ other: Tensor) -> Tensor {
        let profile = OpProfile.start("matmul")
        defer { profile.stop() }
        precondition(rank >= 2 && other.rank >= 2, "matmul needs matrices, got \(shape) and \(other.shape)")
        let m = shape[rank - 2], k = shape[rank - 1]
        let n = other.shape[other.rank - 1]
        precondition(other.shape[other.rank - 2] == k, "matmul: \(shape) · \(other.shape)")
        let batch = count / (m * k)
        let otherBatch = other.count / (k * n)
        precondition(otherBatch == batch || otherBatch == 1, "matmul: batch mismatch \(shape) · \(other.shape)")
        let result = Tensor(uninitialized: Array(shape.dropLast()) + [n])
        for i in 0..<batch {
            GEMM.multiply(m: m, n: n, k: k,
                          a: pointer + i * m * k, lda: k,
                          b: other.pointer + (otherBatch == 1 ? 0 : i * k * n), ldb: n,
                          c: result.pointer + i * m * n, ldc: n)
        }
        return result
    }
}
