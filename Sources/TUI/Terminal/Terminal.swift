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
    /// What half-block pictures are drawn at: 24-bit also when only COLORTERM says so.
    public private(set) var pictureDepth: ColorDepth
    private var screen: OpaquePointer?
    private var theme: Theme
    private var pairs: [PairKey: Int32] = [:]
    private var maxPairs: Int32 = 0
    /// The sixels on screen (preview and thumbnails); curses knows nothing of them.
    private var sixelOverlay = SixelOverlay()
    /// True when curses will repaint (or has repainted) the whole screen, wiping any sixel.
    private var sixelNeedsResend = false
    /// The 24-bit half blocks (preview and thumbnails) last written past curses (see `pictureDepth`).
    private var lastTrueColorBlocks: [TerminalImage] = []

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
        TerminalGuard.chainResizeSignal()
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
        pictureDepth = ColorDepth.forPictures(curses: colorDepth, colorTerm: environment["COLORTERM"])
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
        sixelNeedsResend = true
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
            sixelNeedsResend = true
        }
        return keys
    }

    /// Copies the canvas to the screen (ncurses sends only what changed), places the cursor, then
    /// draws `image` (the preview) and `thumbnails` on top: half blocks through curses, sixels straight to
    /// the tty after curses is done.
    ///
    /// curses does not know sixel pixels exist, so `SixelOverlay` decides which rows curses repaints
    /// (`wredrawln`, erasing sixels that moved or went) and which sixels are sent again; and a picture never
    /// reaches the last row, where the terminal would scroll.
    public func present(_ canvas: Canvas, image: TerminalImage? = nil, thumbnails: [TerminalImage] = []) {
        let image = image.flatMap { clipped($0) }
        let thumbnails = thumbnails.compactMap { clipped($0) }
        let pictures = (image.map { [$0] } ?? []) + thumbnails
        var halfBlocks: [(HalfBlockImage, CellPosition)] = []
        var sixels: [SixelPicture] = []
        for picture in pictures {
            switch picture {
            case .halfBlocks(let blocks, let origin): halfBlocks.append((blocks, origin))
            case .sixel(let sixel): sixels.append(sixel)
            }
        }
        let halfBlockCells = halfBlocks.reduce(0) { $0 + $1.0.cells.count }
        if halfBlockCells > 0, colorDepth != .monochrome, pairs.count + halfBlockCells + 64 >= Int(maxPairs) {
            // Pairs are never freed one by one: start over and repaint so old pair numbers are not reused on screen.
            pairs.removeAll()
            clearok(cn_stdscr(), true)
            sixelNeedsResend = true
        }
        let sixelUpdate = sixelOverlay.update(to: sixels, resendAll: sixelNeedsResend)
        for rows in sixelUpdate.repaintRows where rows.lowerBound < size.rows {
            wredrawln(cn_stdscr(), Int32(rows.lowerBound), Int32(min(rows.upperBound, size.rows) - rows.lowerBound))
        }
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
        if colorDepth != .monochrome {
            for (blocks, origin) in halfBlocks { draw(blocks, at: origin) }
        }
        apply(.plain)
        if let cursor = canvas.cursor, cursor.row < rows, cursor.column < columns {
            curs_set(1)
            move(Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        refresh()
        for sixel in sixelUpdate.send { writeToTTY(SixelOverlay.placementBytes(sixel)) }
        // curses drew the half blocks in its own colours; repaint them in 24-bit on top when only COLORTERM
        // knows the terminal can. Unchanged pictures stay, as curses leaves unchanged cells alone.
        var trueColorBlocks: [TerminalImage] = []
        if pictureDepth == .direct, colorDepth != .direct {
            trueColorBlocks = halfBlocks.map { TerminalImage.halfBlocks($0.0, origin: $0.1) }
        }
        let repainted = { (area: Rect) in sixelUpdate.repaintRows.contains { $0.overlaps(area.y..<area.maxY) } }
        for picture in trueColorBlocks where sixelNeedsResend || !lastTrueColorBlocks.contains(picture) || repainted(picture.area) {
            if case .halfBlocks(let blocks, let origin) = picture { writeToTTY(blocks.trueColorBytes(origin: origin)) }
        }
        lastTrueColorBlocks = trueColorBlocks
        sixelNeedsResend = false
    }

    /// Forces a full repaint on the next `present` (Ctrl-L, or after something else drew on the tty).
    public func invalidate() {
        clearok(cn_stdscr(), true)
        sixelNeedsResend = true
    }

    /// Drops pictures that would touch the last row or leave the screen.
    private func clipped(_ image: TerminalImage) -> TerminalImage? {
        let area = image.area
        guard area.x >= 0, area.y >= 0, area.maxX <= size.columns, area.maxY <= size.rows - 1, !area.isEmpty else { return nil }
        return image
    }

    private func draw(_ blocks: HalfBlockImage, at origin: CellPosition) {
        for row in 0..<blocks.rows {
            for column in 0..<blocks.columns {
                let cell = blocks[row, column]
                let pair = colorPair(foreground: cell.top.terminalColor(depth: colorDepth),
                                     background: cell.bottom?.terminalColor(depth: colorDepth) ?? -1)
                _ = cn_set_style(cn_a_normal(), pair)
                _ = cn_mvaddnstr(Int32(origin.row + row), Int32(origin.column + column), Self.halfBlockUTF8, -1)
            }
        }
    }

    private static let halfBlockUTF8 = String(HalfBlockRenderer.glyph)

    /// Writes bytes past curses, after what curses buffered, waiting out a full tty buffer.
    private func writeToTTY(_ bytes: [UInt8]) {
        fflush(stdout)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && errno == EAGAIN {
                var pfd = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
                _ = poll(&pfd, 1, 100)
                continue
            }
            if n <= 0 { return }
            offset += n
        }
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
        colorPair(foreground: foreground.terminalColor(depth: colorDepth, on: background),
                  background: background.terminalColor(depth: colorDepth))
    }

    private func colorPair(foreground: Int32, background: Int32) -> Int32 {
        let key = PairKey(foreground: foreground, background: background)
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
