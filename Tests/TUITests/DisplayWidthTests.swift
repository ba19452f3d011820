import XCTest
@testable import TUI

final class DisplayWidthTests: XCTestCase {
    func testNarrowWideAndCombining() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("竹"), 2)
        XCTAssertEqual(DisplayWidth.of("🐼"), 2)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1, "e + combining acute is one cell")
        XCTAssertEqual(DisplayWidth.of("❤️"), 2, "emoji presentation selector widens the heart")
        XCTAssertEqual(DisplayWidth.of("│─┌"), 3)
    }

    func testClipNeverSplitsAWideCharacter() {
        XCTAssertEqual(DisplayWidth.clip("ab竹cd", to: 3), "ab")
        XCTAssertEqual(DisplayWidth.clip("ab竹cd", to: 4), "ab竹")
        XCTAssertEqual(DisplayWidth.clip("abc", to: 0), "")
        XCTAssertEqual(DisplayWidth.clip("abc", to: 10), "abc")
    }
}
