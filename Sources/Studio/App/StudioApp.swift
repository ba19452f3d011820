import TUI
#if canImport(Glibc)
import Glibc
#endif

/// The interactive studio's loop: one thread owns the terminal and waits with `poll` on stdin,
/// the signal pipe and the engine's event mailbox, redrawing after each wake-up.
final class StudioApp {
    let session: StudioSession
    private let environment: [String: String]

    init(session: StudioSession, environment: [String: String]) {
        self.session = session
        self.environment = environment
    }

    /// Runs until quit, a quit signal or hang-up; the terminal is restored before it returns or throws.
    func run() throws -> StudioSession.Ending {
        let signals = try WakePipe()
        let terminal = try Terminal(theme: session.theme, environment: environment)
        TerminalGuard.routeSignals(to: signals.writeFD)
        defer {
            TerminalGuard.routeSignals(to: nil)
            terminal.stop()
        }
        let loop = EventLoop(inputFD: STDIN_FILENO, signalFD: signals.readFD,
                             sources: [session.engine.events.fileDescriptor])
        var themeName = session.theme.name
        terminal.present(session.render(size: terminal.size))
        while true {
            // While a job runs, wake twice a second so elapsed time and ETA keep moving.
            let ready = try loop.wait(timeoutMilliseconds: session.state.runningJob != nil ? 500 : -1)
            if ready.signal, let signal = signals.drain().first {
                session.shutDown()
                return .signal(Int32(signal))
            }
            if ready.inputClosed {
                session.shutDown()
                return .hangup
            }
            if !ready.sources.isEmpty { session.receiveEngineEvents() }
            if ready.input, let ending = session.handle(terminal.readKeys(), size: terminal.size) {
                return ending
            }
            if session.theme.name != themeName {
                themeName = session.theme.name
                terminal.setTheme(session.theme)
            }
            if session.needsFullRedraw {
                session.needsFullRedraw = false
                terminal.invalidate()
            }
            terminal.present(session.render(size: terminal.size))
        }
    }
}
