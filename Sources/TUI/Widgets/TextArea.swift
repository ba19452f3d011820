/// Draws a `TextEditor` into a rectangle: wrapped lines scrolled so the cursor shows.
public enum TextArea {
    /// Draws the text; when `focused`, puts the canvas cursor on the editor's cursor.
    /// An empty, unfocused field shows `placeholder` in the muted colour.
    public static func draw(_ editor: TextEditor, on canvas: inout Canvas, in rect: Rect,
                            focused: Bool, placeholder: String = "") {
        guard !rect.isEmpty else { return }
        if editor.isEmpty && !focused && !placeholder.isEmpty {
            canvas.write(placeholder, row: rect.y, column: rect.x, style: .muted, maxWidth: rect.width)
            return
        }
        let layout = TextLayout(editor.characters, width: rect.width)
        let cursor = layout.position(of: editor.cursor)
        let top = max(0, cursor.row - rect.height + 1)
        for (offset, line) in layout.lines[top...].prefix(rect.height).enumerated() {
            canvas.write(String(editor.characters[line]), row: rect.y + offset, column: rect.x,
                         style: .plain, maxWidth: rect.width)
        }
        if focused {
            canvas.cursor = CellPosition(row: rect.y + cursor.row - top, column: rect.x + cursor.column)
        }
    }
}
