/// A small centred box of rows, the focused one highlighted, with the keys that answer it underneath
/// (the seed sweep, the gallery's export).
public enum ChoiceDialog {
    public static func draw(title: String, lines: [(text: String, focused: Bool)], keys: String, on canvas: inout Canvas) {
        let width = min(canvas.bounds.width - 2,
                        max(DisplayWidth.of(keys), lines.map { DisplayWidth.of($0.text) }.max() ?? 0) + 6)
        let box = canvas.bounds.centered(width: width, height: lines.count + 4)
        let inside = Panel.draw(on: &canvas, rect: box, title: title, focused: true)
        for (offset, line) in lines.enumerated() where inside.y + offset < inside.maxY {
            canvas.write((line.focused ? "▸ " : "  ") + line.text, row: inside.y + offset, column: inside.x + 1,
                         style: line.focused ? .selected : .plain, maxWidth: inside.width - 2)
        }
        if inside.height > lines.count + 1 {
            canvas.write(keys, row: inside.maxY - 1, column: inside.x + 1, style: .muted, maxWidth: inside.width - 2)
        }
    }
}
