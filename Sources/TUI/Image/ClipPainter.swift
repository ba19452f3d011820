/// Turns the frames of a clip into placed `TerminalImage`s for one screen area, caching what it
/// made: half-block cells per frame, or for sixel one palette per clip and the encoded bytes per
/// frame, so a looping clip is encoded once.
public final class ClipPainter {
    /// Where and how pictures are drawn; a change drops the cache.
    public struct Target: Equatable, Sendable {
        public var mode: GraphicsMode
        /// The cells the picture may use; it is centred inside.
        public var area: Rect
        /// One cell's size in pixels (sixel only).
        public var cellPixels: CellPixelSize?
        /// Palette size for sixel (the terminal's colour registers, ≤ 256).
        public var colorRegisters: Int
        /// The largest sixel the terminal accepts (XTSMGRAPHICS); nil when it did not say.
        public var maxPixels: ProbeReplies.PixelSize?

        public init(mode: GraphicsMode, area: Rect, cellPixels: CellPixelSize?, colorRegisters: Int = 256,
                    maxPixels: ProbeReplies.PixelSize? = nil) {
            self.mode = mode
            self.area = area
            self.cellPixels = cellPixels
            self.colorRegisters = colorRegisters
            self.maxPixels = maxPixels
        }
    }

    /// Used when sixel is forced but the terminal never said how big its cells are.
    public static let assumedCellPixels = CellPixelSize(width: 10, height: 20, source: .cellQuery)

    private var clipKey: AnyHashable?
    private var target: Target?
    private var encoder: SixelEncoder?
    private var cache: [Int: TerminalImage] = [:]
    /// The last encoding failure, for the status bar; cleared when a new clip starts.
    public private(set) var lastError: SixelError?
    /// Set: sixel frames are encoded on a background thread, and this is called there as each is ready.
    private let onFrameReady: (@Sendable () -> Void)?
    private var job: SixelBackgroundJob?
    /// The sixel shown last at this target: kept on screen while the next clip's frame is still encoding.
    private var lastSixel: TerminalImage?

    /// `onFrameReady` nil encodes sixel frames when asked, on the caller's thread; otherwise a clip's
    /// frames are encoded in the background (large panes take long enough to delay keys) and
    /// `onFrameReady` should wake the UI loop to draw again.
    public init(onFrameReady: (@Sendable () -> Void)? = nil) {
        self.onFrameReady = onFrameReady
    }

    deinit { job?.cancel() }

    /// The picture of `frames[index]`; `clipKey` names the frames (a new key drops what was cached).
    /// nil when the area is empty, the mode draws nothing, or encoding failed (see `lastError`). In the
    /// background mode a frame not yet encoded gives the last sixel shown at this target, if any.
    public func image(clipKey: AnyHashable, frames: [RGBImage], index: Int, target: Target) -> TerminalImage? {
        if clipKey != self.clipKey || target != self.target {
            if target != self.target { lastSixel = nil }
            self.clipKey = clipKey
            self.target = target
            encoder = nil
            cache.removeAll()
            lastError = nil
            job?.cancel()
            job = nil
        }
        guard frames.indices.contains(index), !target.area.isEmpty else { return nil }
        if let cached = cache[index] { return cached }
        let made: TerminalImage?
        switch target.mode {
        case .none: made = nil
        case .blocks: made = halfBlocks(frames[index], in: target.area)
        case .sixel:
            if let onFrameReady {
                made = backgroundSixel(frames, index: index, target: target, onFrameReady: onFrameReady)
            } else {
                do throws(SixelError) {
                    made = try Self.sixel(frames, index: index, target: target, encoder: &encoder)
                } catch {
                    lastError = error
                    made = nil
                }
            }
        }
        if let made {
            cache[index] = made
            if case .sixel = made { lastSixel = made }
        }
        return made ?? (target.mode == .sixel ? lastSixel : nil)
    }

    /// Starts encoding the clip from `index` on when nothing is encoding it yet, then takes what is ready.
    private func backgroundSixel(_ frames: [RGBImage], index: Int, target: Target,
                                 onFrameReady: @escaping @Sendable () -> Void) -> TerminalImage? {
        let job = self.job ?? SixelBackgroundJob(frames: frames, startingAt: index, target: target, onFrameReady: onFrameReady)
        self.job = job
        let (ready, failure) = job.take()
        cache.merge(ready) { old, _ in old }
        if let failure { lastError = failure }
        return cache[index]
    }

    private func halfBlocks(_ frame: RGBImage, in area: Rect) -> TerminalImage? {
        guard let cells = HalfBlockRenderer.render(frame, fitting: area.width, area.height) else { return nil }
        let origin = CellPosition(row: area.y + (area.height - cells.rows) / 2,
                                  column: area.x + (area.width - cells.columns) / 2)
        return .halfBlocks(cells, origin: origin)
    }

    /// `frames[index]` as a sixel centred in `target`'s area; builds `encoder` (the clip's palette) on first use.
    static func sixel(_ frames: [RGBImage], index: Int, target: Target, encoder: inout SixelEncoder?) throws(SixelError) -> TerminalImage? {
        let cell = target.cellPixels ?? Self.assumedCellPixels
        guard cell.width > 0, cell.height > 0 else { return nil }
        let frame = frames[index]
        // A terminal crops (xterm) or drops pictures beyond its maximum, so shrink to fit it instead.
        var box = (width: target.area.width * cell.width, height: target.area.height * cell.height)
        if let limit = target.maxPixels, limit.width > 0, limit.height > 0 {
            box = (min(box.width, limit.width), min(box.height, limit.height))
        }
        let size = ImageScaler.fit(width: frame.width, height: frame.height, into: box.width, box.height)
        guard size.width > 0, size.height > 0 else { return nil }
        if encoder == nil {
            // Small copies of every frame are enough to choose a palette that fits them all. A frame smaller than
            // that grows as it will on screen, so the palette also holds the colours blended between its pixels.
            let samples = frames.map { sample -> RGBImage in
                let s = ImageScaler.fit(width: sample.width, height: sample.height, into: 64, 64)
                return ImageScaler.scaleSmooth(sample, toWidth: s.width, height: s.height)
            }
            encoder = try SixelEncoder(palettePictures: samples, maxColors: target.colorRegisters)
        }
        guard let encoder else { return nil }
        let bytes = try encoder.encode(ImageScaler.scaleSmooth(frame, toWidth: size.width, height: size.height))
        let columns = (size.width + cell.width - 1) / cell.width
        let rows = (size.height + cell.height - 1) / cell.height
        let area = Rect(x: target.area.x + (target.area.width - columns) / 2,
                        y: target.area.y + (target.area.height - rows) / 2, width: columns, height: rows)
        return .sixel(SixelPicture(bytes: bytes, area: area))
    }
}
