/// One key press as the studio sees it, independent of how the terminal encoded it.
public enum Key: Hashable, Sendable {
    /// Printable text (one grapheme; wide characters and emoji included).
    case character(Character)
    /// Ctrl with a letter or symbol: `.control("a")` is Ctrl-A, `.control("_")` is Ctrl-_.
    case control(Character)
    /// Alt (Meta) with a character, sent by terminals as Esc followed by the character.
    case alt(Character)
    case enter, tab, backTab, escape, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1 … F12 and beyond.
    case function(Int)
    /// The terminal changed size (ncurses' KEY_RESIZE).
    case resize
    /// A key code the studio has no name for; kept so it can be ignored rather than mistaken.
    case unknown(Int32)

    /// How the key is written in help texts and hints, e.g. `Ctrl-A`, `Alt-F`, `Shift-Tab`, `F1`.
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-" + String(c).uppercased()
        case .alt(let c): return "Alt-" + String(c).uppercased()
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .unknown(let code): return "key \(code)"
        }
    }
}
