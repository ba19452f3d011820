import XCTest
@testable import Engine

final class AddedTokenMatcherTests: XCTestCase {
    private let matcher = AddedTokenMatcher(tokens: [
        .init(scalars: Array("!".unicodeScalars), id: 0),
        .init(scalars: Array("<|x|>".unicodeScalars), id: 7),
        .init(scalars: Array("<|x|>>".unicodeScalars), id: 8),
    ])

    private func segments(_ text: String) -> [AddedTokenMatcher.Segment] {
        let scalars = Array(text.unicodeScalars)
        return matcher.segments(of: scalars, in: 0..<scalars.count)
    }

    func testCutsTokensOutOfText() {
        XCTAssertEqual(segments("ab!c"), [.text(0..<2), .token(0), .text(3..<4)])
        XCTAssertEqual(segments("!!"), [.token(0), .token(0)])
        XCTAssertEqual(segments("abc"), [.text(0..<3)])
        XCTAssertEqual(segments(""), [])
    }

    func testPrefersTheLongestTokenAtTheLeftmostPosition() {
        XCTAssertEqual(segments("a<|x|>>b"), [.text(0..<1), .token(8), .text(7..<8)])
        XCTAssertEqual(segments("<|x|>"), [.token(7)])
        XCTAssertEqual(segments("<|x|"), [.text(0..<4)])
    }

    func testLooksOnlyInsideTheGivenRange() {
        let scalars = Array("!a!".unicodeScalars)
        XCTAssertEqual(matcher.segments(of: scalars, in: 1..<2), [.text(1..<2)])
    }
}
