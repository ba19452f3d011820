/// Half blocks in 24-bit colour for terminals whose terminfo entry cannot say so (xterm-256color under
/// COLORTERM=truecolor): the bytes bypass curses, like a sixel.
extension HalfBlockImage {
    /// Paints every cell with its top-left at `origin` (0-based): cursor and attributes saved (DECSC),
    /// one cursor move per row, `38;2` / `48;2` colours per cell (`49`, the default background, under an
    /// odd image's last row), then restored (DECRC) so curses' idea of the cursor and attributes stays true.
    public func trueColorBytes(origin: CellPosition) -> [UInt8] {
        var text = "\u{1B}7"
        for row in 0..<rows {
            text += "\u{1B}[\(origin.row + row + 1);\(origin.column + 1)H"
            for column in 0..<columns {
                let cell = self[row, column]
                let top = cell.top
                var sgr = "38;2;\(top.red);\(top.green);\(top.blue)"
                if let bottom = cell.bottom {
                    sgr += ";48;2;\(bottom.red);\(bottom.green);\(bottom.blue)"
                } else {
                    sgr += ";49"
                }
                text += "\u{1B}[\(sgr)m" + String(HalfBlockRenderer.glyph)
            }
        }
        text += "\u{1B}[0m\u{1B}8"
        return Array(text.utf8)
    }
}
