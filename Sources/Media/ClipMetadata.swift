import Foundation
import Engine

/// What made an exported clip, as stored in its sidecar JSON and container tags (stable snake_case names).
public struct ClipMetadata: Codable, Equatable, Sendable {
    /// Bumped when a field changes meaning; readers may refuse versions they do not know.
    public static let currentVersion = 1

    public var metadataVersion: Int = ClipMetadata.currentVersion
    /// The generation settings, with width and height filled in with the clip's actual size.
    public var settings: GenerationSettings
    /// The model folder's name (e.g. "text-to-video-ms-1.7b").
    public var modelName: String
    /// A hash of the model's weights when the caller knows one.
    public var modelWeightsHash: String?
    public var studioVersion: String
    /// How the file was written; nil where the metadata describes frames not yet exported.
    public var export: ExportSettings?

    public init(settings: GenerationSettings, modelName: String, modelWeightsHash: String? = nil,
                studioVersion: String, export: ExportSettings? = nil) {
        self.settings = settings
        self.modelName = modelName
        self.modelWeightsHash = modelWeightsHash
        self.studioVersion = studioVersion
        self.export = export
    }

    /// Metadata for a generated clip; the settings' nil sizes become the clip's real size.
    public init(clip: GeneratedClip, modelName: String, modelWeightsHash: String? = nil, studioVersion: String,
                export: ExportSettings? = nil) {
        var settings = clip.settings
        settings.width = settings.width ?? clip.width
        settings.height = settings.height ?? clip.height
        settings.frames = clip.frameCount
        self.init(settings: settings, modelName: modelName, modelWeightsHash: modelWeightsHash,
                  studioVersion: studioVersion, export: export)
    }

    // MARK: JSON

    /// Pretty, key-sorted JSON: diffs of two sidecars line up.
    public func jsonData(pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { encoder.outputFormatting.insert(.prettyPrinted) }
        return try encoder.encode(self)
    }

    public static func decode(json: Data, source: String) throws -> ClipMetadata {
        do {
            let metadata = try JSONDecoder().decode(ClipMetadata.self, from: json)
            guard metadata.metadataVersion <= currentVersion else {
                throw MediaError.badMetadata(path: source, reason: "metadata_version \(metadata.metadataVersion) is newer "
                                             + "than this studio understands (\(currentVersion))")
            }
            return metadata
        } catch let error as MediaError {
            throw error
        } catch {
            throw MediaError.badMetadata(path: source, reason: String(describing: error))
        }
    }

    /// `clip.mp4` → `clip.json`.
    public static func sidecarURL(for file: URL) -> URL {
        file.deletingPathExtension().appendingPathExtension("json")
    }

    // MARK: Codable with stable names, independent of GenerationSettings' own Swift property names

    enum CodingKeys: String, CodingKey {
        case metadataVersion = "metadata_version"
        case settings
        case modelName = "model_name"
        case modelWeightsHash = "model_weights_hash"
        case studioVersion = "studio_version"
        case export
    }

    enum SettingsKeys: String, CodingKey {
        case prompt
        case negativePrompt = "negative_prompt"
        case seed, steps, guidance, sampler, frames, width, height
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadataVersion = try container.decode(Int.self, forKey: .metadataVersion)
        modelName = try container.decode(String.self, forKey: .modelName)
        modelWeightsHash = try container.decodeIfPresent(String.self, forKey: .modelWeightsHash)
        studioVersion = try container.decode(String.self, forKey: .studioVersion)
        export = try container.decodeIfPresent(ExportSettings.self, forKey: .export)
        let values = try container.nestedContainer(keyedBy: SettingsKeys.self, forKey: .settings)
        settings = GenerationSettings(
            prompt: try values.decode(String.self, forKey: .prompt),
            negativePrompt: try values.decodeIfPresent(String.self, forKey: .negativePrompt),
            seed: try values.decode(UInt64.self, forKey: .seed),
            steps: try values.decode(Int.self, forKey: .steps),
            guidance: try values.decode(Float.self, forKey: .guidance),
            frames: try values.decode(Int.self, forKey: .frames),
            width: try values.decodeIfPresent(Int.self, forKey: .width),
            height: try values.decodeIfPresent(Int.self, forKey: .height),
            sampler: try values.decode(String.self, forKey: .sampler))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metadataVersion, forKey: .metadataVersion)
        try container.encode(modelName, forKey: .modelName)
        // Absent values are written as null so every sidecar has the same keys.
        try container.encode(modelWeightsHash, forKey: .modelWeightsHash)
        try container.encode(studioVersion, forKey: .studioVersion)
        try container.encode(export, forKey: .export)
        var values = container.nestedContainer(keyedBy: SettingsKeys.self, forKey: .settings)
        try values.encode(settings.prompt, forKey: .prompt)
        try values.encode(settings.negativePrompt, forKey: .negativePrompt)
        try values.encode(settings.seed, forKey: .seed)
        try values.encode(settings.steps, forKey: .steps)
        try values.encode(settings.guidance, forKey: .guidance)
        try values.encode(settings.sampler, forKey: .sampler)
        try values.encode(settings.frames, forKey: .frames)
        try values.encode(settings.width, forKey: .width)
        try values.encode(settings.height, forKey: .height)
    }
}
