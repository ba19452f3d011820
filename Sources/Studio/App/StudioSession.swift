import TUI

/// The studio's running state without the terminal: applies keys and engine events to
/// `StudioState` and talks to the engine and theme files. The app loop feeds it; tests drive it
/// directly.
final class StudioSession {
    /// Why the session ended.
    enum Ending: Equatable {
        case quit
        case signal(Int32)
        case hangup
    }

    private(set) var state: StudioState
    private(set) var theme: Theme
    let engine: EngineClient
    let themes: ThemeLocator
    let tokens: TokenCounter
    /// Set when a key asked to repaint everything (Ctrl-L, resize).
    var needsFullRedraw = false
    /// The gallery's link to the history (none until the app gives it one).
    var gallery = GalleryActions(history: nil)
    /// Reads a finished clip's frames from its folder (replaced in tests).
    var loadClipFrames: (String) throws -> PreviewFrames = { try ClipFramesReader.read(folder: $0) }

    init(state: StudioState, theme: Theme, engine: EngineClient, themes: ThemeLocator, tokens: TokenCounter) {
        self.state = state
        self.theme = theme
        self.engine = engine
        self.themes = themes
        self.tokens = tokens
        self.state.themeName = theme.name
    }

    /// Applies keys in order; returns `.quit` once a key ends the session.
    func handle(_ keys: [Key], size: TerminalSize) -> Ending? {
        for key in keys {
            let layout: StudioLayout?
            if case .fits(let fitted) = StudioScreen.layout(for: size, state: state) { layout = fitted } else { layout = nil }
            for effect in StudioController.handle(key, state: &state, layout: layout) {
                switch effect {
                case .submit(let job): engine.submit(job)
                case .cancel: engine.cancel()
                case .quit: return .quit
                case .redraw: needsFullRedraw = true
                case .nextTheme: switchTheme()
                case .openGallery: gallery.open(&state)
                case .gallery(let command): gallery.run(command, state: &state)
                }
            }
            updatePreview()
        }
        return nil
    }

    /// Records how pictures will be drawn, once the terminal is known.
    func configureGraphics(_ mode: GraphicsMode, summary: [String]) {
        state.graphics = mode
        state.graphicsSummary = summary
    }

    /// Says once in the status bar that a picture could not be drawn.
    func reportGraphicsError(_ message: String) {
        guard reportedGraphicsError != message else { return }
        reportedGraphicsError = message
        state.status = .init(text: message, kind: .warning)
    }

    private var reportedGraphicsError: String?

    /// Moves playback on to `now` (monotonic seconds); true when another frame is due on screen.
    func tick(now: Double) -> Bool {
        state.playback.advance(to: now)
    }

    /// When playback next needs the loop to wake, or nil when it can sleep until something happens.
    func nextFrameTime(now: Double) -> Double? {
        state.shownPreview == nil ? nil : state.playback.nextFrameTime(now: now)
    }

    /// Loads the selected finished clip when needed and keeps playback in step with what is shown.
    private func updatePreview() {
        if let wanted = state.clipToLoad {
            do {
                state.loadedClip = LoadedClip(jobID: wanted.jobID, frames: try loadClipFrames(wanted.folder))
            } catch ClipFramesError.unreadable {
                // A folder without frames.npy (or not a clip folder): keep showing the last step preview.
                state.loadedClip = LoadedClip(jobID: wanted.jobID, frames: nil)
            } catch {
                state.loadedClip = LoadedClip(jobID: wanted.jobID, frames: nil)
                state.status = .init(text: "#\(wanted.jobID): cannot show the clip: \(error)", kind: .warning)
            }
        }
        state.syncPlayback()
    }

    /// Takes every event the engine has posted and records it.
    func receiveEngineEvents() {
        for event in engine.events.takeAll() {
            StudioController.apply(event, to: &state)
        }
        updatePreview()
    }

    /// Stops a running job before the session ends for a signal or hang-up.
    func shutDown() {
        if state.runningJob != nil { engine.cancel() }
    }

    func render(size: TerminalSize) -> Canvas {
        StudioScreen.render(state, size: size, tokens: tokens)
    }

    private func switchTheme() {
        let (next, errors) = themes.next(after: theme.name)
        if let next {
            theme = next
            state.themeName = next.name
            needsFullRedraw = true
        }
        if let error = errors.first {
            state.status = .init(text: error.description, kind: .error)
        } else {
            state.status = .init(text: "theme \(theme.name)", kind: .info)
        }
    }
}
