import Foundation
import Engine

/// Studio's settings as container tags: the full metadata JSON in `comment`, a one-line summary in `description`.
public enum ContainerTags {
    static let metadataKey = "comment"
    static let summaryKey = "description"

    public static func tags(for metadata: ClipMetadata) -> [String: String] {
        var tags = [summaryKey: summary(of: metadata), "encoder": "studio \(metadata.studioVersion)"]
        if let json = try? metadata.jsonData(pretty: false), let text = String(data: json, encoding: .utf8) {
            tags[metadataKey] = text
        }
        return tags
    }

    /// "a red fox — seed 42, 50 steps, guidance 9.0, ddim, 16 frames 256×256, model demo, studio 0.1.0".
    public static func summary(of metadata: ClipMetadata) -> String {
        let settings = metadata.settings
        var parts = ["seed \(settings.seed)", "\(settings.steps) steps", "guidance \(settings.guidance)", settings.sampler,
                     "\(settings.frames) frames" + (settings.width.flatMap { w in settings.height.map { " \(w)×\($0)" } } ?? "")]
        if let negative = settings.negativePrompt, !negative.isEmpty { parts.insert("not: \(negative)", at: 0) }
        parts.append("model \(metadata.modelName)")
        parts.append("studio \(metadata.studioVersion)")
        return settings.prompt + " — " + parts.joined(separator: ", ")
    }

    /// The metadata in a file's tags; nil when the tags carry none of studio's.
    public static func metadata(in tags: [String: String], source: String) throws -> ClipMetadata? {
        guard let text = tags[metadataKey], text.hasPrefix("{"), text.contains("\"studio_version\"") else { return nil }
        return try ClipMetadata.decode(json: Data(text.utf8), source: source)
    }
}
