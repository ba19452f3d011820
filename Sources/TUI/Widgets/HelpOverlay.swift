/// A centred box listing keys and what they do, in titled sections, scrollable when tall.
public enum HelpOverlay {
    /// A titled group of key rows, e.g. "Text fields".
    public struct Section: Equatable, Sendable {
        public var title: String
        public var entries: [KeyHelp]
        public init(title: String, entries: [KeyHelp]) {
            self.title = title
            self.entries = entries
        }
    }

    /// The overlay's lines before boxing: section titles, `keys  action` rows, blank separators.
    public static func lines(_ sections: [Section], keyColumn: Int) -> [(text: String, isTitle: Bool)] {
        var lines: [(String, Bool)] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { lines.append(("", false)) }
            lines.append((section.title, true))
            for entry in section.entries {
                let pad = max(1, keyColumn - DisplayWidth.of(entry.keys))
                lines.append(("  " + entry.keys + String(repeating: " ", count: pad) + entry.action, false))
            }
        }
        return lines
    }

    /// Draws the overlay over whatever is on the canvas, starting `scroll` lines down. Sections
    /// go into two columns when one column would not fit the height but two fit the width.
    /// Returns the largest useful scroll value, so callers can clamp.
    @discardableResult
    public static func draw(_ sections: [Section], scroll: Int, on canvas: inout Canvas, within bounds: Rect) -> Int {
        let keyColumn = min(24, (sections.flatMap(\.entries).map { DisplayWidth.of($0.keys) }.max() ?? 0) + 2)
        var columns = [lines(sections, keyColumn: keyColumn)]
        let columnWidth = (columns[0].map { DisplayWidth.of($0.text) }.max() ?? 0) + 2
        if columns[0].count + 2 > bounds.height - 2, 2 * columnWidth + 4 <= bounds.width - 2 {
            columns = split(sections, keyColumn: keyColumn)
        }
        let rows = columns.map(\.count).max() ?? 0
        let box = bounds.centered(width: min(bounds.width - 2, columns.count * columnWidth + 2),
                                  height: min(bounds.height - 2, rows + 2))
        let inside = Panel.draw(on: &canvas, rect: box, title: "Keys", badge: "Esc closes", focused: true)
        guard !inside.isEmpty else { return 0 }
        let maxScroll = max(0, rows - inside.height)
        let top = min(max(0, scroll), maxScroll)
        for (index, column) in columns.enumerated() {
            let x = inside.x + index * columnWidth
            for (offset, line) in column.dropFirst(top).prefix(inside.height).enumerated() {
                canvas.write(" " + line.text, row: inside.y + offset, column: x,
                             style: line.isTitle ? .accent : .plain, maxWidth: min(columnWidth, inside.maxX - x))
            }
        }
        if top < maxScroll {
            canvas.write(" ↓ \(maxScroll - top) more ", row: box.maxY - 1, column: box.x + 2, style: .accent,
                         maxWidth: box.width - 4)
        }
        if top > 0 {
            canvas.write(" ↑ ", row: box.y, column: box.maxX - 5, style: .accent)
        }
        return maxScroll
    }

    /// Two columns of whole sections: each section, in order, joins the shorter column.
    static func split(_ sections: [Section], keyColumn: Int) -> [[(text: String, isTitle: Bool)]] {
        var columns: [[Section]] = [[], []]
        for section in sections {
            let heights = columns.map { lines($0, keyColumn: keyColumn).count }
            columns[heights[1] < heights[0] ? 1 : 0].append(section)
        }
        return columns.map { lines($0, keyColumn: keyColumn) }
    }
}
