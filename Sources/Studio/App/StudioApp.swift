import TUI
#if canImport(Glibc)
import Glibc
#endif

/// The interactive studio's loop: one thread owns the terminal and waits with `poll` on stdin,
/// the signal pipe and the engine's event mailbox, redrawing after each wake-up. Playback of the
/// preview sets the poll timeout to the next frame's time, so a paused or empty preview costs no CPU.
final class StudioApp {
    let session: StudioSession
    private let environment: [String: String]
    private let graphics: GraphicsSetup
    private var painter = ClipPainter()
    private var thumbnailPainter = ThumbnailPainter()
    private var cellPixels: (cells: TerminalSize, pixels: CellPixelSize?)?

    init(session: StudioSession, environment: [String: String], graphics: GraphicsSetup = GraphicsSetup()) {
        self.session = session
        self.environment = environment
        self.graphics = graphics
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
        let mode = graphics.mode(colorDepth: terminal.colorDepth)
        session.configureGraphics(mode, summary: graphics.summary(
            mode: mode, colorDepth: terminal.colorDepth, colorTerm: environment["COLORTERM"],
            cellPixels: currentCellPixels(terminal.size)))
        // Sixel frames and thumbnails are encoded off this thread; each finished one wakes the loop to draw it.
        let encodedFrames = try WakePipe()
        painter = ClipPainter(onFrameReady: { encodedFrames.wake() })
        thumbnailPainter = ThumbnailPainter(onPictureReady: { encodedFrames.wake() })
        let loop = EventLoop(inputFD: STDIN_FILENO, signalFD: signals.readFD,
                             sources: [session.engine.events.fileDescriptor, encodedFrames.readFD])
        var themeName = session.theme.name
        draw(on: terminal)
        while true {
            let ready = try loop.wait(timeoutMilliseconds: timeout(now: Self.monotonicSeconds()))
            // The pipe also carries SIGWINCH (see TerminalGuard.chainResizeSignal): then read keys,
            // where ncurses reports the resize.
            var resized = false
            if ready.signal {
                let received = signals.drain().map(Int32.init)
                if let quit = received.first(where: { $0 != SIGWINCH }) {
                    session.shutDown()
                    return .signal(quit)
                }
                resized = received.contains(SIGWINCH)
            }
            if ready.inputClosed {
                session.shutDown()
                return .hangup
            }
            if ready.sources.contains(0) { session.receiveEngineEvents() }
            if ready.sources.contains(1) { _ = encodedFrames.drain() }
            if ready.input || resized, let ending = session.handle(terminal.readKeys(), size: terminal.size) {
                return ending
            }
            _ = session.tick(now: Self.monotonicSeconds())
            if session.theme.name != themeName {
                themeName = session.theme.name
                terminal.setTheme(session.theme)
            }
            if session.needsFullRedraw {
                session.needsFullRedraw = false
                terminal.invalidate()
            }
            draw(on: terminal)
        }
    }

    /// While a job runs, wake twice a second so elapsed time and ETA keep moving; while the preview
    /// plays, wake for its next frame; otherwise sleep until something happens.
    private func timeout(now: Double) -> Int32 {
        var milliseconds: Int32 = session.state.runningJob != nil ? 500 : -1
        if let due = session.nextFrameTime(now: now) {
            let untilFrame = Int32(max(0, ((due - now) * 1000).rounded(.up)))
            milliseconds = milliseconds < 0 ? untilFrame : min(milliseconds, untilFrame)
        }
        return milliseconds
    }

    private func draw(on terminal: Terminal) {
        let size = terminal.size
        let canvas = session.render(size: size)
        var image: TerminalImage?
        if let picture = StudioScreen.previewPicture(session.state, size: size) {
            let frames = picture.shown.frames
            let pictures = frames.frames.compactMap { RGBImage(width: frames.width, height: frames.height, pixels: $0) }
            let target = ClipPainter.Target(mode: session.state.graphics, area: picture.area,
                                            cellPixels: currentCellPixels(size), colorRegisters: graphics.colorRegisters,
                                            maxPixels: graphics.sixelMaxPixels)
            image = painter.image(clipKey: PictureKey(source: picture.shown.source, revision: picture.shown.revision),
                                  frames: pictures, index: picture.frame, target: target)
            if let error = painter.lastError { session.reportGraphicsError(error.description) }
        }
        let settings = ThumbnailPainter.Settings(mode: session.state.graphics, cellPixels: currentCellPixels(size),
                                                 colorRegisters: graphics.colorRegisters, maxPixels: graphics.sixelMaxPixels)
        let thumbnails = thumbnailPainter.images(for: StudioScreen.thumbnailSlots(session.state, size: size), settings: settings)
        if let error = thumbnailPainter.lastError { session.reportGraphicsError(error.description) }
        terminal.present(canvas, image: image, thumbnails: thumbnails)
    }

    /// The cell size, re-read from the kernel when the window changed size.
    private func currentCellPixels(_ size: TerminalSize) -> CellPixelSize? {
        if let known = cellPixels, known.cells == size { return known.pixels }
        let pixels = graphics.cellPixels(cells: size, windowPixels: TerminalProbe.windowSize(fd: STDOUT_FILENO).1)
        cellPixels = (size, pixels)
        return pixels
    }

    private struct PictureKey: Hashable {
        var source: PreviewSource
        var revision: Int
    }

    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
