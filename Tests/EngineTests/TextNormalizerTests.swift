import XCTest
@testable import Engine

final class TextNormalizerTests: XCTestCase {
    private func normalized(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: TextNormalizer.normalize(Array(text.unicodeScalars)[...]))
        return String(view)
    }

    private func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    func testComposesToNFC() {
        XCTAssertEqual(scalars(normalized("cafe\u{301}")), scalars("café"))
        XCTAssertEqual(scalars(normalized("\u{212B}")), [0xE5])  // Ångström sign → å
        XCTAssertEqual(scalars(normalized("\u{1100}\u{1161}")), [0xAC00])  // Hangul jamo → 가
        // A composite followed by a mark that composes with it again.
        XCTAssertEqual(scalars(normalized("\u{0CCA}\u{0CD5}")), [0x0CCB])
    }

    func testCollapsesEveryWhitespaceRunToOneSpace() {
        XCTAssertEqual(normalized("a \t\n\r\u{0B}\u{0C}b"), "a b")
        XCTAssertEqual(normalized("a\u{85}\u{A0}\u{1680}\u{2000}\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}b"), "a b")
        XCTAssertEqual(normalized("  a  "), " a ")
    }

    func testKeepsCharactersThatAreNotUnicodeWhitespace() {
        for text in ["a\u{200B}b", "a\u{1C}b", "a\u{180E}b", "a\u{FEFF}b", "a\u{2060}b"] {
            XCTAssertEqual(scalars(normalized(text)), scalars(text))
        }
    }

    func testLowercasesCharacterByCharacter() {
        XCTAssertEqual(normalized("HeLLo ÀÉÎ"), "hello àéî")
        XCTAssertEqual(scalars(normalized("İ")), [0x69, 0x307])  // full mapping, as Rust's char::to_lowercase
        XCTAssertEqual(normalized("ΣΑΣ"), "σασ")  // no final-sigma rule
        XCTAssertEqual(normalized("ß"), "ß")
        XCTAssertEqual(normalized("ǅ"), "ǆ")
    }

    /// transformers' NFC tables are Unicode 9.0: newer characters have combining class 0 and no
    /// decomposition there, so nothing reorders or composes across them.
    func testCharactersNewerThanTheNFCTablesAreLeftAlone() {
        // U+1DF6 (10.0, class 232) stays before U+0316 (class 220); U+1DFB (9.0, class 230) does not.
        XCTAssertEqual(scalars(normalized("a\u{1DF6}\u{316}")), [0x61, 0x1DF6, 0x316])
        XCTAssertEqual(scalars(normalized("a\u{1DFB}\u{316}")), [0x61, 0x316, 0x1DFB])
        // Dives Akuru (13.0) and Kirat Rai (16.0) vowel signs do not compose.
        XCTAssertEqual(scalars(normalized("\u{11935}\u{11930}")), [0x11935, 0x11930])
        XCTAssertEqual(scalars(normalized("\u{16D63}\u{16D67}")), [0x16D63, 0x16D67])
        // A new character also blocks a composition across it.
        XCTAssertEqual(scalars(normalized("a\u{8D3}\u{301}")), [0x61, 0x8D3, 0x301])
    }

    func testNonStarterDecompositionsAreReordered() {
        // U+0F81 → U+0F71 U+0F80 (classes 129, 130) sort before a class-230 mark.
        XCTAssertEqual(scalars(normalized("\u{F40}\u{8FB}\u{F81}")), [0xF40, 0xF71, 0xF80, 0x8FB])
        XCTAssertEqual(scalars(normalized("q\u{344}")), [0x71, 0x308, 0x301])
    }
}
