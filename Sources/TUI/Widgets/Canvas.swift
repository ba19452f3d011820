/// A cell's row and column on the screen.
public struct CellPosition: Equatable, Hashable, Sendable {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// An in-memory grid of styled cells that widgets draw into; the terminal copies it to the screen,
/// and tests read it back as text.
public struct Canvas: Equatable, Sendable {
    /// One cell: a grapheme, or the right half of the wide grapheme to its left.
    public struct Cell: Equatable, Sendable {
        public var character: Character
        public var style: Style
        /// True for the second column of a two-column character; it draws nothing itself.
        public var isContinuation: Bool

        public init(_ character: Character = " ", style: Style = .plain, isContinuation: Bool = false) {
            self.character = character
            self.style = style
            self.isContinuation = isContinuation
        }
    }

    public let size: TerminalSize
    public private(set) var cells: [Cell]
    /// Where the terminal should show the text cursor, or nil to hide it.
    public var cursor: CellPosition?

    public init(size: TerminalSize, style: Style = .plain) {
        self.size = size
        self.cells = Array(repeating: Cell(style: style), count: max(0, size.rows * size.columns))
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: size.columns, height: size.rows) }

    public subscript(row: Int, column: Int) -> Cell {
        cells[row * size.columns + column]
    }

    /// Fills a rectangle with spaces in a style.
    public mutating func fill(_ rect: Rect, style: Style) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for row in r.y..<r.maxY {
            for column in r.x..<r.maxX { cells[row * size.columns + column] = Cell(style: style) }
        }
    }

    /// Writes text at a position, clipped to `maxWidth` cells and to the canvas; returns the cells used.
    /// Newlines and other control characters are drawn as `�` so they never move the terminal cursor.
    @discardableResult
    public mutating func write(_ text: String, row: Int, column: Int, style: Style = .plain,
                               maxWidth: Int = .max) -> Int {
        guard row >= 0, row < size.rows else { return 0 }
        let limit = min(maxWidth, size.columns - max(0, column))
        var x = column
        var used = 0
        DisplayWidth.measure {
            for character in text {
                let printable = Self.isPrintable(character) ? character : "�"
                let w = DisplayWidth.width(of: printable)
                if w == 0 { continue }  // a lone combining mark has nothing to attach to here
                if used + w > limit { break }
                if x >= 0 {
                    clearWideNeighbours(row: row, column: x, width: w)
                    cells[row * size.columns + x] = Cell(printable, style: style)
                    if w == 2 { cells[row * size.columns + x + 1] = Cell(" ", style: style, isContinuation: true) }
                }
                x += w
                used += w
            }
        }
        return used
    }

    /// The visible text of one row (continuation cells skipped), for tests and snapshots.
    public func text(row: Int) -> String {
        var line = ""
        for column in 0..<size.columns where !self[row, column].isContinuation {
            line.append(self[row, column].character)
        }
        return line
    }

    /// All rows joined by newlines, trailing spaces kept so columns line up.
    public var text: String { (0..<size.rows).map(text(row:)).joined(separator: "\n") }

    /// Overwriting half of a wide character must not leave its other half behind.
    private mutating func clearWideNeighbours(row: Int, column: Int, width: Int) {
        let base = row * size.columns
        if cells[base + column].isContinuation, column > 0 {
            cells[base + column - 1].character = " "
        }
        let after = column + width
        if after < size.columns, cells[base + after].isContinuation {
            cells[base + after] = Cell(" ", style: cells[base + after].style)
        }
    }

    static func isPrintable(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first else { return false }
        return first.value >= 0x20 && first.value != 0x7F && !(0x80...0x9F).contains(first.value)
    }
}
