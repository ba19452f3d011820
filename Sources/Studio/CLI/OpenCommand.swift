import ArgumentParser

// Placeholder until its issue lands: the command exists so the CLI's shape is fixed.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Not built yet.")
    func run() throws {
        throw ValidationError("studio open is not built yet")
    }
}
