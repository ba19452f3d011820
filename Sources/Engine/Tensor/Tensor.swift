import Foundation

/// A float32 tensor: a row-major shape over contiguous storage, in host memory or on an accelerator
/// (`deviceStorage`). Operations return new tensors; only freshly made tensors are written in place.
/// Only host tensors expose their memory (`storage`, `pointer`); the operations model code calls
/// (Tensor+Operations) run on whichever backend holds the tensor.
public struct Tensor: @unchecked Sendable {
    public let shape: [Int]
    private let hostStorage: TensorStorage?
    /// Where an accelerator backend keeps this tensor; nil for host tensors.
    public let deviceStorage: (any DeviceStorage)?

    public init(shape: [Int], storage: TensorStorage) {
        precondition(shape.reduce(1, *) <= storage.count, "shape \(shape) exceeds storage of \(storage.count)")
        self.shape = shape
        self.hostStorage = storage
        self.deviceStorage = nil
    }

    /// A tensor held by an accelerator backend.
    public init(shape: [Int], device: any DeviceStorage) {
        precondition(shape.reduce(1, *) <= device.count, "shape \(shape) exceeds device storage of \(device.count)")
        self.shape = shape
        self.hostStorage = nil
        self.deviceStorage = device
    }

    /// Host memory; a tensor on an accelerator must be brought back with `onHost()` first.
    public var storage: TensorStorage {
        guard let hostStorage else {
            preconditionFailure("tensor \(shape) lives on \(deviceStorage!.backend.name); bring it to the host first")
        }
        return hostStorage
    }

    public var isOnHost: Bool { deviceStorage == nil }

    /// The backend that runs operations on this tensor.
    public var backend: any Backend { deviceStorage?.backend ?? CPUBackend.shared }

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
    /// The values in row-major order (copied back from an accelerator when the tensor lives there).
    public var scalars: [Float] {
        let host = onHost()
        return Array(UnsafeBufferPointer(start: host.pointer, count: count))
    }

    /// The same storage seen with another shape of the same element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var dims = newShape
        if let inferred = dims.firstIndex(of: -1) {
            let known = dims.enumerated().filter { $0.offset != inferred }.map(\.element).reduce(1, *)
            dims[inferred] = count / known
        }
        precondition(dims.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        if let deviceStorage { return Tensor(shape: dims, device: deviceStorage) }
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
