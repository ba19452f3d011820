import Foundation

/// Encodes every frame of one clip to sixel on its own thread, starting from the frame on screen, so
/// the UI thread never waits for libsixel (a large pane on a busy machine takes long enough to delay
/// keys). Finished frames wait here until the painter takes them.
final class SixelBackgroundJob: @unchecked Sendable {
    private let lock = NSLock()
    private var finished: [Int: TerminalImage] = [:]
    private var failure: SixelError?
    private var cancelled = false

    /// Starts at once; `onFrameReady` is called on the job's thread after each frame (and after a failure).
    init(frames: [RGBImage], startingAt start: Int, target: ClipPainter.Target,
         onFrameReady: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            // The encoder (and its palette) lives and dies on this thread: libsixel's objects are not thread-safe.
            var encoder: SixelEncoder?
            for offset in 0..<frames.count {
                if isCancelled { return }
                let index = (start + offset) % frames.count
                do throws(SixelError) {
                    let image = try ClipPainter.sixel(frames, index: index, target: target, encoder: &encoder)
                    lock.withLock { finished[index] = image }
                } catch {
                    lock.withLock { failure = error }
                    onFrameReady()
                    return
                }
                onFrameReady()
            }
        }
        thread.name = "studio sixel encoder"
        thread.start()
    }

    private var isCancelled: Bool { lock.withLock { cancelled } }

    /// Stops after the frame being encoded; nothing more is reported.
    func cancel() { lock.withLock { cancelled = true } }

    /// The frames finished since the last call, and the failure that stopped the job, if any.
    func take() -> (frames: [Int: TerminalImage], failure: SixelError?) {
        lock.withLock {
            defer { finished.removeAll() }
            return (finished, failure)
        }
    }
}
