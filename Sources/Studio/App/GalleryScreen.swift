import TUI

/// Draws the gallery overlay: the filter line, the entries newest first with the selected one's details,
/// and the delete question or export dialog on top.
enum GalleryScreen {
    static func draw(_ browser: GalleryBrowser, on canvas: inout Canvas) {
        let bounds = canvas.bounds
        let box = bounds.centered(width: max(20, bounds.width - 4), height: max(8, bounds.height - 2))
        let inside = Panel.draw(on: &canvas, rect: box, title: "Gallery", badge: "\(browser.entries.count) clips", focused: true)
        guard inside.height >= 4, inside.width >= 10 else { return }
        let filterText = browser.mode == .filtering ? "filter: \(browser.filter)▏" : browser.filter.isEmpty ? "/ to filter by prompt" : "filter: \(browser.filter)"
        canvas.write(filterText, row: inside.y, column: inside.x + 1, style: browser.mode == .filtering ? .accent : .muted,
                     maxWidth: inside.width - 2)
        let detailsHeight = 2
        let list = Rect(x: inside.x + 1, y: inside.y + 1, width: inside.width - 2, height: inside.height - 2 - detailsHeight)
        let rows = browser.entries.map { ListView.Row(text: HistoryCommand.line($0)) }
        let empty = browser.filter.isEmpty ? "no clips yet: finished runs appear here" : "no clip's prompt contains \"\(browser.filter)\""
        ListView.draw(rows, selected: browser.entries.isEmpty ? nil : browser.selected, focused: browser.mode == .browsing,
                      emptyMessage: empty, on: &canvas, in: list)
        if let entry = browser.selectedEntry {
            let negative = entry.negativePrompt.map { "  not: \($0)" } ?? ""
            canvas.write("\(entry.guidance) guidance, \(entry.sampler), model \(entry.modelName)\(negative)",
                         row: inside.maxY - 2, column: inside.x + 1, style: .muted, maxWidth: inside.width - 2)
        }
        canvas.write(GalleryBrowser.keyHints, row: inside.maxY - 1, column: inside.x + 1, style: .muted, maxWidth: inside.width - 2)

        switch browser.mode {
        case .confirmDelete:
            if let entry = browser.selectedEntry {
                ConfirmDialog.draw(title: "Delete?", message: "delete #\(entry.id ?? 0) and its files?", on: &canvas, within: bounds)
            }
        case .exporting(let dialog):
            ChoiceDialog.draw(title: "Export", lines: dialog.lines, keys: "⏎ export  esc back  ↑↓ row  ←→ change", on: &canvas)
        case .browsing, .filtering:
            break
        }
    }
}
