/// A picture placed on the screen, ready for `Terminal.present`.
public enum TerminalImage: Equatable, Sendable {
    /// Half-block cells drawn through curses with their top-left cell at `origin`.
    case halfBlocks(HalfBlockImage, origin: CellPosition)
    /// A sixel sequence written to the terminal after curses has drawn.
    case sixel(SixelPicture)

    /// The cells the picture covers.
    public var area: Rect {
        switch self {
        case .halfBlocks(let image, let origin):
            return Rect(x: origin.column, y: origin.row, width: image.columns, height: image.rows)
        case .sixel(let picture):
            return picture.area
        }
    }
}

/// Encoded sixel bytes and the cells they cover (top-left cell = where the cursor is put first).
public struct SixelPicture: Equatable, Sendable {
    public var bytes: [UInt8]
    public var area: Rect

    public init(bytes: [UInt8], area: Rect) {
        self.bytes = bytes
        self.area = area
    }
}
