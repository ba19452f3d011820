import Foundation
import XCTest
@testable import Engine

final class TokenVocabularyTests: XCTestCase {
    private func write(_ json: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("vocab-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        addTeardownBlock { try? FileManager.default.removeItem(at: file) }
        return file
    }

    func testReadsTokensWithEscapesAndNonASCII() throws {
        let file = try write(#"{"a": 0, "\"q\\": 1, "\u00e9\n": 2, "é": 3, "\ud83d\ude00": 4, "Ġthe</w>" :5 }"#)
        let vocabulary = try TokenVocabulary(contentsOf: file)
        XCTAssertEqual(vocabulary.count, 6)
        XCTAssertEqual(vocabulary.id(of: "a"), 0)
        XCTAssertEqual(vocabulary.id(of: "\"q\\"), 1)
        XCTAssertEqual(vocabulary.id(of: "é\n"), 2)
        XCTAssertEqual(vocabulary.id(of: "😀"), 4)
        XCTAssertEqual(vocabulary.id(of: "Ġthe</w>"), 5)
        XCTAssertNil(vocabulary.id(of: "b"))
        XCTAssertEqual(vocabulary.spelling(of: 5).map { String(decoding: $0, as: UTF8.self) }, "Ġthe</w>")
        XCTAssertNil(vocabulary.spelling(of: 6))
    }

    func testComparesBytesNotCanonicalEquivalence() throws {
        // Swift's String == would call these equal; the Rust tokenizer (and this table) does not.
        let vocabulary = try TokenVocabulary(contentsOf: try write("{\"\u{E9}\": 0, \"e\u{301}\": 1}"))
        XCTAssertEqual(vocabulary.id(of: "\u{E9}"), 0)
        XCTAssertEqual(vocabulary.id(of: "e\u{301}"), 1)
    }

    func testLooksUpConcatenations() throws {
        let vocabulary = TokenVocabulary([("ab", 7), ("a", 1), ("b", 2)])
        let found = Array("a".utf8).withUnsafeBufferPointer { a in
            Array("b".utf8).withUnsafeBufferPointer { b in vocabulary.id(of: a, followedBy: b) }
        }
        XCTAssertEqual(found, 7)
    }

    func testLaterDuplicateWins() throws {
        let vocabulary = try TokenVocabulary(contentsOf: try write(#"{"a": 0, "a": 3}"#))
        XCTAssertEqual(vocabulary.id(of: "a"), 3)
        XCTAssertEqual(vocabulary.count, 1)
    }

    func testManyEntriesSurviveGrowth() {
        let vocabulary = TokenVocabulary((0..<5000).map { ("t\($0)", Int32($0)) })
        XCTAssertEqual(vocabulary.count, 5000)
        for index in stride(from: 0, to: 5000, by: 7) { XCTAssertEqual(vocabulary.id(of: "t\(index)"), Int32(index)) }
    }

    func testRejectsMalformedFiles() throws {
        let cases = ["", "[]", #"{"a": 1.5}"#, #"{"a": -1}"#, #"{"a": "1"}"#, #"{"a": 1"#, #"{"a" 1}"#,
                     #"{"a": 1} x"#, #"{"\ud800": 1}"#, #"{"\q": 1}"#, "{}", #"{"a": 99999999999}"#]
        for json in cases {
            let file = try write(json)
            XCTAssertThrowsError(try TokenVocabulary(contentsOf: file), json) { error in
                guard case .malformedFile(let reported, let reason)? = error as? TokenizerError else {
                    return XCTFail("unexpected error \(error) for \(json)")
                }
                XCTAssertEqual(reported, file)
                XCTAssertFalse(reason.isEmpty)
            }
        }
    }

    func testMissingFileIsReported() {
        let file = URL(fileURLWithPath: "/nonexistent/vocab.json")
        XCTAssertThrowsError(try TokenVocabulary(contentsOf: file)) { error in
            XCTAssertEqual(error as? TokenizerError, .missingFile(file))
        }
    }
}
