/// Turns a picture into character cells of U+2580 (upper half block): the foreground paints the top
/// pixel and the background the bottom one, so each cell shows two roughly square pixels.
public enum HalfBlockRenderer {
    /// The half-block glyph every cell uses.
    public static let glyph: Character = "\u{2580}"

    /// The cells for `image` drawn one pixel per half cell: `image.width` columns,
    /// `ceil(image.height / 2)` rows; an odd last row leaves its bottom halves to the background.
    public static func render(_ image: RGBImage) -> HalfBlockImage {
        let rows = (image.height + 1) / 2
        var cells: [HalfBlockImage.Cell] = []
        cells.reserveCapacity(rows * image.width)
        for row in 0..<rows {
            for x in 0..<image.width {
                let bottomY = row * 2 + 1
                cells.append(.init(top: image[x, row * 2], bottom: bottomY < image.height ? image[x, bottomY] : nil))
            }
        }
        return HalfBlockImage(columns: image.width, rows: rows, cells: cells)
    }

    /// Scales `image` to the largest half-block picture that fits `columns × rows` cells, aspect kept
    /// (a cell is about twice as tall as wide, i.e. two square pixels).
    public static func render(_ image: RGBImage, fitting columns: Int, _ rows: Int) -> HalfBlockImage? {
        let size = ImageScaler.fit(width: image.width, height: image.height, into: columns, rows * 2)
        guard size.width > 0, size.height > 0 else { return nil }
        return render(ImageScaler.scale(image, toWidth: size.width, height: size.height))
    }
}

/// A picture as half-block cells, row by row.
public struct HalfBlockImage: Equatable, Sendable {
    public struct Cell: Equatable, Sendable {
        public var top: RGBColor
        /// nil below an odd image's last row: that half shows the pane's background.
        public var bottom: RGBColor?

        public init(top: RGBColor, bottom: RGBColor?) {
            self.top = top
            self.bottom = bottom
        }
    }

    public let columns: Int
    public let rows: Int
    public let cells: [Cell]

    public subscript(row: Int, column: Int) -> Cell { cells[row * columns + column] }
}
