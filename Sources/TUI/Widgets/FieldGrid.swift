/// Labelled values laid out in equal columns (`seed 1234   steps 50   guidance 9.0`), one of
/// them highlighted as the field `+`/`-` change.
public enum FieldGrid {
    /// One field: its label and its current value as text.
    public struct Field: Equatable, Sendable {
        public var label: String
        public var value: String
        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// Width of one column: the widest `label value` plus a gap.
    public static func columnWidth(_ fields: [Field]) -> Int {
        (fields.map { DisplayWidth.of($0.label) + 1 + DisplayWidth.of($0.value) }.max() ?? 0) + 3
    }

    /// How many rows the fields need at `width` columns.
    public static func rowsNeeded(_ fields: [Field], width: Int) -> Int {
        let perRow = max(1, width / max(1, columnWidth(fields)))
        return (fields.count + perRow - 1) / perRow
    }

    /// Draws the fields; `selected` (if any) is drawn in the selection colour, or underlined
    /// when the pane does not have focus.
    public static func draw(_ fields: [Field], selected: Int?, focused: Bool, on canvas: inout Canvas, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let cell = columnWidth(fields)
        let perRow = max(1, rect.width / max(1, cell))
        for (index, field) in fields.enumerated() {
            let row = rect.y + index / perRow
            guard row < rect.maxY else { break }
            let column = rect.x + (index % perRow) * cell
            let isSelected = index == selected
            let room = min(cell - 1, rect.maxX - column)
            let valueStyle = isSelected ? (focused ? Style.selected : Style(.text, underline: true)) : Style.plain
            let used = canvas.write(field.label + " ", row: row, column: column,
                                    style: isSelected && focused ? Style(.accent, on: .selection) : .muted, maxWidth: room)
            canvas.write(field.value, row: row, column: column + used, style: valueStyle, maxWidth: room - used)
        }
    }
}
