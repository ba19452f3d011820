import XCTest
@testable import TUI

final class HelpOverlayTests: XCTestCase {
    private let sections = [
        HelpOverlay.Section(title: "General", entries: (1...6).map { KeyHelp(keys: "F\($0)", action: "action \($0)") }),
        HelpOverlay.Section(title: "Editing", entries: (1...6).map { KeyHelp(keys: "Ctrl-\($0)", action: "edit \($0)") }),
    ]

    func testEveryEntryShowsWhenThereIsRoom() {
        var canvas = Canvas(size: TerminalSize(rows: 30, columns: 80))
        XCTAssertEqual(HelpOverlay.draw(sections, scroll: 0, on: &canvas, within: canvas.bounds), 0)
        for entry in sections.flatMap(\.entries) {
            XCTAssertTrue(canvas.text.contains(entry.keys), "\(entry.keys) missing")
            XCTAssertTrue(canvas.text.contains(entry.action), "\(entry.action) missing")
        }
        XCTAssertTrue(canvas.text.contains("General"))
        XCTAssertFalse(canvas.text.contains("more"))
    }

    func testTallListsGoIntoTwoColumnsWhenWide() {
        var canvas = Canvas(size: TerminalSize(rows: 12, columns: 100))
        HelpOverlay.draw(sections, scroll: 0, on: &canvas, within: canvas.bounds)
        let rowWithBoth = (0..<12).map(canvas.text(row:)).first { $0.contains("General") && $0.contains("Editing") }
        XCTAssertNotNil(rowWithBoth, "sections side by side")
    }

    func testNarrowTallListsScroll() {
        var canvas = Canvas(size: TerminalSize(rows: 8, columns: 30))
        let maxScroll = HelpOverlay.draw(sections, scroll: 0, on: &canvas, within: canvas.bounds)
        XCTAssertGreaterThan(maxScroll, 0)
        XCTAssertTrue(canvas.text.contains("more"))
        var scrolled = Canvas(size: TerminalSize(rows: 8, columns: 30))
        HelpOverlay.draw(sections, scroll: 100, on: &scrolled, within: scrolled.bounds)
        XCTAssertTrue(scrolled.text.contains("edit 6"), "scrolling is clamped to the last page")
    }
}
