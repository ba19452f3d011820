import TUI
import XCTest
@testable import Studio

final class StudioScreenTests: XCTestCase {
    private let exact = TokenCounter(count: { $0.split(separator: " ").count + 2 }, isExact: true)

    func testWideScreenShowsEveryPane() {
        var state = StudioState()
        state.prompt.setText("a red panda eating bamboo")
        let canvas = StudioScreen.render(state, size: TerminalSize(rows: 40, columns: 120), tokens: exact)
        let text = canvas.text
        for expected in ["Prompt", "7/77", "Negative", "Settings", "seed 0", "steps 50", "guidance 9.0", "Preview",
                         "no preview yet", "Queue / Results", "no jobs yet", "a red panda eating bamboo", "F1 help"] {
            XCTAssertTrue(text.contains(expected), "missing \(expected)")
        }
        XCTAssertEqual(canvas.cursor, CellPosition(row: 1, column: 27), "cursor after the prompt text")
    }

    func testEstimatedCountIsMarkedAndLongPromptsWarn() {
        var state = StudioState()
        state.prompt.setText(String(repeating: "word ", count: 80))
        let canvas = StudioScreen.render(state, size: TerminalSize(rows: 24, columns: 80), tokens: .estimate)
        XCTAssertTrue(canvas.text(row: 0).contains("~82/77"))
        let column = canvas.text(row: 0).distance(from: canvas.text(row: 0).startIndex,
                                                  to: canvas.text(row: 0).range(of: "~82")!.lowerBound)
        XCTAssertEqual(canvas[0, column].style, .warning)
    }

    func testNarrowScreenFoldsQueueIntoStatusBar() {
        var state = StudioState()
        state.prompt.setText("fox")
        _ = StudioController.handle(.control("g"), state: &state, layout: nil)
        let canvas = StudioScreen.render(state, size: TerminalSize(rows: 24, columns: 80), tokens: exact)
        XCTAssertFalse(canvas.text.contains("Queue / Results"))
        XCTAssertTrue(canvas.text(row: 23).contains("queue 1 waiting"))
    }

    func testTooSmall() {
        let canvas = StudioScreen.render(StudioState(), size: TerminalSize(rows: 10, columns: 70), tokens: exact)
        XCTAssertTrue(canvas.text.contains("terminal too small: need at least 60×18, have 70×10"))
        XCTAssertNil(canvas.cursor)
    }

    func testRunningJobShowsProgressAndETA() {
        var state = StudioState()
        state.prompt.setText("fox")
        _ = StudioController.handle(.control("g"), state: &state, layout: nil)
        StudioController.apply(.started(jobID: 1), to: &state)
        StudioController.apply(.step(jobID: 1, index: 10, count: 50, elapsedSeconds: 100), to: &state)
        let canvas = StudioScreen.render(state, size: TerminalSize(rows: 40, columns: 120), tokens: exact)
        XCTAssertTrue(canvas.text(row: 39).contains("#1 10/50  10.0 s/step  ETA 6m40s"), canvas.text(row: 39))
        XCTAssertTrue(canvas.text(row: 39).contains("esc cancel"))
        XCTAssertTrue(canvas.text.contains("#1 seed 0  10/50"))
    }
}
