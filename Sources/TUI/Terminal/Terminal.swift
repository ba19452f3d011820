import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one owner of ncurses: starts and ends the full-screen session, reads keys, and copies a
/// `Canvas` to the screen. Use it from one thread only.
public final class Terminal {
    public private(set) var size: TerminalSize
    /// What colours ncurses can actually show here (monochrome when NO_COLOR is set).
    public private(set) var colorDepth: ColorDepth
    private var screen: OpaquePointer?
    private var theme: Theme
    private var pairs: [PairKey: Int32] = [:]
    private var maxPairs: Int32 = 0

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// Starts curses on stdin/stdout: UTF-8 locale, cbreak, no echo, keypad, 25 ms Esc delay,
    /// the alternate screen and colours. `stop()` (or any exit path, see `TerminalGuard`) ends it.
    public init(theme: Theme, environment: [String: String]) throws {
        Self.ensureUTF8Locale()
        TerminalGuard.install()
        guard let screen = cn_newterm_stdio() else {
            throw TerminalError.cannotStart(term: environment["TERM"] ?? "(unset)")
        }
        self.screen = screen
        TerminalGuard.cursesStarted()
        guard cn_has_cursor_addressing() != 0 else {
            endwin()
            delscreen(screen)
            self.screen = nil
            TerminalGuard.cursesStopped()
            throw TerminalError.cannotStart(term: environment["TERM"] ?? "(unset)")
        }
        self.theme = theme
        cbreak()
        noecho()
        nonl()
        keypad(cn_stdscr(), true)
        nodelay(cn_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        Self.freeControlKeys()
        colorDepth = .monochrome
        if has_colors() && !ColorDepth.noColorRequested(environment) {
            start_color()
            use_default_colors()
            colorDepth = ColorDepth(terminfoColors: Int(cn_colors()))
            maxPairs = cn_color_pairs()
        }
        size = TerminalSize(rows: Int(cn_lines()), columns: Int(cn_cols()))
    }

    deinit { stop() }

    /// Ends curses and restores the terminal; safe to call twice.
    public func stop() {
        guard let screen else { return }
        endwin()
        delscreen(screen)
        self.screen = nil
        TerminalGuard.cursesStopped()
    }

    /// Switches colours; the next `present` uses them.
    public func setTheme(_ theme: Theme) {
        self.theme = theme
        pairs.removeAll()
        clearok(cn_stdscr(), true)
    }

    /// Reads every key that is waiting (never blocks), folding Esc+character into Alt-character.
    /// A resize updates `size` and yields `.resize`.
    public func readKeys() -> [Key] {
        var raws: [KeyDecoder.Raw] = []
        while raws.count < 4096 {
            var value: wint_t = 0
            let result = get_wch(&value)
            if result == ERR { break }
            raws.append(result == KEY_CODE_YES ? .keyCode(Int32(value)) : .character(UInt32(value)))
        }
        let keys = KeyDecoder.decode(raws)
        if keys.contains(.resize) {
            size = TerminalSize(rows: Int(cn_lines()), columns: Int(cn_cols()))
        }
        return keys
    }

    /// Copies the canvas to the screen (ncurses sends only what changed) and places the cursor.
    public func present(_ canvas: Canvas) {
        let rows = min(canvas.size.rows, size.rows)
        let columns = min(canvas.size.columns, size.columns)
        for row in 0..<rows {
            var column = 0
            while column < columns {
                let style = canvas[row, column].style
                let start = column
                var run = ""
                while column < columns, canvas[row, column].style == style || canvas[row, column].isContinuation {
                    if !canvas[row, column].isContinuation { run.append(canvas[row, column].character) }
                    column += 1
                }
                apply(style)
                _ = run.withCString { cn_mvaddnstr(Int32(row), Int32(start), $0, -1) }
            }
        }
        apply(.plain)
        if let cursor = canvas.cursor, cursor.row < rows, cursor.column < columns {
            curs_set(1)
            move(Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        refresh()
    }

    /// Forces a full repaint on the next `present` (Ctrl-L, or after something else drew on the tty).
    public func invalidate() {
        clearok(cn_stdscr(), true)
    }

    private func apply(_ style: Style) {
        var attributes = cn_a_normal()
        if style.bold { attributes |= cn_a_bold() }
        if style.underline { attributes |= cn_a_underline() }
        var reverse = style.reverse
        var pair: Int32 = 0
        if colorDepth == .monochrome {
            // Without colour, roles that carry meaning through colour fall back to attributes.
            if style.background == .selection { reverse.toggle() }
            if style.foreground == .muted || style.foreground == .border { attributes |= cn_a_dim() }
            if style.foreground == .borderFocused || style.foreground == .error { attributes |= cn_a_bold() }
        } else {
            pair = colorPair(foreground: theme.color(style.foreground), background: theme.color(style.background))
        }
        if reverse { attributes |= cn_a_reverse() }
        _ = cn_set_style(attributes, pair)
    }

    private func colorPair(foreground: ThemeColor, background: ThemeColor) -> Int32 {
        let key = PairKey(foreground: foreground.terminalColor(depth: colorDepth),
                          background: background.terminalColor(depth: colorDepth))
        if key.foreground < 0 && key.background < 0 { return 0 }
        if let pair = pairs[key] { return pair }
        let next = Int32(pairs.count + 1)
        guard next < maxPairs, init_extended_pair(next, key.foreground, key.background) != ERR else { return 0 }
        pairs[key] = next
        return next
    }

    /// Lets Ctrl-Z (undo), Ctrl-S and Ctrl-Q reach the studio as keys instead of suspending or
    /// freezing output. ncurses restores the shell's settings, where they work again, at endwin.
    static func freeControlKeys() {
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return }
        settings.c_iflag &= ~tcflag_t(IXON)
        withUnsafeMutableBytes(of: &settings.c_cc) { $0[Int(VSUSP)] = 0 }  // 0 is _POSIX_VDISABLE on Linux
        guard tcsetattr(STDIN_FILENO, TCSANOW, &settings) == 0 else { return }
        def_prog_mode()
    }

    /// ncurses reads LC_CTYPE to decide whether it may draw UTF-8; fall back to C.UTF-8 when the
    /// user's locale is not a UTF-8 one, because every pane draws box and block characters.
    static func ensureUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().filter({ $0 != "-" }) != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}

/// Why the full-screen terminal could not be used.
public enum TerminalError: Error, CustomStringConvertible {
    case cannotStart(term: String)

    public var description: String {
        switch self {
        case .cannotStart(let term):
            return "cannot start the full-screen terminal for TERM=\(term) (unknown or too limited terminal type)"
        }
    }
}
