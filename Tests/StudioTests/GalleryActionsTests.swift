import Engine
import Media
import TUI
import XCTest
@testable import Studio

/// The gallery against a real history in a temporary data folder, driven through the session's keys.
final class GalleryActionsTests: XCTestCase {
    private var home: TemporaryDataHome!
    private var store: HistoryStore!
    private let size = TerminalSize(rows: 40, columns: 120)

    override func setUpWithError() throws {
        home = try TemporaryDataHome()
        store = try HistoryStore()
        try store.record(TemporaryDataHome.clip(prompt: "a fox", seed: 1), modelName: "demo", modelWeightsHash: nil)
        try store.record(TemporaryDataHome.clip(prompt: "an owl", seed: 2), modelName: "demo", modelWeightsHash: nil)
    }

    override func tearDown() { home.restore() }

    private func session(exportFolder: URL? = nil) throws -> StudioSession {
        var state = StudioState()
        state.focus = .settings
        let themes = ThemeLocator(userDirectory: "/nonexistent", bundledDirectory: "/nonexistent")
        let session = StudioSession(state: state, theme: .builtIn, engine: try FakeEngineClient(), themes: themes, tokens: .estimate)
        var actions = GalleryActions(history: store)
        if let exportFolder { actions.exportFolder = exportFolder }
        session.gallery = actions
        return session
    }

    private func browser(_ session: StudioSession) -> GalleryBrowser? {
        if case .gallery(let browser) = session.state.overlay { return browser }
        return nil
    }

    func testGOpensNewestFirstAndTheFilterNarrowsIt() throws {
        let session = try session()
        _ = session.handle([.character("g")], size: size)
        XCTAssertEqual(browser(session)?.entries.map(\.prompt), ["an owl", "a fox"])
        XCTAssertTrue(session.render(size: size).text.contains("seed 2"))
        _ = session.handle([.character("/"), .character("F"), .character("o")], size: size)
        XCTAssertEqual(browser(session)?.entries.map(\.prompt), ["a fox"])
        _ = session.handle([.escape, .escape], size: size)
        XCTAssertEqual(session.state.overlay, .none)
    }

    func testEnterPlaysTheEntryInThePreviewUntilAJobIsSelected() throws {
        let session = try session()
        _ = session.handle([.character("g"), .down, .enter], size: size)
        XCTAssertEqual(session.state.overlay, .none)
        let shown = try XCTUnwrap(session.state.shownPreview)
        XCTAssertEqual(shown.job.prompt, "a fox")
        XCTAssertEqual(shown.frames.frames.count, 4)
        XCTAssertEqual([shown.frames.width, shown.frames.height], [32, 24])
        XCTAssertTrue(session.state.playback.isPlaying)
        XCTAssertTrue(session.render(size: size).text.contains("history #1"))
    }

    func testDeleteAfterYesRemovesTheEntryAndItsFiles() throws {
        let session = try session()
        let owl = try XCTUnwrap(try store.entries().first)
        _ = session.handle([.character("g"), .character("d")], size: size)
        XCTAssertTrue(session.render(size: size).text.contains("delete #\(owl.id!) and its files?"))
        _ = session.handle([.character("y")], size: size)
        XCTAssertEqual(try store.entries().map(\.prompt), ["a fox"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: store.folderURL(of: owl).path))
        XCTAssertEqual(browser(session)?.entries.map(\.prompt), ["a fox"])
    }

    func testExportWritesTheChosenFormatAndAFailureKeepsTheEntry() throws {
        let folder = home.url.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let session = try session(exportFolder: folder)
        // Export dialog: format → gif, then Enter.
        _ = session.handle([.character("g"), .character("e"), .left, .enter], size: size)
        let file = folder.appendingPathComponent("studio-2-seed2.gif")
        XCTAssertEqual(session.state.status.kind, .ok, session.state.status.text)
        XCTAssertEqual(try MediaProbe.decodeFrames(file).count, 4)
        XCTAssertEqual(try ClipMetadataSource.read(describing: file).metadata.settings.prompt, "an owl")

        let blocked = home.url.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: blocked)
        let failing = try self.session(exportFolder: blocked)
        _ = failing.handle([.character("g"), .character("e"), .left, .enter], size: size)
        XCTAssertEqual(failing.state.status.kind, .error)
        XCTAssertTrue(failing.state.status.text.hasPrefix("cannot write \(blocked.path)/studio-2-seed2.gif"), failing.state.status.text)
        XCTAssertTrue(failing.state.status.text.hasSuffix("#2 stays in the history"), failing.state.status.text)
        XCTAssertEqual(try store.entries().count, 2)
    }

    func testWithoutAHistoryTheGallerySaysSo() throws {
        let session = try session()
        session.gallery = GalleryActions(history: nil)
        _ = session.handle([.character("g")], size: size)
        XCTAssertEqual(session.state.overlay, .none)
        XCTAssertEqual(session.state.status.kind, .error)
    }
}
