import Engine
import Media
import TUI

/// The gallery overlay (`g`): the history's entries newest first, narrowed by a filter on the prompt; a delete
/// waits for y, and the export dialog sits inside it. Keys change these values and name what the session must
/// do (read the history, play, delete, export); nothing here touches files.
struct GalleryBrowser: Equatable {
    enum Mode: Equatable {
        case browsing
        /// Typed characters go to the filter.
        case filtering
        case confirmDelete
        case exporting(GalleryExportDialog)
    }

    /// What the session must do after a key.
    enum Command: Equatable {
        case none
        case close
        /// Read the entries again with the current filter.
        case reload
        /// Close the gallery and play the entry in the preview pane.
        case play(HistoryEntry)
        case delete(HistoryEntry)
        case export(HistoryEntry, ExportSettings)
    }

    static let keyHints = "⏎ play  / filter  e export  d delete  esc close"

    var entries: [HistoryEntry] = []
    var filter = ""
    var selected = 0
    var mode: Mode = .browsing

    var selectedEntry: HistoryEntry? { entries.indices.contains(selected) ? entries[selected] : nil }

    /// New entries from the history; the selection stays in range.
    mutating func show(_ entries: [HistoryEntry]) {
        self.entries = entries
        selected = min(selected, max(0, entries.count - 1))
    }

    mutating func handle(_ key: Key) -> Command {
        switch mode {
        case .filtering: return handleFilter(key)
        case .confirmDelete:
            mode = .browsing
            if key == .character("y") || key == .character("Y") || key == .enter, let entry = selectedEntry { return .delete(entry) }
            return .none
        case .exporting(var dialog):
            switch key {
            case .escape: mode = .browsing
            case .enter:
                mode = .browsing
                return selectedEntry.map { .export($0, dialog.settings) } ?? .none
            case .up, .character("k"), .backTab: dialog.moveRow(by: -1)
            case .down, .character("j"), .tab: dialog.moveRow(by: 1)
            case .left, .character("-"), .character("h"): dialog.adjust(by: -1)
            case .right, .character("+"), .character("l"): dialog.adjust(by: 1)
            default: break
            }
            if case .exporting = mode { mode = .exporting(dialog) }
            return .none
        case .browsing: return handleBrowsing(key)
        }
    }

    private mutating func handleBrowsing(_ key: Key) -> Command {
        switch key {
        case .up, .character("k"): selected = max(0, selected - 1)
        case .down, .character("j"): selected = min(max(0, entries.count - 1), selected + 1)
        case .pageUp: selected = max(0, selected - 10)
        case .pageDown: selected = min(max(0, entries.count - 1), selected + 10)
        case .home: selected = 0
        case .end: selected = max(0, entries.count - 1)
        case .character("/"): mode = .filtering
        case .enter: return selectedEntry.map(Command.play) ?? .none
        case .character("d"), .delete: if selectedEntry != nil { mode = .confirmDelete }
        case .character("e"): if selectedEntry != nil { mode = .exporting(GalleryExportDialog()) }
        case .escape, .character("g"), .character("q"): return .close
        default: break
        }
        return .none
    }

    private mutating func handleFilter(_ key: Key) -> Command {
        switch key {
        case .character(let character):
            filter.append(character)
        case .backspace:
            guard !filter.isEmpty else { mode = .browsing; return .none }
            filter.removeLast()
        case .control("u"):
            filter = ""
        case .escape:
            mode = .browsing
            guard !filter.isEmpty else { return .none }
            filter = ""
        case .enter, .tab, .up, .down:
            mode = .browsing
            return .none
        default:
            return .none
        }
        selected = 0
        return .reload
    }
}

extension HistoryEntry {
    /// The entry as a studio job, so the preview pane can caption it and `y` style copies can use it.
    var job: GenerationJob {
        let form = GenerationForm(seed: settings.seed, steps: steps, guidance: guidance, frames: frames, width: width,
                                  height: height, sampler: sampler)
        return GenerationJob(id: Int(id ?? 0), prompt: prompt, negativePrompt: negativePrompt ?? "", form: form)
    }
}
