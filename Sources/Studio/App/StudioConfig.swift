import Foundation
import TOMLKit
import TUI

/// The user's `$XDG_CONFIG_HOME/studio/config.toml`: theme, graphics mode, model, default settings
/// for a new session and remapped keys. Command-line flags win over it; it wins over the built-in
/// defaults. An entry that cannot be used is skipped and the first such problem is kept for the
/// status bar, so a typo costs one setting, not the studio.
///
/// ```toml
/// theme = "light"
/// graphics = "blocks"          # sixel | blocks | none
/// model = "~/models/text-to-video-ms-1.7b"
/// [defaults]                   # a new session's form (a saved session still comes back)
/// steps = 25
/// guidance = 7.5
/// [keys]                       # action = "key" or ["key", …]; `studio` help (?) lists actions
/// run = "ctrl-r"
/// ```
struct StudioConfig: Equatable {
    var theme: String?
    var graphics: GraphicsMode?
    var model: String?
    /// Values for the form, checked against its ranges.
    var defaults: [(field: GenerationForm.Field, text: String)] = []
    var keys: [(action: KeyMap.Action, keys: [Key])] = []
    /// The first entry that was skipped, and why.
    var problem: ConfigError?

    static func == (a: StudioConfig, b: StudioConfig) -> Bool {
        a.theme == b.theme && a.graphics == b.graphics && a.model == b.model && a.problem == b.problem
            && a.defaults.map(\.field) == b.defaults.map(\.field) && a.defaults.map(\.text) == b.defaults.map(\.text)
            && a.keys.map(\.action) == b.keys.map(\.action) && a.keys.map(\.keys) == b.keys.map(\.keys)
    }

    /// Where the file lives for this environment.
    static func file(environment: [String: String], homeDirectory: String) -> String {
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? homeDirectory + "/.config"
        return config + "/studio/config.toml"
    }

    /// Reads the file; a missing file is an empty config, an unreadable one a config with a problem.
    static func load(file: String) -> StudioConfig {
        guard FileManager.default.fileExists(atPath: file) else { return StudioConfig() }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            return StudioConfig(problem: .unreadable(file: file, reason: "not UTF-8 text or not readable"))
        }
        return parse(text, file: file)
    }

    static func parse(_ text: String, file: String) -> StudioConfig {
        var config = StudioConfig()
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            config.problem = .syntax(file: file, line: error.source.begin.line, message: error.description)
            return config
        } catch {
            config.problem = .unreadable(file: file, reason: "\(error)")
            return config
        }
        var reader = EntryReader(text: text, file: file)
        for (key, line) in reader.ordered(table.keys, table: nil) {
            let value = table[key]
            switch key {
            case "theme":
                if let name = value?.string, !name.isEmpty { config.theme = name } else {
                    reader.note(.badValue(file: file, line: line, key: key, reason: "expected a theme name in quotes"))
                }
            case "graphics":
                if let mode = value?.string.flatMap(GraphicsMode.init(rawValue:)) { config.graphics = mode } else {
                    reader.note(.badValue(file: file, line: line, key: key, reason: "expected \"sixel\", \"blocks\" or \"none\""))
                }
            case "model":
                if let path = value?.string, !path.isEmpty { config.model = NSString(string: path).expandingTildeInPath } else {
                    reader.note(.badValue(file: file, line: line, key: key, reason: "expected a folder path in quotes"))
                }
            case "defaults":
                guard let defaults = value?.table else {
                    reader.note(.badValue(file: file, line: line, key: key, reason: "expected a [defaults] table"))
                    continue
                }
                config.defaults = readDefaults(defaults, reader: &reader)
            case "keys":
                guard let keys = value?.table else {
                    reader.note(.badValue(file: file, line: line, key: key, reason: "expected a [keys] table"))
                    continue
                }
                config.keys = readKeys(keys, reader: &reader)
            default:
                reader.note(.unknownKey(file: file, line: line, key: key, known: "theme, graphics, model, [defaults], [keys]"))
            }
        }
        config.problem = reader.problem
        return config
    }

    private static func readDefaults(_ table: TOMLTable, reader: inout EntryReader) -> [(field: GenerationForm.Field, text: String)] {
        var values: [(field: GenerationForm.Field, text: String)] = []
        for (key, line) in reader.ordered(table.keys, table: "defaults") {
            guard let field = GenerationForm.Field.allCases.first(where: { $0.label == key }) else {
                let known = GenerationForm.Field.allCases.map(\.label).joined(separator: ", ")
                reader.note(.unknownKey(file: reader.file, line: line, key: "defaults.\(key)", known: known))
                continue
            }
            let value = table[key]
            let text: String?
            if field == .sampler {
                text = value?.string.flatMap { GenerationForm.samplers.contains($0) ? $0 : nil }
            } else if field == .guidance {
                text = (value?.double ?? value?.int.map(Double.init)).map { String($0) }
            } else {
                text = value?.int.flatMap { $0 >= 0 ? String($0) : nil }
            }
            var probe = GenerationForm()
            guard let text, field == .sampler || probe.set(field, typed: text) == .accepted else {
                reader.note(.badValue(file: reader.file, line: line, key: "defaults.\(key)", reason: allowed(field)))
                continue
            }
            values.append((field, text))
        }
        return values
    }

    private static func allowed(_ field: GenerationForm.Field) -> String {
        switch field {
        case .seed: return "expected a whole number in \(GenerationForm.seedRange)"
        case .steps: return "expected a whole number in \(GenerationForm.stepsRange)"
        case .guidance: return "expected a number in 0…30 with at most one decimal"
        case .frames: return "expected a whole number in \(GenerationForm.framesRange)"
        case .width, .height: return "expected a multiple of 64 in \(GenerationForm.sideRange)"
        case .sampler: return "expected one of \(GenerationForm.samplers.map { "\"\($0)\"" }.joined(separator: ", "))"
        }
    }

    private static func readKeys(_ table: TOMLTable, reader: inout EntryReader) -> [(action: KeyMap.Action, keys: [Key])] {
        var remaps: [(action: KeyMap.Action, keys: [Key])] = []
        let remappable = Set(KeyMap.standard.bindings.filter { KeyMap.remappableContexts.contains($0.context) }.map(\.action))
        for (key, line) in reader.ordered(table.keys, table: "keys") {
            guard let action = KeyMap.Action(rawValue: key), remappable.contains(action) else {
                let known = KeyMap.Action.allCases.filter(remappable.contains).map(\.rawValue).joined(separator: ", ")
                reader.note(.unknownKey(file: reader.file, line: line, key: "keys.\(key)", known: known))
                continue
            }
            let value = table[key]
            let names = value?.string.map { [$0] } ?? value?.array.map { array in array.map { $0.string ?? "" } } ?? []
            let keys = names.compactMap(Key.init(name:))
            guard !names.isEmpty, keys.count == names.count else {
                let bad = names.first { Key(name: $0) == nil }.map { " (\"\($0)\" is not a key)" } ?? ""
                reader.note(.badValue(file: reader.file, line: line, key: "keys.\(key)",
                                      reason: "expected a key such as \"ctrl-g\", \"f5\", \"enter\" or \"x\", or a list of them" + bad))
                continue
            }
            remaps.append((action, keys))
        }
        return remaps
    }

    /// Puts the `[defaults]` values into a new session's form.
    func apply(to form: inout GenerationForm) {
        for (field, text) in defaults {
            if field == .sampler { form.sampler = text } else { _ = form.set(field, typed: text) }
        }
    }

    /// The built-in key table with the `[keys]` remaps applied in file order.
    var keyMap: KeyMap {
        keys.reduce(KeyMap.standard) { $0.remapped($1.action, to: $1.keys) }
    }

    /// Finds entries' lines and keeps the first problem.
    private struct EntryReader {
        let text: String
        let file: String
        var problem: ConfigError?

        mutating func note(_ error: ConfigError) {
            if problem == nil { problem = error }
        }

        /// Keys in the order the file writes them, with their lines (0 when not found).
        func ordered(_ keys: [String], table: String?) -> [(String, Int)] {
            keys.map { ($0, TOMLKeyLine.find($0, table: table, in: text) ?? TOMLKeyLine.tableLine($0, in: text) ?? 0) }
                .sorted { $0.1 < $1.1 }
        }
    }
}

/// Why (part of) the config file was not used; one line naming file, line and key.
enum ConfigError: Error, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case syntax(file: String, line: Int, message: String)
    case unknownKey(file: String, line: Int, key: String, known: String)
    case badValue(file: String, line: Int, key: String, reason: String)

    var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "config \(file): cannot read it (\(reason)); using the defaults"
        case .syntax(let file, let line, let message):
            return "config \(file):\(line): not valid TOML: \(message); using the defaults"
        case .unknownKey(let file, let line, let key, let known):
            return "config \(file):\(line): unknown key `\(key)` (known: \(known)); ignored"
        case .badValue(let file, let line, let key, let reason):
            return "config \(file):\(line): key `\(key)`: \(reason); ignored"
        }
    }
}
