import Foundation

/// CLIP's BPE tokenizer, matching transformers' `CLIPTokenizer.from_pretrained(folder)` called as the
/// diffusers text-to-video pipeline calls it (`padding="max_length", max_length=77, truncation=True`).
///
/// Steps, as in transformers: added tokens that match raw text (the pad token "!" of this checkpoint) are
/// cut out first; each stretch between them is normalised (NFC, whitespace runs to one space, lowercase);
/// added tokens that match normalised text (`<|startoftext|>`, `<|endoftext|>`) are cut out next; the rest
/// is split by CLIP's regex and byte-level BPE encodes each piece. BOS and EOS go around the content, which
/// keeps at most `maxLength - 2` tokens, and the pad id fills up to `maxLength`.
///
/// Not modelled, because no CLIP checkpoint of this pipeline uses them: the `lstrip`, `rstrip` and
/// `single_word` flags of added tokens (all false here), and a `tokenizer.json` in the folder (which
/// transformers would prefer to vocab.json and merges.txt).
public final class CLIPTokenizer: @unchecked Sendable {
    /// The sequence length every prompt is padded or truncated to (`model_max_length`, 77).
    public let maxLength: Int
    public let padTokenID: Int32
    public let bosTokenID: Int32
    public let eosTokenID: Int32

    private let vocabulary: TokenVocabulary
    private let encoder: BytePairEncoder
    private let rawTokenMatcher: AddedTokenMatcher
    private let normalizedTokenMatcher: AddedTokenMatcher

    static let vocabularyFileName = "vocab.json"
    static let mergesFileName = "merges.txt"

    /// Loads vocab.json, merges.txt, tokenizer_config.json and (if present) special_tokens_map.json.
    public init(folder: URL) throws {
        let configuration = try TokenizerConfiguration(folder: folder)
        let vocabularyFile = folder.appendingPathComponent(Self.vocabularyFileName)
        let vocabulary = try TokenVocabulary(contentsOf: vocabularyFile)
        let merges = try MergeRanks(contentsOf: folder.appendingPathComponent(Self.mergesFileName),
                                    vocabulary: vocabulary)

        func id(of token: TokenizerConfiguration.SpecialToken, role: String) throws -> Int32 {
            guard let id = vocabulary.id(of: token.content) else {
                throw TokenizerError.unknownSpecialToken(token.content, role: role, configFile: token.source,
                                                         vocabulary: vocabularyFile)
            }
            return id
        }
        bosTokenID = try id(of: configuration.bos, role: "bos_token")
        eosTokenID = try id(of: configuration.eos, role: "eos_token")
        padTokenID = try id(of: configuration.pad, role: "pad_token")
        let unknownID = try id(of: configuration.unk, role: "unk_token")

        var rawTokens: [AddedTokenMatcher.Token] = []
        var normalizedTokens: [AddedTokenMatcher.Token] = []
        let named = [("bos_token", configuration.bos), ("eos_token", configuration.eos),
                     ("unk_token", configuration.unk), ("pad_token", configuration.pad)]
        for (role, token) in named + configuration.additional.map({ ("added token", $0) }) {
            let scalars = Array(token.content.unicodeScalars)
            if token.normalized {
                // The tokenizers library normalises a normalised token's own text before looking for it.
                let normalized = TextNormalizer.normalize(scalars[...])
                normalizedTokens.append(.init(scalars: normalized, id: try id(of: token, role: role)))
            } else {
                rawTokens.append(.init(scalars: scalars, id: try id(of: token, role: role)))
            }
        }

        self.maxLength = configuration.modelMaxLength
        self.vocabulary = vocabulary
        self.encoder = BytePairEncoder(vocabulary: vocabulary, merges: merges, unknownID: unknownID)
        self.rawTokenMatcher = AddedTokenMatcher(tokens: rawTokens)
        self.normalizedTokenMatcher = AddedTokenMatcher(tokens: normalizedTokens)
    }

    public func encode(_ text: String) -> TokenizedPrompt {
        let content = contentIDs(of: text)
        let room = maxLength - 2
        var ids: [Int32] = [bosTokenID]
        ids.reserveCapacity(maxLength)
        ids.append(contentsOf: content.prefix(room))
        ids.append(eosTokenID)
        let count = ids.count
        ids.append(contentsOf: repeatElement(padTokenID, count: maxLength - count))
        let dropped = content.dropFirst(room)
        let truncatedText = dropped.isEmpty ? "" : decodedText(dropped, spellingSpecialTokens: true)
        return TokenizedPrompt(ids: ids, count: count, truncatedText: truncatedText)
    }

    /// Byte-level decoding: `</w>` ends a word with a space, BOS and EOS are skipped, and so is the run of
    /// pad ids after the last EOS (padding). A pad id inside the content is the "!" it stands for.
    public func decode(_ ids: [Int32]) -> String {
        var end = ids.count
        if let lastEOS = ids.lastIndex(of: eosTokenID) {
            while end > lastEOS + 1 && ids[end - 1] == padTokenID { end -= 1 }
        }
        return decodedText(ids[..<end], spellingSpecialTokens: false)
    }

    /// The ids of the prompt's content, before BOS/EOS, truncation and padding.
    func contentIDs(of text: String) -> [Int32] {
        let raw = Array(text.unicodeScalars)
        var ids: [Int32] = []
        for segment in rawTokenMatcher.segments(of: raw, in: 0..<raw.count) {
            switch segment {
            case .token(let id):
                ids.append(id)
            case .text(let range):
                let normalized = TextNormalizer.normalize(raw[range])
                for inner in normalizedTokenMatcher.segments(of: normalized, in: 0..<normalized.count) {
                    switch inner {
                    case .token(let id):
                        ids.append(id)
                    case .text(let innerRange):
                        appendBPE(of: normalized[innerRange], to: &ids)
                    }
                }
            }
        }
        return ids
    }

    private func appendBPE(of text: ArraySlice<Unicode.Scalar>, to ids: inout [Int32]) {
        let scalars = Array(text)
        var piece: [UInt8] = []
        for range in CLIPPreTokenizer.pieces(of: scalars) {
            piece.removeAll(keepingCapacity: true)
            for scalar in scalars[range] { piece.append(contentsOf: UTF8.encode(scalar)!) }
            ids.append(contentsOf: encoder.encode(piece))
        }
    }

    private func decodedText(_ ids: ArraySlice<Int32>, spellingSpecialTokens: Bool) -> String {
        var bytes: [UInt8] = []
        let endOfWord = Array(BytePairEncoder.endOfWord.utf8)
        for id in ids {
            let isSpecial = id == bosTokenID || id == eosTokenID
            if isSpecial && !spellingSpecialTokens { continue }
            guard let spelling = vocabulary.spelling(of: id) else { continue }
            if isSpecial {
                // Special tokens are plain text, not byte-level symbols; set them apart like words.
                bytes.append(contentsOf: spelling)
                bytes.append(0x20)
                continue
            }
            let endsWord = spelling.count >= endOfWord.count && spelling.suffix(endOfWord.count).elementsEqual(endOfWord)
            let body = endsWord ? spelling.dropLast(endOfWord.count) : spelling
            for scalar in String(decoding: body, as: UTF8.self).unicodeScalars {
                if let byte = ByteEncoder.byte(for: scalar) {
                    bytes.append(byte)
                } else {
                    bytes.append(contentsOf: String(scalar).utf8)
                }
            }
            if endsWord { bytes.append(0x20) }
        }
        // Invalid UTF-8 (a multi-byte character cut between tokens) decodes to U+FFFD, like errors="replace".
        var text = Substring(String(decoding: bytes, as: UTF8.self))
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
