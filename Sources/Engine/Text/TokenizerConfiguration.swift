import Foundation

/// What CLIPTokenizer takes from tokenizer_config.json and special_tokens_map.json: the special tokens and
/// the sequence length. special_tokens_map.json wins where both name a token, as in transformers (which is
/// how this checkpoint's pad token becomes "!").
struct TokenizerConfiguration: Equatable {
    /// An added token as the config files describe it.
    struct SpecialToken: Equatable {
        let content: String
        /// Whether the token is matched in normalised text (lowercased, …) rather than in the raw input.
        let normalized: Bool
        /// The file that set it, for error messages.
        let source: URL
    }

    var bos: SpecialToken
    var eos: SpecialToken
    var unk: SpecialToken
    var pad: SpecialToken
    /// Further added tokens (`additional_special_tokens`, `added_tokens_decoder`).
    var additional: [SpecialToken] = []
    var modelMaxLength: Int

    static let configFileName = "tokenizer_config.json"
    static let specialTokensFileName = "special_tokens_map.json"
    /// The text encoder has 77 positions; used when tokenizer_config.json does not say.
    static let defaultModelMaxLength = 77

    /// Reads the folder's tokenizer_config.json (required) and special_tokens_map.json (optional, as in
    /// transformers; without it the pad token would be tokenizer_config.json's).
    init(folder: URL) throws {
        let configFile = folder.appendingPathComponent(Self.configFileName)
        let config = try TokenizerFileReader.jsonObject(of: configFile)
        // CLIPTokenizer's own defaults, used when no file names a token.
        let defaultsFile = configFile
        bos = SpecialToken(content: "<|startoftext|>", normalized: false, source: defaultsFile)
        eos = SpecialToken(content: "<|endoftext|>", normalized: false, source: defaultsFile)
        unk = SpecialToken(content: "<|endoftext|>", normalized: false, source: defaultsFile)
        pad = SpecialToken(content: "<|endoftext|>", normalized: false, source: defaultsFile)
        modelMaxLength = Self.defaultModelMaxLength

        try apply(config, from: configFile)
        if let value = config["model_max_length"] {
            modelMaxLength = try Self.sequenceLength(value, in: configFile)
        }
        if let decoder = config["added_tokens_decoder"] as? [String: Any] {
            for key in decoder.keys.sorted(by: { (Int($0) ?? 0) < (Int($1) ?? 0) }) {
                additional.append(try Self.specialToken(decoder[key]!, key: "added_tokens_decoder.\(key)", in: configFile))
            }
        }

        let specialTokensFile = folder.appendingPathComponent(Self.specialTokensFileName)
        if FileManager.default.fileExists(atPath: specialTokensFile.path) {
            try apply(try TokenizerFileReader.jsonObject(of: specialTokensFile), from: specialTokensFile)
        }
    }

    private mutating func apply(_ object: [String: Any], from file: URL) throws {
        for (key, path) in [("bos_token", \Self.bos), ("eos_token", \Self.eos),
                            ("unk_token", \Self.unk), ("pad_token", \Self.pad)] {
            guard let value = object[key], !(value is NSNull) else { continue }
            self[keyPath: path] = try Self.specialToken(value, key: key, in: file)
        }
        if let list = object["additional_special_tokens"] as? [Any] {
            for (index, value) in list.enumerated() {
                additional.append(try Self.specialToken(value, key: "additional_special_tokens[\(index)]", in: file))
            }
        }
    }

    /// A token given as a plain string (matched in raw text, as transformers does for special tokens) or as
    /// an AddedToken object with `content` and `normalized`.
    private static func specialToken(_ value: Any, key: String, in file: URL) throws -> SpecialToken {
        if let content = value as? String {
            return SpecialToken(content: content, normalized: false, source: file)
        }
        if let object = value as? [String: Any], let content = object["content"] as? String {
            let normalized = (object["normalized"] as? Bool) ?? false
            return SpecialToken(content: content, normalized: normalized, source: file)
        }
        throw TokenizerError.invalidSetting(file, key: key, value: "\(value)",
                                            expected: "a string or an object with a \"content\" string")
    }

    private static func sequenceLength(_ value: Any, in file: URL) throws -> Int {
        // JSONSerialization hands numbers over as NSNumber; 1e30 (transformers' "no limit") is a Double.
        if let number = value as? NSNumber {
            let double = number.doubleValue
            if double == double.rounded(), double >= 2, double <= 1_000_000 { return Int(double) }
        }
        throw TokenizerError.invalidSetting(file, key: "model_max_length", value: "\(value)",
                                            expected: "an integer from 2 to 1000000 (the text encoder's positions)")
    }
}
