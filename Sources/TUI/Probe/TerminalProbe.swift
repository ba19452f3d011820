#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks the terminal what it can do — once, before curses starts, within a short deadline.
///
/// Sends one burst (XTSMGRAPHICS colour registers and maximum sixel geometry, `CSI 16 t`,
/// `CSI 14 t`, `CSI 18 t`, then DA1, which every terminal answers, so its reply ends the wait) on a
/// tty switched to raw mode, and always puts the tty's settings back.
public enum TerminalProbe {
    /// The query burst; DA1 comes last so its answer marks the end of the replies.
    public static let query: String =
        "\u{1B}[?1;1;0S" + "\u{1B}[?2;4;0S" + "\u{1B}[16t" + "\u{1B}[14t" + "\u{1B}[18t" + "\u{1B}[c"

    /// Everything learnt about the terminal attached to `fd`.
    public struct Result: Equatable, Sendable {
        public var size: TerminalSize
        public var windowPixels: ProbeReplies.PixelSize?
        public var replies: ProbeReplies
        /// True when the deadline passed before DA1 answered (replies may be partial).
        public var timedOut: Bool
        public var elapsedMilliseconds: Int

        public init(size: TerminalSize, windowPixels: ProbeReplies.PixelSize?, replies: ProbeReplies,
                    timedOut: Bool, elapsedMilliseconds: Int) {
            self.size = size
            self.windowPixels = windowPixels
            self.replies = replies
            self.timedOut = timedOut
            self.elapsedMilliseconds = elapsedMilliseconds
        }

        public var cellPixels: CellPixelSize? {
            CellPixelSize.resolve(windowPixels: windowPixels, cells: size, replies: replies)
        }
    }

    /// Runs the probe on `fd` (a tty open for reading and writing). `timeoutMilliseconds` bounds the
    /// whole exchange. Returns nil when `fd` is not a terminal or its settings cannot be changed.
    public static func run(fd: Int32, timeoutMilliseconds: Int = 300) -> Result? {
        guard isatty(fd) == 1 else { return nil }
        let (size, pixels) = windowSize(fd: fd)
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return nil }
        TerminalGuard.install()
        TerminalGuard.rawModeStarted(fd: fd, saved: saved)
        defer {
            tcsetattr(fd, TCSANOW, &saved)
            TerminalGuard.rawModeEnded()
        }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(fd, TCSANOW, &raw) == 0 else { return nil }

        let start = monotonicMilliseconds()
        let bytes = Array(query.utf8)
        guard writeAll(fd: fd, bytes) else { return nil }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 512)
        var answered = false
        while !answered {
            let remaining = timeoutMilliseconds - (monotonicMilliseconds() - start)
            if remaining <= 0 { break }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, Int32(remaining))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { break }
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            received.append(contentsOf: buffer[0..<n])
            answered = ProbeReplies.containsDeviceAttributes(received)
        }
        // Replies that arrive after we stop listening would reach curses as stray keys.
        if !answered { tcflush(fd, TCIFLUSH) }
        return Result(size: size, windowPixels: pixels, replies: ProbeReplies.parse(received),
                      timedOut: !answered, elapsedMilliseconds: monotonicMilliseconds() - start)
    }

    /// The kernel's idea of the window: cells, and pixels when the terminal filled them in.
    public static func windowSize(fd: Int32) -> (TerminalSize, ProbeReplies.PixelSize?) {
        var ws = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &ws) == 0 else { return (TerminalSize(rows: 0, columns: 0), nil) }
        let pixels = ws.ws_xpixel > 0 && ws.ws_ypixel > 0
            ? ProbeReplies.PixelSize(width: Int(ws.ws_xpixel), height: Int(ws.ws_ypixel)) : nil
        return (TerminalSize(rows: Int(ws.ws_row), columns: Int(ws.ws_col)), pixels)
    }

    private static func writeAll(fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    private static func monotonicMilliseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }
}
