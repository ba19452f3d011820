import ArgumentParser
import Engine
import Foundation
import TUI

/// `studio` (no subcommand): the interactive studio. Needs a terminal on stdin and stdout.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the interactive studio (the default when no subcommand is given).")

    @Option(name: .long, help: "Theme name: a file NAME.toml in ~/.config/studio/themes or the bundled themes (default: the config file's, else default).")
    var theme: String?

    @Option(name: .long, help: "The model folder to use instead of the usual places.")
    var model: String?

    @Option(name: .long, help: "How the preview shows frames: sixel, blocks (coloured half blocks) or none (default: sixel when the terminal answers that it has it, else blocks).")
    var graphics: GraphicsMode?

    @Option(name: .long, help: DeviceOption.help)
    var device: DeviceChoice = .auto

    func run() throws {
        guard TerminalDevice.standardStreamsAreTerminals else {
            FileHandle.standardError.write(Data("studio: the interactive studio needs a terminal; use `studio generate` for scripts\n".utf8))
            throw ExitCode(2)
        }
        let environment = ProcessInfo.processInfo.environment
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let config = StudioConfig.load(file: StudioConfig.file(environment: environment, homeDirectory: home))
        let themes = ThemeLocator(environment: environment, homeDirectory: home)
        // A broken theme file must not keep the studio closed: the built-in colours stand in and
        // the status bar names the file, line and key.
        let chosenTheme: Theme
        var themeProblem: ThemeError?
        do {
            chosenTheme = try themes.load(theme ?? config.theme ?? "default")
        } catch let error as ThemeError {
            chosenTheme = Theme.builtIn
            themeProblem = error
        }

        var state = StudioState()
        state.form.seed = UInt64.random(in: GenerationForm.seedRange)
        state.keys = config.keyMap
        let modelURL: URL
        do {
            modelURL = try ModelOption.resolve(model, locator: ModelLocator(
                explicitPath: model, environment: environment, homeDirectory: home, configuredPath: config.model))
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("studio: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let defaults = ModelDefaults(folder: modelURL)
        defaults.apply(to: &state.form)
        config.apply(to: &state.form)
        state.modelSummary = "model: \(modelURL.lastPathComponent)" + (defaults.isRandomWeights ? " (random weights)" : "")
        let sessionStore = SessionStore(environment: environment, homeDirectory: home)
        sessionStore.restore(into: &state)
        if let problem = themeProblem.map(\.description) ?? config.problem?.description {
            state.status = .init(text: problem, kind: .error)
        }
        let requestedGraphics = graphics ?? config.graphics
        let graphicsSetup = GraphicsSetup(requested: requestedGraphics,
                                          probe: probeTerminal(requested: requestedGraphics, environment: environment))

        let tokenizer = try? CLIPTokenizer(folder: modelURL.appendingPathComponent("tokenizer"))
        let tokens = tokenizer.map { tokenizer in TokenCounter(count: { tokenizer.encode($0).count }, isExact: true) } ?? .estimate
        let history: HistoryStore?
        do {
            history = try HistoryStore(environment: environment)
        } catch {
            history = nil
            state.status = .init(text: "\(error); clips are saved without the history", kind: .error)
        }
        let backend: any Backend
        do {
            backend = try DeviceOption.backend(device)
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("studio: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let engine = try EngineWorker(modelURL: modelURL, backend: backend, history: history,
                                      clips: ClipFolder(environment: environment))
        defer { engine.stop() }
        let session = StudioSession(state: state, theme: chosenTheme, engine: engine, themes: themes, tokens: tokens)
        session.gallery = GalleryActions(history: history)
        let ending = try StudioApp(session: session, environment: environment, graphics: graphicsSetup).run()
        // The terminal is restored by now, so a failure to save can be said on stderr.
        do {
            try sessionStore.save(SessionStore.Snapshot(state: session.state))
        } catch {
            FileHandle.standardError.write(Data("studio: \(error)\n".utf8))
        }
        switch ending {
        case .quit: return
        case .hangup: throw ExitCode(129)
        case .signal(let signal): TerminalGuard.reraise(signal)
        }
    }

    /// Probes the terminal (≤ 300 ms, before curses starts); nil when it cannot be asked. Skipped
    /// when `--graphics` already decided and the answer is not needed for sixel's cell size.
    private func probeTerminal(requested graphics: GraphicsMode?, environment: [String: String]) -> TerminalProbe.Result? {
        guard graphics != GraphicsMode.none, graphics != GraphicsMode.blocks, environment["TERM"] != "dumb",
              let device = TerminalDevice.attached() else { return nil }
        return TerminalProbe.run(fd: device.fd)
    }
}

extension GraphicsMode: ExpressibleByArgument {}
