import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped read-only into memory; pages are read from disk only when first touched.
/// Tensors that borrow this memory keep the object (and so the mapping) alive.
public final class MappedFile: @unchecked Sendable {
    public let url: URL
    public let base: UnsafeRawPointer
    public let size: Int

    public init(url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw WeightError.fileMissing(url) }
            throw WeightError.unreadable(url, reason: String(cString: strerror(code)))
        }
        // The mapping outlives the descriptor, so it is closed on every path.
        defer { close(fd) }

        var status = stat()
        guard fstat(fd, &status) == 0 else {
            throw WeightError.unreadable(url, reason: String(cString: strerror(errno)))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            let kind = (status.st_mode & S_IFMT) == S_IFDIR ? "it is a directory" : "it is not a regular file"
            throw WeightError.unreadable(url, reason: kind)
        }
        let size = Int(status.st_size)
        guard size > 0 else { throw WeightError.emptyFile(url) }

        // MAP_PRIVATE + PROT_READ: nothing is read up front, and nothing we do can reach the file.
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0),
              mapped != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw WeightError.unreadable(url, reason: "mmap failed: \(String(cString: strerror(errno)))")
        }
        self.url = url
        self.base = UnsafeRawPointer(mapped)
        self.size = size
    }

    /// Maps in the pages of `range` (file offsets) with one call before a bulk read of them.
    public func prefault(_ range: Range<Int>) {
        let clamped = range.clamped(to: 0..<size)
        PageAdvice.prefaultForReading(base + clamped.lowerBound, byteCount: clamped.count)
    }

    /// Lets the kernel drop the pages wholly inside `range` from this process; they are clean file
    /// pages, so a later touch reads them again. Used after converting F16 data we no longer need,
    /// which keeps a half-precision file from doubling the resident size of a load.
    public func release(_ range: Range<Int>) {
        let clamped = range.clamped(to: 0..<size)
        PageAdvice.release(base + clamped.lowerBound, byteCount: clamped.count)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), size)
    }
}
