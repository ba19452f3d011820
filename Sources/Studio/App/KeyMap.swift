import TUI

/// The studio's keys: one table that both key handling and the help overlay read, so help lists
/// every key there is.
enum KeyMap {
    /// Something the studio does in answer to a key.
    enum Action: Equatable {
        case run, cancelOrClose, nextPane, previousPane, help, quit, redraw
        case previousSeedAndRun, nextSeedAndRun, randomSeed
        case increase, decrease, increaseMore, decreaseMore
        case previousField, nextField
        case selectPrevious, selectNext
        case nextTheme
        case playPause, previousFrame, nextFrame
        case scrollUp, scrollDown, pageUp, pageDown
        case openSweep, startSweep, nextSweepRow, toggleSweepSeeds
        case playSelected, copySelectedSettings
    }

    /// Where a binding applies.
    enum Context: Equatable, CaseIterable {
        /// In every pane, text fields included.
        case anywhere
        /// Everywhere except the prompt and negative text fields (where the key types itself).
        case outsideText
        case settings
        case queue
        case sweep
        case help

        var title: String {
            switch self {
            case .anywhere: return "Everywhere"
            case .outsideText: return "Outside text fields"
            case .settings: return "Settings pane"
            case .queue: return "Queue / Results pane"
            case .sweep: return "Sweep dialog (S)"
            case .help: return "This help"
            }
        }
    }

    struct Binding {
        var keys: [Key]
        var action: Action
        var context: Context
        var help: String
    }

    static let bindings: [Binding] = [
        Binding(keys: [.tab], action: .nextPane, context: .anywhere, help: "next pane"),
        Binding(keys: [.backTab], action: .previousPane, context: .anywhere, help: "previous pane"),
        Binding(keys: [.control("g")], action: .run, context: .anywhere, help: "run with the current settings"),
        Binding(keys: [.escape], action: .cancelOrClose, context: .anywhere, help: "cancel the running job"),
        Binding(keys: [.function(1)], action: .help, context: .anywhere, help: "this help"),
        Binding(keys: [.control("l")], action: .redraw, context: .anywhere, help: "redraw the screen"),
        Binding(keys: [.control("q")], action: .quit, context: .anywhere, help: "quit (asks while jobs run)"),

        Binding(keys: [.character("?")], action: .help, context: .outsideText, help: "this help"),
        Binding(keys: [.enter], action: .run, context: .outsideText, help: "run with the current settings"),
        Binding(keys: [.character("[")], action: .previousSeedAndRun, context: .outsideText, help: "previous seed and run"),
        Binding(keys: [.character("]")], action: .nextSeedAndRun, context: .outsideText, help: "next seed and run"),
        Binding(keys: [.character("r")], action: .randomSeed, context: .outsideText, help: "random seed"),
        Binding(keys: [.character("S")], action: .openSweep, context: .outsideText,
                help: "sweep over N seeds (dialog)"),
        Binding(keys: [.character("y")], action: .copySelectedSettings, context: .outsideText,
                help: "copy the selected job into the form"),
        Binding(keys: [.character("+"), .character("=")], action: .increase, context: .outsideText,
                help: "increase the selected setting"),
        Binding(keys: [.character("-")], action: .decrease, context: .outsideText, help: "decrease the selected setting"),
        Binding(keys: [.character("t")], action: .nextTheme, context: .outsideText, help: "next theme"),
        Binding(keys: [.character("q")], action: .quit, context: .outsideText, help: "quit (asks while jobs run)"),
        Binding(keys: [.character(" ")], action: .playPause, context: .outsideText, help: "play / pause the preview"),
        Binding(keys: [.character(",")], action: .previousFrame, context: .outsideText, help: "previous frame (pauses)"),
        Binding(keys: [.character(".")], action: .nextFrame, context: .outsideText, help: "next frame (pauses)"),

        Binding(keys: [.left, .character("h")], action: .previousField, context: .settings, help: "previous setting"),
        Binding(keys: [.right, .character("l")], action: .nextField, context: .settings, help: "next setting"),
        Binding(keys: [.up, .character("k")], action: .increase, context: .settings, help: "increase"),
        Binding(keys: [.down, .character("j")], action: .decrease, context: .settings, help: "decrease"),
        Binding(keys: [.pageUp], action: .increaseMore, context: .settings, help: "increase by 10 steps"),
        Binding(keys: [.pageDown], action: .decreaseMore, context: .settings, help: "decrease by 10 steps"),

        Binding(keys: [.up, .character("k"), .left, .character("h")], action: .selectPrevious, context: .queue,
                help: "previous job"),
        Binding(keys: [.down, .character("j"), .right, .character("l")], action: .selectNext, context: .queue,
                help: "next job"),
        Binding(keys: [.enter], action: .playSelected, context: .queue, help: "play the selected result"),

        Binding(keys: [.enter], action: .startSweep, context: .sweep, help: "queue the runs"),
        Binding(keys: [.escape], action: .cancelOrClose, context: .sweep, help: "close"),
        Binding(keys: [.tab, .up, .down], action: .nextSweepRow, context: .sweep, help: "other row"),
        Binding(keys: [.right, .character("+")], action: .increase, context: .sweep, help: "more runs"),
        Binding(keys: [.left, .character("-")], action: .decrease, context: .sweep, help: "fewer runs"),
        Binding(keys: [.character(" ")], action: .toggleSweepSeeds, context: .sweep, help: "consecutive / random"),

        Binding(keys: [.up, .character("k")], action: .scrollUp, context: .help, help: "scroll up"),
        Binding(keys: [.down, .character("j")], action: .scrollDown, context: .help, help: "scroll down"),
        Binding(keys: [.pageUp], action: .pageUp, context: .help, help: "page up"),
        Binding(keys: [.pageDown], action: .pageDown, context: .help, help: "page down"),
        Binding(keys: [.escape, .character("?"), .function(1), .character("q")], action: .cancelOrClose,
                context: .help, help: "close"),
    ]

    /// The action for a key in a context, if the table has one.
    static func action(for key: Key, in context: Context) -> Action? {
        bindings.first { $0.context == context && $0.keys.contains(key) }?.action
    }

    /// The help overlay's contents: every binding by context, then the text-field keys.
    static var helpSections: [HelpOverlay.Section] {
        var sections = Context.allCases.map { context in
            HelpOverlay.Section(title: context.title, entries: bindings.filter { $0.context == context }.map {
                KeyHelp(keys: $0.keys.map(\.label).joined(separator: ", "), action: $0.help)
            })
        }
        var textKeys = TextEditor.keyHelp
        textKeys.append(KeyHelp(keys: "↑, ↓", action: "previous / next line"))
        sections.insert(HelpOverlay.Section(title: "Text fields (Prompt, Negative)", entries: textKeys), at: 2)
        if let settings = sections.firstIndex(where: { $0.title == Context.settings.title }) {
            sections[settings].entries.append(KeyHelp(keys: "0-9", action: "type a value, ⏎/Tab sets it"))
        }
        if let sweep = sections.firstIndex(where: { $0.title == Context.sweep.title }) {
            sections[sweep].entries.append(KeyHelp(keys: "0-9", action: "type the runs"))
        }
        return sections
    }

    /// Hints for the status bar, depending on where the focus is.
    static func hints(focus: StudioState.Pane, running: Bool) -> [KeyHelp] {
        var hints: [KeyHelp] = []
        if focus.isText {
            hints = [KeyHelp(keys: "F1", action: "help"), KeyHelp(keys: "^G", action: "run")]
        } else if focus == .queue {
            // Enter plays the selected result here, so running is Ctrl-G only.
            hints = [KeyHelp(keys: "?", action: "help"), KeyHelp(keys: "^G", action: "run")]
        } else {
            hints = [KeyHelp(keys: "?", action: "help"), KeyHelp(keys: "⏎", action: "run")]
        }
        if running { hints.append(KeyHelp(keys: "esc", action: "cancel")) }
        hints.append(KeyHelp(keys: "tab", action: "pane"))
        if focus == .settings { hints.append(KeyHelp(keys: "+/-", action: "change")); hints.append(KeyHelp(keys: "0-9", action: "type")) }
        if focus == .preview { hints.append(KeyHelp(keys: "Space", action: "play/pause")) }
        if focus == .queue { hints.append(KeyHelp(keys: "⏎", action: "play")); hints.append(KeyHelp(keys: "y", action: "copy")) }
        if !focus.isText { hints.append(KeyHelp(keys: "S", action: "sweep")) }
        if !focus.isText { hints.append(KeyHelp(keys: "q", action: "quit")) }
        return hints
    }
}
