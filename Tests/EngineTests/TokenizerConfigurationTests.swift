import Foundation
import XCTest
@testable import Engine

final class TokenizerConfigurationTests: XCTestCase {
    func testSpecialTokensMapOverridesTokenizerConfig() throws {
        let folder = try TokenizerTestFolders.makeTinyFolder()
        let configuration = try TokenizerConfiguration(folder: folder)
        XCTAssertEqual(configuration.pad.content, "!")
        XCTAssertFalse(configuration.pad.normalized)  // a plain string: matched in the raw text
        XCTAssertEqual(configuration.pad.source, folder.appendingPathComponent("special_tokens_map.json"))
        XCTAssertEqual(configuration.bos.content, "<|startoftext|>")
        XCTAssertTrue(configuration.bos.normalized)
        XCTAssertEqual(configuration.modelMaxLength, 8)
    }

    func testDefaultsWhenNothingIsSaid() throws {
        let folder = try TokenizerTestFolders.makeTinyFolder(config: [:], specialTokensMap: [:])
        let configuration = try TokenizerConfiguration(folder: folder)
        XCTAssertEqual(configuration.bos.content, "<|startoftext|>")
        XCTAssertEqual(configuration.eos.content, "<|endoftext|>")
        XCTAssertEqual(configuration.pad.content, "<|endoftext|>")
        XCTAssertEqual(configuration.modelMaxLength, 77)
    }

    func testAdditionalAndDecoderTokensAreCollected() throws {
        let folder = try TokenizerTestFolders.makeTinyFolder(
            config: ["model_max_length": 77,
                     "added_tokens_decoder": ["5": ["content": "<x>", "normalized": false, "special": true]]],
            specialTokensMap: ["additional_special_tokens": ["<y>"]])
        let configuration = try TokenizerConfiguration(folder: folder)
        XCTAssertEqual(configuration.additional.map(\.content), ["<x>", "<y>"])
    }

    func testRejectsUnusableSettings() throws {
        for value: Any in [1e30, 1, "77", 7.5] {
            let folder = try TokenizerTestFolders.makeTinyFolder(config: ["model_max_length": value])
            XCTAssertThrowsError(try TokenizerConfiguration(folder: folder), "\(value)") { error in
                guard case .invalidSetting(let file, let key, _, _)? = error as? TokenizerError else {
                    return XCTFail("unexpected error \(error)")
                }
                XCTAssertEqual(file.lastPathComponent, "tokenizer_config.json")
                XCTAssertEqual(key, "model_max_length")
            }
        }
        let folder = try TokenizerTestFolders.makeTinyFolder(specialTokensMap: ["pad_token": 3])
        XCTAssertThrowsError(try TokenizerConfiguration(folder: folder)) { error in
            guard case .invalidSetting(let file, let key, _, _)? = error as? TokenizerError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(file.lastPathComponent, "special_tokens_map.json")
            XCTAssertEqual(key, "pad_token")
        }
    }

    func testTopLevelMustBeAnObject() throws {
        let folder = try TokenizerTestFolders.makeTinyFolder()
        let file = folder.appendingPathComponent("tokenizer_config.json")
        try Data("[1]".utf8).write(to: file)
        XCTAssertThrowsError(try TokenizerConfiguration(folder: folder)) { error in
            guard case .malformedFile(let reported, _)? = error as? TokenizerError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(reported, file)
        }
    }
}
