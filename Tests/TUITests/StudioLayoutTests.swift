import XCTest
@testable import TUI

final class StudioLayoutTests: XCTestCase {
    private func fits(_ columns: Int, _ rows: Int, settingsRows: Int = 3) -> StudioLayout? {
        if case .fits(let layout) = StudioLayout.compute(TerminalSize(rows: rows, columns: columns), settingsRows: { _ in settingsRows }) {
            return layout
        }
        return nil
    }

    /// Panes tile the screen: the left stack shares border rows, the right column sits beside it.
    private func assertTiles(_ layout: StudioLayout, _ size: TerminalSize, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(layout.prompt.y, 0, file: file, line: line)
        XCTAssertEqual(layout.negative.y, layout.prompt.maxY - 1, "negative's top is prompt's bottom", file: file, line: line)
        XCTAssertEqual(layout.settings.y, layout.negative.maxY - 1, file: file, line: line)
        XCTAssertEqual(layout.settings.maxY, size.rows - 1, "left stack ends above the status bar", file: file, line: line)
        XCTAssertEqual(layout.preview.x, layout.prompt.maxX, file: file, line: line)
        XCTAssertEqual(layout.preview.maxX, size.columns, file: file, line: line)
        XCTAssertEqual((layout.queue ?? layout.preview).maxY, size.rows - 1, file: file, line: line)
        XCTAssertEqual(layout.statusBar, Rect(x: 0, y: size.rows - 1, width: size.columns, height: 1), file: file, line: line)
        for pane in [layout.prompt, layout.negative, layout.settings] {
            XCTAssertGreaterThanOrEqual(pane.height, 3, "every text pane keeps at least one inner row", file: file, line: line)
        }
    }

    func testWideTerminalShowsTheQueue() throws {
        let layout = try XCTUnwrap(fits(120, 40))
        assertTiles(layout, TerminalSize(rows: 40, columns: 120))
        let queue = try XCTUnwrap(layout.queue)
        XCTAssertEqual(queue.y, layout.preview.maxY)
        XCTAssertEqual(layout.settings.height, 5, "three inner rows plus borders")
        XCTAssertGreaterThan(layout.prompt.height, layout.negative.height)
    }

    func testStandardTerminalFoldsTheQueue() throws {
        let layout = try XCTUnwrap(fits(80, 24))
        assertTiles(layout, TerminalSize(rows: 24, columns: 80))
        XCTAssertNil(layout.queue)
        XCTAssertEqual(layout.preview.height, 23)
    }

    func testMinimumSizeFits() throws {
        let layout = try XCTUnwrap(fits(60, 18, settingsRows: 5))
        assertTiles(layout, TerminalSize(rows: 18, columns: 60))
        XCTAssertLessThanOrEqual(layout.settings.height - 2, 17 / 3, "settings cannot crowd out the text panes")
    }

    func testBelowMinimumIsTooSmall() {
        for (columns, rows) in [(59, 18), (60, 17), (20, 5)] {
            let size = TerminalSize(rows: rows, columns: columns)
            XCTAssertEqual(StudioLayout.compute(size, settingsRows: { _ in 2 }),
                           .tooSmall(need: StudioLayout.minimumSize, have: size))
        }
        XCTAssertEqual(StudioLayout.tooSmallMessage(need: StudioLayout.minimumSize, have: TerminalSize(rows: 15, columns: 50)),
                       "terminal too small: need at least 60×18, have 50×15")
    }

    func testSettingsRowsAskedForTheLeftInnerWidth() throws {
        var askedWidth = 0
        _ = StudioLayout.compute(TerminalSize(rows: 40, columns: 120)) { width in
            askedWidth = width
            return 2
        }
        let layout = try XCTUnwrap(fits(120, 40))
        XCTAssertEqual(askedWidth, layout.settings.width - 2)
    }
}
