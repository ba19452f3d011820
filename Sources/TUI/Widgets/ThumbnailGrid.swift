/// Tiles of small pictures, each with a title and a detail line, filling rows as wide as the area
/// allows and scrolled by whole rows so the selected tile shows; a message when there are none.
///
/// The canvas holds text only, so `draw` writes the captions and returns where each picture goes, for a
/// `ThumbnailPainter` to turn into half blocks or sixels painted over the blank picture cells. The selected
/// tile's picture rows get a frame at its sides, drawn as text, so the selection shows around a sixel too.
public enum ThumbnailGrid {
    /// One tile: `picture` nil shows a muted placeholder (not rendered yet, or pictures off).
    public struct Tile: Equatable, Sendable {
        public var title: String
        public var detail: String
        public var style: Style
        public var picture: RGBImage?
        /// 0…1 for work in progress, drawn as a bar under the picture.
        public var progress: Double?
        /// What the picture belongs to (e.g. a job), passed on to its slot.
        public var pictureID: Int?

        public init(title: String, detail: String, style: Style = .plain, picture: RGBImage? = nil, progress: Double? = nil,
                    pictureID: Int? = nil) {
            self.title = title
            self.detail = detail
            self.style = style
            self.picture = picture
            self.progress = progress
            self.pictureID = pictureID
        }
    }

    /// A tile's width without the one-column gap to its right neighbour; room for `▸ #12 seed 4294967295`.
    public static let tileWidth = 21
    /// Rows a picture takes when the area is tall enough; below that tiles are captions only.
    public static let pictureRows = 4

    /// Tiles per row in an area `width` columns wide (at least one).
    public static func columns(width: Int) -> Int {
        max(1, (width + 1) / (tileWidth + 1))
    }

    /// How tall a tile is in an area `height` rows tall: picture and captions when a whole tile fits.
    static func tileHeight(areaHeight height: Int) -> Int {
        height >= pictureRows + 2 ? pictureRows + 2 : 2
    }

    /// Where each visible tile goes: its index and outer rectangle.
    public static func visibleTiles(count: Int, selected: Int?, in rect: Rect) -> [(index: Int, rect: Rect)] {
        guard count > 0, !rect.isEmpty else { return [] }
        let columns = columns(width: rect.width)
        let height = tileHeight(areaHeight: rect.height)
        let visibleRows = max(1, rect.height / height)
        let selectedRow = min(max(0, selected ?? 0), count - 1) / columns
        let firstRow = max(0, selectedRow - visibleRows + 1)
        var tiles: [(Int, Rect)] = []
        for row in firstRow..<(firstRow + visibleRows) {
            for column in 0..<columns {
                let index = row * columns + column
                guard index < count else { return tiles }
                let y = rect.y + (row - firstRow) * height
                guard y + height <= rect.maxY || tiles.isEmpty else { return tiles }
                tiles.append((index, Rect(x: rect.x + column * (tileWidth + 1), y: y,
                                          width: min(tileWidth, rect.width), height: min(height, rect.maxY - y))))
            }
        }
        return tiles
    }

    /// The selection frame's left and right sides: half blocks on the picture's side of their cells.
    static let frameGlyphs = (left: "▐", right: "▌")

    /// Draws the captions, placeholders and the selection frame; returns where the pictures go when `showPictures`.
    @discardableResult
    public static func draw(_ tiles: [Tile], selected: Int?, focused: Bool, emptyMessage: String, showPictures: Bool,
                            on canvas: inout Canvas, in rect: Rect) -> [ThumbnailPainter.Slot] {
        guard !rect.isEmpty else { return [] }
        guard !tiles.isEmpty else {
            canvas.write(emptyMessage, row: rect.y, column: rect.x, style: .muted, maxWidth: rect.width)
            return []
        }
        var slots: [ThumbnailPainter.Slot] = []
        for (index, box) in visibleTiles(count: tiles.count, selected: selected, in: rect) {
            let tile = tiles[index]
            let isSelected = index == selected
            let captionRow = box.maxY - 2
            if captionRow > box.y {
                // The outer columns hold the selection frame, so a picture never covers it.
                let pictureArea = Rect(x: box.x + 1, y: box.y, width: box.width - 2, height: captionRow - box.y)
                if isSelected {
                    for row in pictureArea.y..<pictureArea.maxY {
                        let style: Style = focused ? .borderFocused : .accent
                        canvas.write(frameGlyphs.left, row: row, column: box.x, style: style)
                        canvas.write(frameGlyphs.right, row: row, column: box.maxX - 1, style: style)
                    }
                }
                if showPictures, let picture = tile.picture, !pictureArea.isEmpty {
                    slots.append(ThumbnailPainter.Slot(picture: picture, area: pictureArea, id: tile.pictureID))
                } else {
                    canvas.write("·", row: pictureArea.y + pictureArea.height / 2, column: pictureArea.x + pictureArea.width / 2,
                                 style: .muted)
                }
            }
            let titleStyle = isSelected && focused ? Style.selected : isSelected ? Style.accent : Style.plain
            canvas.fill(Rect(x: box.x, y: captionRow, width: box.width, height: 1), style: isSelected && focused ? .selected : .plain)
            canvas.write((isSelected ? "▸ " : "  ") + tile.title, row: captionRow, column: box.x, style: titleStyle,
                         maxWidth: box.width)
            let detail = "  " + tile.detail
            canvas.write(detail, row: captionRow + 1, column: box.x, style: tile.style, maxWidth: box.width)
            let barColumn = box.x + DisplayWidth.of(detail) + 1
            if let progress = tile.progress, box.maxX - barColumn >= 4 {
                ProgressBar.draw(fraction: progress, on: &canvas, row: captionRow + 1, column: barColumn, width: box.maxX - barColumn)
            }
        }
        return slots
    }
}
