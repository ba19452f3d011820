/// A scrolling list of one-line rows with a selected row, or a message when it is empty.
public enum ListView {
    /// One row: its text and, optionally, a progress bar drawn at its right end.
    public struct Row: Equatable, Sendable {
        public var text: String
        public var style: Style
        /// 0…1, drawn as a small bar after the text.
        public var progress: Double?
        public init(text: String, style: Style = .plain, progress: Double? = nil) {
            self.text = text
            self.style = style
            self.progress = progress
        }
    }

    /// Draws rows scrolled so `selected` shows; `emptyMessage` when there are none.
    public static func draw(_ rows: [Row], selected: Int?, focused: Bool, emptyMessage: String,
                            on canvas: inout Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        guard !rows.isEmpty else {
            canvas.write(emptyMessage, row: rect.y, column: rect.x, style: .muted, maxWidth: rect.width)
            return
        }
        let top = max(0, (selected ?? 0) - rect.height + 1)
        for (offset, row) in rows[top...].prefix(rect.height).enumerated() {
            let index = top + offset
            let y = rect.y + offset
            let isSelected = index == selected
            let style = isSelected && focused ? Style(row.style.foreground, on: .selection, bold: row.style.bold) : row.style
            canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), style: isSelected && focused ? .selected : .plain)
            let marker = isSelected ? "▸ " : "  "
            var barWidth = 0
            if let progress = row.progress, rect.width >= 24 {
                barWidth = min(10, rect.width / 4)
                ProgressBar.draw(fraction: progress, on: &canvas, row: y, column: rect.maxX - barWidth, width: barWidth)
            }
            canvas.write(marker + row.text, row: y, column: rect.x, style: style,
                         maxWidth: rect.width - barWidth - (barWidth > 0 ? 1 : 0))
        }
    }
}
