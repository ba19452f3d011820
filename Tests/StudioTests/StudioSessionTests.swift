import TUI
import XCTest
@testable import Studio

final class StudioSessionTests: XCTestCase {
    private let size = TerminalSize(rows: 40, columns: 120)

    private func makeSession(_ engine: FakeEngineClient) -> StudioSession {
        var state = StudioState()
        state.form.seed = 1234
        let themes = ThemeLocator(userDirectory: "/nonexistent", bundledDirectory: "/nonexistent")
        return StudioSession(state: state, theme: .builtIn, engine: engine, themes: themes, tokens: .estimate)
    }

    /// Waits on the mailbox descriptor the way the app loop does, until `done` or 5 s pass.
    private func pump(_ session: StudioSession, until done: (StudioState) -> Bool) throws {
        let signals = try WakePipe(), input = try WakePipe()
        let loop = EventLoop(inputFD: input.readFD, signalFD: signals.readFD, sources: [session.engine.events.fileDescriptor])
        let deadline = Date().addingTimeInterval(5)
        while !done(session.state), Date() < deadline {
            if try !loop.wait(timeoutMilliseconds: 1000).sources.isEmpty { session.receiveEngineEvents() }
        }
    }

    func testSubmittedJobRunsToDoneThroughTheEventPipe() throws {
        let engine = try FakeEngineClient()
        let session = makeSession(engine)
        XCTAssertNil(session.handle("a red panda".map { Key.character($0) } + [.control("g")], size: size))
        XCTAssertEqual(engine.submitted.count, 1)
        XCTAssertEqual(engine.submitted.first?.prompt, "a red panda")
        XCTAssertEqual(engine.submitted.first?.form.seed, 1234)
        try pump(session) { state in
            if case .done = state.jobs.first?.phase { return true } else { return false }
        }
        XCTAssertEqual(session.state.jobs.first?.phase, .done(seconds: 2, output: "/tmp/clip-1.mp4"))
        XCTAssertEqual(session.state.status.kind, .ok)
        XCTAssertTrue(session.render(size: size).text.contains("done 2 s"))
    }

    func testQuitWhileRunningAsksThenCancels() throws {
        let engine = try FakeEngineClient()
        engine.finishes = false
        let session = makeSession(engine)
        _ = session.handle([.character("x"), .control("g")], size: size)
        try pump(session) { $0.runningJob != nil }
        XCTAssertNotNil(session.state.runningJob)

        XCTAssertNil(session.handle([.control("q")], size: size), "asks first")
        XCTAssertEqual(session.state.overlay, .confirmQuit)
        XCTAssertTrue(session.render(size: size).text.contains("Quit?"))
        XCTAssertNil(session.handle([.character("n")], size: size))
        XCTAssertEqual(session.state.overlay, .none)
        XCTAssertEqual(engine.cancelCount, 0)

        XCTAssertEqual(session.handle([.control("q"), .character("y")], size: size), .quit)
        XCTAssertEqual(engine.cancelCount, 1)
    }

    func testEscapeCancelsTheRunningJob() throws {
        let engine = try FakeEngineClient()
        engine.finishes = false
        let session = makeSession(engine)
        _ = session.handle([.character("x"), .control("g")], size: size)
        try pump(session) { $0.runningJob != nil }
        _ = session.handle([.escape], size: size)
        XCTAssertEqual(engine.cancelCount, 1)
        try pump(session) { $0.jobs.first?.phase == .cancelled }
        XCTAssertEqual(session.state.jobs.first?.phase, .cancelled)
    }

    func testThemeKeyReportsBadThemeFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("studio-theme-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "accent = \"#12\"\n".write(to: directory.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        let engine = try FakeEngineClient()
        let session = StudioSession(state: StudioState(), theme: .builtIn, engine: engine,
                                    themes: ThemeLocator(userDirectory: directory.path, bundledDirectory: "/nonexistent"),
                                    tokens: .estimate)
        _ = session.handle([.tab, .tab, .character("t")], size: size)
        XCTAssertEqual(session.state.status.kind, .error)
        XCTAssertTrue(session.state.status.text.contains("broken.toml:1"), session.state.status.text)
        XCTAssertEqual(session.theme.name, "default", "the broken theme is skipped")
    }

    func testPreviewPlaysPausesAndShowsTheFinishedClip() throws {
        let engine = try FakeEngineClient()
        engine.finishes = false
        let session = makeSession(engine)
        let clip = PreviewFrames(width: 2, height: 2, frames: (0..<16).map { [UInt8](repeating: UInt8($0), count: 12) })
        var loaded: [String] = []
        session.loadClipFrames = { folder in
            loaded.append(folder)
            return clip
        }
        _ = session.handle("fox".map { Key.character($0) } + [.control("g")], size: size)
        try pump(session) { $0.runningJob != nil }
        engine.events.post(.preview(jobID: 1, frames: PreviewFrames(width: 1, height: 1, frames: [[1, 2, 3], [4, 5, 6]])))
        try pump(session) { $0.shownPreview != nil }
        XCTAssertEqual(session.state.shownPreview?.source, .live(jobID: 1))
        XCTAssertEqual(session.nextFrameTime(now: 50), 50, "playing: wake at once to start the clock")
        XCTAssertFalse(session.tick(now: 50))
        XCTAssertTrue(session.tick(now: 50.2))
        XCTAssertEqual(session.state.playback.frame, 1)

        _ = session.handle([.tab, .tab, .tab, .character(" ")], size: size)
        XCTAssertEqual(session.state.focus, .preview)
        XCTAssertFalse(session.state.playback.isPlaying)
        XCTAssertNil(session.nextFrameTime(now: 51), "paused: the loop may sleep")
        _ = session.handle([.character(".")], size: size)
        XCTAssertEqual(session.state.playback.frame, 0, "steps wrap around the 2 frames")

        engine.events.post(.finished(jobID: 1, seconds: 9, output: "/clips/one"))
        try pump(session) { if case .done = $0.jobs.first?.phase { return true } else { return false } }
        XCTAssertEqual(loaded, ["/clips/one"])
        XCTAssertEqual(session.state.shownPreview?.source, .clip(jobID: 1))
        XCTAssertEqual(session.state.playback.frameCount, 16)
        XCTAssertTrue(session.state.playback.isPlaying, "a new clip starts playing")
        XCTAssertTrue(session.render(size: size).text.contains("frame 1/16 ▶  seed 1234  #1 result"))
        engine.cancel()
    }
}
