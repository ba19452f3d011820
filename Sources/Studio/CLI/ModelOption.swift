import Engine
import Foundation

/// Resolves the model a command uses: `--model` when given (a diffusers or ModelScope folder, or a hub
/// name in the Hugging Face cache), otherwise the first complete model in ModelLocator's search order
/// (`$STUDIO_MODEL`, the config file, the caches, ending with the bundled demo).
enum ModelOption {
    static func resolve(_ path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        try resolve(path, locator: ModelLocator.standard(explicitPath: path, environment: environment))
    }

    static func resolve(_ path: String?, locator: ModelLocator) throws -> URL {
        if let path {
            guard let given = locator.candidates().first, given.source == "--model" else {
                throw CLIError("--model \(path): not found")
            }
            switch given.status {
            case .notSet, .absent:
                let hub = ModelLocator.hubFolderName(path) != nil ? " (nor a model of that name in the Hugging Face cache; `studio pull \(path)` downloads it)" : ""
                throw CLIError("--model \(path): no such folder\(hub)")
            case .found(let folder):
                guard folder.hasModelIndex else {
                    throw CLIError("--model \(path): not a model folder (no model_index.json, nor ModelScope's configuration.json)")
                }
                guard folder.missingComponents.isEmpty else {
                    let hint = folder.layout == .modelScope && folder.missingComponents.contains("tokenizer")
                        ? " (\(WeightError.missingTokenizer(URL(fileURLWithPath: folder.root)).description))" : ""
                    throw CLIError("--model \(path): missing \(folder.missingComponents.joined(separator: ", "))\(hint)")
                }
                return URL(fileURLWithPath: folder.root)
            }
        }
        guard let found = locator.firstComplete() else {
            throw CLIError("no model found: pass --model DIR or set STUDIO_MODEL (`studio doctor` lists where studio looks)")
        }
        return URL(fileURLWithPath: found.root)
    }
}
