import XCTest
@testable import TUI

final class ProgressBarTests: XCTestCase {
    func testFilledCells() {
        XCTAssertEqual(ProgressBar.filledCells(fraction: 0.5, width: 10), 5)
        XCTAssertEqual(ProgressBar.filledCells(fraction: 0.99, width: 10), 9)
        XCTAssertEqual(ProgressBar.filledCells(fraction: 1.5, width: 10), 10)
        XCTAssertEqual(ProgressBar.filledCells(fraction: -1, width: 10), 0)
        XCTAssertEqual(ProgressBar.filledCells(fraction: .nan, width: 10), 0)
    }
}
