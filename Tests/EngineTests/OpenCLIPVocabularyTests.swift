import Foundation
import XCTest
@testable import Engine

final class OpenCLIPVocabularyTests: XCTestCase {
    func testTheBuiltTokenizerEqualsTheHubOne() throws {
        let folder = try SafeTensorsFixture.makeTemporaryFolder("openclip")
        defer { try? FileManager.default.removeItem(at: folder) }
        try OpenCLIPVocabulary.writeTokenizer(from: Fixtures.root.appendingPathComponent("openclip/bpe_simple_vocab_16e6.txt.gz"),
                                              to: folder)
        let vocabulary = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("vocab.json"))) as! [String: Int]
        let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.root.appendingPathComponent("tokenizer/vocab.json"))) as! [String: Int]
        XCTAssertEqual(vocabulary.count, 49_408)
        XCTAssertEqual(vocabulary, reference)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("merges.txt"), encoding: .utf8),
                       try String(contentsOf: Fixtures.root.appendingPathComponent("tokenizer/merges.txt"), encoding: .utf8))
        let built = try CLIPTokenizer(folder: folder)
        let hub = try CLIPTokenizer(folder: Fixtures.root.appendingPathComponent("tokenizer"))
        for prompt in ["", "a cat!", "An astronaut riding a horse, 4K, highly detailed!!", "café naïve résumé Zoë"] {
            XCTAssertEqual(built.encode(prompt).ids, hub.encode(prompt).ids, prompt)
        }
    }

    func testAFileThatIsNotAVocabularyIsRefused() throws {
        let folder = try SafeTensorsFixture.makeTemporaryFolder("openclip-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("bpe_simple_vocab_16e6.txt")
        try Data("#version: 0.2\ni n\n".utf8).write(to: source)
        XCTAssertThrowsError(try OpenCLIPVocabulary.writeTokenizer(from: source, to: folder.appendingPathComponent("tokenizer"))) { error in
            XCTAssertTrue("\(error)".contains("bpe_simple_vocab_16e6.txt"), "\(error)")
        }
    }
}
