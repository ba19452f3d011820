import XCTest
@testable import TUI

final class PanelTests: XCTestCase {
    func testBorderTitleAndBadge() {
        var canvas = Canvas(size: TerminalSize(rows: 4, columns: 24))
        let inside = Panel.draw(on: &canvas, rect: canvas.bounds, title: "Prompt", badge: "14/77", focused: true)
        XCTAssertEqual(inside, Rect(x: 1, y: 1, width: 22, height: 2))
        XCTAssertEqual(canvas.text(row: 0), "┌ Prompt ─────── 14/77 ┐")
        XCTAssertEqual(canvas.text(row: 1), "│                      │")
        XCTAssertEqual(canvas.text(row: 3), "└──────────────────────┘")
        XCTAssertEqual(canvas[0, 0].style, .borderFocused)
    }

    func testJoinedPanelSharesTheRowAbove() {
        var canvas = Canvas(size: TerminalSize(rows: 5, columns: 12))
        Panel.draw(on: &canvas, rect: Rect(x: 0, y: 0, width: 12, height: 3), title: "A", focused: false, drawsBottom: false)
        Panel.draw(on: &canvas, rect: Rect(x: 0, y: 2, width: 12, height: 3), title: "B", focused: false, joinsAbove: true)
        XCTAssertEqual(canvas.text(row: 2), "├ B ───────┤")
        XCTAssertEqual(canvas.text(row: 4), "└──────────┘")
    }
}
