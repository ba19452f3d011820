import Foundation

/// Why a CLIP tokenizer folder could not be loaded; every case names the file at fault.
public enum TokenizerError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A required file is not in the folder.
    case missingFile(URL)
    /// The file exists but could not be read (permissions, a directory in its place, …).
    case unreadableFile(URL, reason: String)
    /// The file's content is not what a tokenizer file of its kind must contain.
    case malformedFile(URL, reason: String)
    /// A special token named by a config file has no id in vocab.json.
    case unknownSpecialToken(String, role: String, configFile: URL, vocabulary: URL)
    /// A setting has a value the tokenizer cannot work with.
    case invalidSetting(URL, key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .missingFile(let file):
            return "tokenizer file not found: \(file.path)"
        case .unreadableFile(let file, let reason):
            return "cannot read tokenizer file \(file.path): \(reason)"
        case .malformedFile(let file, let reason):
            return "malformed tokenizer file \(file.path): \(reason)"
        case .unknownSpecialToken(let token, let role, let configFile, let vocabulary):
            return "\(role) \(Self.quoted(token)) from \(configFile.path) is not in \(vocabulary.path)"
        case .invalidSetting(let file, let key, let value, let expected):
            return "invalid \(key) = \(value) in \(file.path): expected \(expected)"
        }
    }

    private static func quoted(_ token: String) -> String {
        "\"" + token.unicodeScalars.map { $0.escaped(asASCII: true) }.joined() + "\""
    }
}
