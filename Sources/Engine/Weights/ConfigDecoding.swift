import Foundation

/// Decodes JSON config files (config.json, scheduler_config.json, model_index.json, shard indexes)
/// into Decodable types, turning every failure into a `WeightError.badConfig` that names the file and
/// the key path, e.g. `bad config …/unet/config.json: block_out_channels[2]: expected Int, found a string`.
///
/// Config structs written against this helper use the file's own key spelling (snake_case through
/// `CodingKeys`, or a `keyDecoding` strategy), and fill absent keys with class defaults via
/// `KeyedDecodingContainer.decode(_:forKey:default:)` below.
public enum ConfigDecoding {
    public static func decode<T: Decodable>(
        _ type: T.Type, from url: URL,
        keyDecoding: JSONDecoder.KeyDecodingStrategy = .useDefaultKeys
    ) throws -> T {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) { throw WeightError.fileMissing(url) }
            throw WeightError.unreadable(url, reason: error.localizedDescription)
        }
        return try decode(type, from: data, url: url, keyDecoding: keyDecoding)
    }

    /// Decodes bytes already read; `url` only names the source in errors.
    public static func decode<T: Decodable>(
        _ type: T.Type, from data: Data, url: URL,
        keyDecoding: JSONDecoder.KeyDecodingStrategy = .useDefaultKeys
    ) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = keyDecoding
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw WeightError.badConfig(url, reason: describe(error))
        }
    }

    /// One line: the key path (when there is one) and what was wrong there.
    static func describe(_ error: DecodingError) -> String {
        let context = context(of: error)
        if case .dataCorrupted = error, context.codingPath.isEmpty {
            return "invalid JSON (\(underlyingMessage(context)))"
        }
        var path = context.codingPath
        if case .keyNotFound(let key, _) = error { path.append(key) }
        let location = keyPath(path)
        return location.isEmpty ? problem(error) : "\(location): \(problem(error))"
    }

    static func context(of error: DecodingError) -> DecodingError.Context {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context),
             .keyNotFound(_, let context), .dataCorrupted(let context):
            return context
        @unknown default:
            return DecodingError.Context(codingPath: [], debugDescription: "\(error)")
        }
    }

    /// `a.b[2].c`: keys joined with dots, array positions in brackets.
    static func keyPath(_ path: [CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    static func problem(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound:
            return "missing key"
        case .valueNotFound(let type, _):
            return "expected \(type), found null"
        case .typeMismatch(let type, let context):
            return "expected \(typeName(type)) (\(oneLine(context.debugDescription)))"
        case .dataCorrupted(let context):
            return oneLine(context.debugDescription)
        @unknown default:
            return oneLine("\(error)")
        }
    }

    static func underlyingMessage(_ context: DecodingError.Context) -> String {
        if let underlying = context.underlyingError {
            let nsError = underlying as NSError
            if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return oneLine(detail) }
            return oneLine("\(underlying)")
        }
        return oneLine(context.debugDescription)
    }

    private static func typeName(_ type: Any.Type) -> String {
        let name = "\(type)"
        if name.hasPrefix("Dictionary<") { return "an object" }
        if name.hasPrefix("Array<") { return "an array" }
        return name
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension KeyedDecodingContainer {
    /// The value for `key`, or `defaultValue` when the key is absent or null — how diffusers fills
    /// config keys an older file does not write (e.g. `downsample_padding` → 1).
    public func decode<T: Decodable>(_ type: T.Type, forKey key: Key, default defaultValue: T) throws -> T {
        try decodeIfPresent(type, forKey: key) ?? defaultValue
    }
}
