import XCTest
@testable import Studio

final class TokenCounterTests: XCTestCase {
    func testEstimateCountsWordsPunctuationAndTheTwoSpecialTokens() {
        XCTAssertEqual(TokenCounter.estimate.count(""), 2)
        XCTAssertEqual(TokenCounter.estimate.count("a red panda, eating"), 7)
        XCTAssertEqual(TokenCounter.estimate.badge(for: "fox"), "~3/77")
        XCTAssertEqual(TokenCounter(count: { _ in 14 }, isExact: true).badge(for: "x"), "14/77")
    }
}
