/// Turns the results grid's small pictures into placed `TerminalImage`s: half blocks, or sixel through
/// the preview's path (`ClipPainter.sixel`: smooth scaling to the slot's pixels, the terminal's palette
/// size). Sixels are cached by picture and size, so moving the selection or scrolling only places them
/// again; a picture that changes (a running job's next step) is encoded once more.
public final class ThumbnailPainter {
    /// Where one picture may go: it is centred inside `area`. `id` names what the picture belongs to
    /// (a job), so its previous picture can stay up at the same place while the new one is encoded.
    public struct Slot: Equatable, Sendable {
        public var picture: RGBImage
        public var area: Rect
        public var id: Int?

        public init(picture: RGBImage, area: Rect, id: Int? = nil) {
            self.picture = picture
            self.area = area
            self.id = id
        }
    }

    /// How pictures are drawn this time; the slots give the areas.
    public struct Settings: Equatable, Sendable {
        public var mode: GraphicsMode
        public var cellPixels: CellPixelSize?
        public var colorRegisters: Int
        public var maxPixels: ProbeReplies.PixelSize?

        public init(mode: GraphicsMode, cellPixels: CellPixelSize?, colorRegisters: Int = 256,
                    maxPixels: ProbeReplies.PixelSize? = nil) {
            self.mode = mode
            self.cellPixels = cellPixels
            self.colorRegisters = colorRegisters
            self.maxPixels = maxPixels
        }

        /// The preview's target for a slot of `columns × rows` cells at the origin: encoded sixels are then
        /// placed by offset, wherever the slot is this time.
        func target(columns: Int, rows: Int) -> ClipPainter.Target {
            ClipPainter.Target(mode: .sixel, area: Rect(x: 0, y: 0, width: columns, height: rows), cellPixels: cellPixels,
                               colorRegisters: colorRegisters, maxPixels: maxPixels)
        }
    }

    /// Everything an encoded sixel depends on (not where the slot is).
    private struct Key: Hashable {
        var picture: RGBImage
        var columns: Int
        var rows: Int
        var cellWidth: Int
        var cellHeight: Int
        var colorRegisters: Int
        var maxWidth: Int
        var maxHeight: Int

        /// Every redraw looks each picture up: a lookup hashing all its pixels took about 0.17 ms a 96 px picture (PreviewBench),
        /// so only a sample is hashed; equality still compares whole pictures.
        func hash(into hasher: inout Hasher) {
            hasher.combine(picture.width)
            hasher.combine(picture.height)
            let pixels = picture.pixels
            for index in stride(from: 0, to: pixels.count, by: max(1, pixels.count / 512)) { hasher.combine(pixels[index]) }
            hasher.combine(columns)
            hasher.combine(rows)
            hasher.combine(cellWidth)
            hasher.combine(cellHeight)
            hasher.combine(colorRegisters)
            hasher.combine(maxWidth)
            hasher.combine(maxHeight)
        }
    }

    /// A sixel encoded at the origin: its bytes and the cells it covers there (offset inside the slot).
    private struct Entry {
        var picture: SixelPicture
        var lastUse: Int
    }

    /// How many sixels were encoded (or started encoding) so far: the cache's effect, for tests and benchmarks.
    public private(set) var encodeCount = 0
    /// The last encoding failure, for the status bar.
    public private(set) var lastError: SixelError?
    /// Kept at least this many sixels; older unused ones beyond it are dropped.
    static let capacity = 64

    private let onPictureReady: (@Sendable () -> Void)?
    private var cache: [Key: Entry] = [:]
    private var use = 0
    /// One background encode at a time (the grid's pictures are small; one thread keeps the cores for the engine).
    private var running: (key: Key, job: SixelBackgroundJob)?
    private var waiting: [(key: Key, target: ClipPainter.Target)] = []
    /// Pictures libsixel refused: not tried again on every redraw.
    private var failed: Set<Key> = []
    /// The sixel each id showed last, and at which slot, to keep up while its next picture is encoded.
    private var shown: [Int: (slot: Rect, image: TerminalImage)] = [:]

    /// `onPictureReady` nil encodes on the caller's thread; otherwise sixels are encoded on a background
    /// thread, which calls it as each is ready (it should wake the UI loop to draw again).
    public init(onPictureReady: (@Sendable () -> Void)? = nil) {
        self.onPictureReady = onPictureReady
    }

    deinit { running?.job.cancel() }

    /// The pictures for `slots`, in order, leaving out those that draw nothing (mode `none`, no room, or a
    /// sixel not encoded yet with no earlier picture of the same id at the same slot).
    public func images(for slots: [Slot], settings: Settings) -> [TerminalImage] {
        switch settings.mode {
        case .none:
            return []
        case .blocks:
            return slots.compactMap { slot in
                guard let cells = HalfBlockRenderer.render(slot.picture, fitting: slot.area.width, slot.area.height) else { return nil }
                let origin = CellPosition(row: slot.area.y + (slot.area.height - cells.rows) / 2,
                                          column: slot.area.x + (slot.area.width - cells.columns) / 2)
                return .halfBlocks(cells, origin: origin)
            }
        case .sixel:
            use += 1
            collectFinished()
            let keys = slots.map { key(for: $0, settings: settings) }
            var images: [TerminalImage] = []
            var nowShown: [Int: (slot: Rect, image: TerminalImage)] = [:]
            for (slot, key) in zip(slots, keys) {
                guard !slot.area.isEmpty else { continue }
                var image: TerminalImage?
                if let entry = cache[key] {
                    cache[key]?.lastUse = use
                    image = .sixel(SixelPicture(bytes: entry.picture.bytes, area: placed(entry.picture.area, in: slot.area)))
                } else {
                    image = encode(key, slot: slot, settings: settings)
                    if image == nil, let id = slot.id, let previous = shown[id], previous.slot == slot.area { image = previous.image }
                }
                guard let image else { continue }
                images.append(image)
                if let id = slot.id { nowShown[id] = (slot.area, image) }
            }
            shown = nowShown
            // Only pictures still on screen are worth encoding later.
            waiting.removeAll { !keys.contains($0.key) }
            startNext()
            evict()
            return images
        }
    }

    private func key(for slot: Slot, settings: Settings) -> Key {
        let cell = settings.cellPixels ?? ClipPainter.assumedCellPixels
        return Key(picture: slot.picture, columns: slot.area.width, rows: slot.area.height, cellWidth: cell.width,
                   cellHeight: cell.height, colorRegisters: settings.colorRegisters,
                   maxWidth: settings.maxPixels?.width ?? 0, maxHeight: settings.maxPixels?.height ?? 0)
    }

    /// The sixel for `key` placed in `slot` when it can be had now; in the background mode, queues it.
    private func encode(_ key: Key, slot: Slot, settings: Settings) -> TerminalImage? {
        // A cell without pixels would encode to nothing, and a background job would never report back.
        guard !failed.contains(key), key.cellWidth > 0, key.cellHeight > 0 else { return nil }
        let target = settings.target(columns: key.columns, rows: key.rows)
        guard onPictureReady != nil else {
            encodeCount += 1
            var encoder: SixelEncoder?
            do throws(SixelError) {
                guard case .sixel(let picture)? = try ClipPainter.sixel([key.picture], index: 0, target: target, encoder: &encoder)
                else { return nil }
                cache[key] = Entry(picture: picture, lastUse: use)
                return .sixel(SixelPicture(bytes: picture.bytes, area: placed(picture.area, in: slot.area)))
            } catch {
                lastError = error
                failed.insert(key)
                return nil
            }
        }
        if running?.key != key, !waiting.contains(where: { $0.key == key }) { waiting.append((key, target)) }
        return nil
    }

    /// Takes the background job's result, if it is done.
    private func collectFinished() {
        guard let (key, job) = running else { return }
        let (frames, failure) = job.take()
        if let failure {
            lastError = failure
            failed.insert(key)
            running = nil
        } else if let made = frames[0] {
            if case .sixel(let picture) = made { cache[key] = Entry(picture: picture, lastUse: use) }
            running = nil
        }
    }

    private func startNext() {
        guard running == nil, let onPictureReady, !waiting.isEmpty else { return }
        let (key, target) = waiting.removeFirst()
        encodeCount += 1
        running = (key, SixelBackgroundJob(frames: [key.picture], startingAt: 0, target: target, onFrameReady: onPictureReady))
    }

    /// An area encoded at the origin, moved into `slot`.
    private func placed(_ area: Rect, in slot: Rect) -> Rect {
        Rect(x: slot.x + area.x, y: slot.y + area.y, width: area.width, height: area.height)
    }

    private func evict() {
        guard cache.count > Self.capacity else { return }
        let oldest = cache.sorted { $0.value.lastUse < $1.value.lastUse }.prefix(cache.count - Self.capacity)
        for (key, entry) in oldest where entry.lastUse < use { cache[key] = nil }
    }
}
