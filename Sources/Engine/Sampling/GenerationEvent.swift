import Foundation

/// Plain values a generation reports while it runs; safe to pass across threads.
public enum GenerationEvent: Sendable {
    case step(index: Int, total: Int, timestep: Int, elapsed: TimeInterval)
    case preview(PreviewClip)
    case done(GeneratedClip)
    case failed(String)
    case cancelled
}

/// A small RGB preview of the predicted clean clip at latent resolution, frame after frame.
public struct PreviewClip: Sendable, Equatable {
    public let frames: Int
    public let width: Int
    public let height: Int
    /// frames × height × width × 3 bytes.
    public let rgb: [UInt8]
}

/// A finished clip: float frames [F, H, W, 3] in [0, 1], with what made it.
public struct GeneratedClip: @unchecked Sendable {
    public let frames: Tensor
    public let settings: GenerationSettings
    public let seconds: TimeInterval

    public init(frames: Tensor, settings: GenerationSettings, seconds: TimeInterval) {
        self.frames = frames
        self.settings = settings
        self.seconds = seconds
    }

    public var frameCount: Int { frames.shape[0] }
    public var height: Int { frames.shape[1] }
    public var width: Int { frames.shape[2] }

    /// Frames as 8-bit RGB, rounded (as diffusers' PIL output does).
    public func rgb8() -> [UInt8] {
        let values = frames.pointer
        return (0..<frames.count).map { UInt8((min(max(values[$0], 0), 1) * 255).rounded()) }
    }
}

/// A flag the caller sets to stop a generation; checked between UNet layers.
public final class CancellationToken: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }
}
