import Foundation
import TUI

/// Finds theme files: the user's `$XDG_CONFIG_HOME/studio/themes/NAME.toml` first, then the ones
/// bundled in the repository's `themes/` folder; `default` falls back to the built-in colours.
struct ThemeLocator {
    var userDirectory: String
    var bundledDirectory: String

    init(environment: [String: String], homeDirectory: String) {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? homeDirectory + "/.config"
        userDirectory = config + "/studio/themes"
        bundledDirectory = ModelLocator.repositoryRoot.appendingPathComponent("themes").path
    }

    init(userDirectory: String, bundledDirectory: String) {
        self.userDirectory = userDirectory
        self.bundledDirectory = bundledDirectory
    }

    /// Every theme name on offer, `default` first, the rest sorted.
    func names() -> [String] {
        var names = Set(["default"])
        for directory in [userDirectory, bundledDirectory] {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".toml") { names.insert(String(file.dropLast(5))) }
        }
        return ["default"] + names.subtracting(["default"]).sorted()
    }

    /// Loads a theme by name; throws `ThemeError` naming the file, line and key of any problem.
    func load(_ name: String) throws -> Theme {
        for directory in [userDirectory, bundledDirectory] {
            let path = directory + "/" + name + ".toml"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ThemeError.unreadable(file: path, reason: "not UTF-8 text or not readable")
            }
            return try ThemeParser.parse(text, name: name, file: path)
        }
        if name == "default" { return Theme.builtIn }
        throw ThemeError.unreadable(file: userDirectory + "/" + name + ".toml",
                                    reason: "no such theme (have: \(names().joined(separator: ", ")))")
    }

    /// The theme after `current` in `names()`, skipping files that fail to load; the errors met
    /// on the way are returned so the status bar can show them.
    func next(after current: String) -> (theme: Theme?, errors: [ThemeError]) {
        let all = names()
        let start = all.firstIndex(of: current) ?? -1
        var errors: [ThemeError] = []
        for step in 1...all.count {
            let name = all[(start + step + all.count) % all.count]
            do {
                return (try load(name), errors)
            } catch let error as ThemeError {
                errors.append(error)
            } catch {
                errors.append(.unreadable(file: name, reason: "\(error)"))
            }
        }
        return (nil, errors)
    }
}
