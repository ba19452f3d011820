import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal a command talks to, found without starting curses.
public final class TerminalDevice {
    /// A descriptor open on the terminal for reading and writing.
    public let fd: Int32
    private let ownsDescriptor: Bool

    private init(fd: Int32, ownsDescriptor: Bool) {
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// True when both stdin and stdout are terminals (what the interactive studio needs).
    public static var standardStreamsAreTerminals: Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// The terminal behind stdin or stdout, or nil when neither is one (CI, pipes, cron).
    /// Opens /dev/tty so replies are read even when stdout is redirected to a file.
    public static func attached() -> TerminalDevice? {
        let stdinIsTTY = isatty(STDIN_FILENO) == 1
        let stdoutIsTTY = isatty(STDOUT_FILENO) == 1
        guard stdinIsTTY || stdoutIsTTY else { return nil }
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        if tty >= 0 { return TerminalDevice(fd: tty, ownsDescriptor: true) }
        return TerminalDevice(fd: stdinIsTTY ? STDIN_FILENO : STDOUT_FILENO, ownsDescriptor: false)
    }

    /// terminfo's colour count and `RGB` flag for $TERM, read without starting curses;
    /// nil when terminfo has no entry for $TERM.
    public func terminfoColors() -> (colors: Int, directColor: Bool)? {
        var rgb: Int32 = 0
        let colors = cn_terminfo_colors(fd, &rgb)
        guard colors >= 0 else { return nil }
        return (Int(colors), rgb != 0)
    }
}
