import ArgumentParser
import Foundation

/// The `studio` executable: with no subcommand it opens the interactive studio.
@main
struct StudioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studio",
        abstract: "A terminal studio for text-to-video diffusion (ModelScope text-to-video on the CPU).",
        version: StudioVersion.current,
        subcommands: [OpenCommand.self, GenerateCommand.self, ExportCommand.self, HistoryCommand.self, InfoCommand.self,
                      TokensCommand.self, DoctorCommand.self, ModelsCommand.self, PullCommand.self],
        defaultSubcommand: OpenCommand.self
    )

    /// Usage mistakes and fixable failures exit 2 with one line, instead of ArgumentParser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            FileHandle.standardError.write("studio: \(error.description)\n")
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write("studio: \(message(for: error))\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
