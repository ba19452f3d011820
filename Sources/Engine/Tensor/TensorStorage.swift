import Foundation

/// Contiguous float32 memory behind a tensor: owned, or borrowed from an owner such as a mapped file.
public final class TensorStorage: @unchecked Sendable {
    public let base: UnsafeMutablePointer<Float>
    public let count: Int
    /// Keeps borrowed memory alive (a mapped checkpoint); nil when this storage owns `base`.
    private let owner: AnyObject?

    /// `count` floats, 64-byte aligned for the BLAS kernels, recycled through `BufferPool.shared`;
    /// contents are undefined.
    public init(uninitializedCount count: Int) {
        self.base = BufferPool.shared.acquire(count)
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
        if owner == nil { BufferPool.shared.release(base, count: count) }
    }
}
