import XCTest
@testable import TUI

final class TerminalSizeTests: XCTestCase {
    func testEquality() {
        XCTAssertEqual(TerminalSize(rows: 24, columns: 80), TerminalSize(rows: 24, columns: 80))
        XCTAssertNotEqual(TerminalSize(rows: 24, columns: 80), TerminalSize(rows: 25, columns: 80))
    }
}
