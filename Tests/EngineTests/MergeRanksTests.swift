import Foundation
import XCTest
@testable import Engine

final class MergeRanksTests: XCTestCase {
    private let vocabulary = TokenVocabulary([("a", 0), ("b", 1), ("ab", 2), ("c</w>", 3), ("abc</w>", 4)])

    private func write(_ text: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("merges-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: file)
        return file
    }

    func testRanksFollowLineOrderAfterTheHeader() throws {
        let merges = try MergeRanks(contentsOf: try write("#version: 0.2\na b\nab c</w>\n"), vocabulary: vocabulary)
        XCTAssertEqual(merges.count, 2)
        XCTAssertEqual(merges.merge(0, 1)?.rank, 0)
        XCTAssertEqual(merges.merge(0, 1)?.mergedID, 2)
        XCTAssertEqual(merges.merge(2, 3)?.rank, 1)
        XCTAssertEqual(merges.merge(2, 3)?.mergedID, 4)
        XCTAssertNil(merges.merge(1, 0))
    }

    func testAcceptsCRLFAndNoHeaderAndNoFinalNewline() throws {
        let merges = try MergeRanks(contentsOf: try write("a b\r\nab c</w>"), vocabulary: vocabulary)
        XCTAssertEqual(merges.merge(2, 3)?.rank, 1)
    }

    func testRejectsLinesThatAreNotTwoTokens() throws {
        for text in ["#version: 0.2\na b\n\n", "a b c\n", "ab\n", "a  b\n"] {
            let file = try write(text)
            XCTAssertThrowsError(try MergeRanks(contentsOf: file, vocabulary: vocabulary), text) { error in
                guard case .malformedFile(let reported, let reason)? = error as? TokenizerError else {
                    return XCTFail("unexpected error \(error)")
                }
                XCTAssertEqual(reported, file)
                XCTAssertTrue(reason.contains("line"), reason)
            }
        }
    }

    func testRejectsTokensMissingFromTheVocabulary() throws {
        let file = try write("#version: 0.2\na b\nb a\n")  // "ba" is not in the vocabulary
        XCTAssertThrowsError(try MergeRanks(contentsOf: file, vocabulary: vocabulary)) { error in
            guard case .malformedFile(_, let reason)? = error as? TokenizerError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertTrue(reason.contains("line 3"), reason)
        }
    }
}
