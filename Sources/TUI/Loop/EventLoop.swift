#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits on the terminal's input, the signal pipe and any number of mailboxes at once with `poll`.
public struct EventLoop {
    /// What woke the loop; several may be true at once.
    public struct Readiness: Equatable, Sendable {
        /// The terminal has input (or the wait was interrupted, e.g. by SIGWINCH: read keys anyway).
        public var input: Bool
        /// The terminal hung up or its descriptor failed: no more keys will come.
        public var inputClosed: Bool = false
        /// Bytes arrived on the signal pipe.
        public var signal: Bool
        /// Indices (into `sources`) of mailboxes that have messages.
        public var sources: [Int]
        /// Nothing happened before the timeout.
        public var timedOut: Bool { !input && !inputClosed && !signal && sources.isEmpty }
    }

    public let inputFD: Int32
    public let signalFD: Int32
    public var sources: [Int32]

    public init(inputFD: Int32, signalFD: Int32, sources: [Int32]) {
        self.inputFD = inputFD
        self.signalFD = signalFD
        self.sources = sources
    }

    /// Blocks until something is ready or `timeoutMilliseconds` pass (-1 waits forever).
    public func wait(timeoutMilliseconds: Int32) throws -> Readiness {
        var fds = ([inputFD, signalFD] + sources).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let result = poll(&fds, nfds_t(fds.count), timeoutMilliseconds)
        if result < 0 {
            if errno == EINTR { return Readiness(input: true, signal: false, sources: []) }
            throw LoopError.poll(errno: errno)
        }
        let ready = fds.map { $0.revents & Int16(POLLIN) != 0 }
        let closed = fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 && !ready[0]
        return Readiness(input: ready[0], inputClosed: closed, signal: ready[1],
                         sources: ready.indices.dropFirst(2).filter { ready[$0] }.map { $0 - 2 })
    }
}
