import Engine
import Foundation

/// Finds the text-to-video model on disk: the places studio looks, in order, and what each holds.
///
/// Order: `--model` (a folder, or a hub name such as `damo-vilab/text-to-video-ms-1.7b` looked up in the
/// Hugging Face cache), `$STUDIO_MODEL`, the config file's `model =`, the Hugging Face cache, the
/// ModelScope cache, the bundled demo. A model is a diffusers-layout folder or the original ModelScope one.
struct ModelLocator {
    /// One place studio looks, whether it applies, and what was found there.
    struct Candidate: Equatable {
        enum Status: Equatable {
            /// The option or variable that names this place is not set.
            case notSet
            /// The folder (or, for a cache, the model's folder inside it) does not exist.
            case absent
            case found(ModelFolder)
        }

        /// Where the path came from, e.g. `--model`, `$HF_HUB_CACHE`, `bundled demo`.
        var source: String
        /// The folder checked; nil when `status == .notSet`.
        var path: String?
        var status: Status
    }

    /// A model folder and which of its parts are present: component folders for the diffusers layout,
    /// files for the ModelScope one.
    struct ModelFolder: Equatable {
        /// The folder that holds `model_index.json` (or `configuration.json`); a snapshot for caches.
        var root: String
        /// Whether the top-level description (`model_index.json`, or ModelScope's `configuration.json`) is there.
        var hasModelIndex: Bool
        var presentComponents: [String]
        var missingComponents: [String]
        var layout = Layout.diffusers
        var isComplete: Bool { hasModelIndex && missingComponents.isEmpty }

        enum Layout: String, Equatable {
            case diffusers, modelScope = "ModelScope"
        }
    }

    /// The components TextToVideoSDPipeline loads, each a folder beside `model_index.json`.
    static let components = ["text_encoder", "tokenizer", "unet", "vae", "scheduler"]
    /// What the ModelScope layout needs beside `configuration.json`.
    static let modelScopeParts = ["text2video_pytorch_model.pth", "VQGAN_autoencoder.pth", "open_clip_pytorch_model.bin", "tokenizer"]
    /// Hugging Face repository folders the cache may hold the model under.
    static let hubRepositories = [
        "models--damo-vilab--text-to-video-ms-1.7b",
        "models--ali-vilab--text-to-video-ms-1.7b",
        "models--ali-vilab--text-to-video-ms-1.7b-legacy",
    ]

    /// The repository root, three folders above this source file (Sources/Studio/App).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    var explicitPath: String?
    var environment: [String: String]
    var homeDirectory: String
    /// The config file's `model =`, already read.
    var configuredPath: String?
    var fileManager = FileManager.default

    init(explicitPath: String?, environment: [String: String], homeDirectory: String, configuredPath: String? = nil) {
        self.explicitPath = explicitPath
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.configuredPath = configuredPath
    }

    /// The locator for this process: its environment, home folder and config file.
    static func standard(explicitPath: String?, environment: [String: String]) -> ModelLocator {
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let config = StudioConfig.load(file: StudioConfig.file(environment: environment, homeDirectory: home))
        return ModelLocator(explicitPath: explicitPath, environment: environment, homeDirectory: home, configuredPath: config.model)
    }

    /// Every place in search order, with what it holds.
    func candidates() -> [Candidate] {
        var result: [Candidate] = []
        result.append(namedCandidate(source: "--model", name: explicitPath))
        result.append(namedCandidate(source: "$STUDIO_MODEL", name: nonEmpty(environment["STUDIO_MODEL"])))
        result.append(namedCandidate(source: "config model", name: nonEmpty(configuredPath)))
        for (source, cache) in hubCaches() {
            result.append(hubCandidate(source: source, cache: cache))
        }
        result.append(contentsOf: modelScopeCaches().map { folderCandidate(source: $0.0, path: $0.1) })
        result.append(folderCandidate(source: "bundled demo",
                                      path: Self.repositoryRoot.appendingPathComponent("models/demo").path))
        return result
    }

    /// The first place that holds a complete model, if any. A `--model` folder is authoritative: when it
    /// is given, nothing else is considered, so a typo never silently falls back to another model.
    func firstComplete() -> ModelFolder? {
        let places = candidates()
        for candidate in explicitPath == nil ? places : Array(places.prefix(1)) {
            if case .found(let folder) = candidate.status, folder.isComplete { return folder }
        }
        return nil
    }

    /// Hugging Face's cache folders as huggingface_hub resolves them: HF_HUB_CACHE, then
    /// HF_HOME/hub, then XDG_CACHE_HOME/huggingface/hub, then ~/.cache/huggingface/hub.
    func hubCaches() -> [(String, String?)] {
        var caches: [(String, String?)] = [
            ("$HF_HUB_CACHE", nonEmpty(environment["HF_HUB_CACHE"])),
            ("$HF_HOME/hub", nonEmpty(environment["HF_HOME"]).map { $0 + "/hub" }),
        ]
        if let xdg = nonEmpty(environment["XDG_CACHE_HOME"]) {
            caches.append(("$XDG_CACHE_HOME/huggingface/hub", xdg + "/huggingface/hub"))
        }
        caches.append(("~/.cache/huggingface/hub", homeDirectory + "/.cache/huggingface/hub"))
        return caches
    }

    /// ModelScope's download folders for damo/text-to-video-synthesis: `$MODELSCOPE_CACHE` (its `hub/`
    /// subfolder, as modelscope lays it out, or the folder itself), then ~/.cache/modelscope/hub.
    func modelScopeCaches() -> [(String, String?)] {
        let model = "damo/text-to-video-synthesis"
        var caches: [(String, String?)] = []
        if let cache = nonEmpty(environment["MODELSCOPE_CACHE"]) {
            let nested = cache + "/hub/" + model
            caches.append(("$MODELSCOPE_CACHE", isDirectory(nested) ? nested : cache + "/" + model))
        } else {
            caches.append(("$MODELSCOPE_CACHE", nil))
        }
        caches.append(("~/.cache/modelscope/hub", homeDirectory + "/.cache/modelscope/hub/" + model))
        return caches
    }

    /// A folder, or else a hub name (`owner/name`) found in one of the Hugging Face caches.
    private func namedCandidate(source: String, name: String?) -> Candidate {
        guard let name else { return Candidate(source: source, path: nil, status: .notSet) }
        if !isDirectory(name), let repository = Self.hubFolderName(name) {
            for (_, cache) in hubCaches() {
                guard let cache, isDirectory(cache + "/" + repository) else { continue }
                let repoPath = cache + "/" + repository
                guard let snapshot = snapshot(in: repoPath) else { return Candidate(source: source, path: repoPath, status: .absent) }
                return Candidate(source: source, path: repoPath, status: .found(inspect(snapshot)))
            }
        }
        return folderCandidate(source: source, path: name)
    }

    /// `models--OWNER--NAME` for a hub name `OWNER/NAME`; nil for anything that is not one.
    static func hubFolderName(_ name: String) -> String? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") && $0.unicodeScalars.allSatisfy(allowed.contains) }) else {
            return nil
        }
        return "models--\(parts[0])--\(parts[1])"
    }

    private func folderCandidate(source: String, path: String?) -> Candidate {
        guard let path else { return Candidate(source: source, path: nil, status: .notSet) }
        guard isDirectory(path) else { return Candidate(source: source, path: path, status: .absent) }
        return Candidate(source: source, path: path, status: .found(inspect(path)))
    }

    private func hubCandidate(source: String, cache: String?) -> Candidate {
        guard let cache else { return Candidate(source: source, path: nil, status: .notSet) }
        for repository in Self.hubRepositories {
            let repoPath = cache + "/" + repository
            guard isDirectory(repoPath) else { continue }
            guard let snapshot = snapshot(in: repoPath) else {
                return Candidate(source: source, path: repoPath, status: .absent)
            }
            return Candidate(source: source, path: repoPath, status: .found(inspect(snapshot)))
        }
        return Candidate(source: source, path: cache, status: .absent)
    }

    /// The snapshot `refs/main` points at, else the most recently changed snapshot.
    func snapshot(in repositoryPath: String) -> String? {
        let snapshots = repositoryPath + "/snapshots"
        if let ref = try? String(contentsOfFile: repositoryPath + "/refs/main", encoding: .utf8) {
            let path = snapshots + "/" + ref.trimmingCharacters(in: .whitespacesAndNewlines)
            if isDirectory(path) { return path }
        }
        let names = (try? fileManager.contentsOfDirectory(atPath: snapshots)) ?? []
        let dated = names.map { snapshots + "/" + $0 }.filter(isDirectory).map { path in
            (path, (try? fileManager.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast)
        }
        return dated.max { $0.1 < $1.1 }?.0
    }

    func inspect(_ root: String) -> ModelFolder {
        if !fileManager.fileExists(atPath: root + "/model_index.json"), fileManager.fileExists(atPath: root + "/configuration.json") {
            // OpenCLIP's vocabulary file stands in for the tokenizer folder, which is built from it.
            let vocabulary = OpenCLIPVocabulary.fileNames.contains { fileManager.fileExists(atPath: root + "/" + $0) }
            let present = Self.modelScopeParts.filter { fileManager.fileExists(atPath: root + "/" + $0) || ($0 == "tokenizer" && vocabulary) }
            return ModelFolder(root: root, hasModelIndex: true, presentComponents: present,
                               missingComponents: Self.modelScopeParts.filter { !present.contains($0) }, layout: .modelScope)
        }
        let present = Self.components.filter { isDirectory(root + "/" + $0) }
        return ModelFolder(root: root,
                           hasModelIndex: fileManager.fileExists(atPath: root + "/model_index.json"),
                           presentComponents: present,
                           missingComponents: Self.components.filter { !present.contains($0) })
    }

    /// Every text-to-video model in the Hugging Face caches (any repository whose snapshot is a
    /// diffusers TextToVideoSDPipeline), by hub name, for `studio models`.
    func hubModels() -> [(name: String, folder: ModelFolder)] {
        var seen: Set<String> = []
        var result: [(String, ModelFolder)] = []
        for (_, cache) in hubCaches() {
            guard let cache, let entries = try? fileManager.contentsOfDirectory(atPath: cache) else { continue }
            for entry in entries.sorted() where entry.hasPrefix("models--") {
                let name = entry.dropFirst("models--".count).replacingOccurrences(of: "--", with: "/")
                guard !seen.contains(name), let snapshot = snapshot(in: cache + "/" + entry),
                      let index = try? Data(contentsOf: URL(fileURLWithPath: snapshot + "/model_index.json")),
                      let object = try? JSONSerialization.jsonObject(with: index) as? [String: Any],
                      object["_class_name"] as? String == "TextToVideoSDPipeline" else { continue }
                seen.insert(name)
                result.append((name, inspect(snapshot)))
            }
        }
        return result
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return fileManager.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
