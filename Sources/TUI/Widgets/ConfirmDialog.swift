/// A small centred question box answered with y or n.
public enum ConfirmDialog {
    public static func draw(title: String, message: String, on canvas: inout Canvas, within bounds: Rect) {
        let answer = "y yes    n no"
        let width = min(bounds.width - 2, max(DisplayWidth.of(message), DisplayWidth.of(title) + 4) + 4)
        let box = bounds.centered(width: width, height: 5)
        let inside = Panel.draw(on: &canvas, rect: box, title: title, focused: true)
        guard inside.height >= 2 else { return }
        canvas.write(message, row: inside.y, column: inside.x + 1, style: .plain, maxWidth: inside.width - 1)
        canvas.write(answer, row: inside.y + 2 < inside.maxY ? inside.y + 2 : inside.y + 1,
                     column: inside.x + 1, style: .accent, maxWidth: inside.width - 1)
    }
}
