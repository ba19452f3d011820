import XCTest
@testable import TUI

final class FieldGridTests: XCTestCase {
    private let fields = [("seed", "1234"), ("steps", "50"), ("guidance", "9.0"), ("frames", "16")]
        .map { FieldGrid.Field(label: $0.0, value: $0.1) }

    func testColumnsAndRows() {
        XCTAssertEqual(FieldGrid.columnWidth(fields), 15, "guidance 9.0 is 12 cells, plus a gap of 3")
        XCTAssertEqual(FieldGrid.rowsNeeded(fields, width: 60), 1)
        XCTAssertEqual(FieldGrid.rowsNeeded(fields, width: 30), 2)
        XCTAssertEqual(FieldGrid.rowsNeeded(fields, width: 5), 4)
    }

    func testSelectedFieldIsHighlighted() {
        var canvas = Canvas(size: TerminalSize(rows: 2, columns: 30))
        FieldGrid.draw(fields, selected: 1, focused: true, on: &canvas, in: canvas.bounds)
        XCTAssertEqual(canvas.text(row: 0), "seed 1234      steps 50       ")
        XCTAssertEqual(canvas.text(row: 1), "guidance 9.0   frames 16      ")
        XCTAssertEqual(canvas[0, 21].style, .selected, "the value 50 of the selected field")
        XCTAssertEqual(canvas[0, 5].style, .plain)
    }
}
