#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A non-blocking self-pipe: any thread (or a signal handler) writes a byte to wake a `poll` loop.
public final class WakePipe: @unchecked Sendable {
    /// The end the loop polls for reading.
    public let readFD: Int32
    /// The end writers write to; writing is async-signal-safe.
    public let writeFD: Int32

    public init() throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw LoopError.pipe(errno: errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Wakes the loop; a full pipe already means a wake-up is pending, so that error is ignored.
    public func wake(_ byte: UInt8 = 1) {
        var value = byte
        _ = write(writeFD, &value, 1)
    }

    /// Reads every pending byte and returns them (oldest first).
    public func drain() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let n = read(readFD, &buffer, buffer.count)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return bytes
    }
}

/// Failures of the UI loop's plumbing.
public enum LoopError: Error, CustomStringConvertible {
    case pipe(errno: Int32)
    case poll(errno: Int32)

    public var description: String {
        switch self {
        case .pipe(let e): return "could not create the UI loop's wake-up pipe: \(String(cString: strerror(e)))"
        case .poll(let e): return "the UI loop's poll failed: \(String(cString: strerror(e)))"
        }
    }
}
