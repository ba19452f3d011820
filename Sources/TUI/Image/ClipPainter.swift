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

    public init() {}

    /// The picture of `frames[index]`; `clipKey` names the frames (a new key drops what was cached).
    /// nil when the area is empty, the mode draws nothing, or encoding failed (see `lastError`).
    public func image(clipKey: AnyHashable, frames: [RGBImage], index: Int, target: Target) -> TerminalImage? {
        if clipKey != self.clipKey || target != self.target {
            self.clipKey = clipKey
            self.target = target
            encoder = nil
            cache.removeAll()
            lastError = nil
        }
        guard frames.indices.contains(index), !target.area.isEmpty else { return nil }
        if let cached = cache[index] { return cached }
        let made: TerminalImage?
        switch target.mode {
        case .none: made = nil
        case .blocks: made = halfBlocks(frames[index], in: target.area)
        case .sixel: made = sixel(frames, index: index, target: target)
        }
        if let made { cache[index] = made }
        return made
    }

    private func halfBlocks(_ frame: RGBImage, in area: Rect) -> TerminalImage? {
        guard let cells = HalfBlockRenderer.render(frame, fitting: area.width, area.height) else { return nil }
        let origin = CellPosition(row: area.y + (area.height - cells.rows) / 2,
                                  column: area.x + (area.width - cells.columns) / 2)
        return .halfBlocks(cells, origin: origin)
    }

    private func sixel(_ frames: [RGBImage], index: Int, target: Target) -> TerminalImage? {
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
        do {
            if encoder == nil {
                // Small copies of every frame are enough to choose a palette that fits them all.
                let samples = frames.map { sample -> RGBImage in
                    let s = ImageScaler.fit(width: sample.width, height: sample.height, into: 64, 64)
                    return ImageScaler.scale(sample, toWidth: s.width, height: s.height)
                }
                encoder = try SixelEncoder(palettePictures: samples, maxColors: target.colorRegisters)
            }
            let bytes = try encoder!.encode(ImageScaler.scale(frame, toWidth: size.width, height: size.height))
            let columns = (size.width + cell.width - 1) / cell.width
            let rows = (size.height + cell.height - 1) / cell.height
            let area = Rect(x: target.area.x + (target.area.width - columns) / 2,
                            y: target.area.y + (target.area.height - rows) / 2, width: columns, height: rows)
            return .sixel(SixelPicture(bytes: bytes, area: area))
        } catch let error as SixelError {
            lastError = error
            return nil
        } catch {
            return nil
        }
    }
}
