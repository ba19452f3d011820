/// How many colours a terminal can show, from the environment and terminfo.
public enum ColorDepth: Equatable, Sendable, CustomStringConvertible {
    case monochrome
    case ansi8
    case ansi16
    case palette256
    /// 24-bit colour that ncurses can address (a terminfo entry with the `RGB` flag, e.g. xterm-direct).
    case direct

    /// The depth ncurses can use, from terminfo's `colors` count.
    public init(terminfoColors colors: Int) {
        switch colors {
        case ..<8: self = .monochrome
        case 8..<16: self = .ansi8
        case 16..<256: self = .ansi16
        case 256..<0x100_0000: self = .palette256
        default: self = .direct
        }
    }

    /// What the terminal emulator claims through COLORTERM (`truecolor`/`24bit`), which ncurses can
    /// only use when terminfo agrees; nil when the variable says nothing about depth.
    public static func claimed(colorTerm: String?) -> ColorDepth? {
        guard let value = colorTerm?.lowercased() else { return nil }
        return value == "truecolor" || value == "24bit" ? .direct : nil
    }

    /// The depth pictures are drawn at: 24-bit when curses can address it, or when COLORTERM claims it
    /// while curses has colour at all (half blocks then go to the tty as raw SGR sequences after curses
    /// has drawn); otherwise what curses has.
    public static func forPictures(curses depth: ColorDepth, colorTerm: String?) -> ColorDepth {
        guard depth != .monochrome, claimed(colorTerm: colorTerm) == .direct else { return depth }
        return .direct
    }

    /// True when NO_COLOR asks for no colour (present and non-empty, per no-color.org).
    public static func noColorRequested(_ environment: [String: String]) -> Bool {
        guard let value = environment["NO_COLOR"] else { return false }
        return !value.isEmpty
    }

    public var description: String {
        switch self {
        case .monochrome: return "monochrome"
        case .ansi8: return "8 colours"
        case .ansi16: return "16 colours"
        case .palette256: return "256 colours"
        case .direct: return "24-bit colour"
        }
    }
}
