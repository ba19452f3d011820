import XCTest
@testable import Engine

final class ByteEncoderTests: XCTestCase {
    func testPrintableBytesStandForThemselves() {
        XCTAssertEqual(ByteEncoder.scalarForByte[33], "!")
        XCTAssertEqual(ByteEncoder.scalarForByte[97], "a")
        XCTAssertEqual(ByteEncoder.scalarForByte[161], "¡")
        XCTAssertEqual(ByteEncoder.scalarForByte[255], "ÿ")
    }

    func testOtherBytesMoveToCodePoints256To323InOrder() {
        XCTAssertEqual(ByteEncoder.scalarForByte[0].value, 256)
        XCTAssertEqual(ByteEncoder.scalarForByte[32].value, 288)  // space → "Ġ"
        XCTAssertEqual(ByteEncoder.scalarForByte[127].value, 289)
        XCTAssertEqual(ByteEncoder.scalarForByte[160].value, 322)
        XCTAssertEqual(ByteEncoder.scalarForByte[173].value, 323)
    }

    func testTableIsReversible() {
        XCTAssertEqual(Set(ByteEncoder.scalarForByte).count, 256)
        for byte in 0..<256 {
            XCTAssertEqual(ByteEncoder.byte(for: ByteEncoder.scalarForByte[byte]), UInt8(byte))
        }
        XCTAssertNil(ByteEncoder.byte(for: " "))
        XCTAssertNil(ByteEncoder.byte(for: "\u{144}"))
        XCTAssertEqual(ByteEncoder.encode("é ".utf8), "Ã©Ġ")
    }

    /// model-spec.md §3.3: ids 0–255 are the byte symbols in this order, 256–511 the same with `</w>`,
    /// so "!" = 0, "!</w>" = 256 and "a</w>" = 320.
    func testVocabularyOrder() {
        let order = ByteEncoder.vocabularyOrder
        XCTAssertEqual(order.count, 256)
        XCTAssertEqual(Set(order).count, 256)
        XCTAssertEqual(order.firstIndex(of: UInt8(ascii: "!")), 0)
        XCTAssertEqual(order.firstIndex(of: UInt8(ascii: "a")).map { 256 + $0 }, 320)
        XCTAssertEqual(Array(order.prefix(94)), Array(33...126))
        XCTAssertEqual(Array(order.suffix(68)), Array(0...32) + Array(127...160) + [173])
    }

    func testVocabularyOrderMatchesTheRealVocabulary() throws {
        let file = TokenizerTestFolders.realFolder.appendingPathComponent("vocab.json")
        try TokenizerTestFolders.requireFixture(file)
        let vocabulary = try TokenVocabulary(contentsOf: file)
        XCTAssertEqual(vocabulary.count, 49408)
        for (index, byte) in ByteEncoder.vocabularyOrder.enumerated() {
            let symbol = String(ByteEncoder.scalarForByte[Int(byte)])
            XCTAssertEqual(vocabulary.id(of: symbol), Int32(index), symbol)
            XCTAssertEqual(vocabulary.id(of: symbol + "</w>"), Int32(256 + index), symbol)
        }
        XCTAssertEqual(vocabulary.id(of: "<|startoftext|>"), 49406)
        XCTAssertEqual(vocabulary.id(of: "<|endoftext|>"), 49407)
    }
}
