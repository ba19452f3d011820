/// A bordered pane: a one-cell box with a title on the left and a badge (e.g. `14/77`) on the right.
public enum Panel {
    /// Draws the border of `rect` and clears its inside; returns the inside.
    /// With `joinsAbove`, the top corners become `├ ┤` so the panel continues the one above it;
    /// without `drawsBottom`, the bottom row is left to the panel below (whose top it is).
    @discardableResult
    public static func draw(on canvas: inout Canvas, rect: Rect, title: String, badge: String? = nil,
                            focused: Bool, joinsAbove: Bool = false, drawsBottom: Bool = true,
                            badgeStyle: Style? = nil) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let border = focused ? Style.borderFocused : Style.border
        let inside = rect.inset(by: 1)
        canvas.fill(inside, style: .plain)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        canvas.write((joinsAbove ? "├" : "┌") + horizontal + (joinsAbove ? "┤" : "┐"),
                     row: rect.y, column: rect.x, style: border)
        if drawsBottom {
            canvas.write("└" + horizontal + "┘", row: rect.maxY - 1, column: rect.x, style: border)
        }
        for row in inside.y..<inside.maxY {
            canvas.write("│", row: row, column: rect.x, style: border)
            canvas.write("│", row: row, column: rect.maxX - 1, style: border)
        }
        var badgeWidth = 0
        if let badge, rect.width >= 8 {
            let text = " " + badge + " "
            badgeWidth = min(DisplayWidth.of(text), rect.width - 4)
            canvas.write(text, row: rect.y, column: rect.maxX - 1 - badgeWidth,
                         style: badgeStyle ?? (focused ? .accent : .muted), maxWidth: badgeWidth)
        }
        let titleRoom = rect.width - 4 - badgeWidth
        if titleRoom > 0 {
            canvas.write(" " + title + " ", row: rect.y, column: rect.x + 1,
                         style: focused ? .borderFocused : Style(.text, bold: true), maxWidth: titleRoom)
        }
        return inside
    }
}
