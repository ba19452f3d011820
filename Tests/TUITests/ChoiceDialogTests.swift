import XCTest
@testable import TUI

final class ChoiceDialogTests: XCTestCase {
    func testDrawsTheRowsMarksTheFocusedOneAndTheKeys() {
        var canvas = Canvas(size: TerminalSize(rows: 12, columns: 50))
        ChoiceDialog.draw(title: "Export", lines: [("format  mp4", false), ("fps     8", true)], keys: "⏎ go  esc back", on: &canvas)
        let text = canvas.text
        XCTAssertTrue(text.contains("Export"))
        XCTAssertTrue(text.contains("  format  mp4"))
        XCTAssertTrue(text.contains("▸ fps     8"))
        XCTAssertTrue(text.contains("⏎ go  esc back"))
    }
}
