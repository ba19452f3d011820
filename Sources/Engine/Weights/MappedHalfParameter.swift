import Foundation

/// Half-precision weights that stay in a mapped checkpoint and are widened at each use, shared by
/// every file format that can hand them out so (safetensors, PyTorch zip checkpoints).
extension Parameter {
    /// Half-precision tensors of at least this many elements stay in the mapping and are widened at
    /// each use; smaller ones (biases, norms) are converted once, which costs little memory and saves
    /// a conversion per call.
    public static let widenOnUseMinimumCount = 1 << 16

    /// The contiguous F16 or BF16 tensor of `shape` at `byteOffset` in `mapping`, widened into scratch
    /// each time a layer uses it; only its pages are read, and dropped from this process again after.
    static func mappedHalf(_ mapping: MappedFile, byteOffset start: Int, isF16: Bool, shape: [Int]) -> Parameter {
        Parameter(shape: shape) { range, destination in
            let bytes = (start + range.lowerBound * 2)..<(start + range.upperBound * 2)
            mapping.prefault(bytes)
            if isF16 {
                HalfPrecision.convertF16(mapping.base + bytes.lowerBound, to: destination, count: range.count)
            } else {
                HalfPrecision.convertBF16(mapping.base + bytes.lowerBound, to: destination, count: range.count)
            }
            mapping.release(bytes)
        }
    }
}
