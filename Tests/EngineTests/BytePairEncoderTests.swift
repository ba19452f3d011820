import XCTest
@testable import Engine

final class BytePairEncoderTests: XCTestCase {
    /// The tiny vocabulary of TokenizerTestFolders, read through the real file readers.
    private func encoder(unknownID: Int32? = 21) throws -> BytePairEncoder {
        let folder = try TokenizerTestFolders.makeTinyFolder()
        let vocabulary = try TokenVocabulary(contentsOf: folder.appendingPathComponent("vocab.json"))
        let merges = try MergeRanks(contentsOf: folder.appendingPathComponent("merges.txt"), vocabulary: vocabulary)
        return BytePairEncoder(vocabulary: vocabulary, merges: merges, unknownID: unknownID)
    }

    private func encode(_ piece: String, with encoder: BytePairEncoder) -> [Int32] {
        encoder.encode(Array(piece.utf8))
    }

    func testLastSymbolEndsTheWord() throws {
        let encoder = try encoder()
        XCTAssertEqual(encode("a", with: encoder), [5])
        XCTAssertEqual(encode("ad", with: encoder), [1, 8])
    }

    func testMergesLowestRankFirst() throws {
        let encoder = try encoder()
        // (a, b) rank 0 beats (b, c</w>) rank 4; then (ab, c</w>) rank 1.
        XCTAssertEqual(encode("abc", with: encoder), [11])
        XCTAssertEqual(encode("bc", with: encoder), [14])
        XCTAssertEqual(encode("dbc", with: encoder), [4, 14])
    }

    func testOverlappingPairsMergeLeftmostFirst() throws {
        let encoder = try encoder()
        XCTAssertEqual(encode("aaa", with: encoder), [13])         // (aa)(a</w>) → aaa</w>
        XCTAssertEqual(encode("aaaa", with: encoder), [12, 1, 5])  // (aa)(a)(a</w>): no (a, a</w>) merge
        XCTAssertEqual(encode("aaaaa", with: encoder), [12, 13])  // (aa)(aa)(a</w>), then (aa)(aaa</w>)
    }

    func testResultsAreCachedConsistently() throws {
        let encoder = try encoder()
        let first = encode("abc", with: encoder)
        XCTAssertEqual(encode("abc", with: encoder), first)
    }

    func testMissingSymbolsBecomeTheUnknownTokenOrAreDropped() throws {
        XCTAssertEqual(encode("xa", with: try encoder()), [21, 5])
        XCTAssertEqual(encode("xa", with: try encoder(unknownID: nil)), [5])
    }

    func testLongPieces() throws {
        let encoder = try encoder()
        let ids = encode(String(repeating: "ab", count: 5000) + "c", with: encoder)
        XCTAssertEqual(ids, [Int32](repeating: 10, count: 4999) + [11])
    }
}
