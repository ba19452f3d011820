import Foundation
import XCTest

/// Tokenizer folders for tests: a tiny hand-made one written to a temporary directory, and the real CLIP
/// vocabulary from Tests/Fixtures (written by the fixtures tooling).
enum TokenizerTestFolders {
    /// A hand-made vocabulary: a few letters, "!" as id 0 (the pad token, as in the real checkpoint),
    /// merges that exercise rank order and overlapping pairs, and model_max_length 8 so truncation is easy
    /// to reach.
    static let tinyVocabulary: [String: Int] = [
        "!": 0, "a": 1, "b": 2, "c": 3, "d": 4,
        "a</w>": 5, "b</w>": 6, "c</w>": 7, "d</w>": 8, "!</w>": 9,
        "ab": 10, "abc</w>": 11, "aa": 12, "aaa</w>": 13, "bc</w>": 14, "'": 15, "'s</w>": 16, "s</w>": 17,
        "<|startoftext|>": 20, "<|endoftext|>": 21,
    ]
    static let tinyMerges = ["a b", "ab c</w>", "a a", "aa a</w>", "b c</w>", "' s</w>"]

    static func makeTinyFolder(
        vocabulary: [String: Int] = tinyVocabulary,
        merges: [String] = tinyMerges,
        config: [String: Any]? = nil,
        specialTokensMap: [String: Any]? = nil
    ) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("clip-tokenizer-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let normalizedToken = { (content: String) -> [String: Any] in
            ["content": content, "lstrip": false, "normalized": true, "rstrip": false, "single_word": false]
        }
        let defaultConfig: [String: Any] = [
            "bos_token": normalizedToken("<|startoftext|>"), "eos_token": normalizedToken("<|endoftext|>"),
            "unk_token": normalizedToken("<|endoftext|>"), "pad_token": "<|endoftext|>",
            "model_max_length": 8, "do_lower_case": true, "tokenizer_class": "CLIPTokenizer",
        ]
        let defaultSpecialTokens: [String: Any] = [
            "bos_token": normalizedToken("<|startoftext|>"), "eos_token": normalizedToken("<|endoftext|>"),
            "unk_token": normalizedToken("<|endoftext|>"), "pad_token": "!",
        ]
        try JSONSerialization.data(withJSONObject: vocabulary)
            .write(to: folder.appendingPathComponent("vocab.json"))
        try Data((["#version: 0.2"] + merges).map { $0 + "\n" }.joined().utf8)
            .write(to: folder.appendingPathComponent("merges.txt"))
        try JSONSerialization.data(withJSONObject: config ?? defaultConfig)
            .write(to: folder.appendingPathComponent("tokenizer_config.json"))
        try JSONSerialization.data(withJSONObject: specialTokensMap ?? defaultSpecialTokens)
            .write(to: folder.appendingPathComponent("special_tokens_map.json"))
        return folder
    }

    /// `<repo>/Tests/Fixtures`, or `STUDIO_FIXTURES_DIR` when set (to try a fixture set kept elsewhere).
    static var fixturesDirectory: URL {
        if let override = ProcessInfo.processInfo.environment["STUDIO_FIXTURES_DIR"] {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // EngineTests
            .deletingLastPathComponent()  // Tests
            .appendingPathComponent("Fixtures")
    }

    /// The real CLIP tokenizer folder (vocab.json with 49,408 tokens, 48,894 merges).
    static var realFolder: URL { fixturesDirectory.appendingPathComponent("tokenizer") }

    /// Throws (failing the test rather than skipping it) when the fixture is missing, so a missing or
    /// moved fixture is noticed.
    static func requireFixture(_ url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { throw MissingFixture(path: url.path) }
    }

    struct MissingFixture: Error, CustomStringConvertible {
        let path: String
        var description: String { "missing fixture \(path) (Tests/Fixtures is written by the fixtures tooling)" }
    }
}
