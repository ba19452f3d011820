import Foundation

/// Recycles large float32 buffers between tensors. Every operation makes a fresh output, and a
/// full-size UNet step allocates gigabytes of them (plus im2col columns of up to 128 MB per
/// convolution); glibc serves such sizes with mmap and returns them with munmap, so each new
/// tensor page-faulted in afresh and the kernel's zeroing showed up as tens of seconds of system
/// time per step. Shapes repeat from block to block and step to step, so a freed buffer of the
/// same size class is almost always wanted again soon.
///
/// Buffers are grouped in size classes (a request is rounded up by at most 1/16), and the pool
/// keeps at most `capacityBytes` idle; beyond that the oldest idle buffers go back to the system,
/// which bounds how much resident memory recycling can add.
public final class BufferPool: @unchecked Sendable {
    /// The pool every owned `TensorStorage` draws from. 1.5 GiB rather than 768 MiB: a 16-frame step
    /// allocates buffers of up to 472 MB (Winograd weights of the 4×4 planes) that pushed the common sizes
    /// out of a smaller pool, and 17.6 GB of fresh buffers were faulted in and zeroed during one step;
    /// at 16 frames system time went 15–17 → 7–8 s for about 400 MB more peak memory (docs/BENCHMARKS.md).
    public static let shared = BufferPool(capacityBytes: 1536 << 20)

    /// Requests below this many floats go straight to malloc, which already recycles small blocks.
    public static let minimumCount = 1 << 16

    public let capacityBytes: Int
    private var idle: [(floats: Int, base: UnsafeMutablePointer<Float>)] = []
    private var idleBytes = 0
    private let lock = NSLock()

    public init(capacityBytes: Int) {
        self.capacityBytes = capacityBytes
    }

    /// The number of floats actually allocated for a request of `count`: rounded up to a sixteenth
    /// of its leading power of two, so that near-equal sizes share a class.
    public static func sizeClass(_ count: Int) -> Int {
        guard count >= minimumCount else { return max(count, 1) }
        let step = 1 << max(0, (Int.bitWidth - count.leadingZeroBitCount) - 5)
        return (count + step - 1) / step * step
    }

    /// A 64-byte aligned buffer of at least `count` floats (exactly `sizeClass(count)`); contents undefined.
    public func acquire(_ count: Int) -> UnsafeMutablePointer<Float> {
        let floats = Self.sizeClass(count)
        if floats >= Self.minimumCount {
            lock.lock()
            // Newest first: its pages are the most likely to still be in cache.
            if let index = idle.lastIndex(where: { $0.floats == floats }) {
                let base = idle.remove(at: index).base
                idleBytes -= floats * MemoryLayout<Float>.stride
                lock.unlock()
                return base
            }
            lock.unlock()
        }
        let bytes = floats * MemoryLayout<Float>.stride
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, 64, bytes) == 0, let raw else {
            fatalError("studio: out of memory allocating \(bytes) bytes")
        }
        return raw.bindMemory(to: Float.self, capacity: floats)
    }

    /// Takes back a buffer from `acquire(count)` with the same `count`.
    public func release(_ base: UnsafeMutablePointer<Float>, count: Int) {
        let floats = Self.sizeClass(count)
        let bytes = floats * MemoryLayout<Float>.stride
        guard floats >= Self.minimumCount, bytes <= capacityBytes else {
            free(base)
            return
        }
        var evicted: [UnsafeMutablePointer<Float>] = []
        lock.lock()
        idle.append((floats, base))
        idleBytes += bytes
        while idleBytes > capacityBytes {
            let oldest = idle.removeFirst()
            idleBytes -= oldest.floats * MemoryLayout<Float>.stride
            evicted.append(oldest.base)
        }
        lock.unlock()
        evicted.forEach { free($0) }
    }

    /// Bytes held idle for reuse.
    public var idleByteCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return idleBytes
    }

    /// Returns every idle buffer to the system (after a generation, before the studio sits idle).
    public func drain() {
        lock.lock()
        let all = idle
        idle.removeAll()
        idleBytes = 0
        lock.unlock()
        all.forEach { free($0.base) }
    }
}
