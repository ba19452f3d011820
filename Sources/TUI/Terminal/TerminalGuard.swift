import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the terminal usable however the process ends: SIGINT/SIGTERM/SIGHUP, crashes, or `exit()`.
///
/// While the UI loop runs, the first SIGINT/SIGTERM/SIGHUP only writes the signal number to the
/// loop's signal pipe so the loop can tear down in order; a second one (or any signal when no loop
/// listens) restores the terminal right in the handler and lets the signal's previous action run.
/// Crash signals always restore the terminal and then chain to the previous handler, so Swift's
/// own crash report still prints — onto a sane screen.
public enum TerminalGuard {
    /// Everything the signal handler reads, kept in one block behind a `let` pointer so the handler
    /// touches neither Swift's exclusivity checks nor lazy initialisation.
    struct Shared {
        var wakeFD: Int32 = -1
        var cursesActive: Int32 = 0
        var rawModeFD: Int32 = -1
        var savedTermios = termios()
        var signalsSeen: Int32 = 0
        var installed: Int32 = 0
        var resizeChained: Int32 = 0
    }

    static let shared: UnsafeMutablePointer<Shared> = {
        let block = UnsafeMutablePointer<Shared>.allocate(capacity: 1)
        block.initialize(to: Shared())
        return block
    }()

    static let previousActions: UnsafeMutablePointer<sigaction> = {
        let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        actions.initialize(repeating: sigaction(), count: 65)
        return actions
    }()

    /// Signals that end the program on request; the UI loop gets a chance to quit in order.
    public static let quitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// Signals that mean a crash; the terminal is restored before the previous handler runs.
    static let crashSignals: [Int32] = [SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGQUIT]

    /// Installs the handlers and the exit hook; safe to call more than once. Call it before curses
    /// starts so ncurses sees non-default SIGINT/SIGTERM handlers and leaves them alone.
    public static func install() {
        let block = shared
        _ = previousActions
        guard block.pointee.installed == 0 else { return }
        block.pointee.installed = 1
        for signal in quitSignals + crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = terminalGuardHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, previousActions + Int(signal))
        }
        atexit { TerminalGuard.restoreTerminal() }
    }

    /// Puts our SIGWINCH handler in front of the one ncurses installed (call it after curses has
    /// started): it writes SIGWINCH to the wake pipe, then runs ncurses' handler. Threads that the
    /// process started before the UI could block signals (OpenBLAS creates its pool when the library
    /// loads) may take the signal; without the byte the UI thread's `poll` would sleep through the resize.
    public static func chainResizeSignal() {
        let block = shared
        guard block.pointee.resizeChained == 0 else { return }
        block.pointee.resizeChained = 1
        var action = sigaction()
        action.__sigaction_handler.sa_handler = terminalGuardHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGWINCH, &action, previousActions + Int(SIGWINCH))
    }

    /// Routes the next quit signal to `fd` (the UI loop's signal pipe) instead of ending at once.
    public static func routeSignals(to fd: Int32?) {
        shared.pointee.signalsSeen = 0
        shared.pointee.wakeFD = fd ?? -1
    }

    /// Runs `body` with the terminal's signals blocked on this thread, so any thread it starts
    /// (the engine worker) inherits the block and SIGWINCH/SIGINT/SIGTERM/SIGHUP always interrupt
    /// the UI thread's `poll` instead of landing on a worker.
    public static func withTerminalSignalsBlocked<T>(_ body: () throws -> T) rethrows -> T {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        for signal in quitSignals + [SIGWINCH, SIGTSTP, SIGCONT] { sigaddset(&blocked, signal) }
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// Dies by `signal` the way it would have without us (after an orderly teardown).
    public static func reraise(_ signal: Int32) -> Never {
        restoreTerminal()
        sigaction(signal, previousActions + Int(signal), nil)
        raise(signal)
        // A signal whose previous action was "ignore" cannot end the process; use its exit status.
        exit(128 + signal)
    }

    static func cursesStarted() { shared.pointee.cursesActive = 1 }
    static func cursesStopped() { shared.pointee.cursesActive = 0 }

    static func rawModeStarted(fd: Int32, saved: termios) {
        shared.pointee.savedTermios = saved
        shared.pointee.rawModeFD = fd
    }

    static func rawModeEnded() { shared.pointee.rawModeFD = -1 }

    /// Undoes whatever terminal state is active; async-signal-safe apart from ncurses' endwin,
    /// which ncurses itself calls from its own signal handlers.
    static func restoreTerminal() {
        let block = shared
        if block.pointee.rawModeFD >= 0 {
            tcsetattr(block.pointee.rawModeFD, TCSANOW, &block.pointee.savedTermios)
            block.pointee.rawModeFD = -1
        }
        if block.pointee.cursesActive != 0 {
            block.pointee.cursesActive = 0
            endwin()
        }
    }
}

private func terminalGuardHandler(_ signal: Int32) {
    let block = TerminalGuard.shared
    if signal == SIGWINCH {
        let savedErrno = errno
        if block.pointee.wakeFD >= 0 {
            var byte = UInt8(truncatingIfNeeded: signal)
            _ = write(block.pointee.wakeFD, &byte, 1)
        }
        let previous = TerminalGuard.previousActions + Int(SIGWINCH)
        if previous.pointee.sa_flags & SA_SIGINFO == 0 {
            let handler = previous.pointee.__sigaction_handler.sa_handler
            let raw = unsafeBitCast(handler, to: Int.self)
            // SIG_DFL (0) and SIG_IGN (1) are not functions to call.
            if raw != 0 && raw != 1 { handler?(signal) }
        }
        errno = savedErrno
        return
    }
    let isQuit = signal == SIGINT || signal == SIGTERM || signal == SIGHUP
    if isQuit, block.pointee.wakeFD >= 0, block.pointee.signalsSeen == 0 {
        block.pointee.signalsSeen = 1
        var byte = UInt8(truncatingIfNeeded: signal)
        _ = write(block.pointee.wakeFD, &byte, 1)
        return
    }
    TerminalGuard.restoreTerminal()
    sigaction(signal, TerminalGuard.previousActions + Int(signal), nil)
    raise(signal)
}
