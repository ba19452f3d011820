import TUI

/// The studio's keys: one table that both key handling and the help overlay read, so help lists
/// every key there is. `standard` is the built-in table; the config file's `[keys]` remaps it.
struct KeyMap: Equatable {
    /// Something the studio does in answer to a key; the raw value is its name in the config file.
    enum Action: String, Equatable, CaseIterable {
        case run, cancelOrClose = "cancel", nextPane = "next_pane", previousPane = "previous_pane", help, quit, redraw
        case previousSeedAndRun = "previous_seed_and_run", nextSeedAndRun = "next_seed_and_run", randomSeed = "random_seed"
        case increase, decrease, increaseMore = "increase_more", decreaseMore = "decrease_more"
        case previousField = "previous_field", nextField = "next_field"
        case selectPrevious = "select_previous", selectNext = "select_next"
        case selectLeft = "select_left", selectRight = "select_right"
        case nextTheme = "next_theme"
        case playPause = "play_pause", previousFrame = "previous_frame", nextFrame = "next_frame"
        case scrollUp = "scroll_up", scrollDown = "scroll_down", pageUp = "page_up", pageDown = "page_down"
        case openSweep = "sweep", startSweep = "start_sweep", nextSweepRow = "next_sweep_row", toggleSweepSeeds = "toggle_sweep_seeds"
        case playSelected = "play_selected", copySelectedSettings = "copy_settings"
        case openGallery = "gallery"
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

    struct Binding: Equatable {
        var keys: [Key]
        var action: Action
        var context: Context
        var help: String
    }

    var bindings: [Binding]

    static let standard = KeyMap(bindings: [
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
        Binding(keys: [.character("g")], action: .openGallery, context: .outsideText,
                help: "gallery"),
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

        Binding(keys: [.up, .character("k")], action: .selectPrevious, context: .queue, help: "result above"),
        Binding(keys: [.down, .character("j")], action: .selectNext, context: .queue, help: "result below"),
        Binding(keys: [.left, .character("h")], action: .selectLeft, context: .queue, help: "result left"),
        Binding(keys: [.right, .character("l")], action: .selectRight, context: .queue, help: "result right"),
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
    ])

    /// Contexts of the main screen, where the config file may move keys; the sweep dialog and help
    /// keep theirs so they can always be closed.
    static let remappableContexts: [Context] = [.anywhere, .outsideText, .settings, .queue]

    /// The table with `action` answering to `keys` instead of its usual keys on the main screen.
    /// The keys are taken from any other main-screen binding (a binding left without keys goes), and
    /// a printable key never goes to `.anywhere`, where it would stop typing in the prompt.
    func remapped(_ action: Action, to keys: [Key]) -> KeyMap {
        let usual = bindings.first { $0.action == action && Self.remappableContexts.contains($0.context) }
        var context = usual?.context ?? .outsideText
        let printable = keys.contains { if case .character = $0 { return true } else { return false } }
        if context == .anywhere && printable { context = .outsideText }
        var rest: [Binding] = []
        for var binding in bindings {
            if Self.remappableContexts.contains(binding.context) {
                if binding.action == action { continue }
                binding.keys.removeAll { keys.contains($0) }
                if binding.keys.isEmpty { continue }
            }
            rest.append(binding)
        }
        let help = usual?.help ?? action.rawValue.replacingOccurrences(of: "_", with: " ")
        return KeyMap(bindings: [Binding(keys: keys, action: action, context: context, help: help)] + rest)
    }

    /// The action for a key in a context, if the table has one.
    func action(for key: Key, in context: Context) -> Action? {
        bindings.first { $0.context == context && $0.keys.contains(key) }?.action
    }

    /// The help overlay's contents: every binding by context, then the text-field keys.
    var helpSections: [HelpOverlay.Section] {
        var sections = Context.allCases.map { context in
            HelpOverlay.Section(title: context.title, entries: Self.pairedHelp(bindings.filter { $0.context == context }))
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

    /// Opposite moves that share one help row (`↑, k / ↓, j  result above / result below`), so the
    /// whole table still fits a 120 × 40 screen without scrolling.
    static let helpPairs: [(Action, Action)] = [(.selectPrevious, .selectNext), (.selectLeft, .selectRight),
                                                (.nextTheme, .openGallery)]

    private static func pairedHelp(_ bindings: [Binding]) -> [KeyHelp] {
        var entries: [KeyHelp] = []
        var index = 0
        while index < bindings.count {
            let binding = bindings[index]
            let keys = binding.keys.map(\.label).joined(separator: ", ")
            if index + 1 < bindings.count, helpPairs.contains(where: { $0 == (binding.action, bindings[index + 1].action) }) {
                let partner = bindings[index + 1]
                entries.append(KeyHelp(keys: keys + " / " + partner.keys.map(\.label).joined(separator: ", "),
                                       action: binding.help + " / " + partner.help))
                index += 2
            } else {
                entries.append(KeyHelp(keys: keys, action: binding.help))
                index += 1
            }
        }
        return entries
    }

    /// Hints for the status bar, depending on where the focus is; they name the keys this table
    /// really uses, so a remapped key shows as remapped.
    func hints(focus: StudioState.Pane, running: Bool) -> [KeyHelp] {
        // Contexts in the order the controller asks them for this pane.
        var contexts: [Context] = [.anywhere]
        if focus == .settings { contexts.append(.settings) }
        if focus == .queue { contexts.append(.queue) }
        if !focus.isText { contexts.append(.outsideText) }
        func hint(_ action: Action, _ text: String) -> KeyHelp? {
            // The pane's own keys are shorter to show (`?` rather than F1), so look there first.
            for context in contexts.reversed() {
                // A key bound earlier in the lookup order answers with something else.
                if let binding = bindings.first(where: { $0.context == context && $0.action == action }),
                   let key = binding.keys.first(where: { key in
                       contexts.prefix { $0 != context }.allSatisfy { self.action(for: key, in: $0) == nil }
                   }) {
                    return KeyHelp(keys: Self.shortLabel(key), action: text)
                }
            }
            return nil
        }
        var wanted: [(Action, String)] = [(.help, "help"), (.run, "run")]
        if running { wanted.append((.cancelOrClose, "cancel")) }
        wanted.append((.nextPane, "pane"))
        if focus == .settings { wanted.append((.increase, "change")) }
        if focus == .preview { wanted.append((.playPause, "play/pause")) }
        if focus == .queue { wanted += [(.playSelected, "play"), (.copySelectedSettings, "copy")] }
        if !focus.isText { wanted += [(.openSweep, "sweep"), (.quit, "quit")] }
        var hints = wanted.compactMap { hint($0.0, $0.1) }
        if focus == .settings, let change = hints.firstIndex(where: { $0.action == "change" }),
           let decrease = hint(.decrease, "") {
            hints[change].keys += "/" + decrease.keys
            hints.insert(KeyHelp(keys: "0-9", action: "type"), at: change + 1)
        }
        return hints
    }

    /// The compact key names the status bar uses (`^G`, `⏎`, `esc`).
    static func shortLabel(_ key: Key) -> String {
        switch key {
        case .control(let c): return "^" + String(c).uppercased()
        case .enter: return "⏎"
        case .escape: return "esc"
        case .tab: return "tab"
        default: return key.label
        }
    }
}
