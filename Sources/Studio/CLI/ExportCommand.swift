import ArgumentParser
import Engine
import Foundation

/// `studio export ITEM --output PATH`: a clip from the history written as a video, .npy or PNG frames, through
/// the same checks and writer as `studio generate --output`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a clip from the history (see `studio history`) to .mp4, .webm, .gif, .npy or PNG frames.")

    @Argument(help: ArgumentHelp("The history entry's number.", valueName: "item"))
    var item: String
    @OptionGroup var export: ExportOptions

    func validate() throws {
        guard HistoryCommand.entryID(item) != nil else { throw ValidationError("\(item) is not a history entry number") }
    }

    func run() throws {
        let id = HistoryCommand.entryID(item)!
        let store = try HistoryCommand.open()
        let clip: GeneratedClip
        let entry: HistoryEntry
        do {
            entry = try store.entry(id: id)
            clip = try store.clip(of: entry)
        } catch {
            throw CLIError("\(error)")
        }
        try export.write(clip, modelName: entry.modelName, modelWeightsHash: entry.modelWeightsHash, historyID: id)
    }
}
