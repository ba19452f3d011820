import Foundation

/// A model folder: the diffusers layout (`model_index.json` at the top and one folder per component —
/// `unet/`, `vae/`, `text_encoder/`, `tokenizer/`, `scheduler/` — each with its config and weights), or
/// the original ModelScope layout, read in place through `ModelScopeFolder`.
public struct ModelFolder: Sendable {
    public enum Layout: Sendable {
        case diffusers
        case modelScope(ModelScopeFolder)

        public var name: String {
            switch self {
            case .diffusers: return "diffusers"
            case .modelScope: return "ModelScope"
            }
        }
    }

    public let url: URL
    public let index: ModelIndex
    public let layout: Layout

    public init(url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw WeightError.fileMissing(url)
        }
        guard isDirectory.boolValue else {
            throw WeightError.unreadable(url, reason: "expected a model folder (diffusers layout with model_index.json, or ModelScope's configuration.json and .pth files), found a file")
        }
        self.url = url
        let indexURL = url.appendingPathComponent("model_index.json")
        if !FileManager.default.fileExists(atPath: indexURL.path), ModelScopeFolder.isModelScope(url) {
            let modelScope = try ModelScopeFolder(url: url)
            self.layout = .modelScope(modelScope)
            self.index = ModelIndex(
                pipelineClass: "ModelScope text-to-video",
                components: ["unet": .init(library: "modelscope", className: "UNetSD"),
                             "vae": .init(library: "modelscope", className: "AutoencoderKL"),
                             "text_encoder": .init(library: "open_clip", className: "ViT-H-14 text"),
                             "tokenizer": .init(library: "transformers", className: "CLIPTokenizer"),
                             "scheduler": .init(library: "diffusers", className: "DDIMScheduler")],
                isRandomWeights: modelScope.isRandomWeights, note: modelScope.note, defaultFrames: modelScope.defaultFrames)
        } else {
            self.layout = .diffusers
            self.index = try ModelIndex(url: indexURL)
        }
    }

    /// The pipeline class `model_index.json` names, e.g. `TextToVideoSDPipeline`.
    public var pipelineClass: String { index.pipelineClass }
    public var isRandomWeights: Bool { index.isRandomWeights }
    public var note: String? { index.note }

    public func componentURL(_ name: String) -> URL {
        url.appendingPathComponent(name, isDirectory: true)
    }

    /// A component's JSON config: `scheduler_config.json` for the scheduler, `tokenizer_config.json`
    /// for the tokenizer, `config.json` for the models.
    public func configURL(component: String) -> URL {
        let fileName: String
        switch component {
        case "scheduler": fileName = "scheduler_config.json"
        case "tokenizer": fileName = "tokenizer_config.json"
        default: fileName = "config.json"
        }
        return componentURL(component).appendingPathComponent(fileName)
    }

    /// Decodes a component's config; failures are `WeightError.badConfig` naming the file and key path.
    public func config<T: Decodable>(
        _ type: T.Type, component: String,
        keyDecoding: JSONDecoder.KeyDecodingStrategy = .useDefaultKeys
    ) throws -> T {
        if case .modelScope(let modelScope) = layout, component != "tokenizer" {
            return try ConfigDecoding.decode(type, from: modelScope.configData(component),
                                             url: url.appendingPathComponent(ModelScopeFolder.configurationFile), keyDecoding: keyDecoding)
        }
        return try ConfigDecoding.decode(type, from: configURL(component: component), keyDecoding: keyDecoding)
    }

    /// The CLIP tokenizer's folder (for the ModelScope layout, built from OpenCLIP's vocabulary if need be).
    public func tokenizerURL() throws -> URL {
        if case .modelScope(let modelScope) = layout { return try modelScope.tokenizerFolder() }
        return componentURL("tokenizer")
    }

    public func weights(_ component: String, preferFP16: Bool = false) throws -> ComponentWeights {
        if case .modelScope(let modelScope) = layout { return try modelScope.weights(component) }
        return try ComponentWeights.load(folder: componentURL(component), preferFP16: preferFP16)
    }

    public var summary: String { summary(preferFP16: false) }

    /// Several lines: the pipeline and layout, one line per component (the weights that would load,
    /// with dtype and size, or the class for weightless ones), random-weight status, size on disk.
    /// Opening the weights reads only their headers, so this is quick even for multi-GB models.
    public func summary(preferFP16: Bool) -> String {
        let version = index.diffusersVersion.map { ", diffusers \($0)" } ?? ""
        var lines = ["\(pipelineClass) (\(layout.name) layout\(version)) at \(url.path)"]
        let width = (index.components.keys.map(\.count).max() ?? 0) + 2
        for name in Self.displayOrder(index.components.keys) {
            let label = name.padding(toLength: width, withPad: " ", startingAt: 0)
            let className = index.components[name]?.className ?? "?"
            do {
                let weights = try self.weights(name, preferFP16: preferFP16)
                let files = weights.files.count > 1 ? "\(weights.files.count) shards via \(weights.location.lastPathComponent)" : weights.location.lastPathComponent
                lines.append("  \(label)\(className): \(weights.dtypeSummary), \(ByteCountText.format(weights.fileBytes)) in \(files)")
            } catch WeightError.noWeights {
                lines.append("  \(label)\(className)")
            } catch {
                lines.append("  \(label)\(className): \(error)")
            }
        }
        if isRandomWeights {
            lines.append("weights: random (test model; outputs are noise)\(note.map { " — \($0)" } ?? "")")
        } else if let note {
            lines.append("note: \(note)")
        }
        lines.append("on disk: \(ByteCountText.format(sizeOnDisk()))")
        return lines.joined(separator: "\n")
    }

    /// Total size of the regular files under the folder, following links (hub caches link to blobs).
    public func sizeOnDisk() -> Int {
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { return 0 }
        var total = 0
        for case let item as URL in walker {
            let resolved = item.resolvingSymlinksInPath()
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved.path),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let size = attributes[.size] as? NSNumber else { continue }
            total += size.intValue
        }
        return total
    }

    /// Pipeline order (text → denoise → decode), then anything else alphabetically.
    private static func displayOrder(_ names: Dictionary<String, ModelIndex.Component>.Keys) -> [String] {
        let known = ["text_encoder", "tokenizer", "unet", "vae", "scheduler"]
        return names.sorted { a, b in
            let rankA = known.firstIndex(of: a) ?? known.count, rankB = known.firstIndex(of: b) ?? known.count
            return (rankA, a) < (rankB, b)
        }
    }
}
