/// How a `TextEditor`'s text wraps into a given width: visual lines, the cursor's place among
/// them, and vertical motion that keeps the display column.
public struct TextLayout: Equatable, Sendable {
    /// Character ranges of each visual line (newlines themselves belong to no line).
    public let lines: [Range<Int>]
    public let width: Int
    private let widths: [Int]

    /// Wraps at `width` cells, breaking after the last space on the line when there is one.
    public init(_ characters: [Character], width: Int) {
        self.width = max(1, width)
        let widths = DisplayWidth.measure { characters.map { DisplayWidth.width(of: $0) } }
        self.widths = widths
        var lines: [Range<Int>] = []
        var start = 0, used = 0, index = 0
        var lastSpace: Int?
        while index < characters.count {
            if characters[index] == "\n" {
                lines.append(start..<index)
                index += 1
                start = index
                used = 0
                lastSpace = nil
                continue
            }
            let w = widths[index]
            if used + w > self.width, index > start {
                let breakAt = lastSpace.map { $0 + 1 } ?? index
                lines.append(start..<breakAt)
                start = breakAt
                used = widths[start..<index].reduce(0, +)
                lastSpace = nil
                continue
            }
            if characters[index] == " " { lastSpace = index }
            used += w
            index += 1
        }
        lines.append(start..<characters.count)
        self.lines = lines
    }

    /// Visual line and display column of a character index (the cursor).
    public func position(of index: Int) -> CellPosition {
        let line = lines.lastIndex { $0.lowerBound <= index } ?? 0
        let start = lines[line].lowerBound
        let column = widths[start..<min(index, lines[line].upperBound)].reduce(0, +)
        return CellPosition(row: line, column: min(column, width - 1))
    }

    /// The character index on visual line `line` closest to display column `column` (not past it).
    public func index(line: Int, column: Int) -> Int {
        let range = lines[max(0, min(line, lines.count - 1))]
        var used = 0
        for index in range {
            if used + widths[index] > column { return index }
            used += widths[index]
        }
        return range.upperBound
    }

    /// Moves the editor's cursor `delta` visual lines up (negative) or down, keeping the column
    /// it started from; false when there is no line in that direction.
    public static func moveVertically(_ editor: inout TextEditor, by delta: Int, width: Int) -> Bool {
        let layout = TextLayout(editor.characters, width: width)
        let here = layout.position(of: editor.cursor)
        let target = here.row + delta
        guard target >= 0, target < layout.lines.count else { return false }
        let column = editor.goalColumn ?? here.column
        editor.move(to: layout.index(line: target, column: column), keepingGoalColumn: true)
        editor.goalColumn = column
        return true
    }
}
