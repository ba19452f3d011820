/// The size of one character cell in pixels and where that number came from.
public struct CellPixelSize: Equatable, Sendable, CustomStringConvertible {
    public enum Source: String, Sendable {
        case windowSize = "TIOCGWINSZ"
        case cellQuery = "CSI 16 t"
        case textAreaQuery = "CSI 14 t ÷ cells"
    }

    public var width: Int
    public var height: Int
    public var source: Source

    public init(width: Int, height: Int, source: Source) {
        self.width = width
        self.height = height
        self.source = source
    }

    /// Picks the first trustworthy figure: the kernel's window size pixels (when non-zero), the
    /// terminal's `CSI 16 t` answer, then the `CSI 14 t` text area divided by the cell count.
    public static func resolve(windowPixels: ProbeReplies.PixelSize?, cells: TerminalSize,
                               replies: ProbeReplies) -> CellPixelSize? {
        guard cells.rows > 0, cells.columns > 0 else { return nil }
        if let px = windowPixels, px.width > 0, px.height > 0, px.width >= cells.columns, px.height >= cells.rows {
            return CellPixelSize(width: px.width / cells.columns, height: px.height / cells.rows, source: .windowSize)
        }
        if let cell = replies.cellPixels {
            return CellPixelSize(width: cell.width, height: cell.height, source: .cellQuery)
        }
        // Divided by the kernel's cell count, not the CSI 18 t answer: tmux 3.3a sends that one with rows and
        // columns swapped.
        if let area = replies.textAreaPixels, area.width >= cells.columns, area.height >= cells.rows {
            return CellPixelSize(width: area.width / cells.columns, height: area.height / cells.rows, source: .textAreaQuery)
        }
        return nil
    }

    public var description: String { "\(width)×\(height) px (\(source.rawValue))" }
}
