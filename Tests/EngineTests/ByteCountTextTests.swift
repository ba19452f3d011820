import XCTest
@testable import Engine

final class ByteCountTextTests: XCTestCase {
    func testThreeSignificantDigitsInDecimalUnits() {
        XCTAssertEqual(ByteCountText.format(0), "0 B")
        XCTAssertEqual(ByteCountText.format(999), "999 B")
        XCTAssertEqual(ByteCountText.format(1_500), "1.50 kB")
        XCTAssertEqual(ByteCountText.format(334_613_452), "335 MB")
        XCTAssertEqual(ByteCountText.format(2_822_467_720), "2.82 GB")
        XCTAssertEqual(ByteCountText.format(5_644_935_440), "5.64 GB")
        XCTAssertEqual(ByteCountText.format(12_050_000_000), "12.1 GB")
        XCTAssertEqual(ByteCountText.format(1_006_000), "1.01 MB")
        XCTAssertEqual(ByteCountText.format(999_700), "1.00 MB")
        XCTAssertEqual(ByteCountText.format(9_996_000), "10.0 MB")
    }
}
