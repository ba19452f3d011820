import Foundation

/// Finds the text-to-video model on disk: the places studio looks, in order, and what each holds.
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

    /// A model folder in diffusers layout and which of its parts are present.
    struct ModelFolder: Equatable {
        /// The folder that holds `model_index.json` and the component folders (a snapshot for caches).
        var root: String
        var hasModelIndex: Bool
        var presentComponents: [String]
        var missingComponents: [String]
        var isComplete: Bool { hasModelIndex && missingComponents.isEmpty }
    }

    /// The components TextToVideoSDPipeline loads, each a folder beside `model_index.json`.
    static let components = ["text_encoder", "tokenizer", "unet", "vae", "scheduler"]
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
    var fileManager = FileManager.default

    /// Every place in search order, with what it holds.
    func candidates() -> [Candidate] {
        var result: [Candidate] = []
        result.append(folderCandidate(source: "--model", path: explicitPath))
        result.append(folderCandidate(source: "$STUDIO_MODEL", path: nonEmpty(environment["STUDIO_MODEL"])))
        for (source, cache) in hubCaches() {
            result.append(hubCandidate(source: source, cache: cache))
        }
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
        let present = Self.components.filter { isDirectory(root + "/" + $0) }
        return ModelFolder(root: root,
                           hasModelIndex: fileManager.fileExists(atPath: root + "/model_index.json"),
                           presentComponents: present,
                           missingComponents: Self.components.filter { !present.contains($0) })
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
