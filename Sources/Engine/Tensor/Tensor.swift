import Foundation

/// A float32 tensor: a row-major shape over contiguous storage. Operations return new tensors;
/// only freshly made tensors are written in place.
public struct Tensor: @unchecked Sendable {
    public let shape: [Int]
    public let storage: TensorStorage

    public init(shape: [Int], storage: TensorStorage) {
        precondition(shape.reduce(1, *) <= storage.count, "shape \(shape) exceeds storage of \(storage.count)")
        self.shape = shape
        self.storage = storage
    }

    /// A tensor whose contents are undefined; the caller writes every element.
    public init(uninitialized shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(uninitializedCount: shape.reduce(1, *)))
    }

    public init(zeros shape: [Int]) {
        self.init(uninitialized: shape)
        pointer.initialize(repeating: 0, count: count)
    }

    public init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) needs \(shape.reduce(1, *)) values, got \(values.count)")
        self.init(uninitialized: shape)
        values.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: values.count) }
    }

    public var count: Int { shape.reduce(1, *) }
    public var rank: Int { shape.count }
    public var pointer: UnsafeMutablePointer<Float> { storage.base }
    public var scalars: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    /// The same storage seen with another shape of the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var dims = newShape
        if let inferred = dims.firstIndex(of: -1) {
            let known = dims.enumerated().filter { $0.offset != inferred }.map(\.element).reduce(1, *)
            dims[inferred] = count / known
        }
        precondition(dims.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        return Tensor(shape: dims, storage: storage)
    }

    /// A deep copy with its own storage.
    public func copy() -> Tensor {
        let result = Tensor(uninitialized: shape)
        result.pointer.update(from: pointer, count: count)
        return result
    }

    /// The largest absolute difference to `other`, for comparisons against references.
    public func maxAbsDifference(_ other: Tensor) -> Float {
        precondition(count == other.count, "comparing \(shape) with \(other.shape)")
        var worst: Float = 0
        for i in 0..<count { worst = max(worst, abs(pointer[i] - other.pointer[i])) }
        return worst
    }

    public func maxAbs() -> Float {
        var worst: Float = 0
        for i in 0..<count { worst = max(worst, abs(pointer[i])) }
        return worst
    }
}
