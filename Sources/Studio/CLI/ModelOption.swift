import Foundation

/// Resolves `--model`: a given folder, else $STUDIO_MODEL, else the bundled demo model.
enum ModelOption {
    static func resolve(_ path: String?) throws -> URL {
        if let path {
            return try existingFolder(path, from: "--model")
        }
        if let env = ProcessInfo.processInfo.environment["STUDIO_MODEL"], !env.isEmpty {
            return try existingFolder(env, from: "$STUDIO_MODEL")
        }
        let demo = bundledDemoModel
        guard FileManager.default.fileExists(atPath: demo.appendingPathComponent("model_index.json").path) else {
            throw CLIError("no model: pass --model DIR (a diffusers-layout folder) or set STUDIO_MODEL; the bundled demo model is missing at \(demo.path)")
        }
        return demo
    }

    /// `models/demo` of the checkout this binary was built from.
    static var bundledDemoModel: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models/demo")
    }

    private static func existingFolder(_ path: String, from source: String) throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("\(source) \(path): no such folder")
        }
        guard FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("model_index.json")) else {
            throw CLIError("\(source) \(path): not a diffusers-layout model (no model_index.json)")
        }
        return URL(fileURLWithPath: path)
    }
}
