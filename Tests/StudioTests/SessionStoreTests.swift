import Foundation
import XCTest
@testable import Studio

final class SessionStoreTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("studio-session-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    private var store: SessionStore { SessionStore(environment: ["XDG_STATE_HOME": folder.path], homeDirectory: "/nonexistent") }

    private func write(_ text: String) throws {
        try FileManager.default.createDirectory(at: store.file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: store.file, atomically: true, encoding: .utf8)
    }

    func testTheFileLivesUnderXDGStateHomeOrTheHomeFallback() {
        XCTAssertEqual(store.file.path, folder.path + "/studio/session.json")
        XCTAssertEqual(SessionStore(environment: [:], homeDirectory: "/home/ann").file.path, "/home/ann/.local/state/studio/session.json")
    }

    func testSaveThenRestoreBringsBackTextsAndSettings() throws {
        var state = StudioState()
        state.prompt.setText("a red panda\non a rock")
        state.negative.setText("blurry")
        state.form = GenerationForm(seed: 77, steps: 12, guidance: 7.5, frames: 8, width: 128, height: 192, sampler: "dpm++")
        try store.save(SessionStore.Snapshot(state: state))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: store.file.deletingLastPathComponent().path),
                       ["session.json"], "no temporary file is left behind")

        var restored = StudioState()
        store.restore(into: &restored)
        XCTAssertEqual(restored.prompt.text, "a red panda\non a rock")
        XCTAssertEqual(restored.negative.text, "blurry")
        XCTAssertEqual(restored.form, state.form)
        XCTAssertEqual(restored.status.text, "restored the last session's prompt and settings")

        state.prompt.setText("second")
        try store.save(SessionStore.Snapshot(state: state))
        XCTAssertEqual(store.load(), .restored(SessionStore.Snapshot(state: state)), "a later save replaces the file")
    }

    func testMissingFileKeepsDefaultsWithOneNote() {
        var state = StudioState()
        let defaults = state.form
        store.restore(into: &state)
        XCTAssertEqual(store.load(), .missing)
        XCTAssertEqual(state.form, defaults)
        XCTAssertEqual(state.prompt.text, "")
        XCTAssertTrue(state.status.text.hasPrefix("new session"), state.status.text)
    }

    func testCorruptFileKeepsDefaultsAndSaysWhy() throws {
        try write("{ not json")
        var state = StudioState()
        let defaults = state.form
        store.restore(into: &state)
        XCTAssertEqual(state.form, defaults)
        XCTAssertEqual(state.status.kind, .warning)
        XCTAssertEqual(state.status.text, "session file \(store.file.path) ignored: not valid JSON; starting from the defaults")
    }

    func testMissingKeyWrongTypeAndOutOfRangeAreNamed() throws {
        let good = #"{"prompt":"p","negativePrompt":"n","seed":1,"steps":2,"guidance":3,"frames":4,"width":64,"height":64,"sampler":"ddim"}"#
        try write(good)
        guard case .restored = store.load() else { return XCTFail("the good file loads") }

        try write(good.replacingOccurrences(of: #","sampler":"ddim""#, with: ""))
        XCTAssertEqual(store.load(), .unusable(.unreadable(file: store.file.path, reason: "no \"sampler\"")))
        try write(good.replacingOccurrences(of: #""steps":2"#, with: #""steps":"two""#))
        XCTAssertEqual(store.load(), .unusable(.unreadable(file: store.file.path, reason: "\"steps\" has the wrong type")))
        try write(good.replacingOccurrences(of: #""width":64"#, with: #""width":100"#))
        XCTAssertEqual(store.load(), .unusable(.unreadable(file: store.file.path,
                                                           reason: "out of range: width 100 (a multiple of 64 in 64...1024)")))
        try write(good.replacingOccurrences(of: "ddim", with: "euler"))
        XCTAssertEqual(store.load(), .unusable(.unreadable(file: store.file.path,
                                                           reason: "out of range: sampler \"euler\" (ddim, dpm++)")))
    }

    func testUnwritableLocationIsATypedError() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "a file where the folder should be".write(to: folder.appendingPathComponent("studio"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try store.save(SessionStore.Snapshot(state: StudioState()))) { error in
            guard case SessionFileError.unwritable(let file, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, store.file.path)
        }
    }
}
