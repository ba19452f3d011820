import XCTest
@testable import TUI

final class CanvasTests: XCTestCase {
    func testWriteClipsToWidthAndCanvas() {
        var canvas = Canvas(size: TerminalSize(rows: 2, columns: 6))
        XCTAssertEqual(canvas.write("hello world", row: 0, column: 0, maxWidth: 4), 4)
        XCTAssertEqual(canvas.text(row: 0), "hell  ")
        XCTAssertEqual(canvas.write("abcdef", row: 1, column: 3), 3)
        XCTAssertEqual(canvas.text(row: 1), "   abc")
        XCTAssertEqual(canvas.write("x", row: 5, column: 0), 0, "rows outside the canvas draw nothing")
    }

    func testWideCharacterTakesTwoCellsAndIsNotSplitAtTheEdge() {
        var canvas = Canvas(size: TerminalSize(rows: 1, columns: 5))
        XCTAssertEqual(canvas.write("a竹b竹", row: 0, column: 0), 4, "the second 竹 would straddle the edge")
        XCTAssertTrue(canvas[0, 2].isContinuation)
        XCTAssertEqual(canvas.text(row: 0), "a竹b ")
    }

    func testOverwritingHalfAWideCharacterClearsTheOtherHalf() {
        var canvas = Canvas(size: TerminalSize(rows: 1, columns: 4))
        canvas.write("竹竹", row: 0, column: 0)
        canvas.write("x", row: 0, column: 1)
        XCTAssertEqual(canvas.text(row: 0), " x竹")
        XCTAssertFalse(canvas[0, 1].isContinuation)
    }

    func testControlCharactersAreShownNotSent() {
        var canvas = Canvas(size: TerminalSize(rows: 1, columns: 4))
        canvas.write("a\nb\u{1B}", row: 0, column: 0)
        XCTAssertEqual(canvas.text(row: 0), "a�b�")
    }

    func testFillSetsStyle() {
        var canvas = Canvas(size: TerminalSize(rows: 2, columns: 2))
        canvas.fill(Rect(x: 1, y: 0, width: 5, height: 5), style: .selected)
        XCTAssertEqual(canvas[0, 1].style, .selected)
        XCTAssertEqual(canvas[0, 0].style, .plain)
    }
}
