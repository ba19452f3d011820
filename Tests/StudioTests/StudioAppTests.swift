import Foundation
import XCTest

/// End to end: the real `studio` binary in tmux with the bundled demo model, its XDG folders in a
/// temporary folder. Skips when tmux, the binary or the demo model is missing.
final class StudioAppTests: XCTestCase {
    private static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The results grid's tiles on a captured screen, by job number, each as its title and the
    /// detail line under it (`#3 seed 17  done 5 s`).
    private func jobRows(_ screen: String) -> [Int: String] {
        var rows: [Int: String] = [:]
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        for (number, line) in lines.enumerated() {
            for start in line.indices where line[start] == "#" {
                let rest = String(line[(start + 1)...])
                let digits = rest.prefix { $0.isNumber }
                guard let id = Int(digits), rest.dropFirst(digits.count).hasPrefix(" seed ") else { continue }
                let title = "#" + rest.prefix { $0 != "│" }.split(separator: " ").prefix(3).joined(separator: " ")
                var detail = ""
                if number + 1 < lines.count, lines[number + 1].count > start {
                    detail = String(lines[number + 1][start...].prefix(19))
                        .trimmingCharacters(in: CharacterSet(charactersIn: " │░█"))
                }
                rows[id] = title + "  " + detail
            }
        }
        return rows
    }

    private func isDone(_ row: String?) -> Bool { row?.contains("  done ") ?? false }

    /// The demo model, a private tmux server and a temporary home with an empty config folder (the caller
    /// removes the home); skips without the demo model.
    private func demoSession() throws -> (model: URL, tmux: TmuxHarness, home: URL) {
        let model = Self.repositoryRoot.appendingPathComponent("models/demo")
        guard FileManager.default.fileExists(atPath: model.appendingPathComponent("model_index.json").path) else {
            throw XCTSkip("no demo model at \(model.path)")
        }
        let tmux = try TmuxHarness()
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("studio-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("config/studio"), withIntermediateDirectories: true)
        return (model, tmux, home)
    }

    func testRunSweepResizeCancelAndQuitInTmux() throws {
        let (model, tmux, home) = try demoSession()
        defer { try? FileManager.default.removeItem(at: home) }
        // Two frames instead of the model's eight keep each run short on a busy machine; what is
        // tested is the studio's flow, not the clip.
        try "[defaults]\nframes = 2\n".write(to: home.appendingPathComponent("config/studio/config.toml"), atomically: true, encoding: .utf8)

        try tmux.startShell(columns: 120, rows: 40)
        let command = "XDG_DATA_HOME='\(home.path)/data' XDG_STATE_HOME='\(home.path)/state' "
            + "XDG_CONFIG_HOME='\(home.path)/config' '\(tmux.studio)' --model '\(model.path)'; echo exit=$?"
        try tmux.typeLine(command)
        // Waits for the status bar, the last row drawn, so a capture taken mid-draw does not count.
        var screen = try tmux.waitFor(timeout: 10) { $0.contains("no jobs yet") && $0.contains("new session") }
        XCTAssertTrue(screen.contains("no jobs yet"), screen)
        XCTAssertTrue(screen.contains("new session"), "no saved session yet\n\(screen)")

        // A prompt, then two steps: settings pane, steps field, down to 1 and up one.
        try tmux.sendKeys(["a red panda"], literal: true)
        try tmux.sendKeys(["Tab", "Tab", "Right"] + Array(repeating: "PageDown", count: 6) + ["Up"])
        screen = try tmux.waitFor { $0.contains("steps 2 ") }
        XCTAssertTrue(screen.contains("a red panda"), screen)
        XCTAssertTrue(screen.contains("steps 2 "), screen)

        // Run: the progress reaches 2/2 and the job is done.
        try tmux.sendKeys(["Enter"])
        screen = try tmux.waitFor(timeout: 40) { self.isDone(self.jobRows($0)[1]) }
        XCTAssertTrue(isDone(jobRows(screen)[1]), screen)
        XCTAssertTrue(screen.contains("#1 done in"), "the status bar reports the finished job\n\(screen)")

        // A sweep of three seeds, consecutive from the form's seed.
        try tmux.sendKeys(["S"])
        screen = try tmux.waitFor { $0.contains("Seed sweep") }
        XCTAssertTrue(screen.contains("consecutive from"), screen)
        try tmux.sendKeys(["3", "Enter"])
        screen = try tmux.waitFor { self.jobRows($0).count == 4 }
        XCTAssertEqual(jobRows(screen).count, 4, screen)

        screen = try tmux.waitFor(timeout: 60) { screen in (2...4).allSatisfy { self.isDone(self.jobRows(screen)[$0]) } }
        let rows = jobRows(screen)
        XCTAssertTrue((1...4).allSatisfy { isDone(rows[$0]) }, screen)
        let seeds = (2...4).compactMap { rows[$0].flatMap { UInt64($0.split(separator: " ")[2]) } }
        XCTAssertEqual(seeds.count, 3, screen)
        if let first = seeds.first { XCTAssertEqual(seeds, [first, first + 1, first + 2], "consecutive seeds") }
        let clips = try FileManager.default.contentsOfDirectory(atPath: home.path + "/data/studio/clips")
        XCTAssertEqual(clips.filter { !$0.hasPrefix(".") }.count, 4, "one clip folder per finished job: \(clips)")

        // A longer run, resized and then cancelled with Esc while it runs.
        try tmux.sendKeys(["PageUp", "PageUp", "Enter"])
        screen = try tmux.waitFor(timeout: 20) { self.jobRows($0)[5]?.contains("/22") ?? false }
        XCTAssertTrue(jobRows(screen)[5]?.contains("/22") ?? false, screen)
        // Shrink the window while it runs: the screen is redrawn at the new width.
        try tmux.resize(columns: 100, rows: 30)
        // tmux first cuts the old lines to 100 columns; the redraw puts the right border back.
        screen = try tmux.waitFor { screen in
            let top = screen.split(separator: "\n").first ?? ""
            // A capture may land mid-redraw: wait for the queue row further down too.
            return top.count == 100 && top.hasPrefix("┌ Prompt") && top.hasSuffix("┐") && screen.contains("│▸ #5 seed")
        }
        let firstLine = screen.split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertEqual(firstLine.count, 100, screen)
        XCTAssertTrue(firstLine.hasPrefix("┌ Prompt") && firstLine.hasSuffix("┐"), firstLine)
        XCTAssertTrue(screen.contains("│▸ #5 seed"), "the queue pane is drawn at the new size\n\(screen)")
        XCTAssertTrue(jobRows(screen)[5]?.contains("/22") ?? false, "resized while #5 was running\n\(screen)")
        try tmux.sendKeys(["Escape"])
        screen = try tmux.waitFor(timeout: 20) { self.jobRows($0)[5]?.hasSuffix("cancelled") ?? false }
        XCTAssertTrue(jobRows(screen)[5]?.hasSuffix("cancelled") ?? false, screen)

        // Quit; the shell is back, echoes and runs commands.
        try tmux.sendKeys(["q"])
        screen = try tmux.waitFor { $0.split(separator: "\n").contains { $0.hasPrefix("exit=") } }
        XCTAssertTrue(screen.split(separator: "\n").contains("exit=0"), screen)
        try tmux.typeLine("echo ok-$((6*7))")
        screen = try tmux.waitFor { $0.split(separator: "\n").contains("ok-42") }
        XCTAssertTrue(screen.split(separator: "\n").contains("ok-42"), screen)
        XCTAssertTrue(screen.contains("$ echo ok-$((6*7))"), "typed text is echoed\n\(screen)")

        // The next start brings back the prompt and settings saved on quit.
        XCTAssertTrue(FileManager.default.fileExists(atPath: home.path + "/state/studio/session.json"))
        try tmux.typeLine("clear; " + command)
        screen = try tmux.waitFor(timeout: 10) { $0.contains("restored the last session") }
        XCTAssertTrue(screen.contains("a red panda"), screen)
        XCTAssertTrue(screen.contains("steps 22 "), screen)
        try tmux.sendKeys(["Tab", "Tab", "q"])
        screen = try tmux.waitFor { $0.split(separator: "\n").contains("exit=0") }
        XCTAssertTrue(screen.split(separator: "\n").contains("exit=0"), screen)
    }

    /// The config file's theme, defaults and remapped run key take effect. SIGTERM and Ctrl-C mid-run,
    /// and a crash signal, end the studio with the signal's status and leave the terminal modes as
    /// they were before it started.
    func testConfigFileAndSignalsMidRunInTmux() throws {
        let (model, tmux, home) = try demoSession()
        defer { try? FileManager.default.removeItem(at: home) }
        try """
        theme = "light"
        [defaults]
        steps = 300
        frames = 2
        [keys]
        run = "ctrl-r"
        """.write(to: home.appendingPathComponent("config/studio/config.toml"), atomically: true, encoding: .utf8)

        try tmux.startShell(columns: 120, rows: 40)
        try tmux.typeLine("stty -g > '\(home.path)/tty.before'")
        let pidFile = home.appendingPathComponent("studio.pid").path
        // (signal, how it is delivered, the shell's status for it, whether a job runs first)
        let endings: [(Int32, String, Int, Bool)] = [(SIGTERM, "kill", 143, true), (SIGINT, "C-c", 130, true), (SIGSEGV, "kill", 139, false)]
        for (signal, delivery, status, runFirst) in endings {
            try tmux.typeLine("clear")
            // `exec` keeps the shell's pid, so the file names the studio itself. The runtime's
            // interactive crash report would wait for a key; the terminal's restoration is what counts here.
            try tmux.typeLine("SWIFT_BACKTRACE=enable=no XDG_DATA_HOME='\(home.path)/data' XDG_STATE_HOME='\(home.path)/state' "
                + "XDG_CONFIG_HOME='\(home.path)/config' sh -c 'echo $$ > \(pidFile); exec \(tmux.studio) --model \(model.path)'")
            // Waits for the status bar, the last row drawn, so a capture taken mid-draw does not count.
            var screen = try tmux.waitFor(timeout: 10) { $0.contains("Prompt") && $0.contains("steps 300 ") && $0.contains("^R run") }
            XCTAssertTrue(screen.contains("steps 300 "), "[defaults] steps applies to a new session\n\(screen)")
            XCTAssertTrue(screen.contains("^R run"), "the status bar names the remapped key\n\(screen)")
            if runFirst {
                try tmux.sendKeys(["a red panda"], literal: true)
                try tmux.sendKeys(["C-r"])
                screen = try tmux.waitFor(timeout: 20) { $0.contains("/300") }
                XCTAssertTrue(screen.contains("#1 seed") && screen.contains("/300"), "Ctrl-R ran the form\n\(screen)")
            }
            if delivery == "kill" {
                let pid = try XCTUnwrap(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
                XCTAssertEqual(kill(pid, signal), 0)
            } else {
                try tmux.sendKeys([delivery])
            }
            screen = try tmux.waitFor(timeout: 10) { !$0.contains("Queue / Results") }
            XCTAssertFalse(screen.contains("Queue / Results"), "the studio's screen is gone\n\(screen)")
            // Asked on a line of its own: an interactive shell drops the rest of a line whose job Ctrl-C ended.
            try tmux.typeLine("echo exit=$?")
            // Typed ahead, the answer may land after the prompt (`$ exit=143`).
            screen = try tmux.waitFor { $0.split(separator: "\n").contains { $0.range(of: "exit=[0-9]+$", options: .regularExpression) != nil } }
            XCTAssertTrue(screen.split(separator: "\n").contains { $0.hasSuffix(" exit=\(status)") || $0 == "exit=\(status)" },
                          "ended by signal \(signal)\n\(screen)")
            try tmux.typeLine("stty -g | cmp -s - '\(home.path)/tty.before' && echo tty-\(signal)-$((6*7))")
            screen = try tmux.waitFor { $0.split(separator: "\n").contains { $0.hasSuffix("tty-\(signal)-42") } }
            XCTAssertTrue(screen.split(separator: "\n").contains { $0.hasSuffix("tty-\(signal)-42") }, "terminal modes as before\n\(screen)")
        }
    }
}
