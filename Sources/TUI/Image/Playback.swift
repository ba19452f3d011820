/// Which frame of a looping clip is showing, given the time: plays at a fixed rate, pauses, steps.
///
/// Time is passed in (monotonic seconds) so the app's poll loop drives it and tests can too;
/// `nextFrameTime` tells the loop how long it may sleep.
public struct Playback: Equatable, Sendable {
    public private(set) var frameCount: Int
    public let framesPerSecond: Double
    public private(set) var frame: Int = 0
    public private(set) var isPlaying: Bool
    /// When the current frame started showing; nil until the next `advance` after a (re)start.
    private var frameStart: Double?

    public init(frameCount: Int, framesPerSecond: Double = 8, playing: Bool = true) {
        self.frameCount = max(0, frameCount)
        self.framesPerSecond = framesPerSecond
        self.isPlaying = playing
    }

    /// Moves on by the whole frames that fit in the time since the current frame started; the
    /// remainder carries over so the rate does not drift. Returns true when the frame changed.
    @discardableResult
    public mutating func advance(to now: Double) -> Bool {
        guard isPlaying, frameCount > 1 else { return false }
        guard let start = frameStart else {
            frameStart = now
            return false
        }
        let whole = Int(((now - start) * framesPerSecond).rounded(.down))
        guard whole > 0 else { return false }
        frame = (frame + whole) % frameCount
        frameStart = start + Double(whole) / framesPerSecond
        return true
    }

    /// When the next frame is due, or nil when nothing will change by itself (paused, one frame).
    public func nextFrameTime(now: Double) -> Double? {
        guard isPlaying, frameCount > 1 else { return nil }
        guard let start = frameStart else { return now }
        return start + 1 / framesPerSecond
    }

    public mutating func togglePlaying() {
        isPlaying.toggle()
        frameStart = nil
    }

    /// Steps `delta` frames (wrapping) and pauses, so the stepped-to frame stays.
    public mutating func step(by delta: Int) {
        isPlaying = false
        frameStart = nil
        guard frameCount > 0 else { return }
        frame = ((frame + delta) % frameCount + frameCount) % frameCount
    }

    /// Keeps the position and play state for a clip whose frame count changed (e.g. a new preview).
    public mutating func resize(frameCount count: Int) {
        frameCount = max(0, count)
        if frame >= frameCount { frame = 0 }
    }
}
