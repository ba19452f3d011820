import Foundation
import XCTest

final class OpenCommandTests: XCTestCase {
    /// Without a terminal the studio refuses in one line on stderr, exit 2, nothing on stdout.
    func testRefusesWithoutATerminal() throws {
        let studio = try TmuxHarness.studioBinary()
        let process = Process()
        process.executableURL = studio
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 2)
        XCTAssertEqual(stdout.count, 0, "no escape codes or alternate screen on stdout")
        XCTAssertEqual(stderr, "studio: the interactive studio needs a terminal; use `studio generate` for scripts\n")
    }

    /// Types into the real studio in tmux, opens help, resizes below the minimum and quits.
    func testInteractiveSmokeInTmux() throws {
        let tmux = try TmuxHarness()
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("studio-smoke-\(getpid()).txt")
        // Quitting saves the session: keep it out of the real ~/.local/state.
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("studio-smoke-state-\(getpid())")
        defer { try? FileManager.default.removeItem(at: marker); try? FileManager.default.removeItem(at: state) }
        try tmux.start("XDG_STATE_HOME='\(state.path)' '\(tmux.studio)'; echo exit=$? > '\(marker.path)'; sleep 5",
                       columns: 100, rows: 30)
        var screen = try tmux.waitFor { $0.contains("Prompt") && $0.contains("Queue / Results") }
        XCTAssertTrue(screen.contains("no preview yet"), screen)

        try tmux.sendKeys(["a red panda 竹"], literal: true)
        screen = try tmux.waitFor { $0.contains("a red panda 竹") }
        XCTAssertTrue(screen.contains("a red panda 竹"), screen)

        try tmux.sendKeys(["F1"])
        screen = try tmux.waitFor { $0.contains("Keys") && $0.contains("Text fields") }
        XCTAssertTrue(screen.contains("Ctrl-G          run with the current settings"), screen)
        XCTAssertTrue(screen.contains("more"), "the rest scrolls at 100×30")
        try tmux.sendKeys(["Escape"])

        try tmux.run(["resize-window", "-t", tmux.session, "-x", "50", "-y", "15"])
        screen = try tmux.waitFor { $0.contains("terminal too small") }
        XCTAssertTrue(screen.contains("need at least 60×18"), screen)
        try tmux.run(["resize-window", "-t", tmux.session, "-x", "100", "-y", "30"])
        screen = try tmux.waitFor { $0.contains("Prompt") }
        XCTAssertTrue(screen.contains("a red panda 竹"), "state survives the resize")

        try tmux.sendKeys(["Tab", "Tab", "q"])
        let deadline = Date().addingTimeInterval(5)
        while !FileManager.default.fileExists(atPath: marker.path), Date() < deadline { usleep(50_000) }
        XCTAssertEqual(try? String(contentsOf: marker, encoding: .utf8), "exit=0\n")
    }
}
