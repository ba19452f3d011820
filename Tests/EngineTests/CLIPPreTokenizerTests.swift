import XCTest
@testable import Engine

final class CLIPPreTokenizerTests: XCTestCase {
    private func pieces(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return CLIPPreTokenizer.pieces(of: scalars).map { range in
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return String(view)
        }
    }

    func testLettersNumbersAndOtherRuns() {
        XCTAssertEqual(pieces("a horse, 4k 2024!? ok..."), ["a", "horse", ",", "4", "k", "2", "0", "2", "4", "!?", "ok", "..."])
        XCTAssertEqual(pieces("日本語テキスト ½ ²"), ["日本語テキスト", "½", "²"])
        XCTAssertEqual(pieces("naïve"), ["naïve"])
        XCTAssertEqual(pieces("nai\u{308}ve"), ["nai", "\u{308}", "ve"])  // a combining mark is not a letter
    }

    func testContractionsComeBeforeOtherRuns() {
        XCTAssertEqual(pieces("it's they're we've i'm you'll he'd don't"),
                       ["it", "'s", "they", "'re", "we", "'ve", "i", "'m", "you", "'ll", "he", "'d", "don", "'t"])
        XCTAssertEqual(pieces("x'sy"), ["x", "'s", "y"])
        // An apostrophe that starts an other-run is swallowed by it.
        XCTAssertEqual(pieces("..'s ''s 'x"), ["..'", "s", "''", "s", "'", "x"])
    }

    func testWhitespaceIsDropped() {
        XCTAssertEqual(pieces("  a \t b  "), ["a", "b"])
        XCTAssertEqual(pieces(" "), [])
        XCTAssertEqual(pieces("a\u{200B}b"), ["a", "\u{200B}", "b"])
    }

    func testSpecialTokenNamesAreCutLikeTheByteLevelStepCutsThem() {
        XCTAssertEqual(pieces("<|endoftext|>."), ["<|", "endoftext", "|>", "."])
        XCTAssertEqual(pieces("x.<|startoftext|>"), ["x", ".<|", "startoftext", "|>"])
    }

    /// The regex engine knows Unicode 16: letters and digits added in Unicode 17 are "other" to it.
    func testCharactersNewerThanTheRegexTablesAreOther() {
        XCTAssertEqual(CLIPPreTokenizer.CharacterClass("\u{10D50}"), .letter)  // Garay, Unicode 16
        XCTAssertEqual(CLIPPreTokenizer.CharacterClass("\u{10D40}"), .number)  // Garay digit, Unicode 16
        if let age = Unicode.Scalar(0x10940)!.properties.age, age.major >= 17 {
            XCTAssertEqual(CLIPPreTokenizer.CharacterClass(Unicode.Scalar(0x10940)!), .other)  // Sidetic, 17
        }
        XCTAssertEqual(CLIPPreTokenizer.CharacterClass("\u{E000}"), .other)
        XCTAssertEqual(CLIPPreTokenizer.CharacterClass("\u{3000}"), .whitespace)
        XCTAssertEqual(CLIPPreTokenizer.CharacterClass("\u{1C}"), .other)
    }
}
