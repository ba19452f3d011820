import Foundation

/// Contiguous float32 memory behind a tensor: owned, or borrowed from an owner such as a mapped file.
public final class TensorStorage: @unchecked Sendable {
    public let base: UnsafeMutablePointer<Float>
    public let count: Int
    /// Keeps borrowed memory alive (a mapped checkpoint); nil when this storage owns `base`.
    private let owner: AnyObject?

    /// Allocates `count` floats, 64-byte aligned for the BLAS kernels; contents are undefined.
    public init(uninitializedCount count: Int) {
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, 64, bytes) == 0, let raw else {
            fatalError("studio: out of memory allocating \(bytes) bytes")
        }
        self.base = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        self.count = count
        self.owner = nil
    }

    /// Wraps memory that `owner` keeps alive; the tensor must not outlive the owner's contents.
    public init(borrowing base: UnsafeMutablePointer<Float>, count: Int, owner: AnyObject) {
        self.base = base
        self.count = count
        self.owner = owner
    }

    deinit {
        if owner == nil { free(base) }
    }
}
