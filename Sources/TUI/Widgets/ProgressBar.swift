/// A horizontal bar of block characters showing a fraction done.
public enum ProgressBar {
    /// How many of `width` cells are filled for `fraction` (clamped to 0…1).
    public static func filledCells(fraction: Double, width: Int) -> Int {
        guard width > 0, fraction.isFinite else { return 0 }
        return Int((min(1, max(0, fraction)) * Double(width)).rounded(.down))
    }

    public static func draw(fraction: Double, on canvas: inout Canvas, row: Int, column: Int, width: Int) {
        let filled = filledCells(fraction: fraction, width: width)
        canvas.write(String(repeating: "█", count: filled), row: row, column: column, style: Style(.progress))
        canvas.write(String(repeating: "░", count: width - filled), row: row, column: column + filled,
                     style: Style(.progressTrack))
    }
}
