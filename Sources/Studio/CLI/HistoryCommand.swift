import ArgumentParser
import Engine
import Foundation

/// `studio history`: the finished generations, newest first; `studio history delete ID` removes one.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List, search or delete the clips generated so far (kept in $XDG_DATA_HOME/studio).",
        subcommands: [List.self, Delete.self, FillForTests.self],
        defaultSubcommand: List.self)

    /// "12" or "#12" as an entry number.
    static func entryID(_ text: String) -> Int64? {
        Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text).flatMap { $0 > 0 ? $0 : nil }
    }

    static func open() throws -> HistoryStore {
        do { return try HistoryStore() } catch { throw CLIError("\(error)") }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the history, newest first.")

        @Option(help: "Only entries whose prompt or negative prompt contains this text (any case).")
        var search: String?
        @Option(help: "At most this many entries.")
        var limit: Int?
        @Flag(help: "Print the entries as a JSON array.")
        var json = false

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit)") }
        }

        func run() throws {
            let store = try HistoryCommand.open()
            let entries = try store.entries(matching: search, limit: limit)
            if json {
                print(try HistoryCommand.json(entries, store: store))
            } else if entries.isEmpty {
                FileHandle.standardError.write(search == nil ? "studio: the history is empty\n" : "studio: nothing matches \(search!)\n")
            } else {
                print(entries.map(HistoryCommand.line).joined(separator: "\n"))
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an entry and its files.")

        @Argument(help: ArgumentHelp("The entry's number, as `studio history` lists it.", valueName: "id"))
        var id: String

        func validate() throws {
            guard HistoryCommand.entryID(id) != nil else { throw ValidationError("\(id) is not a history entry number") }
        }

        func run() throws {
            let entryID = HistoryCommand.entryID(id)!
            guard try HistoryCommand.open().delete(id: entryID) else { throw CLIError(HistoryError.noSuchEntry(id: entryID).description) }
            FileHandle.standardError.write("studio: deleted #\(entryID)\n")
        }
    }

    /// "#12  2026-12-04 16:30  seed 7, 50 steps, 16×256×256, 12.3 s  a red circle moving left".
    static func line(_ entry: HistoryEntry) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let facts = "seed \(entry.seed), \(entry.steps) steps, \(entry.frames)×\(entry.width)×\(entry.height), "
            + String(format: "%.1f s", entry.seconds)
        return "#\(entry.id ?? 0)  \(formatter.string(from: entry.createdAt))  \(facts)  \(entry.prompt)"
    }

    static func json(_ entries: [HistoryEntry], store: HistoryStore) throws -> String {
        let objects: [[String: Any]] = entries.map { entry in
            let folder = store.folderURL(of: entry)
            return [
                "id": entry.id ?? 0, "created_at": ISO8601DateFormatter().string(from: entry.createdAt),
                "prompt": entry.prompt, "negative_prompt": entry.negativePrompt ?? NSNull(), "seed": entry.seed,
                "steps": entry.steps, "guidance": entry.guidance, "sampler": entry.sampler, "frames": entry.frames,
                "width": entry.width, "height": entry.height, "model_name": entry.modelName,
                "model_weights_hash": entry.modelWeightsHash ?? NSNull(), "studio_version": entry.studioVersion,
                "seconds": entry.seconds, "folder": folder.path,
                "thumbnail": folder.appendingPathComponent(entry.thumbnail).path,
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
