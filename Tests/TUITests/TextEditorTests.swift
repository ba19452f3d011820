import XCTest
@testable import TUI

final class TextEditorTests: XCTestCase {
    private func type(_ text: String, into editor: inout TextEditor) {
        for c in text { _ = editor.handle(.character(c)) }
    }

    func testCursorMovesByGraphemeOverWideCharactersAndEmoji() {
        var editor = TextEditor(text: "a竹🐼e\u{301}")
        XCTAssertEqual(editor.cursor, 4)
        editor.moveLeft()
        editor.moveLeft()
        XCTAssertEqual(editor.cursor, 2)
        editor.insert("X")
        XCTAssertEqual(editor.text, "a竹X🐼e\u{301}")
        XCTAssertTrue(editor.handle(.backspace))
        XCTAssertTrue(editor.handle(.delete))
        XCTAssertEqual(editor.text, "a竹e\u{301}")
    }

    func testHomeEndWorkOnTheCurrentLine() {
        var editor = TextEditor(text: "first line\nsecond")
        editor.move(to: 14)
        XCTAssertTrue(editor.handle(.control("a")))
        XCTAssertEqual(editor.cursor, 11)
        XCTAssertTrue(editor.handle(.end))
        XCTAssertEqual(editor.cursor, 17)
        XCTAssertTrue(editor.handle(.home))
        XCTAssertEqual(editor.cursor, 11)
    }

    func testWordMotions() {
        var editor = TextEditor(text: "red panda, eating_bamboo!")
        XCTAssertTrue(editor.handle(.alt("b")))
        XCTAssertEqual(editor.cursor, 11, "back to the start of eating_bamboo")
        editor.moveWordBackward()
        XCTAssertEqual(editor.cursor, 4)
        XCTAssertTrue(editor.handle(.alt("f")))
        XCTAssertEqual(editor.cursor, 9, "end of panda")
        editor.moveWordForward()
        XCTAssertEqual(editor.cursor, 24)
    }

    func testKillCommandsAndYank() {
        var editor = TextEditor(text: "one two three\nfour")
        editor.move(to: 4)
        XCTAssertTrue(editor.handle(.control("k")))
        XCTAssertEqual(editor.text, "one \nfour")
        XCTAssertTrue(editor.handle(.control("k")), "at the line end Ctrl-K joins the next line")
        XCTAssertEqual(editor.text, "one four")
        XCTAssertTrue(editor.handle(.control("u")))
        XCTAssertEqual(editor.text, "four")
        XCTAssertTrue(editor.handle(.control("y")))
        XCTAssertEqual(editor.text, "one four", "yank restores the last kill")
    }

    func testCtrlWDeletesBackToWhitespaceAltDDeletesNextWord() {
        var editor = TextEditor(text: "soft light, 4k")
        XCTAssertTrue(editor.handle(.control("w")))
        XCTAssertEqual(editor.text, "soft light, ")
        XCTAssertTrue(editor.handle(.control("w")))
        XCTAssertEqual(editor.text, "soft ")
        editor.moveToStart()
        XCTAssertTrue(editor.handle(.alt("d")))
        XCTAssertEqual(editor.text, " ")
    }

    func testUndoGroupsTypingByWord() {
        var editor = TextEditor()
        type("red panda", into: &editor)
        XCTAssertTrue(editor.handle(.control("z")))
        XCTAssertEqual(editor.text, "red ")
        XCTAssertTrue(editor.handle(.control("_")))
        XCTAssertEqual(editor.text, "")
        XCTAssertFalse(editor.canUndo)
    }

    func testUndoRestoresDeletionsAndCursor() {
        var editor = TextEditor()
        type("bamboo", into: &editor)
        editor.moveLeft()
        editor.deleteBackward()
        editor.deleteBackward()
        XCTAssertEqual(editor.text, "bamo")
        editor.undo()
        XCTAssertEqual(editor.text, "bamboo")
        XCTAssertEqual(editor.cursor, 5)
    }

    func testUndoHistoryIsBounded() {
        var editor = TextEditor()
        for _ in 0..<(TextEditor.undoLimit + 50) { editor.insert("\n") }
        var steps = 0
        while editor.canUndo {
            editor.undo()
            steps += 1
        }
        XCTAssertEqual(steps, TextEditor.undoLimit)
        XCTAssertEqual(editor.text.count, 50)
    }

    func testUnknownKeysAreNotConsumed() {
        var editor = TextEditor(text: "x")
        XCTAssertFalse(editor.handle(.function(5)))
        XCTAssertFalse(editor.handle(.tab))
        XCTAssertEqual(editor.text, "x")
    }

    func testEveryCommandHasAKeyAndHelp() {
        for command in TextEditor.Command.allCases {
            XCTAssertTrue(TextEditor.keyBindings.contains { $0.command == command }, "\(command) has no key")
        }
        XCTAssertEqual(TextEditor.keyHelp.count, TextEditor.Command.allCases.count)
        XCTAssertTrue(TextEditor.keyHelp.contains { $0.keys == "Ctrl-Z, Ctrl-_" && $0.action == "undo" })
    }
}
