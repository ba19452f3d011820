import XCTest
@testable import TUI

final class StatusBarTests: XCTestCase {
    private let hints = [KeyHelp(keys: "?", action: "help"), KeyHelp(keys: "⏎", action: "run"), KeyHelp(keys: "q", action: "quit")]

    func testMessageLeftHintsRight() {
        var canvas = Canvas(size: TerminalSize(rows: 1, columns: 50))
        StatusBar.draw(message: "ready", hints: hints, on: &canvas, row: 0)
        let line = canvas.text(row: 0)
        XCTAssertTrue(line.hasPrefix(" ready"))
        XCTAssertTrue(line.hasSuffix("? help  ⏎ run  q quit "))
    }

    func testHintsDropWhenNarrow() {
        XCTAssertEqual(StatusBar.fittingHints(hints, width: 14), "? help  ⏎ run")
        XCTAssertEqual(StatusBar.fittingHints(hints, width: 3), "")
    }

    func testProgressBarBeforeTheMessage() {
        var canvas = Canvas(size: TerminalSize(rows: 1, columns: 60))
        StatusBar.draw(message: "31/50", progress: 0.5, hints: [], on: &canvas, row: 0)
        XCTAssertTrue(canvas.text(row: 0).hasPrefix(" ██████░░░░░░ 31/50"))
    }
}
