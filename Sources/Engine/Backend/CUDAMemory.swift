import Foundation

/// GPU memory for the CUDA backend, recycled by size class as the host's BufferPool does: a UNet step
/// makes hundreds of temporary tensors of a few recurring sizes, and cuMemAlloc/cuMemFree synchronise
/// the device, so freed blocks are kept for the next request of their class. Every kernel and cuBLAS
/// call runs on the one default stream, in order, so a block freed by the host may be handed out again
/// at once: work that still reads it was queued before any work that will write it.
final class CUDAMemory: @unchecked Sendable {
    private let api: CUDALibraries
    private var idle: [Int: [UInt64]] = [:]
    private let lock = NSLock()
    /// Bytes obtained from the driver (in use plus idle), and the most ever held.
    private(set) var heldBytes = 0
    private(set) var peakHeldBytes = 0

    init(api: CUDALibraries) { self.api = api }

    /// Rounds like the host pool: at most 1/16 more than asked.
    static func sizeClass(bytes: Int) -> Int { BufferPool.sizeClass((max(bytes, 256) + 3) / 4) * 4 }

    /// A block of at least `bytes`; nil when the device has no more memory even after returning idle blocks.
    func allocate(bytes: Int) -> (address: UInt64, bytes: Int)? {
        let size = Self.sizeClass(bytes: bytes)
        lock.lock()
        defer { lock.unlock() }
        if var blocks = idle[size], let address = blocks.popLast() {
            idle[size] = blocks
            return (address, size)
        }
        var address: UInt64 = 0
        if api.cuMemAlloc(&address, size) != 0 {
            releaseIdleLocked()
            guard api.cuMemAlloc(&address, size) == 0 else { return nil }
        }
        heldBytes += size
        peakHeldBytes = max(peakHeldBytes, heldBytes)
        return (address, size)
    }

    func recycle(address: UInt64, bytes: Int) {
        lock.lock()
        idle[bytes, default: []].append(address)
        lock.unlock()
    }

    /// Gives every idle block back to the driver.
    func releaseIdle() {
        lock.lock()
        releaseIdleLocked()
        lock.unlock()
    }

    private func releaseIdleLocked() {
        _ = api.cuCtxSynchronize()
        for (size, blocks) in idle {
            for address in blocks { _ = api.cuMemFree(address) }
            heldBytes -= size * blocks.count
        }
        idle.removeAll()
    }
}

/// A block of GPU memory that goes back to the pool when its last tensor is gone.
final class CUDABuffer: DeviceStorage, @unchecked Sendable {
    let owner: CUDABackend
    /// 0 when the allocation failed (the backend has recorded why; no kernel touches it).
    let address: UInt64
    let bytes: Int
    /// Float32 elements (for fp16 weights: half the fp16 elements it holds).
    let count: Int

    init(owner: CUDABackend, address: UInt64, bytes: Int, count: Int) {
        self.owner = owner
        self.address = address
        self.bytes = bytes
        self.count = count
    }

    var backend: any Backend { owner }

    deinit {
        if address != 0 { owner.memory.recycle(address: address, bytes: bytes) }
    }
}
