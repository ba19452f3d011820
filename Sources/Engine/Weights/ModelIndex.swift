import Foundation

/// A diffusers `model_index.json`: the pipeline class and, for each component folder, the library
/// and class that diffusers would load it with. Also reads studio's own optional `"_studio"` object,
/// which marks test models: `{"_studio": {"weights": "random", "note": "…"}}`.
public struct ModelIndex: Equatable, Sendable {
    /// A component entry such as `"unet": ["diffusers", "UNet3DConditionModel"]`.
    public struct Component: Equatable, Sendable {
        public let library: String
        public let className: String
    }

    public let pipelineClass: String
    public let diffusersVersion: String?
    /// Component folder name → its entry. Entries written `[null, null]` (an optional component the
    /// pipeline was saved without) and non-component settings such as `requires_safety_checker` are left out.
    public let components: [String: Component]
    /// True when `_studio.weights` is `"random"`: the weights are random, so outputs are noise by design.
    public let isRandomWeights: Bool
    /// `_studio.note`, a human line about where the model came from.
    public let note: String?
    /// `_studio.num_frames`: the frame count the model was made for, when it says (else a known
    /// model's, recognised by its folder; see `KnownModels`).
    public let defaultFrames: Int?
    /// `_studio.width` / `_studio.height`, or a known model's native size.
    public let defaultWidth: Int?
    public let defaultHeight: Int?
    /// `_studio.steps` and `_studio.guidance`: the sampling settings a small trained model looks best with.
    public let defaultSteps: Int?
    public let defaultGuidance: Float?

    /// An index for a model saved in another layout (ModelScope), describing what it holds.
    init(pipelineClass: String, components: [String: Component], isRandomWeights: Bool, note: String?, defaultFrames: Int?) {
        self.pipelineClass = pipelineClass
        self.diffusersVersion = nil
        self.components = components
        self.isRandomWeights = isRandomWeights
        self.note = note
        self.defaultFrames = defaultFrames
        self.defaultWidth = nil
        self.defaultHeight = nil
        self.defaultSteps = nil
        self.defaultGuidance = nil
    }

    public init(url: URL) throws {
        let raw = try ConfigDecoding.decode(RawModelIndex.self, from: url)
        pipelineClass = raw.pipelineClass
        diffusersVersion = raw.diffusersVersion
        components = raw.components
        isRandomWeights = raw.studio?.weights == "random"
        note = raw.studio?.note
        let known = KnownModels.shape(forFolder: url.deletingLastPathComponent())
        defaultFrames = raw.studio?.numFrames ?? known?.frames
        defaultWidth = raw.studio?.width ?? known?.width
        defaultHeight = raw.studio?.height ?? known?.height
        defaultSteps = raw.studio?.steps
        defaultGuidance = raw.studio?.guidance
    }
}

private struct RawModelIndex: Decodable {
    let pipelineClass: String
    let diffusersVersion: String?
    let studio: StudioSection?
    var components: [String: ModelIndex.Component] = [:]

    struct StudioSection: Decodable {
        let weights: String?
        let note: String?
        let numFrames: Int?
        let steps: Int?
        let guidance: Float?
        let width: Int?
        let height: Int?

        enum CodingKeys: String, CodingKey {
            case weights, note, steps, guidance, width, height
            case numFrames = "num_frames"
        }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        pipelineClass = try container.decode(String.self, forKey: AnyCodingKey("_class_name"))
        diffusersVersion = try container.decodeIfPresent(String.self, forKey: AnyCodingKey("_diffusers_version"))
        studio = try container.decodeIfPresent(StudioSection.self, forKey: AnyCodingKey("_studio"))
        for key in container.allKeys where !key.stringValue.hasPrefix("_") {
            // Only two-element [library, class] arrays are components; other values are settings.
            guard let pair = try? container.decode([String?].self, forKey: key), pair.count == 2 else { continue }
            if let library = pair[0], let className = pair[1] {
                components[key.stringValue] = ModelIndex.Component(library: library, className: className)
            }
        }
    }
}
