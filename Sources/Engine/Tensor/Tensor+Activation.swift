import Foundation

/// Pointwise activations and arithmetic.
extension Tensor {
    public func silu() -> Tensor {
        map { $0 / (1 + Foundation.exp(-$0)) }
    }

    /// Exact (erf) GELU, as torch's default `gelu`.
    public func gelu() -> Tensor {
        map { Tensor.gelu($0) }
    }

    @inline(__always)
    static func gelu(_ x: Float) -> Float {
        0.5 * x * (1 + Foundation.erf(x * 0.70710678118654752))
    }

    /// GEGLU: the last axis holds [value | gate]; returns value ⊙ GELU(gate) with half the width.
    public func geglu() -> Tensor {
        let width = shape[rank - 1]
        precondition(width % 2 == 0, "geglu: odd width \(width)")
        let half = width / 2
        let rows = count / width
        var outShape = shape
        outShape[rank - 1] = half
        let result = Tensor(uninitialized: outShape)
        let src = pointer, dst = result.pointer
        Parallel.forEach(rows, cost: half * 8) { row in
            let x = src + row * width, y = dst + row * half
            for i in 0..<half { y[i] = x[i] * Tensor.gelu(x[half + i]) }
        }
        return result
    }

    /// A new tensor with `transform` applied to every element.
    public func map(_ transform: (Float) -> Float) -> Tensor {
        let result = Tensor(uninitialized: shape)
        let src = pointer, dst = result.pointer
        Parallel.forRanges(count, cost: 8) { range in
            for i in range { dst[i] = transform(src[i]) }
        }
        return result
    }

    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        precondition(lhs.count == rhs.count, "add: \(lhs.shape) + \(rhs.shape)")
        let result = Tensor(uninitialized: lhs.shape)
        let a = lhs.pointer, b = rhs.pointer, c = result.pointer
        Parallel.forRanges(lhs.count) { range in
            for i in range { c[i] = a[i] + b[i] }
        }
        return result
    }

    /// Adds `other` into this tensor's storage; only for tensors this code just made.
    public func addInPlace(_ other: Tensor) {
        precondition(count == other.count, "addInPlace: \(shape) + \(other.shape)")
        let a = pointer, b = other.pointer
        Parallel.forRanges(count) { range in
            for i in range { a[i] += b[i] }
        }
    }

    public func scaled(by factor: Float) -> Tensor {
        map { $0 * factor }
    }
}
