import Foundation

/// Builds the CLIP tokenizer files transformers reads (vocab.json, merges.txt, tokenizer_config.json,
/// special_tokens_map.json) from OpenCLIP's own vocabulary, `bpe_simple_vocab_16e6.txt.gz`, which the
/// ModelScope release's text encoder was trained with. The result is the tokenizer of the diffusers
/// conversion (damo-vilab/text-to-video-ms-1.7b): 256 byte symbols, the same with `</w>`, the first
/// 48,894 merges joined, then `<|startoftext|>` and `<|endoftext|>` — 49,408 tokens; pad `!` (id 0).
public enum OpenCLIPVocabulary {
    /// The names the vocabulary is looked for under, compressed as open_clip ships it or not.
    public static let fileNames = ["bpe_simple_vocab_16e6.txt.gz", "bpe_simple_vocab_16e6.txt"]
    static let mergeCount = 49152 - 256 - 2

    /// Writes the four tokenizer files into `folder` (created if needed).
    public static func writeTokenizer(from source: URL, to folder: URL) throws {
        let raw = try Data(contentsOf: source)
        let bytes = source.pathExtension == "gz" ? try Gzip.decompress([UInt8](raw)) : [UInt8](raw)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw TokenizerError.malformedFile(source, reason: "not UTF-8 text")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > mergeCount, lines[0].hasSuffix("#version: 0.2") else {
            throw TokenizerError.malformedFile(source, reason: "expected a '#version: 0.2' line and at least \(mergeCount) merges")
        }
        let merges = lines[1...mergeCount]
        let symbols = ByteEncoder.vocabularyOrder.map { String(ByteEncoder.scalarForByte[Int($0)]) }
        var tokens = symbols + symbols.map { $0 + "</w>" }
        for merge in merges {
            let pair = merge.split(separator: " ")
            guard pair.count == 2 else { throw TokenizerError.malformedFile(source, reason: "merge '\(merge)' is not two symbols") }
            tokens.append(pair.joined())
        }
        tokens += ["<|startoftext|>", "<|endoftext|>"]
        let vocabulary = Dictionary(tokens.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })

        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: vocabulary)
            .write(to: folder.appendingPathComponent("vocab.json"), options: .atomic)
        try Data(("#version: 0.2\n" + merges.map { $0 + "\n" }.joined()).utf8)
            .write(to: folder.appendingPathComponent("merges.txt"), options: .atomic)
        try Data(tokenizerConfig.utf8).write(to: folder.appendingPathComponent("tokenizer_config.json"), options: .atomic)
        try Data(specialTokensMap.utf8).write(to: folder.appendingPathComponent("special_tokens_map.json"), options: .atomic)
    }

    private static func addedToken(_ content: String) -> String {
        #"{"content": "\#(content)", "lstrip": false, "normalized": true, "rstrip": false, "single_word": false}"#
    }

    private static let tokenizerConfig = """
    {"add_prefix_space": false, "bos_token": \(addedToken("<|startoftext|>")), "do_lower_case": true,
     "eos_token": \(addedToken("<|endoftext|>")), "errors": "replace", "model_max_length": 77,
     "pad_token": "<|endoftext|>", "tokenizer_class": "CLIPTokenizer", "unk_token": \(addedToken("<|endoftext|>"))}
    """

    private static let specialTokensMap = """
    {"bos_token": \(addedToken("<|startoftext|>")), "eos_token": \(addedToken("<|endoftext|>")),
     "pad_token": "!", "unk_token": \(addedToken("<|endoftext|>"))}
    """
}
