import Foundation

/// Resolves the model a command uses: `--model` when given (it must be a diffusers-layout folder),
/// otherwise the first complete model in ModelLocator's search order (ending with the bundled demo).
enum ModelOption {
    static func resolve(_ path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        let locator = ModelLocator(explicitPath: path, environment: environment, homeDirectory: home)
        if let path {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CLIError("--model \(path): no such folder")
            }
            guard FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("model_index.json")) else {
                throw CLIError("--model \(path): not a diffusers-layout model (no model_index.json)")
            }
            if case .found(let folder)? = locator.candidates().first?.status, !folder.missingComponents.isEmpty {
                throw CLIError("--model \(path): missing \(folder.missingComponents.joined(separator: ", "))")
            }
            return URL(fileURLWithPath: path)
        }
        guard let found = locator.firstComplete() else {
            throw CLIError("no model found: pass --model DIR or set STUDIO_MODEL (`studio doctor` lists where studio looks)")
        }
        return URL(fileURLWithPath: found.root)
    }
}
