import XCTest
@testable import Studio

final class DurationTextTests: XCTestCase {
    func testFormats() {
        XCTAssertEqual(DurationText.format(41.4), "41 s")
        XCTAssertEqual(DurationText.format(185), "3m05s")
        XCTAssertEqual(DurationText.format(3720), "1h02m")
        XCTAssertEqual(DurationText.format(.infinity), "?")
    }
}
