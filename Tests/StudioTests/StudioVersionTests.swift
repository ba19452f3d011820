import XCTest
@testable import Studio

final class StudioVersionTests: XCTestCase {
    func testVersionIsSemantic() {
        XCTAssertEqual(StudioVersion.current.split(separator: ".").count, 3)
    }
}
