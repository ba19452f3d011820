import XCTest
@testable import TUI

final class RectTests: XCTestCase {
    func testInsetIntersectionCentre() {
        let r = Rect(x: 2, y: 3, width: 10, height: 6)
        XCTAssertEqual(r.inset(by: 1), Rect(x: 3, y: 4, width: 8, height: 4))
        XCTAssertEqual(r.intersection(Rect(x: 10, y: 0, width: 10, height: 5)), Rect(x: 10, y: 3, width: 2, height: 2))
        XCTAssertTrue(r.intersection(Rect(x: 50, y: 50, width: 1, height: 1)).isEmpty)
        XCTAssertEqual(r.centered(width: 4, height: 2), Rect(x: 5, y: 5, width: 4, height: 2))
        XCTAssertEqual(Rect(x: 0, y: 0, width: -3, height: 2).width, 0)
    }
}
