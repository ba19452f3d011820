/// The bottom line: a message (with an optional progress bar) on the left, key hints on the right.
/// Hints drop from the end when the line is too short for all of them.
public enum StatusBar {
    public static func draw(message: String, style: Style = .plain, progress: Double? = nil,
                            hints: [KeyHelp], on canvas: inout Canvas, row: Int) {
        let width = canvas.size.columns
        canvas.fill(Rect(x: 0, y: row, width: width, height: 1), style: .plain)
        var column = 1
        if let progress {
            let barWidth = max(8, min(24, width / 5))
            ProgressBar.draw(fraction: progress, on: &canvas, row: row, column: column, width: barWidth)
            column += barWidth + 1
        }
        // The message keeps at least 24 cells (or its own width) before hints are dropped.
        let shown = Array(hints.prefix(hintCount(hints, width: width - column - min(24, DisplayWidth.of(message)) - 3)))
        let hintWidth = DisplayWidth.of(fittingHints(shown, width: .max))
        canvas.write(message, row: row, column: column, style: style, maxWidth: width - column - hintWidth - 2)
        var x = width - hintWidth - 1
        for (index, hint) in shown.enumerated() {
            if index > 0 { x += 2 }
            x += canvas.write(hint.keys, row: row, column: x, style: .accent)
            x += canvas.write(" " + hint.action, row: row, column: x, style: .muted)
        }
    }

    /// The hints that fit in `width` cells, as they will be drawn.
    public static func fittingHints(_ hints: [KeyHelp], width: Int) -> String {
        hints.prefix(hintCount(hints, width: width)).map { $0.keys + " " + $0.action }.joined(separator: "  ")
    }

    private static func hintCount(_ hints: [KeyHelp], width: Int) -> Int {
        var used = 0
        for (index, hint) in hints.enumerated() {
            let w = DisplayWidth.of(hint.keys + " " + hint.action) + (index > 0 ? 2 : 0)
            if used + w > width { return index }
            used += w
        }
        return hints.count
    }
}
