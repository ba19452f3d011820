import ArgumentParser

/// The `studio` executable: with no subcommand it opens the interactive studio.
@main
struct StudioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studio",
        abstract: "A terminal studio for text-to-video diffusion (ModelScope text-to-video on the CPU).",
        version: StudioVersion.current,
        subcommands: [OpenCommand.self, GenerateCommand.self, TokensCommand.self, DoctorCommand.self],
        defaultSubcommand: OpenCommand.self
    )
}
