import Foundation

/// A queue that worker threads post values into and the UI loop drains when its wake fd is readable.
public final class Mailbox<Message: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Message] = []
    private let pipe: WakePipe

    public init() throws {
        pipe = try WakePipe()
    }

    /// The descriptor the UI loop polls; it becomes readable after `post`.
    public var fileDescriptor: Int32 { pipe.readFD }

    /// Queues a message from any thread and wakes the loop.
    public func post(_ message: Message) {
        lock.lock()
        pending.append(message)
        lock.unlock()
        pipe.wake()
    }

    /// Takes every queued message, oldest first (UI thread).
    public func takeAll() -> [Message] {
        _ = pipe.drain()
        lock.lock()
        defer { lock.unlock() }
        let messages = pending
        pending.removeAll()
        return messages
    }
}
