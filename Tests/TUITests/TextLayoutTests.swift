import XCTest
@testable import TUI

final class TextLayoutTests: XCTestCase {
    private func lines(_ text: String, width: Int) -> [String] {
        let characters = Array(text)
        return TextLayout(characters, width: width).lines.map { String(characters[$0]) }
    }

    func testWrapsAfterTheLastSpace() {
        XCTAssertEqual(lines("a red panda eats", width: 10), ["a red ", "panda eats"])
    }

    func testLongWordsBreakAnywhereAndNewlinesStartLines() {
        XCTAssertEqual(lines("abcdefghij\nxy", width: 4), ["abcd", "efgh", "ij", "xy"])
        XCTAssertEqual(lines("", width: 4), [""])
        XCTAssertEqual(lines("a\n", width: 4), ["a", ""])
    }

    func testWideCharactersCountTwoCells() {
        XCTAssertEqual(lines("竹竹竹", width: 5), ["竹竹", "竹"])
    }

    func testCursorPosition() {
        let layout = TextLayout(Array("a red panda eats"), width: 10)
        XCTAssertEqual(layout.position(of: 0), CellPosition(row: 0, column: 0))
        XCTAssertEqual(layout.position(of: 6), CellPosition(row: 1, column: 0), "the wrap point belongs to the next line")
        XCTAssertEqual(layout.position(of: 16), CellPosition(row: 1, column: 9))
        let wide = TextLayout(Array("竹竹"), width: 10)
        XCTAssertEqual(wide.position(of: 1), CellPosition(row: 0, column: 2))
    }

    func testVerticalMotionKeepsTheGoalColumn() {
        var editor = TextEditor(text: "abcdef\nab\nabcdef")
        editor.move(to: 5)  // column 5 of the first line
        XCTAssertTrue(TextLayout.moveVertically(&editor, by: 1, width: 20))
        XCTAssertEqual(editor.cursor, 9, "clamped to the end of the short line")
        XCTAssertTrue(TextLayout.moveVertically(&editor, by: 1, width: 20))
        XCTAssertEqual(editor.cursor, 15, "back at column 5 on the long line")
        XCTAssertFalse(TextLayout.moveVertically(&editor, by: 1, width: 20))
        XCTAssertTrue(TextLayout.moveVertically(&editor, by: -2, width: 20))
        XCTAssertEqual(editor.cursor, 5)
    }

    func testVerticalMotionFollowsSoftWraps() {
        var editor = TextEditor(text: "a red panda eats")
        editor.move(to: 2)
        XCTAssertTrue(TextLayout.moveVertically(&editor, by: 1, width: 10))
        XCTAssertEqual(editor.cursor, 8)
    }
}
