import ArgumentParser

// Placeholder until its issue lands: the command exists so the CLI's shape is fixed.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Not built yet.")
    func run() throws {
        throw ValidationError("studio generate is not built yet")
    }
}
