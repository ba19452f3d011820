import Foundation
import XCTest
@testable import Engine

final class CLIPTokenizerTests: XCTestCase {
    // MARK: The tiny hand-made folder (ids in TokenizerTestFolders.tinyVocabulary; max length 8)

    private func tinyTokenizer() throws -> CLIPTokenizer {
        try CLIPTokenizer(folder: try TokenizerTestFolders.makeTinyFolder())
    }

    func testSpecialIDsAndLengthComeFromTheConfigFiles() throws {
        let tokenizer = try tinyTokenizer()
        XCTAssertEqual(tokenizer.maxLength, 8)
        XCTAssertEqual(tokenizer.bosTokenID, 20)
        XCTAssertEqual(tokenizer.eosTokenID, 21)
        // special_tokens_map.json's "!" overrides tokenizer_config.json's "<|endoftext|>".
        XCTAssertEqual(tokenizer.padTokenID, 0)
    }

    func testEncodeAddsBOSAndEOSAndPadsToMaxLength() throws {
        let prompt = try tinyTokenizer().encode("abc")
        XCTAssertEqual(prompt.ids, [20, 11, 21, 0, 0, 0, 0, 0])
        XCTAssertEqual(prompt.count, 3)
        XCTAssertEqual(prompt.truncatedText, "")
    }

    func testEmptyPromptIsBOSAndEOS() throws {
        let prompt = try tinyTokenizer().encode("")
        XCTAssertEqual(prompt.ids, [20, 21, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(prompt.count, 2)
    }

    func testTextIsLowercasedAndSplitOnWhitespace() throws {
        // "AB\u{3000}C" → "ab c": "ab" has no merge for (a, b</w>), "c" is c</w>.
        XCTAssertEqual(try tinyTokenizer().encode("AB\u{3000}C").ids, [20, 1, 6, 7, 21, 0, 0, 0])
    }

    func testEveryExclamationMarkIsThePadToken() throws {
        // "!" is an added token matched in the raw text, so it never reaches BPE (which would give "!</w>" = 9).
        XCTAssertEqual(try tinyTokenizer().encode("a!!b").ids, [20, 5, 0, 0, 6, 21, 0, 0])
    }

    func testSpecialTokenNamesInTheTextBecomeSpecialIDs() throws {
        let tokenizer = try tinyTokenizer()
        XCTAssertEqual(tokenizer.encode("a<|endoftext|>b").ids, [20, 5, 21, 6, 21, 0, 0, 0])
        // BOS/EOS are matched after normalisation, so case does not matter.
        XCTAssertEqual(tokenizer.encode("a<|ENDOFTEXT|>b").ids, [20, 5, 21, 6, 21, 0, 0, 0])
        XCTAssertEqual(tokenizer.encode("<|startoftext|>").ids, [20, 20, 21, 0, 0, 0, 0, 0])
    }

    func testUnknownSymbolsBecomeTheUnknownToken() throws {
        // "z" is in no vocabulary entry; unk_token is <|endoftext|> (21).
        XCTAssertEqual(try tinyTokenizer().encode("z").ids, [20, 21, 21, 0, 0, 0, 0, 0])
    }

    func testTruncationKeepsMaxLengthMinusTwoContentTokens() throws {
        let prompt = try tinyTokenizer().encode("a b c d a b c d")
        XCTAssertEqual(prompt.ids, [20, 5, 6, 7, 8, 5, 6, 21])
        XCTAssertEqual(prompt.count, 8)
        XCTAssertEqual(prompt.truncatedText, "c d")
    }

    func testTruncatedTextKeepsExclamationMarksAndSpecialTokens() throws {
        let prompt = try tinyTokenizer().encode("a b c d a b! <|endoftext|>")
        XCTAssertEqual(prompt.ids, [20, 5, 6, 7, 8, 5, 6, 21])
        XCTAssertEqual(prompt.truncatedText, "!<|endoftext|>")
    }

    func testDecodeJoinsWordsAndSkipsSpecialTokensAndPadding() throws {
        let tokenizer = try tinyTokenizer()
        XCTAssertEqual(tokenizer.decode([20, 11, 14, 21, 0, 0]), "abc bc")
        // A pad id inside the content is the "!" it stands for.
        XCTAssertEqual(tokenizer.decode([20, 5, 0, 6, 21, 0, 0]), "a !b")
    }

    func testDecodeRoundTripsEncodedText() throws {
        let tokenizer = try tinyTokenizer()
        for text in ["abc", "a b c d", "aaa bc", "dab", "ba"] {
            XCTAssertEqual(tokenizer.decode(tokenizer.encode(text).ids), text, text)
        }
    }

    func testConcurrentEncodingGivesTheSameIDs() throws {
        let tokenizer = try tinyTokenizer()
        let texts = ["abc", "a b c d a b c d", "aaa bc", "dab", "a!b", "bc aaaa"]
        let expected = texts.map { tokenizer.encode($0) }
        let lock = NSLock()
        var mismatches = 0
        DispatchQueue.concurrentPerform(iterations: 400) { iteration in
            let index = iteration % texts.count
            if tokenizer.encode(texts[index]) != expected[index] {
                lock.lock()
                mismatches += 1
                lock.unlock()
            }
        }
        XCTAssertEqual(mismatches, 0)
    }

    // MARK: Errors name the file at fault

    func testMissingFilesAreReportedByName() throws {
        for name in ["vocab.json", "merges.txt", "tokenizer_config.json"] {
            let folder = try TokenizerTestFolders.makeTinyFolder()
            let file = folder.appendingPathComponent(name)
            try FileManager.default.removeItem(at: file)
            XCTAssertThrowsError(try CLIPTokenizer(folder: folder), name) { error in
                XCTAssertEqual(error as? TokenizerError, .missingFile(file))
                XCTAssertTrue("\(error)".contains(file.path), "\(error)")
            }
        }
    }

    func testMissingSpecialTokensMapFallsBackToTokenizerConfig() throws {
        // As in transformers: without special_tokens_map.json the pad token is tokenizer_config.json's.
        let folder = try TokenizerTestFolders.makeTinyFolder()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("special_tokens_map.json"))
        let tokenizer = try CLIPTokenizer(folder: folder)
        XCTAssertEqual(tokenizer.padTokenID, 21)
        XCTAssertEqual(tokenizer.encode("a!").ids, [20, 5, 9, 21, 21, 21, 21, 21])
    }

    func testSpecialTokenMissingFromTheVocabularyIsReported() throws {
        let folder = try TokenizerTestFolders.makeTinyFolder(specialTokensMap: ["pad_token": "<pad>"])
        XCTAssertThrowsError(try CLIPTokenizer(folder: folder)) { error in
            XCTAssertEqual(error as? TokenizerError, .unknownSpecialToken(
                "<pad>", role: "pad_token", configFile: folder.appendingPathComponent("special_tokens_map.json"),
                vocabulary: folder.appendingPathComponent("vocab.json")))
        }
    }

    func testMalformedVocabularyIsReported() throws {
        let folder = try TokenizerTestFolders.makeTinyFolder()
        let file = folder.appendingPathComponent("vocab.json")
        try Data("[1, 2]".utf8).write(to: file)
        XCTAssertThrowsError(try CLIPTokenizer(folder: folder)) { error in
            guard case .malformedFile(let reported, _)? = error as? TokenizerError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(reported, file)
        }
    }

    // MARK: The real CLIP vocabulary (Tests/Fixtures/tokenizer)

    private func realTokenizer() throws -> CLIPTokenizer {
        try TokenizerTestFolders.requireFixture(TokenizerTestFolders.realFolder)
        return try CLIPTokenizer(folder: TokenizerTestFolders.realFolder)
    }

    func testRealTokenizerSettings() throws {
        let tokenizer = try realTokenizer()
        XCTAssertEqual(tokenizer.maxLength, 77)
        XCTAssertEqual(tokenizer.bosTokenID, 49406)
        XCTAssertEqual(tokenizer.eosTokenID, 49407)
        XCTAssertEqual(tokenizer.padTokenID, 0)
    }

    /// The verified vectors of model-spec.md §3.3 (transformers' CLIPTokenizer as the pipeline calls it).
    func testSpecVectors() throws {
        let tokenizer = try realTokenizer()
        func padded(_ ids: [Int32]) -> [Int32] { ids + [Int32](repeating: 0, count: 77 - ids.count) }
        XCTAssertEqual(tokenizer.encode("Spiderman is surfing").ids, padded([49406, 18427, 533, 15762, 49407]))
        XCTAssertEqual(tokenizer.encode("").ids, padded([49406, 49407]))
        XCTAssertEqual(tokenizer.encode("a cat!").ids, padded([49406, 320, 2368, 0, 49407]))
        XCTAssertEqual(tokenizer.encode("wow! so cool").ids, padded([49406, 2781, 0, 706, 2077, 49407]))
        XCTAssertEqual(tokenizer.encode("An astronaut riding a horse, 4K, highly detailed!!").ids,
                       padded([49406, 550, 18376, 6765, 320, 4558, 267, 275, 330, 267, 5302, 12609, 0, 0, 49407]))
        XCTAssertEqual(tokenizer.encode("It's a DOG's life; they're   running...  café naïve").ids,
                       padded([49406, 585, 568, 320, 1929, 568, 970, 282, 889, 982, 2761, 678, 15304, 1097,
                               35689, 563, 49407]))
        let long = tokenizer.encode("a photo of " + String(repeating: "very ", count: 100) + "cat")
        XCTAssertEqual(long.ids.count, 77)
        XCTAssertEqual(long.count, 77)
        XCTAssertEqual(Array(long.ids.suffix(3)), [1070, 1070, 49407])
        XCTAssertEqual(long.truncatedText, String(repeating: "very ", count: 28) + "cat")
    }

    func testRealDecodeRoundTrip() throws {
        let tokenizer = try realTokenizer()
        let text = "an astronaut riding a horse on mars café naïve 日本語 👍🏽"
        XCTAssertEqual(tokenizer.decode(tokenizer.encode(text).ids), text)
    }

    /// Every prompt of Tests/Fixtures/reference/tokens.json, written by transformers 5.24.0.
    func testReferencePromptsFromTransformers() throws {
        let tokenizer = try realTokenizer()
        let file = TokenizerTestFolders.fixturesDirectory.appendingPathComponent("reference/tokens.json")
        try TokenizerTestFolders.requireFixture(file)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let prompts = try XCTUnwrap(root["prompts"] as? [[String: Any]])
        XCTAssertFalse(prompts.isEmpty)
        for prompt in prompts {
            let text = try XCTUnwrap(prompt["text"] as? String)
            let expected = try XCTUnwrap(prompt["ids"] as? [NSNumber]).map { $0.int32Value }
            XCTAssertEqual(tokenizer.encode(text).ids, expected, "prompt \(text.debugDescription)")
        }
    }
}
