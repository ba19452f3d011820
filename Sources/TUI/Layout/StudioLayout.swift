/// Where the studio's panes go for a terminal size: prompt, negative prompt and settings stacked
/// on the left (sharing borders), preview and queue on the right, the status bar on the last row.
///
/// Below 100 columns or 30 rows the queue folds into the status bar; below `minimumSize` there is
/// no layout at all.
public struct StudioLayout: Equatable, Sendable {
    public static let minimumSize = TerminalSize(rows: 18, columns: 60)

    /// Each pane's outer rectangle, border included. The left panes overlap by one row: a pane's
    /// bottom border is the next one's top.
    public var prompt: Rect
    public var negative: Rect
    public var settings: Rect
    public var preview: Rect
    /// nil when the queue is folded into the status bar.
    public var queue: Rect?
    public var statusBar: Rect

    /// A layout, or why there is none.
    public enum Outcome: Equatable, Sendable {
        case fits(StudioLayout)
        case tooSmall(need: TerminalSize, have: TerminalSize)
    }

    /// The message shown instead of the studio when the terminal is below the minimum.
    public static func tooSmallMessage(need: TerminalSize, have: TerminalSize) -> String {
        "terminal too small: need at least \(need.columns)×\(need.rows), have \(have.columns)×\(have.rows)"
    }

    /// Lays out the panes. `settingsRows` says how many inner rows the settings need at a given
    /// inner width (it depends on how many fields fit per row).
    public static func compute(_ size: TerminalSize, settingsRows: (Int) -> Int) -> Outcome {
        guard size.columns >= minimumSize.columns, size.rows >= minimumSize.rows else {
            return .tooSmall(need: minimumSize, have: size)
        }
        let bodyHeight = size.rows - 1
        let wide = size.columns >= 100
        let rightWidth = wide ? min(70, max(34, size.columns * 2 / 5)) : max(24, size.columns * 2 / 5)
        let leftWidth = size.columns - rightWidth

        let settingsInner = max(1, min(settingsRows(leftWidth - 2), bodyHeight / 3))
        let textRows = bodyHeight - settingsInner - 4
        guard textRows >= 2 else { return .tooSmall(need: minimumSize, have: size) }
        let promptInner = (textRows * 3 + 4) / 5
        let negativeInner = textRows - promptInner

        let prompt = Rect(x: 0, y: 0, width: leftWidth, height: promptInner + 2)
        let negative = Rect(x: 0, y: prompt.maxY - 1, width: leftWidth, height: negativeInner + 2)
        let settings = Rect(x: 0, y: negative.maxY - 1, width: leftWidth, height: settingsInner + 2)

        var preview = Rect(x: leftWidth, y: 0, width: rightWidth, height: bodyHeight)
        var queue: Rect?
        if wide && size.rows >= 30 {
            // Two rows of result tiles (picture and two caption lines each) at 40 rows.
            let queueHeight = min(16, max(5, bodyHeight * 2 / 5))
            preview.height = bodyHeight - queueHeight
            queue = Rect(x: leftWidth, y: preview.maxY, width: rightWidth, height: queueHeight)
        }
        return .fits(StudioLayout(prompt: prompt, negative: negative, settings: settings, preview: preview,
                                  queue: queue, statusBar: Rect(x: 0, y: size.rows - 1, width: size.columns, height: 1)))
    }
}
