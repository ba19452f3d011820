import XCTest
@testable import TUI

final class ListViewTests: XCTestCase {
    func testEmptyMessage() {
        var canvas = Canvas(size: TerminalSize(rows: 2, columns: 20))
        ListView.draw([], selected: nil, focused: true, emptyMessage: "no jobs yet", on: &canvas, in: canvas.bounds)
        XCTAssertEqual(canvas.text(row: 0), "no jobs yet         ")
    }

    func testScrollsToTheSelectedRowAndMarksIt() {
        var canvas = Canvas(size: TerminalSize(rows: 2, columns: 20))
        let rows = (1...5).map { ListView.Row(text: "job \($0)") }
        ListView.draw(rows, selected: 3, focused: true, emptyMessage: "", on: &canvas, in: canvas.bounds)
        XCTAssertEqual(canvas.text(row: 0), "  job 3             ")
        XCTAssertEqual(canvas.text(row: 1), "▸ job 4             ")
        XCTAssertEqual(canvas[1, 10].style, .selected)
    }

    func testProgressBarAtTheRightEnd() {
        var canvas = Canvas(size: TerminalSize(rows: 1, columns: 40))
        ListView.draw([ListView.Row(text: "#1", progress: 0.5)], selected: nil, focused: false, emptyMessage: "",
                      on: &canvas, in: canvas.bounds)
        XCTAssertTrue(canvas.text(row: 0).hasSuffix("█████░░░░░"))
    }
}
